// Finds `@opentelemetry/api` when the application has it, without a static import: the package is an
// optional peer, and a bundle for a browser or a worker must not need it.
import type { OtelApi } from "./otel-types.js";

// In a variable, so that bundlers leave the import alone (it may be absent: then telemetry is off).
const SPECIFIER = "@opentelemetry/api";

let api: OtelApi | null | undefined;
let loading: Promise<OtelApi | null> | undefined;

/**
 * The OpenTelemetry API: the module once loaded, `null` when it is not installed, or the promise of one of
 * them the first time (a dynamic import, made once per process, on the first call that needs it).
 */
export function otelApi(): OtelApi | null | Promise<OtelApi | null> {
  if (api !== undefined) return api;
  loading ??= import(/* @vite-ignore */ /* webpackIgnore: true */ SPECIFIER).then(
    (module: OtelApi & { default?: OtelApi }) => (api = module.trace ? module : (module.default ?? null)),
    () => (api = null),
  );
  return loading;
}
