// Builds dist/: one ES module per entry point (the engine, /node (src/keep-alive.ts), /did-you-mean, each provider, /all), with the engine's
// modules bundled into shared chunks, so that importing the engine reads 2 files instead of 15 (each module
// costs Node about a millisecond to resolve, read and compile). Types come from tsc (emitDeclarationOnly).
import { readdirSync } from "node:fs";
import { build } from "esbuild";

const providers = readdirSync("src/providers").filter((file) => file.endsWith(".ts")).map((file) => `src/providers/${file}`);
await build({
  entryPoints: ["src/index.ts", "src/keep-alive.ts", "src/did-you-mean.ts", ...providers],
  outdir: "dist",
  outbase: "src",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  // The clients are peer dependencies, and node: built-ins are Node's: neither is bundled.
  external: ["@finoauth/*", "node:*"],
  chunkNames: "chunks/[name]-[hash]",
  logLevel: "warning",
});
