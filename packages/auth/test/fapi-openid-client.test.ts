// FAPI 2.0 flows against a real server (panva's oidc-provider, @finoauth/mock/fapi), run first by
// openid-client 6 as the yardstick: where it passes, the server is right. finoauth runs the same flows,
// flow for flow, in this file ("finoauth, beside the yardstick"); where it differs, the test says why.

import {
  certificateThumbprint,
  dpopThumbprint,
  type FapiAlg,
  type FapiServer,
  fetchOver,
  type MtlsClient,
  startFapiServer,
} from "@finoauth/mock/fapi";
import { calculateJwkThumbprint, exportJWK } from "jose";
import * as oidc from "openid-client";
import { type Agent, fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProvider, createTokenManager } from "../src/index.js";
import { discover, oauth2 } from "../src/providers/oauth2.js";

let server: FapiServer;
beforeAll(async () => {
  server = await startFapiServer();
});
afterAll(async () => {
  await server?.stop();
});

/** openid-client's `customFetch` over an undici Agent (the private CA, and a client certificate if any). */
const over =
  (agent: Agent): oidc.CustomFetch =>
  (url, options) =>
    undiciFetch(url, { ...(options as object), dispatcher: agent }) as unknown as Promise<Response>;

/** The requests to `path` since `from` (an index into `server.requests`). */
const served = (from: number, path: string) => server.requests.slice(from).filter((r) => r.path.startsWith(path));

/** PAR + PKCE S256 + consent, then the code grant: what every flow starts with. */
async function authorize(config: oidc.Configuration, redirectUri: string, options: oidc.DPoPOptions = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const url = await oidc.buildAuthorizationUrlWithPAR(
    config,
    {
      redirect_uri: redirectUri,
      scope: "openid offline_access",
      prompt: "consent",
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
    },
    options,
  );
  // The browser URL carries only the client id and the request_uri (RFC 9126 §4).
  expect([...url.searchParams.keys()].sort()).toEqual(["client_id", "request_uri"]);
  const callback = new URL(await server.consent(url.href, redirectUri));
  // RFC 9207: the server names itself in the authorization response.
  expect(callback.searchParams.get("iss")).toBe(server.issuer);
  return oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier }, undefined, options);
}

/** code + PKCE + PAR + private_key_jwt + DPoP (nonces), refresh with DPoP, userinfo with a nonce challenge, revoke. */
async function privateKeyJwtWithDpop(server: FapiServer) {
  const client = server.clients.privateKeyJwt;
  const key = client.signingKeys.ES256;
  const config = await oidc.discovery(
    new URL(server.issuer),
    client.clientId,
    { id_token_signed_response_alg: "ES256" },
    oidc.PrivateKeyJwt({ key: key.keys.privateKey, kid: key.kid }),
    { [oidc.customFetch]: over(server.dispatcher()) },
  );
  const dpop = oidc.getDPoPHandle(config, client.dpopKeys);
  const jkt = await dpopThumbprint(client.dpopKeys);
  const start = server.requests.length;

  const tokens = await authorize(config, client.redirectUri, { DPoP: dpop });
  expect(tokens.token_type).toBe("dpop");
  // The first DPoP request (the PAR) had no nonce: challenged once, then answered with the server's nonce.
  expect(served(start, "/request").map((r) => [r.status, r.nonceChallenge])).toEqual([
    [400, true],
    [201, false],
  ]);
  const introspection = await oidc.tokenIntrospection(config, tokens.access_token);
  expect(introspection).toMatchObject({ active: true, client_id: client.clientId, token_type: "DPoP", cnf: { jkt } });
  expect(jkt).toBe(await calculateJwkThumbprint(await exportJWK(client.dpopKeys.publicKey)));
  expect(await server.introspect(tokens.access_token)).toMatchObject({ active: true, cnf: { jkt } });

  const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!, undefined, { DPoP: dpop });
  expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
  expect(await server.introspect(refreshed.access_token)).toMatchObject({ active: true, cnf: { jkt } });

  // The nonce the client holds has expired: the userinfo endpoint challenges, the client answers once.
  server.dpop.expire();
  const before = server.requests.length;
  const userinfo = await oidc.fetchProtectedResource(
    config,
    refreshed.access_token,
    new URL(config.serverMetadata().userinfo_endpoint!),
    "GET",
    undefined,
    undefined,
    { DPoP: dpop },
  );
  expect(await userinfo.json()).toEqual({ sub: server.accountId });
  expect(served(before, "/me").map((r) => [r.status, r.nonceChallenge])).toEqual([
    [401, true],
    [200, false],
  ]);

  await oidc.tokenRevocation(config, refreshed.refresh_token!);
  expect(await server.introspect(refreshed.refresh_token!)).toEqual({ active: false });
}

/** The same flow with mutual TLS: client authentication by certificate, certificate-bound tokens, mTLS aliases. */
async function mutualTls(server: FapiServer, client: MtlsClient) {
  const config = await oidc.discovery(
    new URL(server.issuer),
    client.clientId,
    { id_token_signed_response_alg: "ES256", use_mtls_endpoint_aliases: true },
    oidc.TlsClientAuth(),
    { [oidc.customFetch]: over(server.dispatcher(client.tls)) },
  );
  const x5t = certificateThumbprint(client.tls.certPem);
  expect(x5t).toBe(client.tls.x5tS256);
  const start = server.requests.length;

  const tokens = await authorize(config, client.redirectUri);
  expect(tokens.token_type).toBe("bearer");
  // Back-channel calls went to the mTLS alias host, with the client certificate on the connection.
  for (const call of [...served(start, "/request"), ...served(start, "/token")]) {
    expect(call).toMatchObject({ host: new URL(server.mtlsOrigin).host, clientCertificate: x5t });
  }
  const introspection = await oidc.tokenIntrospection(config, tokens.access_token);
  expect(introspection).toMatchObject({ active: true, client_id: client.clientId, cnf: { "x5t#S256": x5t } });

  const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
  expect(await server.introspect(refreshed.access_token)).toMatchObject({ cnf: { "x5t#S256": x5t } });
  const aliases = config.serverMetadata().mtls_endpoint_aliases!;
  const userinfo = await oidc.fetchProtectedResource(
    config,
    refreshed.access_token,
    new URL(aliases.userinfo_endpoint!),
    "GET",
  );
  expect(await userinfo.json()).toEqual({ sub: server.accountId });

  await oidc.tokenRevocation(config, refreshed.access_token);
  expect(await server.introspect(refreshed.access_token)).toEqual({ active: false });
}

describe("openid-client (yardstick)", () => {
  it("code + PKCE + PAR + private_key_jwt + DPoP: cnf.jkt, refresh, userinfo after a nonce challenge, revoke", () =>
    privateKeyJwtWithDpop(server));

  it("mutual TLS, self_signed_tls_client_auth: certificate-bound tokens (cnf x5t#S256), aliases, revoke", () =>
    mutualTls(server, server.clients.selfSignedTls));

  it("mutual TLS, tls_client_auth (a CA-issued certificate, subject DN registered)", () =>
    mutualTls(server, server.clients.tlsClientAuth));
});

/** openid-client configured for the private_key_jwt client, signing with `alg`'s key, DPoP-less. */
async function privateKeyJwtConfig(alg: FapiAlg, modify?: oidc.ModifyAssertionFunction) {
  const client = server.clients.privateKeyJwt;
  const key = client.signingKeys[alg];
  return oidc.discovery(
    new URL(server.issuer),
    client.clientId,
    { id_token_signed_response_alg: "ES256" },
    oidc.PrivateKeyJwt({ key: key.keys.privateKey, kid: key.kid }, modify ? { [oidc.modifyAssertion]: modify } : {}),
    { [oidc.customFetch]: over(server.dispatcher()) },
  );
}

/** A pushed authorization request for the private_key_jwt client (PKCE S256, DPoP with `dpop`). */
async function push(config: oidc.Configuration, options: oidc.DPoPOptions = {}) {
  return oidc.buildAuthorizationUrlWithPAR(
    config,
    {
      redirect_uri: server.clients.privateKeyJwt.redirectUri,
      scope: "openid",
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: "S256",
    },
    options,
  );
}

/** finoauth's side of {@link privateKeyJwtWithDpop}: the same server, client, keys and checks. */
async function finoauthPrivateKeyJwtWithDpop(server: FapiServer) {
  const client = server.clients.privateKeyJwt;
  const fetch = fetchOver(server.dispatcher());
  const bank = createProvider(oauth2, {
    ...(await discover(server.issuer, { fetch })),
    profile: "fapi2",
    clientId: client.clientId,
    clientAuth: "private_key_jwt",
    clientKey: client.signingKeys.ES256.privateJwk,
    dpop: client.dpopKeys,
    redirectUri: client.redirectUri,
    fetch,
  });
  const jkt = await dpopThumbprint(client.dpopKeys);
  const start = server.requests.length;

  const { url } = await bank.authorizationUrl({ scopes: ["openid", "offline_access"], prompt: "consent" });
  expect([...new URL(url).searchParams.keys()]).toEqual(["client_id", "request_uri"]);
  // handleCallback checks the state, PKCE and the RFC 9207 iss itself (openid-client: authorizationCodeGrant).
  const token = await bank.handleCallback(await server.consent(url, client.redirectUri));
  expect(token.tokenType).toBe("DPoP"); // finoauth keeps the server's case; openid-client lower-cases it
  expect(token.cnf).toEqual({ jkt });
  expect(served(start, "/request").map((r) => [r.status, r.nonceChallenge])).toEqual([
    [400, true],
    [201, false],
  ]);
  expect(await bank.introspect({ token: token.accessToken })).toMatchObject({
    active: true,
    clientId: client.clientId,
  });
  expect(await server.introspect(token.accessToken)).toMatchObject({ active: true, cnf: { jkt } });

  // Through the token manager, as an application would: it checks the stored token's binding before use.
  const tokens = createTokenManager({
    key: "fapi:yardstick",
    obtain: async () => token,
    refresh: (current) => bank.refresh({ refreshToken: current.refreshToken! }),
    binding: bank.binding(),
  });
  await tokens.set(token);
  const refreshed = await tokens.forceRefresh();
  expect(refreshed.refreshToken).not.toBe(token.refreshToken);
  expect(await server.introspect(refreshed.accessToken)).toMatchObject({ active: true, cnf: { jkt } });

  server.dpop.expire();
  const before = server.requests.length;
  const userinfo = await bank.fetchProtectedResource(refreshed, `${server.issuer}/me`);
  expect(userinfo).toMatchObject({ status: 200, json: { sub: server.accountId } });
  expect(served(before, "/me").map((r) => [r.status, r.nonceChallenge])).toEqual([
    [401, true],
    [200, false],
  ]);

  await bank.revoke({ token: refreshed.refreshToken!, tokenTypeHint: "refresh_token" });
  expect(await server.introspect(refreshed.refreshToken!)).toEqual({ active: false });
}

/** finoauth's side of {@link mutualTls}. */
async function finoauthMutualTls(server: FapiServer, client: MtlsClient) {
  const tls = { cert: client.tls.certPem, key: client.tls.keyPem, ca: server.caPem };
  // finoauth reads the mTLS aliases from discover() and uses them whenever a certificate is presented
  // (openid-client needs use_mtls_endpoint_aliases: true).
  const bank = createProvider(oauth2, {
    ...(await discover(server.issuer, { tls })),
    profile: "fapi2",
    clientId: client.clientId,
    clientAuth: client.authMethod,
    redirectUri: client.redirectUri,
    tls,
  });
  const x5t = certificateThumbprint(client.tls.certPem);
  const start = server.requests.length;
  const { url } = await bank.authorizationUrl({ scopes: ["openid", "offline_access"], prompt: "consent" });
  const token = await bank.handleCallback(await server.consent(url, client.redirectUri));
  expect(token.tokenType.toLowerCase()).toBe("bearer");
  expect(token.cnf).toEqual({ "x5t#S256": x5t });
  for (const call of [...served(start, "/request"), ...served(start, "/token")]) {
    expect(call).toMatchObject({ host: new URL(server.mtlsOrigin).host, clientCertificate: x5t });
  }
  expect(await server.introspect(token.accessToken)).toMatchObject({ cnf: { "x5t#S256": x5t } });
  const refreshed = await bank.refresh({ refreshToken: token.refreshToken! });
  expect(await server.introspect(refreshed.accessToken)).toMatchObject({ cnf: { "x5t#S256": x5t } });
  const userinfo = await bank.fetchProtectedResource(refreshed, `${server.mtlsOrigin}/me`);
  expect(userinfo).toMatchObject({ status: 200, json: { sub: server.accountId } });
  await bank.revoke({ token: refreshed.accessToken });
  expect(await server.introspect(refreshed.accessToken)).toEqual({ active: false });
}

describe("finoauth, beside the yardstick (the same server, clients and checks)", () => {
  it("code + PKCE + PAR + private_key_jwt + DPoP: cnf.jkt, refresh through the token manager, userinfo after a nonce challenge, revoke", () =>
    finoauthPrivateKeyJwtWithDpop(server));

  it("mutual TLS, self_signed_tls_client_auth: certificate-bound tokens (cnf x5t#S256), aliases, revoke", () =>
    finoauthMutualTls(server, server.clients.selfSignedTls));

  it("mutual TLS, tls_client_auth (a CA-issued certificate, subject DN registered)", () =>
    finoauthMutualTls(server, server.clients.tlsClientAuth));
});

describe("the FAPI server refuses what FAPI 2.0 forbids (so a client that gets through is right)", () => {
  it("publishes PAR as required, RFC 9207 iss, DPoP algorithms, certificate binding and the mTLS aliases", async () => {
    const config = await privateKeyJwtConfig("ES256");
    expect(config.serverMetadata()).toMatchObject({
      issuer: server.issuer,
      require_pushed_authorization_requests: true,
      authorization_response_iss_parameter_supported: true,
      dpop_signing_alg_values_supported: ["ES256", "PS256", "EdDSA"],
      tls_client_certificate_bound_access_tokens: true,
      mtls_endpoint_aliases: { token_endpoint: `${server.mtlsOrigin}/token` },
    });
  });

  it("refuses a plain (not pushed) authorization request", async () => {
    const config = await privateKeyJwtConfig("ES256");
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: server.clients.privateKeyJwt.redirectUri,
      scope: "openid",
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: "S256",
    });
    const callback = new URL(await server.consent(url.href, server.clients.privateKeyJwt.redirectUri));
    expect(callback.searchParams.get("error")).toBe("invalid_request");
    expect(callback.searchParams.get("error_description")).toMatch(/pushed authorization request/i);
  });

  it.each(["ES256", "PS256"] as const)("takes a client assertion signed with %s", async (alg) => {
    const url = await push(await privateKeyJwtConfig(alg));
    expect(url.searchParams.get("request_uri")).toMatch(/^urn:ietf:params:oauth:request_uri:/);
  });

  // openid-client 6.9 names an Ed25519 signature by the fully-specified `alg: "Ed25519"` (RFC 9864);
  // oidc-provider 8 (jose 5) knows only the polymorphic "EdDSA": the same signature, named as it expects, passes.
  it("takes an Ed25519 client assertion named alg EdDSA, and refuses the name Ed25519 (oidc-provider 8)", async () => {
    const named = (alg: string) =>
      privateKeyJwtConfig("EdDSA", (header) => {
        header.alg = alg;
      });
    const url = await push(await named("EdDSA"));
    expect(url.searchParams.get("request_uri")).toMatch(/^urn:ietf:params:oauth:request_uri:/);
    await expect(push(await named("Ed25519"))).rejects.toMatchObject({ error: "invalid_client" });
    await expect(push(await privateKeyJwtConfig("EdDSA"))).rejects.toMatchObject({ error: "invalid_client" });
  });

  it("refuses a client assertion whose aud is the endpoint, not the issuer", async () => {
    const config = await privateKeyJwtConfig("ES256", (_header, payload) => {
      payload.aud = `${server.issuer}/request`;
    });
    await expect(push(config)).rejects.toMatchObject({ error: "invalid_client" });
  });

  it("keeps refusing DPoP nonces: openid-client answers the challenge once, then gives up", async () => {
    const config = await privateKeyJwtConfig("ES256");
    const dpop = oidc.getDPoPHandle(config, server.clients.privateKeyJwt.dpopKeys);
    await push(config, { DPoP: dpop }); // the nonce is now known
    server.dpop.refuseNext(2);
    const start = server.requests.length;
    await expect(push(config, { DPoP: dpop })).rejects.toMatchObject({ error: "use_dpop_nonce" });
    expect(served(start, "/request").map((r) => r.nonceChallenge)).toEqual([true, true]);
    expect(server.dpop.checks.slice(-2).map((check) => check.accepted)).toEqual([false, false]);
  });

  it("refuses a mutual-TLS client that presents no certificate", async () => {
    const client = server.clients.selfSignedTls;
    const config = await oidc.discovery(
      new URL(server.issuer),
      client.clientId,
      { use_mtls_endpoint_aliases: true },
      oidc.TlsClientAuth(),
      { [oidc.customFetch]: over(server.dispatcher()) },
    );
    await expect(
      oidc.buildAuthorizationUrlWithPAR(config, { redirect_uri: client.redirectUri, scope: "openid" }),
    ).rejects.toMatchObject({ error: "invalid_client" });
  });
});

describe("the FAPI server with PAR required per client, not server-wide", () => {
  let perClient: FapiServer;
  beforeAll(async () => {
    perClient = await startFapiServer({ requirePar: false, parRequiredFor: ["privateKeyJwt"] });
  });
  afterAll(async () => {
    await perClient?.stop();
  });

  /** A plain (not pushed) authorization request by `client`, followed through consent. */
  async function plainRequest(client: { clientId: string; redirectUri: string }) {
    const config = await oidc.discovery(new URL(perClient.issuer), client.clientId, undefined, oidc.None(), {
      [oidc.customFetch]: over(perClient.dispatcher()),
    });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: client.redirectUri,
      scope: "openid",
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: "S256",
    });
    return { config, callback: new URL(await perClient.consent(url.href, client.redirectUri)) };
  }

  it("says nothing of PAR in its metadata, takes a plain request from one client and refuses it from another", async () => {
    const { config, callback } = await plainRequest(perClient.clients.secretBasic);
    expect(config.serverMetadata().require_pushed_authorization_requests).toBeUndefined();
    expect(callback.searchParams.get("code")).toEqual(expect.any(String));
    const refused = await plainRequest(perClient.clients.privateKeyJwt);
    expect(refused.callback.searchParams.get("error")).toBe("invalid_request");
  });
});
