import { describe, expect, it } from "vitest";
import { FinoauthError, MemoryStateStore } from "../src/index.js";
import { createProvider } from "../src/providers/all.js";
import { rejection, usePrism } from "./support/prism.js";

const prism = usePrism("oauth2");
const cb = "https://client.example.com/cb";

function setup(now: () => number = Date.now) {
  return createProvider("oauth2", { clientId: "s6BhdRkqt3", clientSecret: "7Fjfp0ZBr1KtDRbnfVdmIw", baseUrl: prism.url(), fetch: prism.fetch, redirectUri: cb, now });
}

describe("authorization callback", () => {
  it("accepts the state once: a replay is refused and sends nothing", async () => {
    const provider = setup();
    const { state } = await provider.authorizationUrl();
    await provider.handleCallback(`${cb}?code=SplxlOBeZQQYbYS6WxSbIA&state=${state}`);
    const replay = await rejection(provider.handleCallback(`${cb}?code=SplxlOBeZQQYbYS6WxSbIA&state=${state}`));
    expect(replay).toBeInstanceOf(FinoauthError);
    expect(replay).toMatchObject({ kind: "callback", reason: "unknown_state", description: "unknown or already used state" });
    expect(prism.requests()).toHaveLength(1);
  });

  it("refuses a forged state, a missing state and a missing code", async () => {
    const provider = setup();
    const { state } = await provider.authorizationUrl();
    const forged = state.slice(0, -1) + (state.endsWith("A") ? "B" : "A");
    await expect(provider.handleCallback(`${cb}?code=x&state=${forged}`)).rejects.toMatchObject({ description: "unknown or already used state" });
    await expect(provider.handleCallback(`${cb}?code=x`)).rejects.toMatchObject({ reason: "missing_state", description: "the callback has no state" });
    const second = await provider.authorizationUrl();
    await expect(provider.handleCallback(`${cb}?state=${second.state}`)).rejects.toMatchObject({ reason: "missing_code", description: "the callback has no code" });
    expect(prism.requests()).toHaveLength(0);
  });

  it("refuses a state older than 10 minutes", async () => {
    let now = 1_000_000;
    const provider = setup(() => now);
    const { state } = await provider.authorizationUrl();
    now += 10 * 60 * 1000 + 1;
    await expect(provider.handleCallback(`${cb}?code=x&state=${state}`)).rejects.toMatchObject({ kind: "callback", reason: "expired_state", description: "the state has expired (10 minutes)" });
    expect(prism.requests()).toHaveLength(0);
  });

  it("turns error= into a typed error with the provider's description", async () => {
    const provider = setup();
    const { state } = await provider.authorizationUrl();
    const error = await rejection(provider.handleCallback(`${cb}?error=access_denied&error_description=The+user+said+no&state=${state}`));
    expect(error).toMatchObject({ kind: "callback", reason: "provider_error", code: "access_denied", description: "The user said no", retryable: false });
  });

  it("checks the state before believing error=: a forged state with an error is a forgery, its text is not repeated", async () => {
    const provider = setup();
    await provider.authorizationUrl();
    const forged = await rejection(provider.handleCallback(`${cb}?error=access_denied&error_description=Call+0800+now&state=forged`));
    expect(forged).toMatchObject({ reason: "unknown_state" });
    const stateless = await rejection(provider.handleCallback(`${cb}?error=access_denied&error_description=Call+0800+now`));
    expect(stateless).toMatchObject({ reason: "provider_error", code: "access_denied" });
    expect(stateless.description).not.toContain("0800");
  });

  it("binds the callback to the session's state when expectedState is given", async () => {
    const provider = setup();
    const mine = await provider.authorizationUrl();
    const theirs = await provider.authorizationUrl();
    // A callback started in another browser (their state) is refused in mine, before their state is used up.
    await expect(provider.handleCallback(`${cb}?code=x&state=${theirs.state}`, { expectedState: mine.state })).rejects.toMatchObject({ reason: "session_mismatch" });
    const token = await provider.handleCallback(`${cb}?code=SplxlOBeZQQYbYS6WxSbIA&state=${mine.state}`, { expectedState: mine.state });
    expect(token.accessToken).toBe(prism.example("/token", 200, "withRefreshToken").access_token);
    // Their own callback, in their browser, still works: the refusal did not consume their state.
    const theirToken = await provider.handleCallback(`${cb}?code=SplxlOBeZQQYbYS6WxSbIA&state=${theirs.state}`, { expectedState: theirs.state });
    expect(theirToken.accessToken).toBe(token.accessToken);
  });

  it("builds the consent URL on authorizeBaseUrl or an explicit endpoint when the login page lives elsewhere", async () => {
    const login = createProvider("oauth2", { clientId: "c", baseUrl: prism.url(), authorizeBaseUrl: "https://login.example.com/oauth2" });
    expect((await login.authorizationUrl()).url).toMatch(/^https:\/\/login\.example\.com\/oauth2\/authorize\?/);
    const explicit = createProvider("oauth2", { clientId: "c", baseUrl: prism.url(), endpoints: { authorize: "https://idp.example.com/connect/auth" } });
    expect((await explicit.authorizationUrl()).url).toMatch(/^https:\/\/idp\.example\.com\/connect\/auth\?response_type=code/);
    expect(() => createProvider("oauth2", { clientId: "c", baseUrl: prism.url(), authorizeBaseUrl: "http://login.example.com" })).toThrow(/authorizeBaseUrl must use https/);
  });

  it("keeps states in the store it is given (shared between instances)", async () => {
    const stateStore = new MemoryStateStore();
    const options = { clientId: "s6BhdRkqt3", clientSecret: "7Fjfp0ZBr1KtDRbnfVdmIw", baseUrl: prism.url(), fetch: prism.fetch, redirectUri: cb, stateStore };
    const { state } = await createProvider("oauth2", options).authorizationUrl();
    const token = await createProvider("oauth2", options).handleCallback(`${cb}?code=SplxlOBeZQQYbYS6WxSbIA&state=${state}`);
    expect(token.accessToken).toBe(prism.example("/token", 200, "withRefreshToken").access_token);
  });

  it("needs an absolute callback URL", async () => {
    await expect(setup().handleCallback("/cb?code=x")).rejects.toMatchObject({ kind: "invalid_options" });
  });
});

describe("options are checked at construction", () => {
  const base = { clientId: "id", clientSecret: "secret", baseUrl: "https://auth.example.com" };
  it.each([
    [{ ...base, clientId: "" }, /clientId must be a non-empty string/],
    [{ ...base, baseUrl: "/relative" }, /baseUrl must be an absolute URL/],
    [{ ...base, baseUrl: "http://auth.example.com" }, /baseUrl must use https \(plain http only on a loopback host\)/],
    [{ ...base, timeoutMs: 0 }, /timeoutMs must be a number of milliseconds between 1 and 600000, got 0/],
    [{ ...base, retry: { retries: -1 } }, /retry.retries must be a whole number/],
    [{ ...base, clientAuth: "jwt" }, /clientAuth must be "client_secret_basic" or "client_secret_post"/],
    [{ ...base, endpoints: { token: "ftp://x" } }, /endpoints.token must use https/],
  ])("%o is refused", (options, message) => {
    expect(() => createProvider("oauth2", options as never)).toThrow(message);
  });

  it("accepts plain http on loopback, and refuses an unknown provider by name", () => {
    expect(() => createProvider("oauth2", { ...base, baseUrl: "http://127.0.0.1:8080" })).not.toThrow();
    expect(() => createProvider("oauth2", { ...base, baseUrl: "http://localhost:8080" })).not.toThrow();
    // @ts-expect-error: not a provider
    expect(() => createProvider("plaid", base)).toThrow(/unknown provider "plaid"; expected one of: financial-cents, finexer/);
  });
});
