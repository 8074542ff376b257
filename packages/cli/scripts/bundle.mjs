// Build step: bundles the CLI into dist/ (one entry, each command in a chunk loaded when it runs), so that
// `finoauth --help` reads a couple of files instead of some forty modules. @finoauth/auth, the clients and
// openapi-fetch are bundled, so the published package has no runtime dependency; @finoauth/mock (Prism,
// for `mock` and `demo`) stays external: an optional peer, loaded with import() when one of them runs.

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
  external: ["@finoauth/mock", "@finoauth/mock/*"],
  chunkNames: "[name]-[hash]",
  define: { FINOAUTH_PROVIDER_NAMES: JSON.stringify(providerNames) },
  // undici (bundled, loaded only for mutual TLS: --tls-cert) is CommonJS and requires Node's built-ins:
  // an ES module has no `require`, so each chunk gets one (esbuild's require shim uses it when present).
  banner: {
    js: 'import { createRequire as __finoauthCreateRequire } from "node:module"; const require = __finoauthCreateRequire(import.meta.url);',
  },
  logLevel: "warning",
});
