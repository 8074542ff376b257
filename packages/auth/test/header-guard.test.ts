// The engine-wide guard on header values: an adapter that puts an option into a header and forgets to
// check it still cannot send CR/LF/NUL (header injection, RFC 9110 §5.5). The value is refused as
// `invalid_options` before anything is sent, never retried, and never echoed.

import fc from "fast-check";
import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import {
  type BaseOptions,
  type ClientFactoryOptions,
  createProvider,
  defineProvider,
  FinoauthError,
} from "../src/index.js";

interface TenantOptions extends BaseOptions {
  /** Sent as X-Tenant, unchecked on purpose: the engine's guard is what this test is about. */
  tenant: string;
}

const careless = defineProvider<ReturnType<typeof createClient>, TenantOptions>()({
  id: "careless",
  displayName: "Careless",
  defaultBaseUrl: "https://careless.test",
  requiresClientSecret: true,
  options: { tenant: {} },
  createClient: (clientOptions: ClientFactoryOptions) => createClient(clientOptions),
  token: { accessToken: "access_token" },
  errors: { code: ["error"], providerCode: [], description: ["error_description"] },
  grants: {
    client_credentials: (client, options) => ({
      send: (init) =>
        (client as unknown as { POST: (path: string, init: object) => never }).POST("/token", {
          ...init,
          headers: { "X-Tenant": options.tenant },
          body: { grant_type: "client_credentials" },
        }),
    }),
  },
});

const answer = () =>
  new Response(JSON.stringify({ access_token: "a", token_type: "Bearer", expires_in: 60 }), {
    headers: { "content-type": "application/json" },
  });

describe("a header value HTTP forbids", () => {
  it("is invalid_options naming the header, before anything is sent, and never retried (any value with CR, LF or NUL)", async () => {
    const forbidden = fc
      .tuple(fc.string(), fc.constantFrom("\r", "\n", "\0", "\r\n"), fc.string())
      // Inside the value: Headers trims leading and trailing whitespace (CR and LF included) as HTTP does.
      .map(([a, bad, b]) => `t${a}${bad}${b}t`);
    await fc.assert(
      fc.asyncProperty(forbidden, async (tenant) => {
        let calls = 0;
        const fetch = async () => (calls++, answer());
        const provider = createProvider(careless, {
          clientId: "id",
          clientSecret: "secret",
          tenant,
          fetch,
          retry: { retries: 3, baseDelayMs: 0 },
        });
        const error = await provider.clientCredentials().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(FinoauthError);
        const e = error as FinoauthError;
        expect(e.kind).toBe("invalid_options");
        expect(e.retryable).toBe(false);
        expect(e.provider).toBe("careless");
        expect(JSON.stringify(e) + e.message).not.toContain(tenant);
        expect(calls).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  it("the engine's own request class (what generated clients build) names the header, never the value", async () => {
    const { LightRequest } = await import("../src/light-request.js");
    const attempt = () => new LightRequest("https://as.test/x", { headers: { "X-Tenant": "a\r\nInjected: secret-1" } });
    expect(attempt).toThrow(FinoauthError);
    expect(attempt).toThrow(/"X-Tenant".*RFC 9110/);
    expect(attempt).not.toThrow(/secret-1/);
    // A symbol is no header value (Headers refuses it; a plain record is checked the same way).
    expect(() => new LightRequest("https://as.test/x", { headers: { "X-Tenant": Symbol("x") as never } })).toThrow(
      FinoauthError,
    );
  });

  it("a clean value goes through", async () => {
    let seen: string | null = null;
    const fetch = async (request: Request) => ((seen = request.headers.get("x-tenant")), answer());
    const provider = createProvider(careless, { clientId: "id", clientSecret: "secret", tenant: "acme-1", fetch });
    expect((await provider.clientCredentials()).accessToken).toBe("a");
    expect(seen).toBe("acme-1");
  });
});
