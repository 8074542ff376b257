// The telemetry options createProvider, createTokenManager and the stores take, and their checks.
import { invalidOptions } from "../errors.js";
import type { OnEvent } from "./events.js";
import type { TelemetryOption } from "./otel-types.js";

/** Options of every component that reports telemetry. */
export interface TelemetryOptions {
  /**
   * Where spans and metrics go: `{ tracer, meter }` (either may be left out), or `false` for none. Default:
   * the global providers of `@opentelemetry/api` when the application has it installed (an optional peer:
   * absent, nothing is imported and nothing is reported).
   */
  telemetry?: TelemetryOption | undefined;
  /** Receives every event (requests, renewals, cache reads, store calls, log lines); see {@link FinoauthEvent}. */
  onEvent?: OnEvent | undefined;
}

const hasMethod = (value: unknown, name: string) =>
  value !== null && typeof value === "object" && typeof (value as Record<string, unknown>)[name] === "function";

/** Checks the telemetry options; throws `invalid_options` naming the one to fix. */
export function checkTelemetry(options: TelemetryOptions, provider?: string): void {
  const { telemetry, onEvent } = options;
  if (onEvent !== undefined && typeof onEvent !== "function")
    throw invalidOptions("onEvent must be a function (event) => void", provider);
  if (telemetry === undefined || telemetry === false) return;
  if (telemetry === null || typeof telemetry !== "object")
    throw invalidOptions("telemetry must be { tracer?, meter? } or false", provider);
  if (telemetry.tracer !== undefined && !hasMethod(telemetry.tracer, "startSpan"))
    throw invalidOptions("telemetry.tracer must be an OpenTelemetry Tracer (with startSpan)", provider);
  if (telemetry.meter !== undefined && !hasMethod(telemetry.meter, "createHistogram"))
    throw invalidOptions("telemetry.meter must be an OpenTelemetry Meter (with createHistogram)", provider);
}
