import { describe, expect, it } from "vitest";
import { FinoauthError, MemoryStateStore, type PendingAuthorization, type StateStore } from "../src/index.js";
import { createProvider } from "../src/providers/all.js";
import { oauth2 } from "../src/providers/oauth2.js";
import { rejection, usePrism } from "./support/prism.js";

const prism = usePrism("oauth2");
const cb = "https://client.example.com/cb";

function setup(now: () => number = Date.now) {
  return createProvider("oauth2", {
    clientId: "s6BhdRkqt3",
    clientSecret: "7Fjfp0ZBr1KtDRbnfVdmIw",
    baseUrl: prism.url(),
    fetch: prism.fetch,
    redirectUri: cb,
    now,
  });
}

describe("authorization callback", () => {
  it("accepts the state once: a replay is refused and sends nothing", async () => {
    const provider = setup();
    const { state } = await provider.authorizationUrl();
    await provider.handleCallback(`${cb}?code=SplxlOBeZQQYbYS6WxSbIA&state=${state}`);
    const replay = await rejection(provider.handleCallback(`${cb}?code=SplxlOBeZQQYbYS6WxSbIA&state=${state}`));
    expect(replay).toBeInstanceOf(FinoauthError);
    expect(replay).toMatchObject({
      kind: "callback",
      reason: "unknown_state",
      description: "unknown or already used state",
    });
    expect(prism.requests()).toHaveLength(1);
  });

  it("refuses a forged state, a missing state and a missing code", async () => {
    const provider = setup();
    const { state } = await provider.authorizationUrl();
    const forged = state.slice(0, -1) + (state.endsWith("A") ? "B" : "A");
    await expect(provider.handleCallback(`${cb}?code=x&state=${forged}`)).rejects.toMatchObject({
      description: "unknown or already used state",
    });
    await expect(provider.handleCallback(`${cb}?code=x`)).rejects.toMatchObject({
      reason: "missing_state",
      description: "the callback has no state",
    });
    const second = await provider.authorizationUrl();
    await expect(provider.handleCallback(`${cb}?state=${second.state}`)).rejects.toMatchObject({
      reason: "missing_code",
      description: "the callback has no code",
    });
    expect(prism.requests()).toHaveLength(0);
  });

  it("refuses a state older than 10 minutes", async () => {
    let now = 1_000_000;
    const provider = setup(() => now);
    const { state } = await provider.authorizationUrl();
    now += 10 * 60 * 1000 + 1;
    await expect(provider.handleCallback(`${cb}?code=x&state=${state}`)).rejects.toMatchObject({
      kind: "callback",
      reason: "expired_state",
      description: "the state has expired (10 minutes)",
    });
    expect(prism.requests()).toHaveLength(0);
  });

  it("turns error= into a typed error with the provider's description", async () => {
    const provider = setup();
    const { state } = await provider.authorizationUrl();
    const error = await rejection(
      provider.handleCallback(`${cb}?error=access_denied&error_description=The+user+said+no&state=${state}`),
    );
    expect(error).toMatchObject({
      kind: "callback",
      reason: "provider_error",
      code: "access_denied",
      description: "The user said no",
      retryable: false,
    });
  });

  it("checks the state before believing error=: a forged state with an error is a forgery, its text is not repeated", async () => {
    const provider = setup();
    await provider.authorizationUrl();
    const forged = await rejection(
      provider.handleCallback(`${cb}?error=access_denied&error_description=Call+0800+now&state=forged`),
    );
    expect(forged).toMatchObject({ reason: "unknown_state" });
    const stateless = await rejection(
      provider.handleCallback(`${cb}?error=access_denied&error_description=Call+0800+now`),
    );
    expect(stateless).toMatchObject({ reason: "provider_error", code: "access_denied" });
    expect(stateless.description).not.toContain("0800");
  });

  it("binds the callback to the session's state when expectedState is given", async () => {
    const provider = setup();
    const mine = await provider.authorizationUrl();
    const theirs = await provider.authorizationUrl();
    // A callback started in another browser (their state) is refused in mine, before their state is used up.
    await expect(
      provider.handleCallback(`${cb}?code=x&state=${theirs.state}`, { expectedState: mine.state }),
    ).rejects.toMatchObject({ reason: "session_mismatch" });
    const token = await provider.handleCallback(`${cb}?code=SplxlOBeZQQYbYS6WxSbIA&state=${mine.state}`, {
      expectedState: mine.state,
    });
    expect(token.accessToken).toBe(prism.example("/token", 200, "withRefreshToken").access_token);
    // Their own callback, in their browser, still works: the refusal did not consume their state.
    const theirToken = await provider.handleCallback(`${cb}?code=SplxlOBeZQQYbYS6WxSbIA&state=${theirs.state}`, {
      expectedState: theirs.state,
    });
    expect(theirToken.accessToken).toBe(token.accessToken);
  });

  it("keeps providers that share a state store apart: a state is refused at another provider's callback, and still works at its own", async () => {
    const stateStore = new MemoryStateStore();
    const options = {
      clientId: "s6BhdRkqt3",
      clientSecret: "7Fjfp0ZBr1KtDRbnfVdmIw",
      fetch: prism.fetch,
      redirectUri: cb,
      stateStore,
    };
    const mine = createProvider("oauth2", { ...options, baseUrl: prism.url() });
    const other = createProvider("financial-cents", { ...options, baseUrl: prism.url() });
    const { state } = await mine.authorizationUrl();
    await expect(other.handleCallback(`${cb}?code=x&state=${state}`)).rejects.toMatchObject({
      kind: "callback",
      reason: "unknown_state",
    });
    expect(prism.requests()).toHaveLength(0);
    expect((await mine.handleCallback(`${cb}?code=SplxlOBeZQQYbYS6WxSbIA&state=${state}`)).accessToken).toBeTruthy();
  });

  it("refuses a pending state recorded for another provider (a store that ignores the key)", async () => {
    const leaky: StateStore = {
      pending: undefined as PendingAuthorization | undefined,
      async put(_k, v) {
        this.pending = v;
      },
      async take() {
        return this.pending;
      },
    } as StateStore & { pending?: PendingAuthorization };
    const a = createProvider("oauth2", { clientId: "c", baseUrl: prism.url(), stateStore: leaky, redirectUri: cb });
    const b = createProvider("financial-cents", {
      clientId: "c",
      baseUrl: prism.url(),
      stateStore: leaky,
      redirectUri: cb,
    });
    const { state } = await a.authorizationUrl();
    await expect(b.handleCallback(`${cb}?code=x&state=${state}`)).rejects.toMatchObject({ reason: "wrong_provider" });
  });

  it("checks iss (RFC 9207) when the provider declares an issuer: a forged or missing iss is refused", async () => {
    const withIssuer = (required: boolean) =>
      createProvider(
        { ...oauth2, issuer: () => ({ issuer: "https://as.example.com", required }) },
        {
          clientId: "s6BhdRkqt3",
          clientSecret: "7Fjfp0ZBr1KtDRbnfVdmIw",
          baseUrl: prism.url(),
          fetch: prism.fetch,
          redirectUri: cb,
        },
      );
    const strict = withIssuer(true);
    const forged = await strict.authorizationUrl();
    await expect(
      strict.handleCallback(`${cb}?code=x&state=${forged.state}&iss=${encodeURIComponent("https://evil.example.com")}`),
    ).rejects.toMatchObject({ reason: "issuer_mismatch" });
    const missing = await strict.authorizationUrl();
    await expect(strict.handleCallback(`${cb}?code=x&state=${missing.state}`)).rejects.toMatchObject({
      reason: "issuer_mismatch",
      description: expect.stringMatching(/no iss/),
    });
    // A denial is believed only after iss matches: a forged iss with error= is still an issuer mismatch.
    const denied = await strict.authorizationUrl();
    await expect(
      strict.handleCallback(`${cb}?error=access_denied&state=${denied.state}&iss=https://evil.example.com`),
    ).rejects.toMatchObject({ reason: "issuer_mismatch" });
    expect(prism.requests()).toHaveLength(0);
    const good = await strict.authorizationUrl();
    expect(
      (
        await strict.handleCallback(
          `${cb}?code=SplxlOBeZQQYbYS6WxSbIA&state=${good.state}&iss=${encodeURIComponent("https://as.example.com")}`,
        )
      ).accessToken,
    ).toBeTruthy();
    const lenient = withIssuer(false);
    const noIss = await lenient.authorizationUrl();
    expect(
      (await lenient.handleCallback(`${cb}?code=SplxlOBeZQQYbYS6WxSbIA&state=${noIss.state}`)).accessToken,
    ).toBeTruthy();
  });

  it("adds the caller's authorize parameters where the provider takes them, never over the library's", async () => {
    const provider = setup();
    const { url } = await provider.authorizationUrl({
      parameters: { nonce: "n-0S6_WzA2Mj", login_hint: "alice@example.com", resource: undefined },
    });
    expect(new URL(url).searchParams.get("nonce")).toBe("n-0S6_WzA2Mj");
    expect(new URL(url).searchParams.get("login_hint")).toBe("alice@example.com");
    expect(new URL(url).searchParams.has("resource")).toBe(false);
    for (const reserved of ["state", "code_challenge", "client_id", "redirect_uri", "response_type", "scope"]) {
      await expect(provider.authorizationUrl({ parameters: { [reserved]: "attacker" } })).rejects.toThrow(
        `the authorize parameter "${reserved}" is set by the library and cannot be replaced`,
      );
    }
    // @ts-expect-error: the compiler refuses a parameter the library sets, too
    await expect(provider.authorizationUrl({ parameters: { state: "attacker" } })).rejects.toThrow(
      /"state" is set by the library/,
    );
    const fixed = createProvider("financial-cents", { clientId: "7956", redirectUri: cb, baseUrl: prism.url() });
    await expect(fixed.authorizationUrl({ parameters: { nonce: "x" } })).rejects.toThrow(
      /takes no authorize parameters beyond scopes, redirectUri and prompt/,
    );
  });

  it("repeats a parameter given as a list (RFC 8707 resource), and takes the OpenID Connect prompts", async () => {
    const provider = setup();
    const resources = ["https://api.example.com/accounts", "https://api.example.com/payments"];
    const { url } = await provider.authorizationUrl({
      prompt: "consent",
      parameters: { resource: resources, audience: "https://api.example.com", "x-custom": ["a", "b"] },
    });
    const query = new URL(url).searchParams;
    expect(query.getAll("resource")).toEqual(resources);
    expect(query.get("audience")).toBe("https://api.example.com");
    expect(query.getAll("x-custom")).toEqual(["a", "b"]);
    expect(query.get("prompt")).toBe("consent");
    // @ts-expect-error: not an OpenID Connect prompt
    await expect(provider.authorizationUrl({ prompt: "always" })).rejects.toThrow(
      /prompt must be one of none, login, consent, select_account, create/,
    );
    await expect(provider.authorizationUrl({ parameters: { resource: [42 as unknown as string] } })).rejects.toThrow(
      /"resource" must be a string or a list of strings/,
    );
  });

  it("builds the consent URL on authorizeBaseUrl or an explicit endpoint when the login page lives elsewhere", async () => {
    const login = createProvider("oauth2", {
      clientId: "c",
      baseUrl: prism.url(),
      authorizeBaseUrl: "https://login.example.com/oauth2",
    });
    expect((await login.authorizationUrl()).url).toMatch(/^https:\/\/login\.example\.com\/oauth2\/authorize\?/);
    const explicit = createProvider("oauth2", {
      clientId: "c",
      baseUrl: prism.url(),
      endpoints: { authorize: "https://idp.example.com/connect/auth" },
    });
    expect((await explicit.authorizationUrl()).url).toMatch(
      /^https:\/\/idp\.example\.com\/connect\/auth\?response_type=code/,
    );
    expect(() =>
      createProvider("oauth2", { clientId: "c", baseUrl: prism.url(), authorizeBaseUrl: "http://login.example.com" }),
    ).toThrow(/authorizeBaseUrl must use https/);
  });

  it("keeps states in the store it is given (shared between instances)", async () => {
    const stateStore = new MemoryStateStore();
    const options = {
      clientId: "s6BhdRkqt3",
      clientSecret: "7Fjfp0ZBr1KtDRbnfVdmIw",
      baseUrl: prism.url(),
      fetch: prism.fetch,
      redirectUri: cb,
      stateStore,
    };
    const { state } = await createProvider("oauth2", options).authorizationUrl();
    const token = await createProvider("oauth2", options).handleCallback(
      `${cb}?code=SplxlOBeZQQYbYS6WxSbIA&state=${state}`,
    );
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
    [
      { ...base, clientAuth: "jwt" },
      /clientAuth must be one of client_secret_basic, client_secret_post, client_secret_jwt, private_key_jwt/,
    ],
    [{ ...base, endpoints: { token: "ftp://x" } }, /endpoints.token must use https/],
    [
      { ...base, timeoutMs: 1e12 },
      /timeoutMs must be a number of milliseconds between 1 and 600000, got 1000000000000/,
    ],
    [{ ...base, timeoutMs: "5000" }, /timeoutMs must be a number of milliseconds/],
    [
      { ...base, retry: { baseDelayMs: -5 } },
      /retry.baseDelayMs must be a number of milliseconds between 0 and 600000/,
    ],
    [{ ...base, retry: 3 }, /retry must be an object such as \{ retries: 2 \}/],
    [{ ...base, stateStore: {} }, /stateStore must have put\(key, value\) and take\(key\) methods/],
    [{ ...base, now: "x" }, /now must be a function returning epoch milliseconds/],
    [{ ...base, fetch: "https://proxy" }, /fetch must be a function/],
    [{ ...base, baseUrl: "https://user:pass@auth.example.com" }, /baseUrl must not carry credentials \(user:pass@\)/],
    [{ ...base, baseUrl: "http://127.evil.example" }, /baseUrl must use https \(plain http only on a loopback host\)/],
    [{ ...base, baseUrl: "http://127.0.0.1.nip.io" }, /baseUrl must use https/],
    [{ ...base, baseUrl: "http://127.0.0.300" }, /baseUrl must/],
    [{ ...base, clientSecret: "" }, /clientSecret, when given, must be a non-empty string/],
    [{ ...base, baseUrl: undefined }, /baseUrl is required/],
  ])("%o is refused", (options, message) => {
    expect(() => createProvider("oauth2", options as never)).toThrow(message);
  });

  it("accepts plain http on loopback, and refuses an unknown provider by name", () => {
    expect(() => createProvider("oauth2", { ...base, baseUrl: "http://127.0.0.1:8080" })).not.toThrow();
    expect(() => createProvider("oauth2", { ...base, baseUrl: "http://localhost:8080" })).not.toThrow();
    expect(() => createProvider("oauth2", { ...base, baseUrl: "http://127.45.6.7" })).not.toThrow();
    expect(() => createProvider("oauth2", { ...base, baseUrl: "http://[::1]:9000" })).not.toThrow();
    // @ts-expect-error: not a provider
    expect(() => createProvider("plaid", base)).toThrow(
      /unknown provider "plaid"; expected one of: financial-cents, finexer/,
    );
  });
});
