// Every options object a user writes takes `undefined` for an optional field: under
// `exactOptionalPropertyTypes` (on in this repository's tsconfig), `baseUrl: process.env.X` must compile.
// The compile-time half is this file type-checking (`pnpm typecheck`); the run-time half: undefined means the default.
import { createFinapiClient, FINAPI_SERVERS } from "@finoauth/finapi";
import { describe, expect, it } from "vitest";
import {
  type BaseOptions,
  type CallOptions,
  createProvider,
  createTokenManager,
  type TokenManagerOptions,
  TokenSet,
} from "../src/index.js";
import { finapi } from "../src/providers/finapi.js";
import { oauth2 } from "../src/providers/oauth2.js";

const env: Record<string, string | undefined> = { FINAPI_SECRET: "secret-1" };
const tokenAnswer = () => Response.json({ access_token: "at-1", token_type: "bearer", expires_in: 60 });

describe("optional options take undefined (exactOptionalPropertyTypes)", () => {
  it("createProvider(finapi, { baseUrl: process.env.… }) compiles, and an undefined baseUrl is the default server", async () => {
    const seen: string[] = [];
    const provider = createProvider(finapi, {
      clientId: "x",
      clientSecret: env.FINAPI_SECRET!,
      baseUrl: env.FINAPI_URL,
      redirectUri: env.REDIRECT_URI,
      timeoutMs: undefined,
      retry: undefined,
      requestId: undefined,
      maxResponseBytes: undefined,
      fetch: async (request: Request) => (seen.push(request.url), tokenAnswer()),
    });
    const call: CallOptions = { signal: undefined, timeoutMs: undefined, deadlineMs: undefined };
    await provider.clientCredentials({ scopes: undefined }, call);
    expect(seen).toEqual([`${finapi.defaultBaseUrl}/oauth/token`]);
  });

  it("the flows' parameters, BaseOptions, a provider's own options and the token manager's take undefined too", async () => {
    const base: BaseOptions = {
      clientId: "x",
      clientSecret: undefined,
      authorizeBaseUrl: undefined,
      stateStore: undefined,
      now: undefined,
      deadlineMs: undefined,
    };
    const provider = createProvider(oauth2, {
      ...base,
      baseUrl: "https://as.example",
      clientAuth: undefined,
      pkce: undefined,
      issuer: undefined,
      endpoints: { revoke: undefined },
    });
    const { url } = await provider.authorizationUrl({
      redirectUri: "https://app.example/cb",
      scopes: undefined,
      prompt: undefined,
      parameters: { nonce: undefined },
    });
    expect(new URL(url).searchParams.has("nonce")).toBe(false);
    const options: TokenManagerOptions = {
      key: "k",
      obtain: async () =>
        new TokenSet({
          provider: "p",
          accessToken: "at",
          tokenType: "bearer",
          expiresAt: undefined,
          refreshToken: undefined,
          scopes: [],
          extras: {},
          obtainedAt: 0,
          raw: {},
        }),
      refresh: undefined,
      store: undefined,
      logger: undefined,
      now: undefined,
    };
    expect(await createTokenManager(options).getAccessToken({ signal: undefined })).toBe("at");
  });

  it("a generated client's options take undefined: createFinapiClient({ baseUrl: process.env.… })", async () => {
    const seen: string[] = [];
    const client = createFinapiClient({
      baseUrl: env.FINAPI_URL,
      headers: undefined,
      fetch: async (request: Request) => (seen.push(request.url), tokenAnswer()),
    });
    await client.POST("/oauth/token", {
      body: { grant_type: "client_credentials", client_id: "x", client_secret: "y" },
    });
    expect(seen).toEqual([`${Object.values(FINAPI_SERVERS)[0]}/oauth/token`]);
  });
});
