import { loadSpec, prismFetch } from "@finoauth/testkit";
import { afterEach, describe, expect, inject, it } from "vitest";
import { FinoauthError } from "../src/index.js";
import { createProvider } from "../src/providers/all.js";

const spec = loadSpec("oauth2");
const tokenExample = (name: string) =>
  spec.paths["/token"].post.responses["200"].content["application/json"].examples[name].value;

let prism = prismFetch();
afterEach(() => {
  expect(prism.violations, "Prism found requests that break specs/oauth2.yaml").toEqual([]);
  prism = prismFetch();
});

const provider = (extra: Record<string, unknown> = {}) =>
  createProvider("oauth2", {
    clientId: "s6BhdRkqt3",
    clientSecret: "7Fjfp0ZBr1KtDRbnfVdmIw",
    baseUrl: inject("prismUrls").oauth2!,
    fetch: prism.fetch,
    ...extra,
  });

describe("generic RFC 6749 provider against Prism", () => {
  it("client credentials: a normalised TokenSet with absolute expiry and scopes as a list", async () => {
    const before = Date.now();
    const token = await provider().clientCredentials({ scopes: ["read", "write"] });
    const example = tokenExample("withRefreshToken");
    expect(token.accessToken).toBe(example.access_token);
    expect(token.refreshToken).toBe(example.refresh_token);
    expect(token.tokenType).toBe("Bearer");
    expect(token.expiresAt! - before).toBeGreaterThanOrEqual(example.expires_in * 1000);
    expect(token.scopes).toEqual(example.scope ? example.scope.split(" ") : []);
    const sent = new URLSearchParams(prism.requests[0]!.body);
    expect(Object.fromEntries(sent)).toEqual({ grant_type: "client_credentials", scope: "read write" });
    expect(prism.requests[0]!.headers.get("authorization")).toBe("Basic czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3");
  });

  it("client_secret_post puts the credentials in the body instead", async () => {
    await provider({ clientAuth: "client_secret_post" }).password({ username: "johndoe", password: "A3ddj3w" });
    const sent = Object.fromEntries(new URLSearchParams(prism.requests[0]!.body));
    expect(sent).toMatchObject({
      grant_type: "password",
      username: "johndoe",
      client_id: "s6BhdRkqt3",
      client_secret: "7Fjfp0ZBr1KtDRbnfVdmIw",
    });
    expect(prism.requests[0]!.headers.get("authorization")).toBeNull();
  });

  it("refresh and revoke", async () => {
    const p = provider();
    const token = await p.refresh({ refreshToken: "tGzv3JOkF0XG5Qx2TlKWIA" });
    expect(token.accessToken).toBe(tokenExample("withRefreshToken").access_token);
    await expect(p.revoke({ token: "tGzv3JOkF0XG5Qx2TlKWIA", tokenTypeHint: "refresh_token" })).resolves.toEqual({});
    expect(Object.fromEntries(new URLSearchParams(prism.requests[1]!.body))).toEqual({
      token: "tGzv3JOkF0XG5Qx2TlKWIA",
      token_type_hint: "refresh_token",
    });
  });

  it("authorization URL with state and PKCE, then the callback exchanges the code with the verifier", async () => {
    const p = provider({ redirectUri: "https://client.example.com/cb" });
    const { url, state } = await p.authorizationUrl({ scopes: ["read", "write"] });
    const query = new URL(url).searchParams;
    expect(url.startsWith(`${inject("prismUrls").oauth2}/authorize?`)).toBe(true);
    expect(query.get("state")).toBe(state);
    expect(state.length).toBeGreaterThanOrEqual(43); // 32 random bytes, base64url
    expect(query.get("code_challenge_method")).toBe("S256");
    expect(query.get("scope")).toBe("read write");
    // The URL itself is valid against the spec's authorize operation.
    const answer = await prism.fetch(new Request(url, { redirect: "manual", headers: { Prefer: "code=302" } }));
    expect(answer.status).toBe(302);

    const token = await p.handleCallback(`https://client.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=${state}`);
    expect(token.accessToken).toBe(tokenExample("withRefreshToken").access_token);
    const sent = Object.fromEntries(new URLSearchParams(prism.requests.at(-1)!.body));
    const challenge = query.get("code_challenge")!;
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(sent.code_verifier)));
    expect(Buffer.from(digest).toString("base64url")).toBe(challenge);
    expect(sent).toMatchObject({
      grant_type: "authorization_code",
      code: "SplxlOBeZQQYbYS6WxSbIA",
      redirect_uri: "https://client.example.com/cb",
    });
  });

  it("pkce: false sends no challenge, and the exchange no verifier", async () => {
    const p = provider({ redirectUri: "https://client.example.com/cb", pkce: false });
    const { url, state } = await p.authorizationUrl();
    const query = new URL(url).searchParams;
    expect([query.has("code_challenge"), query.has("code_challenge_method"), query.get("state")]).toEqual([
      false,
      false,
      state,
    ]);
    await p.handleCallback(`https://client.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=${state}`);
    const sent = Object.fromEntries(new URLSearchParams(prism.requests.at(-1)!.body));
    expect(sent).toMatchObject({ grant_type: "authorization_code", code: "SplxlOBeZQQYbYS6WxSbIA" });
    expect("code_verifier" in sent).toBe(false);
    // The default still sends PKCE.
    expect(new URL((await provider().authorizationUrl()).url).searchParams.get("code_challenge_method")).toBe("S256");
  });

  it("sends to explicit endpoints when the server's URLs are not baseUrl + /token", async () => {
    const p = provider({
      baseUrl: "http://127.0.0.1:9/unused",
      endpoints: { token: `${inject("prismUrls").oauth2}/token` },
    });
    const token = await p.clientCredentials();
    expect(token.accessToken).toBe(tokenExample("withRefreshToken").access_token);
    expect(prism.requests[0]!.url).toBe(`${inject("prismUrls").oauth2}/token`);
  });

  it("maps documented errors to FinoauthError with the RFC 6749 code and retryability", async () => {
    const p = provider({ fetch: (r: Request) => prism.fetch(withPrefer(r, "code=400, example=invalidGrant")) });
    const error = await p.refresh({ refreshToken: "tGzv3JOkF0XG5Qx2TlKWIA" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FinoauthError);
    expect(error).toMatchObject({
      kind: "provider",
      provider: "oauth2",
      status: 400,
      code: "invalid_grant",
      retryable: false,
    });
  });
});

function withPrefer(request: Request, prefer: string): Request {
  const headers = new Headers(request.headers);
  headers.set("Prefer", prefer);
  return new Request(request, { headers });
}
