// Pushed authorization requests (RFC 9126) on the generic provider: against oidc-provider (a real server,
// with private_key_jwt at every endpoint), and the strict reading of the PAR answer with a stub.
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProvider, FinoauthError, type FinoauthEvent } from "../src/index.js";
import { type DiscoveredOptions, discover, oauth2 } from "../src/providers/oauth2.js";
import { consent, type OidcServer, startOidcServer } from "./support/oidc-server.js";

let server: OidcServer;
let discovered: DiscoveredOptions;
beforeAll(async () => {
  server = await startOidcServer();
  discovered = await discover(server.issuer);
});
afterAll(async () => {
  await server?.stop();
});

/** The metadata's endpoints and issuer, without the client authentication discovery picked for a secret. */
const serverOptions = () => {
  const { clientAuth: _, ...rest } = discovered;
  return { ...rest, endpoints: { ...rest.endpoints, par: `${server.issuer}/request` } };
};

describe("PAR against oidc-provider", () => {
  it("code + PKCE + PAR + private_key_jwt: the URL carries only client_id and request_uri; introspect, refresh, revoke", async () => {
    const { keyClient } = server;
    const events: FinoauthEvent[] = [];
    const provider = createProvider(oauth2, {
      ...serverOptions(),
      clientId: keyClient.clientId,
      clientKey: keyClient.privateJwk,
      redirectUri: keyClient.redirectUri,
      par: true,
      onEvent: (event) => events.push(event),
    });
    const { url, state } = await provider.authorizationUrl({
      scopes: ["openid", "offline_access"],
      prompt: "consent",
      parameters: { nonce: "n-0S6_WzA2Mj" },
    });
    const query = new URL(url).searchParams;
    expect([...query.keys()]).toEqual(["client_id", "request_uri"]);
    expect(query.get("client_id")).toBe(keyClient.clientId);
    expect(query.get("request_uri")).toMatch(/^urn:ietf:params:oauth:request_uri:/);
    expect(url.startsWith(`${server.issuer}/auth?`)).toBe(true);
    // Telemetry names the push as its own flow.
    expect(events.filter((event) => event.type === "request").map((event) => [event.flow, event.status])).toEqual([
      ["par", 201],
    ]);

    const callback = await consent(url, keyClient.redirectUri);
    // The pushed state came back: the server read the parameters from the push, not the URL.
    expect(new URL(callback).searchParams.get("state")).toBe(state);
    const token = await provider.handleCallback(callback);
    expect(token.refreshToken).toEqual(expect.any(String));
    expect(decodeJwt((token.raw as { id_token: string }).id_token)).toMatchObject({ nonce: "n-0S6_WzA2Mj" });

    expect(await provider.introspect({ token: token.accessToken })).toMatchObject({
      active: true,
      clientId: keyClient.clientId,
    });
    const refreshed = await provider.refresh({ refreshToken: token.refreshToken! });
    await provider.revoke({ token: refreshed.refreshToken!, tokenTypeHint: "refresh_token" });
    expect(await provider.introspect({ token: refreshed.refreshToken! })).toMatchObject({ active: false });
  });

  it("PAR with client_secret_basic: the same short URL", async () => {
    const { client } = server;
    const provider = createProvider(oauth2, {
      ...discovered,
      endpoints: { ...discovered.endpoints, par: `${server.issuer}/request` },
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      redirectUri: client.redirectUri,
      par: true,
    });
    const { url } = await provider.authorizationUrl({ scopes: ["openid"] });
    expect([...new URL(url).searchParams.keys()]).toEqual(["client_id", "request_uri"]);
    const token = await provider.handleCallback(await consent(url, client.redirectUri));
    expect(token.accessToken).toEqual(expect.any(String));
  });

  it("a push the server refuses is the server's error, nothing stored", async () => {
    const { keyClient } = server;
    const provider = createProvider(oauth2, {
      ...serverOptions(),
      clientId: keyClient.clientId,
      clientKey: keyClient.privateJwk,
      redirectUri: "https://elsewhere.example.com/cb",
      par: true,
    });
    const error = await provider.authorizationUrl({ scopes: ["openid"] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FinoauthError);
    expect(error).toMatchObject({ kind: "provider", status: 400 });
    expect(String(error)).not.toContain(keyClient.privateJwk.d!);
  });
});

/** A fetch recording the forms it was sent, answering each request with the next of `answers` (the last repeats). */
function answering(...answers: [number, unknown][]) {
  const sent: { url: string; form: URLSearchParams; headers: Headers }[] = [];
  const fetch = async (request: Request) => {
    sent.push({ url: request.url, form: new URLSearchParams(await request.text()), headers: request.headers });
    const [status, body] = answers[Math.min(sent.length - 1, answers.length - 1)]!;
    return new Response(typeof body === "string" ? body : JSON.stringify(body), {
      status,
      headers: { "Content-Type": "application/json" },
    });
  };
  return { fetch, sent };
}

const options = { baseUrl: "https://as.example.com", clientId: "s6BhdRkqt3", clientSecret: "7Fjfp0ZBr1KtDRbnfVdmIw" };
const created = { request_uri: "urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c", expires_in: 60 };

describe("the PAR request and answer", () => {
  it("posts every authorization parameter (a list repeated) with client authentication to /par or endpoints.par", async () => {
    const { fetch, sent } = answering([201, created]);
    const provider = createProvider(oauth2, {
      ...options,
      fetch,
      par: true,
      redirectUri: "https://client.example.com/cb",
    });
    const { url, state } = await provider.authorizationUrl({
      scopes: ["read", "write"],
      parameters: { resource: ["https://api.example.com/a", "https://api.example.com/b"] },
    });
    expect(url).toBe(
      `https://as.example.com/authorize?client_id=s6BhdRkqt3&request_uri=${encodeURIComponent(created.request_uri)}`,
    );
    const [{ url: target, form, headers }] = sent as [(typeof sent)[number]];
    expect(target).toBe("https://as.example.com/par");
    expect(headers.get("authorization")).toMatch(/^Basic /);
    expect(form.get("response_type")).toBe("code");
    expect(form.get("client_id")).toBe("s6BhdRkqt3");
    expect(form.get("state")).toBe(state);
    expect(form.get("scope")).toBe("read write");
    expect(form.get("code_challenge_method")).toBe("S256");
    expect(form.getAll("resource")).toEqual(["https://api.example.com/a", "https://api.example.com/b"]);

    const moved = answering([201, created]);
    const elsewhere = createProvider(oauth2, {
      ...options,
      fetch: moved.fetch,
      par: true,
      endpoints: { par: "https://as.example.com/oauth/par" },
    });
    await elsewhere.authorizationUrl();
    expect(moved.sent[0]!.url).toBe("https://as.example.com/oauth/par");
  });

  it("without par, nothing is pushed: the URL carries the parameters", async () => {
    const { fetch, sent } = answering([201, created]);
    const { url } = await createProvider(oauth2, { ...options, fetch }).authorizationUrl();
    expect(new URL(url).searchParams.get("response_type")).toBe("code");
    expect(sent).toHaveLength(0);
  });

  const MALFORMED: [string, unknown][] = [
    ["no request_uri", { expires_in: 60 }],
    ["an empty request_uri", { request_uri: "", expires_in: 60 }],
    ["a numeric request_uri", { request_uri: 42, expires_in: 60 }],
    ["no expires_in", { request_uri: created.request_uri }],
    ["expires_in as a string", { request_uri: created.request_uri, expires_in: "60" }],
    ["expires_in zero", { request_uri: created.request_uri, expires_in: 0 }],
    ["expires_in fractional", { request_uri: created.request_uri, expires_in: 1.5 }],
    ["expires_in beyond a day", { request_uri: created.request_uri, expires_in: 86_401 }],
    ["a list", [created]],
    ["not JSON", "<html>ok</html>"],
  ];
  for (const [what, body] of MALFORMED) {
    it(`refuses a PAR answer with ${what} as malformed_response`, async () => {
      const { fetch } = answering([201, body]);
      const provider = createProvider(oauth2, { ...options, fetch, par: true });
      await expect(provider.authorizationUrl()).rejects.toMatchObject({ kind: "malformed_response" });
    });
  }

  it("a retried push gets a fresh client assertion", async () => {
    const { generateKeyPair, exportJWK } = await import("jose");
    const { privateKey } = await generateKeyPair("ES256", { extractable: true });
    const clientKey = { ...(await exportJWK(privateKey)), kid: "k1" };
    const { fetch, sent } = answering([503, { error: "temporarily_unavailable" }], [201, created]);
    const provider = createProvider(oauth2, {
      baseUrl: options.baseUrl,
      clientId: options.clientId,
      issuer: "https://as.example.com",
      clientKey,
      fetch,
      par: true,
      retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 1 },
    });
    await provider.authorizationUrl();
    const claims = sent.map(({ form }) => decodeJwt(form.get("client_assertion")!));
    expect(claims).toHaveLength(2);
    expect(claims[0]!.jti).not.toBe(claims[1]!.jti);
    expect(claims.map((c) => c.aud)).toEqual(["https://as.example.com", "https://as.example.com"]);
  });
});
