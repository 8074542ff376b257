import { describe, expect, it } from "vitest";
import { FinoauthError } from "../src/index.js";
import { createProvider } from "../src/providers/all.js";
import { rejection, usePrism } from "./support/prism.js";

const prism = usePrism("finexer");
const finexer = () =>
  createProvider("finexer", {
    clientId: "app_XBl7BcXJAXYK3",
    clientSecret: "sk_finexer_secret",
    redirectUri: "https://yourplatformwebsite.com/authorize",
    baseUrl: prism.url(),
    fetch: prism.fetch,
  });

describe("Finexer through @finoauth/auth", () => {
  it("authorization URL: scopes comma-separated, state, no PKCE (not offered)", async () => {
    const { url, state } = await finexer().authorizationUrl({ scopes: ["customer_read", "customer_write"] });
    const query = new URL(url).searchParams;
    expect(url.startsWith(`${prism.url()}/?`)).toBe(true);
    expect(Object.fromEntries(query)).toEqual({
      client_id: "app_XBl7BcXJAXYK3",
      response_type: "code",
      redirect_uri: "https://yourplatformwebsite.com/authorize",
      scope: "customer_read,customer_write",
      state,
    });
    prism.prefer(302);
    expect((await prism.fetch(new Request(url, { redirect: "manual" }))).status).toBe(302);
  });

  it("an error=access_denied callback becomes a typed error and uses up the state", async () => {
    const provider = finexer();
    const { state } = await provider.authorizationUrl();
    const error = await rejection(
      provider.handleCallback(
        `https://yourplatformwebsite.com/authorize?error=access_denied&error_code=access_denied&state=${state}`,
      ),
    );
    expect(error).toBeInstanceOf(FinoauthError);
    expect(error).toMatchObject({ kind: "callback", code: "access_denied", provider: "finexer" });
    await expect(
      provider.handleCallback(`https://yourplatformwebsite.com/authorize?code=abc&state=${state}`),
    ).rejects.toMatchObject({ kind: "callback" });
    expect(prism.requests()).toHaveLength(0);
  });

  it("exchanges the code; account_id and the comma-separated scope are normalised", async () => {
    const provider = finexer();
    const { state } = await provider.authorizationUrl();
    const token = await provider.handleCallback(
      `https://yourplatformwebsite.com/authorize?code=AUTH_CODE_1&state=${state}`,
    );
    const example = prism.example("/token", 200, "success");
    expect(token.accessToken).toBe(example.access_token);
    expect(token.extras.accountId).toBe(example.account_id);
    expect(token.scopes).toEqual(example.scope.split(","));
    expect(token.expiresAt).toBeUndefined(); // Finexer documents no expires_in
    expect(prism.sent()).toEqual({
      grant_type: "authorization_code",
      code: "AUTH_CODE_1",
      client_id: "app_XBl7BcXJAXYK3",
      client_secret: "sk_finexer_secret",
    });
  });

  it("invalid_grant: the code quoted in the description is scrubbed", async () => {
    prism.prefer(400, "invalidGrant");
    const error = await rejection(finexer().exchangeCode({ code: "{AUTHORIZATION_CODE}" }));
    expect(error).toMatchObject({ kind: "provider", status: 400, code: "invalid_grant", retryable: false });
    expect(error.description).not.toContain("{AUTHORIZATION_CODE}");
    expect(error.description).toContain("[redacted]");
  });

  it("revokes by refresh token (204) and reports a refused revoke", async () => {
    const provider = finexer();
    await expect(provider.revoke({ token: "rt_123456" })).resolves.toEqual({});
    expect(prism.sent()).toEqual({
      client_id: "app_XBl7BcXJAXYK3",
      client_secret: "sk_finexer_secret",
      refresh_token: "rt_123456",
    });
    prism.prefer(400, "invalidGrant");
    await expect(provider.revoke({ token: "rt_123456" })).rejects.toMatchObject({ kind: "provider", status: 400 });
  });

  it("revoke takes the uniform { token } only: the unreleased { refreshToken } form is invalid_options", async () => {
    const provider = finexer();
    await expect(provider.revoke({ refreshToken: "rt_123456" } as never)).rejects.toMatchObject({
      kind: "invalid_options",
      message: expect.stringContaining("revoke({ token: refreshToken })"),
    });
    await expect(provider.revoke({ token: "rt_123456", tokenTypeHint: "access_token" } as never)).rejects.toMatchObject(
      { kind: "invalid_options" },
    );
  });
});
