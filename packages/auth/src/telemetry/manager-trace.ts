// The telemetry of a token manager: cache reads, store calls (spans and metrics), renewals (a span linked
// to every caller that shared it, with the lock wait and the store calls as children), and its log lines.

import { coarseNow } from "../coarse-clock.js";
import type { RenewalEvent, StoreEvent } from "./events.js";
import { type CounterLike, SPAN_KIND, type SpanContextLike } from "./otel-types.js";
import { clean, endSpan, errorAttributes, type Telemetry } from "./telemetry.js";

/** What one renewal's telemetry gathers while it runs. */
export interface RenewalTrace {
  /** Time spent waiting for the store's lock, in total. */
  lockWaitMs: number;
  /** What was left of the replaced token's lifetime when its renewal started. */
  remainingLifetimeMs?: number | undefined;
  /** Another caller joined the renewal: its span is linked. */
  join(): void;
  /** Runs the renewal with its span active. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** The renewal ended (with `error` when it failed). */
  end(error?: unknown): void;
}

/** A token manager's telemetry, for its grant `key`. */
export class ManagerTelemetry {
  /** Hits not yet added to the counter: a cached read is the hot path, so hits are added at most once a window. */
  #hits = 0;
  #hitsUntil = 0;

  constructor(
    readonly telemetry: Telemetry,
    readonly key: string,
  ) {}

  /**
   * A read of the cached token: a hit answered at once, or a miss that joins a renewal. Hits reach the
   * counter at the next miss or once the coarse clock's window (1 s) has passed, not one `add` per read.
   */
  cache(hit: boolean): void {
    const { telemetry } = this;
    if (!telemetry.enabled) return;
    // The first read may come before any renewal (a token another process stored): look the API up.
    if (telemetry.api === undefined) void telemetry.ready();
    const metrics = telemetry.metrics;
    if (metrics) {
      if (hit) {
        this.#hits++;
        const now = coarseNow();
        if (now >= this.#hitsUntil) {
          this.#hitsUntil = now + 1_000;
          this.#flushHits(metrics.cacheLookups);
        }
      } else {
        this.#flushHits(metrics.cacheLookups);
        metrics.cacheLookups.add(1, { "finoauth.cache.hit": false });
      }
    }
    if (telemetry.hasListener) telemetry.emit({ type: "cache", key: this.key, hit });
  }

  #flushHits(counter: CounterLike): void {
    if (this.#hits === 0) return;
    counter.add(this.#hits, { "finoauth.cache.hit": true });
    this.#hits = 0;
  }

  /** Runs one store call (`get`, `set`, `delete`, `lock`…) inside its own span, timed. */
  async store<T>(operation: string, run: () => Promise<T>): Promise<T> {
    const { telemetry } = this;
    if (!telemetry.enabled) return run();
    await telemetry.ready();
    const span = telemetry.startSpan(`finoauth.store ${operation}`, SPAN_KIND.INTERNAL, {
      "finoauth.store.operation": operation,
      "finoauth.token_manager.key": this.key,
    });
    const start = performance.now();
    const done = (error: unknown) => {
      const durationMs = performance.now() - start;
      const outcome = error === undefined ? "ok" : "error";
      const { errorKind } = errorAttributes(error);
      endSpan(span, outcome, { "finoauth.error.kind": errorKind });
      const metrics = telemetry.metrics;
      const attributes = clean({ "finoauth.store.operation": operation, "finoauth.outcome": outcome });
      metrics?.storeDuration.record(durationMs / 1000, attributes);
      if (error !== undefined) metrics?.storeFailures.add(1, attributes);
      if (telemetry.hasListener) {
        const event: StoreEvent = { type: "store", key: this.key, operation, durationMs, outcome, errorKind };
        telemetry.emit(event);
      }
    };
    try {
      const value = await telemetry.within(span, run);
      done(undefined);
      return value;
    } catch (error) {
      done(error ?? new Error("store call failed"));
      throw error;
    }
  }

  /** A log line: to `onEvent` as a `log` event (the manager's `logger` gets it too, separately). */
  log(level: "debug" | "warn", message: string, fields: Record<string, unknown>): void {
    if (this.telemetry.hasListener) this.telemetry.emit({ type: "log", level, key: this.key, message, fields });
  }

  /** Starts a renewal's telemetry, or `undefined` when nothing listens. */
  renewal(): RenewalTrace | undefined {
    const { telemetry, key } = this;
    if (!telemetry.enabled) return undefined;
    const start = performance.now();
    let callers = 1;
    const links: SpanContextLike[] = [];
    const caller = telemetry.activeSpanContext();
    if (caller) links.push(caller);
    let span = telemetry.tracer
      ? telemetry.startSpan(
          "finoauth.token_manager.renewal",
          SPAN_KIND.INTERNAL,
          { "finoauth.token_manager.key": key },
          links,
        )
      : undefined;
    const trace: RenewalTrace = {
      lockWaitMs: 0,
      join() {
        callers++;
        // A link only to a recorded span: with no SDK (or sampled out) each of 10,000 joining callers would
        // otherwise look up the active context for nothing.
        if (span?.addLink === undefined || !span.isRecording()) return;
        const context = telemetry.activeSpanContext();
        if (context) span.addLink({ context });
      },
      async run(fn) {
        // The first renewal of a process may come before the API is known: then the span starts here.
        const pending = telemetry.ready();
        if (pending) {
          await pending;
          span ??= telemetry.startSpan(
            "finoauth.token_manager.renewal",
            SPAN_KIND.INTERNAL,
            { "finoauth.token_manager.key": key },
            links,
          );
        }
        return telemetry.within(span, fn);
      },
      end(error) {
        const durationMs = performance.now() - start;
        const outcome = error === undefined ? "ok" : "error";
        const { errorKind, oauthError } = errorAttributes(error);
        endSpan(span, outcome, {
          "finoauth.token_manager.callers": callers,
          "finoauth.lock.wait_ms": trace.lockWaitMs,
          "finoauth.error.kind": errorKind,
          "finoauth.oauth.error": oauthError,
        });
        const metrics = telemetry.metrics;
        if (metrics) {
          metrics.refreshes.add(1, clean({ "finoauth.outcome": outcome, "finoauth.error.kind": errorKind }));
          metrics.lockWait.record(trace.lockWaitMs / 1000);
          if (trace.remainingLifetimeMs !== undefined)
            metrics.remainingLifetime.record(trace.remainingLifetimeMs / 1000);
        }
        if (telemetry.hasListener) {
          const event: RenewalEvent = {
            type: "renewal",
            key,
            outcome,
            durationMs,
            callers,
            lockWaitMs: trace.lockWaitMs,
            remainingLifetimeMs: trace.remainingLifetimeMs,
            errorKind,
            oauthError,
          };
          telemetry.emit(event);
        }
      },
    };
    return trace;
  }
}
