// The token manager and the generic RFC 6749 provider end to end, through the real HTTP path, against our own
// token server (test/support/token-server.ts), which rotates refresh tokens, counts requests and injects faults.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FinoauthError, type RetryPolicy, type TokenSet } from "../src/index.js";
import { createProvider } from "../src/providers/all.js";
import { MemoryTokenStore, type TokenStore } from "../src/store.js";
import { createTokenManager, type TokenManagerOptions } from "../src/token-manager.js";
import { startTokenServer, type TokenServer } from "./support/token-server.js";

let server: TokenServer;
beforeAll(async () => {
  server = await startTokenServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.resetCounts();
  server.refreshMode = "rotate";
});

// One clock for the provider (which turns expires_in into expiresAt) and the manager: tokens expire when we say.
let clock = Date.now();
const now = () => clock;
const expireEverything = () => (clock += 2 * 3_600_000);

const FAST_RETRY: Partial<RetryPolicy> = { retries: 2, baseDelayMs: 5, maxDelayMs: 20 };

function provider(retry: Partial<RetryPolicy> = FAST_RETRY, timeoutMs = 5_000) {
  return createProvider("oauth2", {
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    baseUrl: server.url,
    timeoutMs,
    retry,
    now,
  });
}

type Oauth2 = ReturnType<typeof provider>;

/** A manager over the generic provider: refresh with the refresh token, obtain with client credentials. */
function manager(p: Oauth2, options: Partial<TokenManagerOptions> = {}) {
  return createTokenManager({
    key: "oauth2:test-client",
    now,
    obtain: () => p.clientCredentials(),
    refresh: (current) => p.refresh({ refreshToken: current.refreshToken! }),
    ...options,
  });
}

/** A user's token with a refresh token, from a real authorization-code exchange. */
async function userToken(p: Oauth2): Promise<TokenSet> {
  return p.exchangeCode({ code: server.issueCode(), redirectUri: "https://client.example.com/cb" });
}

/** The same store without `lock`. */
const lockless = (inner: TokenStore): TokenStore => ({
  get: (k) => inner.get(k),
  set: (k, d) => inner.set(k, d),
  delete: (k) => inner.delete(k),
});

/** The error a promise rejects with; fails the test if it resolves. */
async function rejection(promise: Promise<unknown>): Promise<FinoauthError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!("error" in outcome)) expect.unreachable(`expected a rejection, got ${String(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(FinoauthError);
  return outcome.error as FinoauthError;
}

describe("token manager over HTTP: one refresh, no refresh token lost", () => {
  it("caches a client-credentials token: many calls, one token request", async () => {
    const tokens = manager(provider());
    const first = await tokens.getAccessToken();
    for (let i = 0; i < 20; i++) expect(await tokens.getAccessToken()).toBe(first);
    expect(server.count("client_credentials")).toBe(1);
    expect(server.isActive(first)).toBe(true);
  });

  it.each([
    ["the default MemoryTokenStore (with lock)", () => new MemoryTokenStore()],
    ["a store without lock (single flight alone)", () => lockless(new MemoryTokenStore())],
  ])(
    "1,000 concurrent getAccessToken() on an expired token, %s: the server sees exactly one refresh request",
    async (_, makeStore) => {
      const p = provider();
      const tokens = manager(p, { store: makeStore() });
      const initial = await userToken(p);
      await tokens.set(initial);
      expireEverything();
      const results = await Promise.all(Array.from({ length: 1000 }, () => tokens.getAccessToken()));
      expect(server.count("refresh_token")).toBe(1);
      expect(server.count("client_credentials")).toBe(0);
      expect(new Set(results).size).toBe(1);
      expect(server.isActive(results[0]!)).toBe(true);
      const stored = await tokens.getTokenSet();
      expect(stored.refreshToken).not.toBe(initial.refreshToken);
      expect(server.isValidRefreshToken(stored.refreshToken!)).toBe(true);
      expect(server.isValidRefreshToken(initial.refreshToken!)).toBe(false);
    },
  );

  it("100 rounds of concurrent refreshes by two managers (two 'processes', one shared store) never lose the rotated refresh token", async () => {
    const store = new MemoryTokenStore();
    const a = manager(provider(), { store });
    const b = manager(provider(), { store });
    await a.set(await userToken(provider()));
    let previous = "";
    for (let round = 1; round <= 100; round++) {
      expireEverything();
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).getAccessToken()));
      expect(new Set(results).size).toBe(1);
      expect(results[0]).not.toBe(previous);
      previous = results[0]!;
      const stored = await store.get("oauth2:test-client");
      expect(
        server.isValidRefreshToken(stored!.refreshToken!),
        `round ${round}: the stored refresh token is the live one`,
      ).toBe(true);
      expect(server.count("refresh_token")).toBe(round);
    }
    // Every refresh request was accepted: no reused (already rotated) refresh token ever reached the server.
    const presented = server.requests.filter((r) => r.grant === "refresh_token").map((r) => r.form.refresh_token);
    expect(presented).toHaveLength(100);
    expect(new Set(presented).size).toBe(100);
  });

  it("keeps the refresh token when the server's refresh answer omits it", async () => {
    const p = provider();
    const tokens = manager(p);
    const initial = await userToken(p);
    await tokens.set(initial);
    server.refreshMode = "omit";
    for (let round = 0; round < 3; round++) {
      expireEverything();
      expect((await tokens.getTokenSet()).refreshToken).toBe(initial.refreshToken);
    }
    expect(server.count("refresh_token")).toBe(3);
  });

  it("a refresh that keeps failing rejects every caller with the same error and leaves the stored token usable", async () => {
    const p = provider();
    const store = new MemoryTokenStore();
    const tokens = manager(p, { store });
    const initial = await userToken(p);
    await tokens.set(initial);
    expireEverything();
    server.fault("503", 3); // the first attempt and both retries
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () =>
        tokens.getAccessToken().then(
          () => undefined,
          (e: unknown) => e,
        ),
      ),
    );
    const error = outcomes[0] as FinoauthError;
    expect(error).toMatchObject({ kind: "provider", status: 503, code: "temporarily_unavailable", retryable: true });
    expect(outcomes.every((outcome) => outcome === error)).toBe(true);
    expect(server.count("refresh_token")).toBe(3);
    expect((await store.get("oauth2:test-client"))?.refreshToken).toBe(initial.refreshToken);
    // The stored refresh token still works.
    expect(server.isActive(await tokens.getAccessToken())).toBe(true);
    expect(server.requests.at(-1)?.form.refresh_token).toBe(initial.refreshToken);
  });

  it("a revoked refresh token: invalid_grant is thrown by default, or client credentials run when asked", async () => {
    const p = provider();
    const initial = await userToken(p);
    await expect(p.revoke({ token: initial.refreshToken!, tokenTypeHint: "refresh_token" })).resolves.toEqual({});
    expect(server.revokeCount()).toBe(1);
    expect(server.isValidRefreshToken(initial.refreshToken!)).toBe(false);

    const strict = manager(p, { store: new MemoryTokenStore() });
    await strict.set(initial);
    expireEverything();
    expect(await rejection(strict.getAccessToken())).toMatchObject({
      kind: "provider",
      status: 400,
      code: "invalid_grant",
      retryable: false,
    });
    expect(server.count("refresh_token")).toBe(1); // invalid_grant is not retried
    expect(server.count("client_credentials")).toBe(0);

    const lenient = manager(p, { store: new MemoryTokenStore(), onInvalidGrant: "obtain" });
    await lenient.set(initial);
    const access = await lenient.getAccessToken();
    expect(server.count("client_credentials")).toBe(1);
    expect(server.isActive(access)).toBe(true);
  });
});

describe("generic provider over HTTP: faults", () => {
  it("hang → a retryable timeout error, and the call returns", async () => {
    server.fault("hang");
    const error = await rejection(provider({ retries: 0 }, 200).clientCredentials());
    expect(error).toMatchObject({ kind: "timeout", retryable: true });
    // With retries, the next attempt gets an answer (a generous timeout: the answered attempt must not
    // time out on a loaded machine; only the hanging one should).
    server.fault("hang");
    await expect(provider({ ...FAST_RETRY, retries: 1 }, 2_000).clientCredentials()).resolves.toMatchObject({
      tokenType: "Bearer",
    });
    expect(server.count("client_credentials")).toBe(3);
  });

  it("connection reset → a retryable network error; retried, then it succeeds", async () => {
    server.fault("reset");
    expect(await rejection(provider({ retries: 0 }).clientCredentials())).toMatchObject({
      kind: "network",
      retryable: true,
    });
    server.resetCounts();
    server.fault("reset");
    const token = await provider().clientCredentials();
    expect(server.isActive(token.accessToken)).toBe(true);
    expect(server.requests.map((r) => r.fault)).toEqual(["reset", undefined]);
  });

  it("429 with Retry-After: 1 → the retry is not sent before the delay", async () => {
    server.fault("429", 1, { retryAfter: "1" });
    expect(await rejection(provider({ retries: 0 }).clientCredentials())).toMatchObject({
      kind: "provider",
      status: 429,
      retryable: true,
      retryAfterMs: 1000,
    });
    server.resetCounts();
    server.fault("429", 1, { retryAfter: "1" });
    await provider({ retries: 2, baseDelayMs: 1, maxDelayMs: 1 }).clientCredentials();
    const [first, second] = server.requests;
    expect(server.requests).toHaveLength(2);
    // Backoff alone would wait ≤ 1 ms; only honouring Retry-After puts ~1 s between them (generous tolerance).
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(900);
  });

  it("503 → retried", async () => {
    server.fault("503", 2);
    const token = await provider().clientCredentials();
    expect(server.isActive(token.accessToken)).toBe(true);
    expect(server.requests.map((r) => r.fault)).toEqual(["503", "503", undefined]);
  });

  it("truncated JSON under 200 → malformed_response, never a half token", async () => {
    server.fault("truncated", 3);
    expect(await rejection(provider().clientCredentials())).toMatchObject({ kind: "malformed_response", status: 200 });
  });

  it("an HTML error page → a retryable provider error with status 502", async () => {
    server.fault("html");
    const error = await rejection(provider({ retries: 0 }).clientCredentials());
    expect(error).toMatchObject({ kind: "provider", status: 502, retryable: true });
    expect(error.message).toMatch(/HTML/);
    server.fault("html");
    await expect(provider().clientCredentials()).resolves.toMatchObject({ tokenType: "Bearer" });
  });

  it("an error body under HTTP 200 → a provider error, not a token", async () => {
    server.fault("error200");
    expect(await rejection(provider({ retries: 0 }).clientCredentials())).toMatchObject({
      kind: "provider",
      status: 200,
      code: "invalid_request",
    });
  });

  it.each(["503", "reset", "hang"] as const)(
    "an authorization code is sent once, even when the first attempt gets %s",
    async (fault) => {
      // A short timeout only where the server hangs: elsewhere a loaded machine must not turn 503 into a timeout.
      const p = provider({ retries: 3, baseDelayMs: 1, maxDelayMs: 1 }, fault === "hang" ? 300 : 5_000);
      const code = server.issueCode();
      server.fault(fault);
      const error = await rejection(p.exchangeCode({ code, redirectUri: "https://client.example.com/cb" }));
      expect(error.kind).toBe({ "503": "provider", reset: "network", hang: "timeout" }[fault]);
      expect(error.retryable).toBe(true); // retrying *could* help, and still the code is not resent
      expect(server.codeCount(code)).toBe(1);
      expect(server.requests).toHaveLength(1);
    },
  );

  it("refresh is retried with the same refresh token after a reset, and rotates once", async () => {
    const p = provider();
    const initial = await userToken(p);
    server.resetCounts();
    server.fault("reset");
    const next = await p.refresh({ refreshToken: initial.refreshToken! });
    expect(server.requests.map((r) => [r.grant, r.form.refresh_token, r.fault])).toEqual([
      ["refresh_token", initial.refreshToken, "reset"],
      ["refresh_token", initial.refreshToken, undefined],
    ]);
    expect(server.isValidRefreshToken(next.refreshToken!)).toBe(true);
  });
});
