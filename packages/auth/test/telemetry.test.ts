// finoauth's OpenTelemetry spans and metrics, read through the real SDK's in-memory exporters (not mocks),
// and its `onEvent` events: every flow, the failures, the token manager's renewal linked to its callers.
import { context, metrics, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  AggregationTemporality,
  type DataPoint,
  type Histogram,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createProvider, createTokenManager, type FinoauthEvent, MemoryTokenStore } from "../src/index.js";
import { oauth2 } from "../src/providers/oauth2.js";
import { rejection } from "./support/prism.js";
import { startTokenServer, type TokenServer } from "./support/token-server.js";

const spans = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
const meterProvider = new MeterProvider({ readers: [reader] });
const telemetry = { tracer: tracerProvider.getTracer("test"), meter: meterProvider.getMeter("test") };

let server: TokenServer;
beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  server = await startTokenServer();
});
afterAll(async () => {
  await server.close();
  context.disable();
  await meterProvider.shutdown();
  await tracerProvider.shutdown();
});
afterEach(() => {
  spans.reset();
  server.resetCounts();
});

const providerOf = (extra: Record<string, unknown> = {}) =>
  createProvider(oauth2, {
    baseUrl: server.url,
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 1 },
    telemetry,
    ...extra,
  });

/** The metric points of `name` collected so far. */
async function points(name: string): Promise<DataPoint<number | Histogram>[]> {
  await reader.forceFlush();
  const all =
    metricExporter
      .getMetrics()
      .at(-1)
      ?.scopeMetrics.flatMap((scope) => scope.metrics) ?? [];
  return all
    .filter((metric) => metric.descriptor.name === name)
    .flatMap((metric) => metric.dataPoints as DataPoint<number | Histogram>[]);
}
const countOf = (point: DataPoint<number | Histogram> | undefined) =>
  typeof point?.value === "number" ? point.value : (point?.value as Histogram | undefined)?.count;

const finished = (): ReadableSpan[] => spans.getFinishedSpans();
const requestSpans = () => finished().filter((span) => span.attributes["finoauth.flow"] !== undefined);

describe("spans of provider calls (OpenTelemetry HTTP client conventions + finoauth.*)", () => {
  it("a client-credentials call: one CLIENT span named by its method, with the server and the outcome", async () => {
    await providerOf().clientCredentials({ scopes: ["read"] });
    const [span, ...more] = requestSpans();
    expect(more).toEqual([]);
    expect(span!.name).toBe("POST");
    expect(span!.kind).toBe(2); // SpanKind.CLIENT
    const port = Number(new URL(server.url).port);
    expect(span!.attributes).toEqual({
      "finoauth.provider": "oauth2",
      "finoauth.flow": "client_credentials",
      "http.request.method": "POST",
      "server.address": "127.0.0.1",
      "server.port": port,
      "url.scheme": "http",
      "http.response.status_code": 200,
    });
    expect(span!.status.code).toBe(0); // UNSET: an HTTP client span is left unset on success
  });

  it("retries: one span per attempt, the resend count on each retry, the failures' error.type", async () => {
    server.fault("503", 2);
    await providerOf().clientCredentials();
    const attempts = requestSpans();
    expect(attempts.map((span) => span.attributes["http.request.resend_count"])).toEqual([undefined, 1, 2]);
    expect(attempts.map((span) => span.attributes["http.response.status_code"])).toEqual([503, 503, 200]);
    expect(attempts.map((span) => span.attributes["error.type"])).toEqual(["503", "503", undefined]);
    expect(attempts.map((span) => span.status.code)).toEqual([2, 2, 0]);
    expect(attempts[0]!.attributes["finoauth.error.kind"]).toBe("provider");
  });

  it("a network failure: error.type is the error's kind, with no status", async () => {
    const provider = providerOf({ baseUrl: "http://127.0.0.1:9", retry: { retries: 0 } });
    expect((await rejection(provider.clientCredentials())).kind).toBe("network");
    const [span] = requestSpans();
    expect(span!.attributes["error.type"]).toBe("network");
    expect(span!.attributes["http.response.status_code"]).toBeUndefined();
    expect(span!.attributes["server.port"]).toBe(9);
  });

  it("an OAuth error answer: its RFC 6749 code, never its description", async () => {
    const provider = providerOf();
    const error = await rejection(provider.refresh({ refreshToken: "rt-unknown-to-the-server" }));
    expect(error.code).toBe("invalid_grant");
    const [span] = requestSpans();
    expect(span!.attributes).toMatchObject({
      "finoauth.flow": "refresh_token",
      "finoauth.oauth.error": "invalid_grant",
      "finoauth.error.kind": "provider",
      "error.type": "400",
    });
    expect(JSON.stringify(span!.attributes)).not.toContain("rt-unknown-to-the-server");
  });

  it("revoke and introspect are spans too, named by their flow", async () => {
    const provider = providerOf();
    const token = await provider.clientCredentials();
    await provider.revoke({ token: token.accessToken });
    expect(requestSpans().map((span) => span.attributes["finoauth.flow"])).toEqual(["client_credentials", "revoke"]);
  });

  it("a span is a child of the caller's active span", async () => {
    const tracer = telemetry.tracer;
    await tracer.startActiveSpan("caller", async (parent) => {
      await providerOf().clientCredentials();
      parent.end();
    });
    const caller = finished().find((span) => span.name === "caller")!;
    const [call] = requestSpans();
    expect(call!.parentSpanContext?.spanId).toBe(caller.spanContext().spanId);
    expect(call!.spanContext().traceId).toBe(caller.spanContext().traceId);
  });
});

describe("metrics", () => {
  it("request duration (http.client.request.duration) and requests by outcome", async () => {
    const before = countOf(
      (await points("finoauth.requests")).find((p) => p.attributes["finoauth.outcome"] === "error"),
    );
    server.fault("503", 1);
    await providerOf().clientCredentials();
    const durations = await points("http.client.request.duration");
    const ok = durations.find((p) => p.attributes["http.response.status_code"] === 200);
    expect(countOf(ok)).toBeGreaterThanOrEqual(1);
    expect(ok!.attributes).toMatchObject({ "http.request.method": "POST", "finoauth.provider": "oauth2" });
    const failed = (await points("finoauth.requests")).find((p) => p.attributes["finoauth.outcome"] === "error");
    expect(countOf(failed)).toBe((before ?? 0) + 1);
  });
});

describe("the token manager", () => {
  it("one renewal span for many callers, linked to each caller's span, with store calls as children", async () => {
    const provider = providerOf();
    const tokens = createTokenManager({
      key: "telemetry:renewal",
      obtain: () => provider.clientCredentials(),
      store: new MemoryTokenStore(),
      telemetry,
    });
    const tracer = telemetry.tracer;
    await Promise.all(
      ["a", "b", "c"].map((name) =>
        tracer.startActiveSpan(`caller ${name}`, async (span) => {
          await tokens.getAccessToken();
          span.end();
        }),
      ),
    );
    const renewal = finished().filter((span) => span.name === "finoauth.token_manager.renewal");
    expect(renewal).toHaveLength(1);
    const callers = finished().filter((span) => span.name.startsWith("caller "));
    expect(renewal[0]!.links.map((link) => link.context.spanId).sort()).toEqual(
      callers.map((span) => span.spanContext().spanId).sort(),
    );
    expect(renewal[0]!.attributes["finoauth.token_manager.callers"]).toBe(3);
    const id = renewal[0]!.spanContext().spanId;
    const children = finished().filter((span) => span.parentSpanContext?.spanId === id);
    expect(children.map((span) => span.name)).toEqual(
      expect.arrayContaining(["finoauth.store get", "finoauth.store lock", "finoauth.store set", "POST"]),
    );
    expect(server.count("client_credentials")).toBe(1);
  });

  it("cache hits and misses, refreshes by outcome and the remaining lifetime at refresh", async () => {
    let clock = Date.now();
    const provider = providerOf({ now: () => clock });
    const tokens = createTokenManager({
      key: "telemetry:metrics",
      obtain: () => provider.clientCredentials(),
      refresh: (current) => provider.refresh({ refreshToken: current.refreshToken! }),
      now: () => clock,
      telemetry,
    });
    const hits = async (hit: boolean) =>
      countOf((await points("finoauth.cache.lookups")).find((p) => p.attributes["finoauth.cache.hit"] === hit)) ?? 0;
    const [hit0, miss0] = [await hits(true), await hits(false)];
    await tokens.getAccessToken(); // miss: obtains
    await tokens.getAccessToken(); // hit
    clock += 3_600_000 - 10_000; // within the refresh margin: 10 s left
    await tokens.getAccessToken(); // miss: refreshes
    expect(await hits(true)).toBe(hit0 + 1);
    expect(await hits(false)).toBe(miss0 + 2);
    const lifetimes = (await points("finoauth.token.remaining_lifetime"))[0]?.value as Histogram;
    expect(lifetimes.count).toBeGreaterThanOrEqual(1);
    expect(lifetimes.min).toBeGreaterThan(0);
    expect(lifetimes.min).toBeLessThanOrEqual(10);
    const ok = (await points("finoauth.refreshes")).find((p) => p.attributes["finoauth.outcome"] === "ok");
    expect(countOf(ok)).toBeGreaterThanOrEqual(2);
  });
});

describe("onEvent", () => {
  it("requests, renewals, cache reads, store calls and log lines, with no token in any", async () => {
    const events: FinoauthEvent[] = [];
    const provider = providerOf({ telemetry: false, onEvent: (event: FinoauthEvent) => events.push(event) });
    const tokens = createTokenManager({
      key: "telemetry:events",
      obtain: () => provider.clientCredentials(),
      telemetry: false,
      onEvent: (event) => events.push(event),
    });
    const accessToken = await tokens.getAccessToken();
    await tokens.getAccessToken();
    const types = events.map((event) => event.type);
    expect(types).toEqual(expect.arrayContaining(["request", "renewal", "cache", "store", "log"]));
    expect(events.find((event) => event.type === "request")).toMatchObject({
      provider: "oauth2",
      flow: "client_credentials",
      method: "POST",
      status: 200,
      outcome: "ok",
      resendCount: 0,
    });
    expect(events.find((event) => event.type === "renewal")).toMatchObject({ outcome: "ok", callers: 1 });
    expect(events.filter((event) => event.type === "cache").map((event) => event.hit)).toEqual([false, true]);
    const text = JSON.stringify(events);
    expect(text).not.toContain(accessToken);
    expect(text).not.toContain(server.clientSecret);
  });

  it("a consumer that throws never fails the call", async () => {
    const provider = providerOf({
      onEvent: () => {
        throw new Error("consumer bug");
      },
    });
    expect((await provider.clientCredentials()).accessToken).toEqual(expect.any(String));
  });

  it("bad telemetry options are refused at creation", () => {
    expect(() => providerOf({ onEvent: "log" })).toThrow(/onEvent must be a function/);
    expect(() => providerOf({ telemetry: { tracer: {} } })).toThrow(/telemetry.tracer must be an OpenTelemetry Tracer/);
    expect(() => providerOf({ telemetry: "on" })).toThrow(/telemetry must be/);
    expect(() => createTokenManager({ key: "k", obtain: async () => undefined as never, onEvent: 1 as never })).toThrow(
      /onEvent must be a function/,
    );
  });
});

describe("the global providers, with no option", () => {
  it("spans and metrics go to the globally registered SDK", async () => {
    trace.setGlobalTracerProvider(tracerProvider);
    metrics.setGlobalMeterProvider(meterProvider);
    try {
      await providerOf({ telemetry: undefined }).clientCredentials();
      expect(requestSpans()[0]!.instrumentationScope.name).toBe("@finoauth/auth");
    } finally {
      trace.disable();
      metrics.disable();
    }
  });
});

describe("the API without an SDK (a dependency brought @opentelemetry/api, nothing registered)", () => {
  it("costs no span and no attributes per request, and an SDK registered later gets the spans", async () => {
    const { Telemetry } = await import("../src/telemetry/telemetry.js");
    const { traceRequest } = await import("../src/telemetry/request-trace.js");
    const quiet = Telemetry.of(undefined, undefined);
    await quiet.ready();
    // Nothing listens: no request telemetry at all (no span started, no URL parsed, no attributes built).
    expect(traceRequest(quiet, { provider: "oauth2", flow: "client_credentials", resendCount: 0 })).toBeUndefined();
    const provider = providerOf({ telemetry: undefined });
    await provider.clientCredentials();
    expect(requestSpans()).toEqual([]);
    trace.setGlobalTracerProvider(tracerProvider);
    try {
      expect(traceRequest(quiet, { provider: "oauth2", flow: "client_credentials", resendCount: 0 })).toBeDefined();
      await provider.clientCredentials();
      expect(requestSpans().map((span) => span.attributes["finoauth.flow"])).toEqual(["client_credentials"]);
    } finally {
      trace.disable();
    }
  });
});
