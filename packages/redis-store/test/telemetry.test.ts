// The Redis store's telemetry through the real OpenTelemetry SDK: a CLIENT span per round trip with the
// database attributes, children of the token manager's store-call spans, and never a record or a key in them.
import { randomBytes } from "node:crypto";
import { createTokenManager, TokenSet } from "@finoauth/auth";
import { context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { RedisTokenStore } from "../src/index.js";
import { connect } from "./support/clients.js";
import { tokenData } from "./support/token-data.js";

const spans = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
const tracer = tracerProvider.getTracer("test");
let connection: Awaited<ReturnType<typeof connect>>;
beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  connection = await connect("ioredis", inject("redisUrl"));
});
afterAll(async () => {
  await connection.close();
  context.disable();
  await tracerProvider.shutdown();
});

describe("RedisTokenStore telemetry", () => {
  it("a span per round trip, under the manager's store spans, with no token, record or encryption key", async () => {
    const encryptionKey = randomBytes(32);
    const store = new RedisTokenStore({
      client: connection.client,
      prefix: `telemetry-${randomBytes(4).toString("hex")}:`,
      encryption: { keys: [{ id: "k1", key: encryptionKey }] },
      telemetry: { tracer },
    });
    const accessToken = `at-${randomBytes(16).toString("base64url")}`;
    const tokens = createTokenManager({
      key: "grant",
      store,
      telemetry: { tracer },
      obtain: async () => new TokenSet(tokenData({ accessToken })),
    });
    expect(await tokens.getAccessToken()).toBe(accessToken);
    const finished = spans.getFinishedSpans();
    const redis = finished.filter((span) => span.name === "EVALSHA");
    expect(redis.map((span) => span.attributes["finoauth.store.operation"])).toEqual(
      expect.arrayContaining(["get", "lock", "set", "release"]),
    );
    for (const span of redis) {
      expect(span.kind).toBe(2); // CLIENT
      expect(span.attributes).toMatchObject({ "db.system.name": "redis", "db.operation.name": "EVALSHA" });
      const parent = finished.find((one) => one.spanContext().spanId === span.parentSpanContext?.spanId);
      expect(parent?.name).toMatch(/^finoauth\.(store |token_manager\.renewal)/);
    }
    const text = JSON.stringify(finished.map((span) => [span.name, span.attributes]));
    expect(text).not.toContain(accessToken);
    expect(text).not.toContain(encryptionKey.toString("base64"));
  });

  it("telemetry: false sends no span; a bad option is refused", async () => {
    spans.reset();
    const store = new RedisTokenStore({ client: connection.client, telemetry: false });
    await store.get("nothing-here");
    expect(spans.getFinishedSpans()).toEqual([]);
    expect(() => new RedisTokenStore({ client: connection.client, telemetry: { tracer: {} as never } })).toThrow(
      /telemetry.tracer must be an OpenTelemetry Tracer/,
    );
  });
});
