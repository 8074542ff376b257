// Builds dist/: one ES module per entry point (the engine, /node (src/keep-alive.ts), /did-you-mean, each provider, /all), with the engine's
// modules bundled into shared chunks, so that importing the engine reads 2 files instead of 15 (each module
// costs Node about a millisecond to resolve, read and compile). Types come from tsc (emitDeclarationOnly).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { build } from "esbuild";

const providers = readdirSync("src/providers")
  .filter((file) => file.endsWith(".ts"))
  .map((file) => `src/providers/${file}`);
const { metafile } = await build({
  entryPoints: ["src/index.ts", "src/keep-alive.ts", "src/did-you-mean.ts", ...providers],
  outdir: "dist",
  outbase: "src",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  // The clients are peer dependencies, node: built-ins are Node's, jose and undici are dependencies loaded
  // only by the flows that need them (FAPI), and @opentelemetry/api is an optional peer: none is bundled.
  external: ["@finoauth/*", "node:*", "jose", "undici", "@opentelemetry/api"],
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "warning",
  metafile: true,
});
dropPreloadImports(metafile);

/**
 * esbuild's code splitting gives each entry a bare `import "./chunks/x.js"` for every chunk it reaches through
 * other chunks, only so that a browser starts fetching them at once. The chunks run nothing on import (hence
 * "sideEffects": false), so whoever bundles this package with esbuild (the CLI's build, a user's) was warned
 * that each is ignored ("ignored-bare-import"). A bare import of a chunk the entry reaches anyway through its
 * named imports changes no evaluation order: it is dropped. One the entry would not otherwise reach stays.
 * @param {import("esbuild").Metafile} meta
 */
function dropPreloadImports(meta) {
  const importsOf = (file) =>
    (meta.outputs[file]?.imports ?? []).filter((i) => i.kind === "import-statement" && !i.external).map((i) => i.path);
  for (const [file, output] of Object.entries(meta.outputs)) {
    if (!output.entryPoint) continue;
    const text = readFileSync(file, "utf8");
    const bare = [...text.matchAll(/^import "(\.\.?\/[^"]+)";\n/gm)].map(([line, path]) => ({
      line,
      target: join(dirname(file), path),
    }));
    const reached = new Set();
    const queue = importsOf(file).filter((target) => !bare.some((b) => b.target === target));
    while (queue.length > 0) {
      const next = queue.shift();
      if (reached.has(next)) continue;
      reached.add(next);
      queue.push(...importsOf(next));
    }
    const dropped = bare.filter((b) => reached.has(b.target));
    if (dropped.length > 0)
      writeFileSync(
        file,
        dropped.reduce((out, b) => out.replace(b.line, ""), text),
      );
  }
}
