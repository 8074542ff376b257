// A provider defined outside @finoauth/auth's registry, with defineProvider alone, against a Prism mock of a
// spec it brings along (test/fixtures/ledgerly.yaml). The provider is not RFC 6749 — JSON bodies with its own
// names, a separate refresh endpoint that returns no new refresh token, an error envelope with its own code
// for an expired refresh token — and needs no change to the engine: its quirks are data.
import { fileURLToPath } from "node:url";
import { type Mock, startMock } from "@finoauth/mock";
import { prismFetch } from "@finoauth/testkit";
import createClient from "openapi-fetch";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  type BaseOptions,
  type ClientFactoryOptions,
  createProvider,
  createTokenManager,
  defineProvider,
} from "../src/index.js";
import { providers } from "../src/providers/all.js";
import { rejection } from "./support/prism.js";

const SPEC = fileURLToPath(new URL("./fixtures/ledgerly.yaml", import.meta.url));

/** The client's `paths`, as openapi-typescript would write them for the fixture. */
interface TokenAnswer {
  accessToken: string;
  lifetimeSeconds: number;
  renewalToken?: string;
  account?: { ref?: string };
  callsLeft?: string;
}
interface LedgerlyPaths {
  "/v2/auth/token": {
    post: {
      requestBody: {
        content: { "application/json": { clientKey: string; clientSecret: string; grantType: "client_credentials" } };
      };
      responses: { 200: { content: { "application/json": TokenAnswer } } };
    };
  };
  "/v2/auth/token/refresh/": {
    post: {
      requestBody: {
        content: { "application/json": { clientKey: string; clientSecret: string; renewalToken: string } };
      };
      responses: { 200: { content: { "application/json": TokenAnswer } } };
    };
  };
}

const ledgerly = defineProvider<ReturnType<typeof createClient<LedgerlyPaths>>, BaseOptions>()({
  id: "ledgerly",
  displayName: "Ledgerly",
  defaultBaseUrl: "https://api.ledgerly.test",
  requiresClientSecret: true,
  options: {},
  createClient: (clientOptions: ClientFactoryOptions) => createClient<LedgerlyPaths>(clientOptions),
  token: {
    accessToken: "accessToken",
    refreshToken: "renewalToken",
    expiresIn: { path: "lifetimeSeconds" },
    extras: { accountRef: { path: "account.ref", type: "string" }, callsLeft: { path: "callsLeft", type: "count" } },
  },
  errors: {
    code: [],
    providerCode: ["status_code"],
    description: ["detail", "summary"],
    codes: { RENEWAL_EXPIRED: "invalid_grant", BAD_CLIENT: "invalid_client" },
  },
  grants: {
    client_credentials: (client, options) => ({
      send: (init) =>
        client.POST("/v2/auth/token", {
          ...init,
          body: { clientKey: options.clientId, clientSecret: options.clientSecret!, grantType: "client_credentials" },
        }),
    }),
    refresh_token: (client, options, p) => ({
      send: (init) =>
        client.POST("/v2/auth/token/refresh/", {
          ...init,
          body: { clientKey: options.clientId, clientSecret: options.clientSecret!, renewalToken: p.refreshToken },
        }),
      secrets: [p.refreshToken],
    }),
  },
});

let prism: Mock;
beforeAll(async () => {
  prism = await startMock(SPEC);
});
afterAll(() => prism?.stop());

/** A provider whose requests go to the mock, asking for one documented answer, with Prism's violations recorded. */
function provider(prefer?: string) {
  const recorder = prismFetch();
  const fetch = (request: Request) => {
    const headers = new Headers(request.headers);
    if (prefer) headers.set("Prefer", prefer);
    return recorder.fetch(new Request(request, { headers }));
  };
  const flows = createProvider(ledgerly, {
    clientId: "ck_42",
    clientSecret: "cs_ledgerly_secret",
    baseUrl: prism.url,
    fetch,
    retry: { retries: 0 },
  });
  return { flows, recorder };
}

describe("a provider defined outside the registry", () => {
  it("is not in the registry, and offers exactly the flows it defines", () => {
    expect(Object.keys(providers)).not.toContain("ledgerly");
    const { flows } = provider();
    expectTypeOf(flows.id).toEqualTypeOf<"ledgerly">();
    expectTypeOf(flows).toHaveProperty("clientCredentials");
    expectTypeOf(flows).toHaveProperty("refresh");
    expectTypeOf(flows).not.toHaveProperty("revoke");
    expect(Object.keys(flows).sort()).toEqual(["clientCredentials", "definition", "displayName", "id", "refresh"]);
  });

  it("reads its own token layout: names, lifetime, refresh token and typed extras", async () => {
    const { flows, recorder } = provider("code=200, example=issued");
    const before = Date.now();
    const token = await flows.clientCredentials();
    expect(token).toMatchObject({
      provider: "ledgerly",
      accessToken: "ldg_at_8e1f0c",
      refreshToken: "ldg_rt_41d2aa",
      tokenType: "Bearer",
    });
    expect(token.extras).toEqual({ accountRef: "ACC-77", callsLeft: 950 });
    expectTypeOf(token.extras.callsLeft).toEqualTypeOf<number | undefined>();
    expectTypeOf(token.extras.accountRef).toEqualTypeOf<string | undefined>();
    expect(token.expiresAt! - before).toBeGreaterThanOrEqual(3600 * 1000 - 1);
    expect(recorder.violations).toEqual([]);
    expect(JSON.parse(recorder.requests[0]!.body)).toEqual({
      clientKey: "ck_42",
      clientSecret: "cs_ledgerly_secret",
      grantType: "client_credentials",
    });
  });

  it("maps its own error codes to RFC 6749 codes, and scrubs what it sent", async () => {
    const expired = await rejection(
      provider("code=401, example=expired").flows.refresh({ refreshToken: "ldg_rt_41d2aa" }),
    );
    expect(expired).toMatchObject({
      kind: "provider",
      status: 401,
      code: "invalid_grant",
      providerCode: "RENEWAL_EXPIRED",
      description: "The renewal token has expired",
    });
    const badClient = await rejection(provider("code=400, example=badClient").flows.clientCredentials());
    expect(badClient).toMatchObject({ code: "invalid_client", providerCode: "BAD_CLIENT", retryable: false });
  });

  it("works with the token manager: an omitted refresh token is kept, and an expired one falls back to obtaining a new token", async () => {
    const issued = provider("code=200, example=issued").flows;
    const renewed = provider("code=200, example=renewed").flows;
    const expired = provider("code=401, example=expired").flows;
    let refreshWith = renewed;
    const manager = createTokenManager({
      key: "ledgerly:ck_42",
      obtain: () => issued.clientCredentials(),
      refresh: (current) => refreshWith.refresh({ refreshToken: current.refreshToken! }),
      onInvalidGrant: "obtain",
    });
    expect(await manager.getAccessToken()).toBe("ldg_at_8e1f0c");
    const next = await manager.forceRefresh();
    expect(next).toMatchObject({ accessToken: "ldg_at_93bb10", refreshToken: "ldg_rt_41d2aa" });
    refreshWith = expired;
    expect((await manager.forceRefresh()).accessToken).toBe("ldg_at_8e1f0c");
  });
});
