import { describe, expect, it } from "vitest";
import { createProvider, FinoauthError, MemoryStateStore } from "../src/index.js";
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
    expect(replay).toMatchObject({ kind: "callback", description: "unknown or already used state" });
    expect(prism.requests()).toHaveLength(1);
  });

  it("refuses a forged state, a missing state and a missing code", async () => {
    const provider = setup();
    const { state } = await provider.authorizationUrl();
    await expect(provider.handleCallback(`${cb}?code=x&state=${state.slice(0, -1)}A`)).rejects.toMatchObject({ description: "unknown or already used state" });
    await expect(provider.handleCallback(`${cb}?code=x`)).rejects.toMatchObject({ description: "the callback has no state" });
    const second = await provider.authorizationUrl();
    await expect(provider.handleCallback(`${cb}?state=${second.state}`)).rejects.toMatchObject({ description: "the callback has no code" });
    expect(prism.requests()).toHaveLength(0);
  });

  it("refuses a state older than 10 minutes", async () => {
    let now = 1_000_000;
    const provider = setup(() => now);
    const { state } = await provider.authorizationUrl();
    now += 10 * 60 * 1000 + 1;
    await expect(provider.handleCallback(`${cb}?code=x&state=${state}`)).rejects.toMatchObject({ kind: "callback", description: "the state has expired (10 minutes)" });
    expect(prism.requests()).toHaveLength(0);
  });

  it("turns error= into a typed error with the provider's description", async () => {
    const provider = setup();
    const { state } = await provider.authorizationUrl();
    const error = await rejection(provider.handleCallback(`${cb}?error=access_denied&error_description=The+user+said+no&state=${state}`));
    expect(error).toMatchObject({ kind: "callback", code: "access_denied", description: "The user said no", retryable: false });
  });

  it("keeps states in the store it is given (shared between instances)", async () => {
    const stateStore = new MemoryStateStore();
    const options = { clientId: "s6BhdRkqt3", clientSecret: "7Fjfp0ZBr1KtDRbnfVdmIw", baseUrl: prism.url(), fetch: prism.fetch, redirectUri: cb, stateStore };
    const { state } = await createProvider("oauth2", options).authorizationUrl();
    const token = await createProvider("oauth2", options).handleCallback(`${cb}?code=SplxlOBeZQQYbYS6WxSbIA&state=${state}`);
    expect(token.accessToken).toBeTruthy();
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
    [{ ...base, timeoutMs: 0 }, /timeoutMs must be a positive number/],
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
