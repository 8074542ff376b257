// Build step: bundles the CLI into dist/ (one entry, each command in a chunk loaded when it runs), so that
// `finoauth --help` reads a couple of files instead of some forty modules. @finoauth/auth, the clients and
// openapi-fetch are bundled, so the published package has no runtime dependency; @finoauth/mock (Prism,
// for `mock` and `demo`) stays external: an optional peer, loaded with import() when one of them runs.
// postman-collection (for `docs-check` on Postman docs) likewise.

import { providers } from "@finoauth/auth/all";
import { build } from "esbuild";

// The top-level help lists the providers without loading them: their names, from the registry, baked in.
const providerNames = Object.values(providers).map((definition) => definition.id);

await build({
  entryPoints: ["src/bin.ts"],
  outdir: "dist",
  outbase: "src",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // postman-collection (docs-check, Postman docs only): an optional peer too, megabytes with its dependencies.
  external: ["@finoauth/mock", "@finoauth/mock/*", "postman-collection"],
  chunkNames: "[name]-[hash]",
  define: { FINOAUTH_PROVIDER_NAMES: JSON.stringify(providerNames) },
  // CommonJS packages bundled into ESM (yaml's Node build, for docs-check) require Node built-ins: give
  // the chunks a real `require`, as esbuild's ESM output has none.
  banner: {
    js: 'import { createRequire as __finoauthRequire } from "node:module"; const require = __finoauthRequire(import.meta.url);',
  },
  logLevel: "warning",
});
