// Telemetry for a component built on finoauth that calls a backing service (a token store's database):
// a CLIENT span per operation and a duration histogram, through the same option as the rest of finoauth.

import type { Attributes, HistogramLike, TelemetryOption } from "./otel-types.js";
import { SPAN_KIND } from "./otel-types.js";
import { clean, endSpan, errorAttributes, Telemetry } from "./telemetry.js";
import { checkTelemetry } from "./telemetry-options.js";

/** Runs a component's operations inside spans; see {@link createOperationTelemetry}. */
export interface OperationTelemetry {
  /**
   * Runs `operation` inside a CLIENT span named `name` with `attributes` (never put a secret, a token or
   * a stored record in them), and records its duration in the component's histogram.
   */
  run<T>(name: string, attributes: Attributes, operation: () => Promise<T>): Promise<T>;
}

/** The histogram a component records its operations' durations in (seconds). */
export interface OperationMetric {
  name: string;
  description: string;
}

/**
 * Telemetry for a component's operations (the Redis store's round trips): `option` is the component's
 * `telemetry` option (default: the global OpenTelemetry providers; `false`: none); checked here.
 */
export function createOperationTelemetry(
  option: TelemetryOption | undefined,
  metric: OperationMetric,
): OperationTelemetry {
  checkTelemetry({ telemetry: option });
  const telemetry = Telemetry.of(option, undefined);
  let histogram: HistogramLike | undefined;
  return {
    async run(name, attributes, operation) {
      if (!telemetry.enabled) return operation();
      await telemetry.ready();
      if (!telemetry.enabled) return operation();
      const span = telemetry.startSpan(name, SPAN_KIND.CLIENT, attributes);
      const start = performance.now();
      const done = (error: unknown) => {
        const { errorKind } = errorAttributes(error);
        const errorType = error === undefined ? undefined : (errorKind ?? (error as Error)?.name ?? "_OTHER");
        endSpan(span, error === undefined ? "ok" : "error", { "error.type": errorType });
        const meter = telemetry.meter;
        if (meter) {
          histogram ??= meter.createHistogram(metric.name, { unit: "s", description: metric.description });
          histogram.record((performance.now() - start) / 1000, clean({ ...attributes, "error.type": errorType }));
        }
      };
      try {
        const value = await telemetry.within(span, operation);
        done(undefined);
        return value;
      } catch (error) {
        done(error ?? new Error("operation failed"));
        throw error;
      }
    },
  };
}
