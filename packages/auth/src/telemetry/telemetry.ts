// One component's telemetry (a provider, a token manager, a store): OpenTelemetry spans and metrics when
// the API is there (or a tracer and meter were given), and the `onEvent` hook. Off, it costs one check.
import { FinoauthError } from "../errors.js";
import type { FinoauthEvent, OnEvent, Outcome } from "./events.js";
import { otelApi } from "./otel-api.js";
import {
  type Attributes,
  type CounterLike,
  type HistogramLike,
  type MeterLike,
  type OtelApi,
  type SpanContextLike,
  type SpanLike,
  STATUS,
  type TelemetryOption,
  type TracerLike,
} from "./otel-types.js";

/** The instrumentation scope finoauth's spans and metrics are reported under. */
export const SCOPE = "@finoauth/auth";

/** finoauth's metric instruments, made once per meter. */
export interface Instruments {
  requestDuration: HistogramLike;
  requests: CounterLike;
  refreshes: CounterLike;
  cacheLookups: CounterLike;
  lockWait: HistogramLike;
  storeDuration: HistogramLike;
  storeFailures: CounterLike;
  remainingLifetime: HistogramLike;
}

const instrumentsOf = new WeakMap<MeterLike, Instruments>();

function instruments(meter: MeterLike): Instruments {
  let made = instrumentsOf.get(meter);
  if (made) return made;
  const seconds = { unit: "s" };
  made = {
    // OpenTelemetry's HTTP client metric (semantic conventions), with finoauth's attributes beside.
    requestDuration: meter.createHistogram("http.client.request.duration", {
      ...seconds,
      description: "Duration of HTTP client requests to OAuth providers.",
    }),
    requests: meter.createCounter("finoauth.requests", { description: "Provider requests, by outcome." }),
    refreshes: meter.createCounter("finoauth.refreshes", { description: "Token manager renewals, by outcome." }),
    cacheLookups: meter.createCounter("finoauth.cache.lookups", {
      description: "Token manager reads: hits (fresh cached token) and misses.",
    }),
    lockWait: meter.createHistogram("finoauth.lock.wait", {
      ...seconds,
      description: "Time a renewal waited for the store's lock.",
    }),
    storeDuration: meter.createHistogram("finoauth.store.duration", {
      ...seconds,
      description: "Duration of token store calls.",
    }),
    storeFailures: meter.createCounter("finoauth.store.failures", { description: "Token store calls that failed." }),
    remainingLifetime: meter.createHistogram("finoauth.token.remaining_lifetime", {
      ...seconds,
      description: "What was left of a token's lifetime when its renewal started.",
    }),
  };
  instrumentsOf.set(meter, made);
  return made;
}

/** The fields of an error that telemetry may carry: its kind and RFC 6749 code, never its text. */
export function errorAttributes(error: unknown): {
  errorKind?: FinoauthError["kind"] | undefined;
  oauthError?: FinoauthError["code"] | undefined;
} {
  return error instanceof FinoauthError ? { errorKind: error.kind, oauthError: error.code } : {};
}

/** Where one component's telemetry goes; see {@link Telemetry.of}. */
export class Telemetry {
  /** Telemetry that does nothing (the option was `false` and there is no `onEvent`). */
  static readonly off = new Telemetry(false, undefined);

  /** The component's telemetry from its options; `undefined` option: the global OpenTelemetry providers. */
  static of(option: TelemetryOption | undefined, onEvent: OnEvent | undefined): Telemetry {
    if (option === false && onEvent === undefined) return Telemetry.off;
    // The API is looked up when first needed (a request, a renewal, a store call, a cache read), not here:
    // loading @opentelemetry/api costs a start-up 10-20 ms that a process which never calls should not pay.
    return new Telemetry(option, onEvent);
  }

  readonly #option: TelemetryOption | undefined;
  readonly #onEvent: OnEvent | undefined;
  #api: OtelApi | null | undefined;
  #tracer: TracerLike | undefined;
  #instruments: Instruments | undefined;
  #meter: MeterLike | undefined;
  /** Whether anything listens: spans, metrics or events (true until the API is known). */
  #enabled: boolean;

  private constructor(option: TelemetryOption | undefined, onEvent: OnEvent | undefined) {
    this.#option = option;
    this.#onEvent = onEvent;
    if (option === false) this.#api = null;
    this.#enabled = onEvent !== undefined || option !== false;
  }

  /** Whether anything listens: spans, metrics or events. */
  get enabled(): boolean {
    return this.#enabled;
  }

  /**
   * Resolves the OpenTelemetry API the first time (a dynamic import, once per process): a promise to await
   * before the first span, or `undefined` once known.
   */
  ready(): Promise<void> | undefined {
    if (this.#api !== undefined) return undefined;
    const found = otelApi();
    if (found instanceof Promise) return found.then((api) => this.#use(api));
    this.#use(found);
    return undefined;
  }

  /** The meter spans' companion metrics go to, once the API is known. */
  get meter(): MeterLike | undefined {
    return this.#meter;
  }

  #use(api: OtelApi | null): void {
    if (this.#api !== undefined) return;
    this.#api = api;
    const option = this.#option || {};
    const tracer = option.tracer ?? api?.trace.getTracer(SCOPE);
    const global = api?.metrics.getMeter(SCOPE);
    // The global meter while no SDK is registered is the API's no-op one: metrics then cost nothing.
    const meter = option.meter ?? (global !== undefined && global === api?.createNoopMeter?.() ? undefined : global);
    this.#tracer = tracer;
    this.#instruments = meter ? instruments(meter) : undefined;
    this.#meter = meter;
    this.#enabled = this.#onEvent !== undefined || tracer !== undefined || meter !== undefined;
  }

  /** Whether spans can be recorded: a tracer given as an option, or an SDK behind the global one (once seen, kept). */
  #sdkRegistered(): boolean {
    if (this.#delegateSeen || (this.#option && this.#option.tracer !== undefined)) return true;
    const provider = this.#api?.trace.getTracerProvider?.() as ProxyProviderLike | undefined;
    if (provider?.getDelegateTracer === undefined) return (this.#delegateSeen = true);
    return (this.#delegateSeen = provider.getDelegateTracer(SCOPE) !== undefined);
  }
  #delegateSeen = false;

  get tracer(): TracerLike | undefined {
    return this.#tracer;
  }
  get metrics(): Instruments | undefined {
    return this.#instruments;
  }
  get api(): OtelApi | null | undefined {
    return this.#api;
  }

  /** Hands an event to `onEvent`; a consumer that throws never fails the call. */
  emit(event: FinoauthEvent): void {
    if (!this.#onEvent) return;
    try {
      this.#onEvent(event);
    } catch {
      // Telemetry must never fail or slow a token request.
    }
  }

  get hasListener(): boolean {
    return this.#onEvent !== undefined;
  }

  /**
   * Starts a span (when there is a tracer), as a child of the active context. The global tracer while no
   * SDK is registered makes nothing (the API's proxy has no delegate): no span, and no attributes built.
   */
  startSpan(name: string, kind: number, attributes: Attributes, links?: SpanContextLike[]): SpanLike | undefined {
    if (this.#tracer === undefined || !this.#sdkRegistered()) return undefined;
    return this.#tracer.startSpan(name, {
      kind,
      attributes: clean(attributes),
      ...(links && links.length > 0 ? { links: links.map((context) => ({ context })) } : {}),
    });
  }

  /** Runs `fn` with `span` as the active span (so that spans started inside are its children). */
  within<T>(span: SpanLike | undefined, fn: () => T): T {
    const api = this.#api;
    if (!span || !api) return fn();
    return api.context.with(api.trace.setSpan(api.context.active(), span), fn);
  }

  /** The active span's context, for a link (a caller that joins a renewal another caller started). */
  activeSpanContext(): SpanContextLike | undefined {
    const api = this.#api;
    return api ? api.trace.getSpanContext(api.context.active()) : undefined;
  }
}

/** The API's ProxyTracerProvider: a delegate tracer only once an SDK has registered its provider. */
interface ProxyProviderLike {
  getDelegateTracer?(name: string): unknown;
}

/** Ends `span` with `outcome`: the error's kind as `error.type` (OpenTelemetry's convention), never its text. */
export function endSpan(span: SpanLike | undefined, outcome: Outcome, attributes: Attributes): void {
  if (!span) return;
  span.setAttributes(clean(attributes));
  if (outcome === "error") span.setStatus({ code: STATUS.ERROR });
  span.end();
}

/** Attributes without the undefined ones (OpenTelemetry drops them with a warning). */
export function clean(attributes: Attributes): Attributes {
  const out: Attributes = {};
  for (const key in attributes) if (attributes[key] !== undefined) out[key] = attributes[key];
  return out;
}
