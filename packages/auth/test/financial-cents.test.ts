import { describe, expect, expectTypeOf, it } from "vitest";
import { FinoauthError } from "../src/index.js";
import { createProvider } from "../src/providers/all.js";
import { rejection, usePrism } from "./support/prism.js";

const prism = usePrism("financial-cents");
// https: plain http is refused off a loopback host (RFC 8252 §7.3); the spec's example is http.
const redirectUri = "https://third-party-app.com/callback";
const fc = () =>
  createProvider("financial-cents", {
    clientId: "7956",
    clientSecret: "fc-secret-value",
    redirectUri,
    baseUrl: prism.url(),
    fetch: prism.fetch,
  });

describe("Financial Cents through @finoauth/auth", () => {
  it("builds the authorization URL with state, prompt and PKCE, which the spec accepts", async () => {
    const { url, state } = await fc().authorizationUrl({ prompt: "consent" });
    const query = new URL(url).searchParams;
    expect(url.startsWith(`${prism.url()}/oauth/authorize?`)).toBe(true);
    expect(Object.fromEntries(query)).toMatchObject({
      client_id: "7956",
      redirect_uri: redirectUri,
      response_type: "code",
      scope: "",
      state,
      prompt: "consent",
      code_challenge_method: "S256",
    });
    prism.prefer(302);
    expect((await prism.fetch(new Request(url, { redirect: "manual" }))).status).toBe(302);
  });

  it("refuses an unknown prompt before any request", async () => {
    // @ts-expect-error: the compiler knows the provider's prompts too
    await expect(fc().authorizationUrl({ prompt: "always" })).rejects.toThrow(
      /prompt must be one of none, consent, login/,
    );
  });

  it("callback → code exchange as form fields (not the document's query string), with the PKCE verifier", async () => {
    const provider = fc();
    const { state } = await provider.authorizationUrl();
    const token = await provider.handleCallback(`${redirectUri}?code=def50200abc&state=${state}`);
    const example = prism.example("/oauth/token", 200, "authorizationCode");
    expect(token.accessToken).toBe(example.access_token);
    expect(token.refreshToken).toBe(example.refresh_token);
    expect(token.expiresAt).toBeGreaterThan(Date.now() + (example.expires_in - 5) * 1000);
    expect(prism.requests().at(-1)!.url).toBe(`${prism.url()}/oauth/token`);
    expect(prism.sent()).toMatchObject({
      grant_type: "authorization_code",
      code: "def50200abc",
      client_id: "7956",
      redirect_uri: redirectUri,
    });
    expect(String(prism.sent().code_verifier)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("refresh sends the refresh_token grant and keeps Passport's error codes", async () => {
    const provider = fc();
    const token = await provider.refresh({ refreshToken: "def502-refresh" });
    expect(token.accessToken).toBe(prism.example("/oauth/token", 200, "authorizationCode").access_token);
    expect(prism.sent()).toMatchObject({
      grant_type: "refresh_token",
      refresh_token: "def502-refresh",
      client_id: "7956",
      client_secret: "fc-secret-value",
    });

    prism.prefer(401, "invalidRefreshToken");
    const error = await rejection(provider.refresh({ refreshToken: "def502-refresh" }));
    expect(error).toBeInstanceOf(FinoauthError);
    expect(error).toMatchObject({ kind: "provider", status: 401, code: "invalid_request", retryable: false });
    prism.prefer(400, "invalidGrant");
    expect(await rejection(provider.refresh({ refreshToken: "def502-refresh" }))).toMatchObject({
      status: 400,
      code: "invalid_grant",
    });
  });

  it("has no revoke, password or client-credentials flow (Financial Cents documents none)", () => {
    const provider = fc();
    expect("revoke" in provider || "password" in provider || "clientCredentials" in provider).toBe(false);
    // The compiler knows it too (checked by the type-check).
    expectTypeOf(provider).not.toHaveProperty("revoke");
    expectTypeOf(provider).not.toHaveProperty("clientCredentials");
    expectTypeOf(provider).toHaveProperty("refresh");
  });

  it("builds an authorization URL without a client secret; the flows that send one need it", async () => {
    const noSecret = createProvider("financial-cents", {
      clientId: "7956",
      redirectUri,
      baseUrl: prism.url(),
      fetch: prism.fetch,
    });
    const { url } = await noSecret.authorizationUrl();
    expect(new URL(url).searchParams.get("client_id")).toBe("7956");
    await expect(noSecret.exchangeCode({ code: "c0de" })).rejects.toMatchObject({
      kind: "invalid_options",
      description: "clientSecret is required for Financial Cents's token and revoke calls",
    });
    expect(prism.requests()).toHaveLength(0);
  });

  it("needs a redirect URI", async () => {
    await expect(
      // @ts-expect-error: redirectUri is required
      createProvider("financial-cents", { clientId: "7956", clientSecret: "x" }).authorizationUrl(),
    ).rejects.toThrow(/needs a redirectUri/);
    expect(() =>
      createProvider("financial-cents", { clientId: "7956", clientSecret: "x", redirectUri: "callback" }),
    ).toThrow(/redirectUri must be an absolute URL/);
  });
});
