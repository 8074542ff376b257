// The signal a light transport is given (issue 23): a LightSignal, not an AbortSignal (on Node 20 each of
// those costs about 5 µs of CPU). The deadline and the caller's signal still end the request through it,
// and an outside definition whose client puts the signal into a WHATWG Request still works: the engine
// sees the Request refuse it before anything is sent, and sends real AbortSignals from then on.
import createClient from "openapi-fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BaseOptions, createProvider, defineProvider, FinoauthError } from "../src/index.js";
import { createNodeTransport } from "../src/keep-alive.js";
import { LIGHT_FETCH, LightSignal, whenAborted } from "../src/light-request.js";
import { oauth2 } from "../src/providers/oauth2.js";
import { basicAuthorization } from "../src/request-parts.js";
import { startTokenServer, type TokenServer } from "./support/token-server.js";

let server: TokenServer;
beforeAll(async () => {
  server = await startTokenServer();
});
afterAll(() => server.close());

/** A light transport that never answers: it ends only when the request's signal aborts, and says with what. */
function hanging() {
  const seen: unknown[] = [];
  const fetch = Object.assign(async () => new Response(), {
    [LIGHT_FETCH]: (request: { signal: AbortSignal | null }) =>
      new Promise((_, reject) => {
        const signal = request.signal!;
        seen.push(signal);
        whenAborted(signal, () => reject(signal.reason));
      }),
  });
  return { fetch, seen };
}

describe("the light transport's signal", () => {
  it("is a LightSignal that the deadline aborts", async () => {
    const { fetch, seen } = hanging();
    const provider = createProvider(oauth2, {
      baseUrl: "http://127.0.0.1:9",
      clientId: "c",
      clientSecret: "s",
      fetch,
      timeoutMs: 30,
      retry: { retries: 0 },
    });
    const error = await provider.clientCredentials().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FinoauthError);
    expect((error as FinoauthError).kind).toBe("timeout");
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeInstanceOf(LightSignal);
    expect(seen[0]).not.toBeInstanceOf(AbortSignal);
    expect((seen[0] as LightSignal).aborted).toBe(true);
  });

  it("is aborted by the caller's signal, and the call says so", async () => {
    const { fetch, seen } = hanging();
    const provider = createProvider(oauth2, { baseUrl: "http://127.0.0.1:9", clientId: "c", clientSecret: "s", fetch });
    const caller = new AbortController();
    const pending = provider.clientCredentials({}, { signal: caller.signal }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 10));
    caller.abort();
    const error = await pending;
    expect((error as FinoauthError).kind).toBe("aborted");
    expect((seen[0] as LightSignal).aborted).toBe(true);
  });

  it("runs listeners once, not after removal, and none added after the abort", () => {
    const signal = new LightSignal();
    const calls: string[] = [];
    const first = () => calls.push("first");
    const removed = () => calls.push("removed");
    signal.addEventListener("abort", first);
    signal.addEventListener("abort", removed);
    signal.removeEventListener("abort", removed);
    signal.abort("why");
    signal.abort("again");
    signal.addEventListener("abort", () => calls.push("late"));
    expect(calls).toEqual(["first"]);
    expect(signal.reason).toBe("why");
    expect(() => signal.throwIfAborted()).toThrow("why");
  });
});

describe("an outside definition whose client builds WHATWG Requests", () => {
  // A Request that checks its signal's type as Deno, Bun and browsers do (Node 20's takes any object with
  // an AbortSignal's members, a LightSignal included).
  class StrictRequest extends Request {
    constructor(input: RequestInfo | URL, init?: RequestInit) {
      if (init?.signal && !(init.signal instanceof AbortSignal))
        throw new TypeError("Failed to construct 'Request': member signal is not of type AbortSignal.");
      super(input, init);
    }
  }
  let built = 0;
  // Ignores the engine's Request class: openapi-fetch then makes a WHATWG Request, which refuses a LightSignal.
  const stubborn = defineProvider<ReturnType<typeof createClient>, BaseOptions>()({
    id: "stubborn",
    displayName: "Stubborn",
    defaultBaseUrl: "https://stubborn.test",
    requiresClientSecret: true,
    options: {},
    createClient: (clientOptions) =>
      createClient({
        baseUrl: clientOptions.baseUrl,
        fetch: clientOptions.fetch,
        Request: class extends StrictRequest {
          constructor(input: RequestInfo | URL, init?: RequestInit) {
            super(input, init);
            built++;
          }
        },
      }),
    token: { accessToken: "access_token" },
    errors: { code: ["error"], providerCode: [], description: ["error_description"] },
    grants: {
      client_credentials: (client, options) => ({
        send: (init) =>
          (client as unknown as { POST: (path: string, init: object) => never }).POST("/token", {
            ...init,
            headers: {
              Authorization: basicAuthorization(options.clientId, options.clientSecret ?? ""),
              "Content-Type": "application/x-www-form-urlencoded",
            },
            body: "grant_type=client_credentials",
            bodySerializer: (body: string) => body,
          }),
      }),
    },
  });

  it("works over the keep-alive transport: sent once with a real signal, and so from then on", async () => {
    const transport = createNodeTransport();
    try {
      const provider = createProvider(stubborn, {
        baseUrl: server.url,
        clientId: server.clientId,
        clientSecret: server.clientSecret,
        fetch: transport,
      });
      const before = server.count("client_credentials");
      expect((await provider.clientCredentials()).accessToken).toMatch(/^at-/);
      expect((await provider.clientCredentials()).accessToken).toMatch(/^at-/);
      // Two calls, two requests: the refused Request never reached the server, and it was refused once
      // (the provider sends real signals from then on).
      expect(server.count("client_credentials") - before).toBe(2);
      expect(built).toBe(2);
    } finally {
      transport.close();
    }
  });
});
