// No span attribute and no event ever holds a secret the flow used, whatever a hostile server echoes back
// (its request-id header and its error text carry the client secret and the refresh token each call sent).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { context } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProvider, createTokenManager, type FinoauthEvent } from "../src/index.js";
import { finapi } from "../src/providers/finapi.js";

const spans = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] });
const tracer = tracerProvider.getTracer("test");

/** What the server echoes next: a status and the text it puts in its request id and error description. */
let echo = { status: 400, text: "" };
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    const body =
      echo.status === 200
        ? { access_token: "at-fresh-token-value", token_type: "bearer", expires_in: 3600 }
        : { error: "invalid_grant", error_description: echo.text };
    res.writeHead(echo.status, { "content-type": "application/json", "x-request-id": echo.text });
    res.end(JSON.stringify(body));
  });
});
let baseUrl = "";
beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  context.disable();
  await new Promise((resolve) => server.close(resolve));
  await tracerProvider.shutdown();
});

// Header-safe secrets (the server must be able to echo them in a header), never shorter than the scrubber's minimum.
const secret = fc.stringMatching(/^[A-Za-z0-9._~+/=-]{8,40}$/);

describe("telemetry never carries a secret", () => {
  it("span attributes and events, for refreshes and client credentials, answered or refused", async () => {
    await fc.assert(
      fc.asyncProperty(
        secret,
        secret,
        fc.constantFrom(200, 400, 401, 503),
        fc.constantFrom("clientSecret", "refreshToken", "both"),
        async (clientSecret, refreshToken, status, which) => {
          fc.pre(!clientSecret.includes(refreshToken) && !refreshToken.includes(clientSecret));
          spans.reset();
          const events: FinoauthEvent[] = [];
          // The server echoes what the call sent it: the refresh sends both, client credentials only the client secret.
          const echoOf = (sent: string | undefined) =>
            which === "clientSecret" || sent === undefined
              ? `id-${clientSecret}`
              : which === "refreshToken"
                ? `${sent}-id`
                : `${clientSecret}.${sent}`;
          echo = { status, text: echoOf(refreshToken) };
          const provider = createProvider(finapi, {
            baseUrl,
            clientId: "client",
            clientSecret,
            retry: { retries: 0 },
            telemetry: { tracer },
            onEvent: (event) => events.push(event),
          });
          const tokens = createTokenManager({
            key: "secrets",
            obtain: () => provider.refresh({ refreshToken }),
            telemetry: { tracer },
            onEvent: (event) => events.push(event),
          });
          await tokens.getAccessToken().catch(() => undefined);
          echo = { status, text: echoOf(undefined) };
          await provider.clientCredentials().catch(() => undefined);
          const seen = JSON.stringify([events, spans.getFinishedSpans().map((span) => [span.name, span.attributes])]);
          expect(events.some((event) => event.type === "request")).toBe(true);
          for (const value of [clientSecret, refreshToken]) expect(seen).not.toContain(value);
        },
      ),
      { numRuns: 40 },
    );
  });
});
