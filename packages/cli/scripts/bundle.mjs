// Build step: bundles the CLI into dist/ (one entry per executable script, each command in a chunk loaded
// when it runs), so that `finoauth --help` reads a couple of files instead of some forty modules.
// @finoauth/auth, the clients and openapi-fetch are bundled; Prism runs as its own process and stays a package.
import { build } from "esbuild";

await build({
  entryPoints: ["src/bin.ts", "src/prism-watchdog.ts"],
  outdir: "dist",
  outbase: "src",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["@stoplight/prism-cli"],
  // Chunks beside the entries: modules find ../specs and ./prism-watchdog.js relative to their own URL.
  chunkNames: "[name]-[hash]",
  logLevel: "warning",
});
