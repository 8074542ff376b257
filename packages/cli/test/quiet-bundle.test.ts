// The CLI's build bundles @finoauth/auth's dist with esbuild, as a user's bundler would: it must be quiet.
// esbuild's code splitting had left bare `import "./chunks/…"` lines in the engine's entries (preload hints),
// which a bundler warns it ignores in a "sideEffects": false package (ignored-bare-import).

import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const cliDir = fileURLToPath(new URL("..", import.meta.url));
const { exports } = (await import("@finoauth/auth/package.json", { with: { type: "json" } })).default as {
  exports: Record<string, unknown>;
};
const entries = Object.keys(exports)
  .filter((subpath) => subpath !== "./package.json")
  .map((subpath) => `@finoauth/auth${subpath.slice(1)}`);

describe("bundling @finoauth/auth with esbuild", () => {
  it("gives no warning for any of its entry points", async () => {
    expect(entries).toContain("@finoauth/auth/all");
    const contents = entries.map((entry, i) => `export * as e${i} from "${entry}";`).join("\n");
    const result = await build({
      stdin: { contents, resolveDir: cliDir },
      bundle: true,
      splitting: false,
      write: false,
      format: "esm",
      platform: "node",
      logLevel: "silent",
    });
    expect(result.warnings.map((warning) => warning.text)).toEqual([]);
    expect(result.outputFiles[0]!.text).toContain("createProvider");
  });
});
