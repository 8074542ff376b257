// The parts of the OpenTelemetry API finoauth uses, described structurally: `@finoauth/auth`'s types never
// name `@opentelemetry/api` (an optional peer), and a Tracer or Meter from any 1.x API fits them.

/** An attribute value, as OpenTelemetry takes it. */
export type AttributeValue = string | number | boolean;

/** Span and metric attributes. */
export type Attributes = Record<string, AttributeValue | undefined>;

/** What identifies a span, for links. */
export interface SpanContextLike {
  traceId: string;
  spanId: string;
  traceFlags: number;
}

/** A span (`@opentelemetry/api` `Span`). */
export interface SpanLike {
  setAttributes(attributes: Attributes): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  addLink?(link: { context: SpanContextLike }): unknown;
  spanContext(): SpanContextLike;
  isRecording(): boolean;
  updateName?(name: string): unknown;
  end(): void;
}

/** A tracer (`@opentelemetry/api` `Tracer`). */
export interface TracerLike {
  startSpan(
    name: string,
    options?: { kind?: number; attributes?: Attributes; links?: { context: SpanContextLike }[] },
    context?: unknown,
  ): SpanLike;
}

/** A histogram (`@opentelemetry/api` `Histogram`). */
export interface HistogramLike {
  record(value: number, attributes?: Attributes): void;
}

/** A counter (`@opentelemetry/api` `Counter`). */
export interface CounterLike {
  add(value: number, attributes?: Attributes): void;
}

/** A meter (`@opentelemetry/api` `Meter`). */
export interface MeterLike {
  createHistogram(name: string, options?: { description?: string; unit?: string }): HistogramLike;
  createCounter(name: string, options?: { description?: string; unit?: string }): CounterLike;
}

/**
 * Where finoauth's spans and metrics go. Default: the global tracer and meter providers of
 * `@opentelemetry/api` when it is installed (nothing is imported, and nothing costs, when it is not);
 * `false` turns telemetry off.
 */
export type TelemetryOption = { tracer?: TracerLike | undefined; meter?: MeterLike | undefined } | false;

/** The slice of `@opentelemetry/api` finoauth calls. */
export interface OtelApi {
  trace: {
    getTracer(name: string, version?: string): TracerLike;
    getTracerProvider?(): unknown;
    setSpan(context: unknown, span: SpanLike): unknown;
    getSpanContext(context: unknown): SpanContextLike | undefined;
  };
  metrics: { getMeter(name: string, version?: string): MeterLike };
  /** The API's no-op meter (a singleton): what `getMeter` gives while no SDK is registered. */
  createNoopMeter?(): MeterLike;
  context: { active(): unknown; with<T>(context: unknown, fn: () => T): T };
}

/** OpenTelemetry's SpanKind and SpanStatusCode values (stable in the 1.x API). */
export const SPAN_KIND = { INTERNAL: 0, CLIENT: 2 } as const;
export const STATUS = { OK: 1, ERROR: 2 } as const;
