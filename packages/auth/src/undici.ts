// undici, loaded when first needed: the keep-alive transport's pools and the default path's client
// certificate on Node. Never at import time, so that Bun, Deno, workers and browsers load the modules
// that mention it (and bundlers leave it out).
import type * as Undici from "undici";
import { tlsRuntime } from "./fapi/tls.js";

/**
 * Whether undici can be the HTTP client here: Node, not Bun or Deno (they say they are Node too, see
 * tlsRuntime), nor workerd's `nodejs_compat` (which has `process.versions.node` but no undici to import).
 */
export const undiciRuns = (): boolean =>
  tlsRuntime.detect() === "node" &&
  (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent !== "Cloudflare-Workers";

/**
 * undici's module name, in a variable: a bundler (esbuild for a worker, a browser build) leaves the import
 * alone instead of pulling undici and its `node:` modules into a bundle. It resolves at run time from
 * `@finoauth/auth`'s own dependencies (and the CLI's).
 */
const UNDICI = "undici";

let loading: Promise<typeof Undici> | undefined;

/** undici's module, imported once per process; a failed import (undici missing) is tried again next time. */
export function importUndici(): Promise<typeof Undici> {
  loading ??= (import(/* @vite-ignore */ /* webpackIgnore: true */ UNDICI) as Promise<typeof Undici>).then(
    // A bundler that turns undici (CommonJS) into a chunk may give only a default export.
    (loaded) => ("Agent" in loaded ? loaded : (loaded as { default: typeof Undici }).default),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
