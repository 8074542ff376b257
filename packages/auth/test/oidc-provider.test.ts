// The generic provider against a real server: panva's oidc-provider, started in this process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProvider } from "../src/index.js";
import { type DiscoveredOptions, discover, oauth2 } from "../src/providers/oauth2.js";
import { consent, type OidcServer, startOidcServer } from "./support/oidc-server.js";
import { rejection } from "./support/prism.js";

let server: OidcServer;
let discovered: DiscoveredOptions;
beforeAll(async () => {
  server = await startOidcServer();
  discovered = await discover(server.issuer);
});
afterAll(async () => {
  await server?.stop();
});

/** The claims of a JWT (not verified: the test only reads what the server put in). */
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString("utf8"));

describe("the generic provider against oidc-provider (a real OpenID Provider)", () => {
  it("discovers the server: no RFC 8414 document there, so OpenID Connect's, with its own endpoint paths", async () => {
    const { issuer } = server;
    expect(discovered).toEqual({
      baseUrl: issuer,
      issuer,
      requireIssuerParameter: true,
      clientAuth: "client_secret_basic",
      endpoints: {
        authorize: `${issuer}/auth`,
        token: `${issuer}/token`,
        revoke: `${issuer}/token/revocation`,
        introspect: `${issuer}/token/introspection`,
        // RFC 9126, offered and not required: no `par: true`.
        par: `${issuer}/request`,
      },
      clientAuthMethods: ["client_secret_basic", "client_secret_jwt", "client_secret_post", "private_key_jwt", "none"],
      signingAlgorithms: ["HS256", "RS256", "PS256", "ES256", "EdDSA"],
    });
  });

  it("authorization code + PKCE, the callback's iss checked, refresh with rotation, introspect, revoke", async () => {
    const { client } = server;
    const provider = createProvider(oauth2, {
      ...discovered,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      redirectUri: client.redirectUri,
    });
    const nonce = "n-0S6_WzA2Mj";
    const { url } = await provider.authorizationUrl({
      scopes: ["openid", "offline_access"],
      prompt: "consent",
      parameters: { nonce, login_hint: "alice@example.com" },
    });
    const callback = await consent(url, client.redirectUri);
    expect(new URL(callback).searchParams.get("iss")).toBe(server.issuer);

    const token = await provider.handleCallback(callback);
    expect(token.refreshToken).toEqual(expect.any(String));
    expect(token.scopes).toEqual(expect.arrayContaining(["openid", "offline_access"]));
    expect(token.expiresAt).toBeGreaterThan(Date.now());
    const idToken = claimsOf((token.raw as { id_token: string }).id_token);
    expect(idToken).toMatchObject({ iss: server.issuer, aud: client.clientId, sub: server.accountId, nonce });

    const active = await provider.introspect({ token: token.accessToken, tokenTypeHint: "access_token" });
    expect(active).toMatchObject({
      active: true,
      clientId: client.clientId,
      subject: server.accountId,
      issuer: server.issuer,
      tokenType: "Bearer",
    });
    expect(active.scopes).toEqual(expect.arrayContaining(["openid", "offline_access"]));

    // Refresh tokens rotate: a new one each time.
    const refreshed = await provider.refresh({ refreshToken: token.refreshToken! });
    expect(refreshed.refreshToken).toEqual(expect.any(String));
    expect(refreshed.refreshToken).not.toBe(token.refreshToken);
    expect(refreshed.accessToken).not.toBe(token.accessToken);
    expect(await provider.introspect({ token: refreshed.refreshToken!, tokenTypeHint: "refresh_token" })).toMatchObject(
      { active: true, clientId: client.clientId },
    );

    // Revocation (RFC 7009), seen through introspection (RFC 7662): active, then not.
    expect((await provider.introspect({ token: refreshed.accessToken })).active).toBe(true);
    await expect(provider.revoke({ token: refreshed.accessToken, tokenTypeHint: "access_token" })).resolves.toEqual({});
    expect(await provider.introspect({ token: refreshed.accessToken })).toEqual({
      active: false,
      raw: { active: false },
    });

    // The rotated-out refresh token is refused, as invalid_grant that no retry can help.
    const reused = await rejection(provider.refresh({ refreshToken: token.refreshToken! }));
    expect(reused).toMatchObject({ kind: "provider", status: 400, code: "invalid_grant", retryable: false });
    for (const text of [reused.message, JSON.stringify(reused), String(reused)]) {
      expect(text).not.toContain(token.refreshToken);
      expect(text).not.toContain(client.clientSecret);
    }
    // This server answers a reused refresh token by revoking the whole grant (reuse detection): the new one dies too.
    expect((await provider.introspect({ token: refreshed.refreshToken!, tokenTypeHint: "refresh_token" })).active).toBe(
      false,
    );
  });

  it("refuses a callback whose iss is another server's, and one without iss (the server always sends it)", async () => {
    const { client } = server;
    const provider = createProvider(oauth2, {
      ...discovered,
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      redirectUri: client.redirectUri,
    });
    const forged = new URL(
      await consent((await provider.authorizationUrl({ scopes: ["openid"] })).url, client.redirectUri),
    );
    forged.searchParams.set("iss", "https://evil.example.com");
    await expect(provider.handleCallback(forged)).rejects.toMatchObject({
      kind: "callback",
      reason: "issuer_mismatch",
    });
    const stripped = new URL(
      await consent((await provider.authorizationUrl({ scopes: ["openid"] })).url, client.redirectUri),
    );
    stripped.searchParams.delete("iss");
    await expect(provider.handleCallback(stripped)).rejects.toMatchObject({
      kind: "callback",
      reason: "issuer_mismatch",
      description: expect.stringMatching(/no iss/),
    });
  });
});
