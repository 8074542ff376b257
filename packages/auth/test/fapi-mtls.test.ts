// finoauth against the real FAPI 2.0 server (@finoauth/mock/fapi) with mutual TLS: code + PKCE with
// self_signed_tls_client_auth and tls_client_auth, the mTLS endpoint aliases discovered and used, and
// certificate-bound tokens whose introspection shows cnf["x5t#S256"] = certificateThumbprint(cert).
// The whole FAPI 2.0 profile: PAR (required by the server), PKCE, the RFC 9207 iss, the certificate as
// client authentication and as the tokens' binding. openid-client runs the same flow in
// fapi-openid-client.test.ts; finoauth differs only in reading the aliases from discover() itself.

import { type FapiServer, type MtlsClient, startFapiServer } from "@finoauth/mock/fapi";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { certificateThumbprint } from "../src/fapi/thumbprint.js";
import { createProvider, FinoauthError } from "../src/index.js";
import { createNodeTransport, type NodeTransport } from "../src/keep-alive.js";
import { discover, discoverMetadata, oauth2 } from "../src/providers/oauth2.js";

let server: FapiServer;
beforeAll(async () => {
  server = await startFapiServer();
});
afterAll(() => server?.stop());

/** The provider options for a mutual-TLS client: discovered with its certificate, the aliases as mtlsEndpoints. */
async function mtlsOptions(client: MtlsClient) {
  const tls = { cert: client.tls.certPem, key: client.tls.keyPem, ca: server.caPem };
  const metadata = await discoverMetadata(server.issuer, { tls });
  const aliases = (metadata as { mtls_endpoint_aliases?: Record<string, string> }).mtls_endpoint_aliases ?? {};
  return {
    ...(await discover(server.issuer, { tls })),
    clientId: client.clientId,
    clientAuth: client.authMethod,
    profile: "fapi2" as const,
    redirectUri: client.redirectUri,
    tls,
    mtlsEndpoints: {
      token: aliases.token_endpoint,
      revoke: aliases.revocation_endpoint,
      introspect: aliases.introspection_endpoint,
      par: aliases.pushed_authorization_request_endpoint,
    },
  };
}

async function codeFlow(client: MtlsClient, transport?: NodeTransport) {
  const provider = createProvider(oauth2, { ...(await mtlsOptions(client)), fetch: transport });
  const x5t = await certificateThumbprint(client.tls.certPem);
  expect(x5t).toBe(client.tls.x5tS256);
  const start = server.requests.length;

  const { url } = await provider.authorizationUrl({ scopes: ["openid", "offline_access"], prompt: "consent" });
  // Pushed (RFC 9126): the browser's URL carries only the client id and the request_uri.
  expect([...new URL(url).searchParams.keys()]).toEqual(["client_id", "request_uri"]);
  const token = await provider.handleCallback(await server.consent(url, client.redirectUri));
  expect(token.tokenType.toLowerCase()).toBe("bearer");

  // Certificate-bound (RFC 8705 §3), read through finoauth's own introspection at the alias.
  const introspection = await provider.introspect({ token: token.accessToken });
  expect(introspection).toMatchObject({ active: true, clientId: client.clientId });
  expect((introspection.raw as { cnf?: unknown }).cnf).toEqual({ "x5t#S256": x5t });
  expect(await server.introspect(token.accessToken)).toMatchObject({ cnf: { "x5t#S256": x5t } });

  const refreshed = await provider.refresh({ refreshToken: token.refreshToken! });
  expect(await server.introspect(refreshed.accessToken)).toMatchObject({ cnf: { "x5t#S256": x5t } });
  await provider.revoke({ token: refreshed.refreshToken!, tokenTypeHint: "refresh_token" });
  expect(await server.introspect(refreshed.refreshToken!)).toEqual({ active: false });
  // The back channel (token, refresh, introspection, revocation) went to the mTLS alias host with the
  // client certificate. The server records a request when its answer is written: wait for the last one.
  const backChannel = () => server.requests.slice(start).filter((r) => r.method === "POST");
  await vi.waitFor(() => expect(backChannel().map((r) => r.path)).toContain("/token/revocation"));
  expect(backChannel().map((r) => r.path)).toEqual([
    "/request",
    "/token",
    "/token/introspection",
    "/token",
    "/token/revocation",
  ]);
  for (const call of backChannel()) {
    expect(call).toMatchObject({ host: new URL(server.mtlsOrigin).host, clientCertificate: x5t });
    expect(call.status).toBe(call.path === "/request" ? 201 : 200);
  }
}

describe("finoauth over mutual TLS against the FAPI server", () => {
  it("self_signed_tls_client_auth: code + PKCE, aliases, cnf x5t#S256, refresh, revoke", () =>
    codeFlow(server.clients.selfSignedTls));

  it("tls_client_auth (a CA-issued certificate): the same", () => codeFlow(server.clients.tlsClientAuth));

  it("on the keep-alive transport (@finoauth/auth/node): the same", async () => {
    const transport = createNodeTransport();
    try {
      await codeFlow(server.clients.selfSignedTls, transport);
    } finally {
      transport.close();
    }
  });

  it("without tls, the server's private CA is not trusted: a network error naming the TLS reason", async () => {
    const error = await discover(server.issuer, { retry: { retries: 0 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FinoauthError);
    expect(error).toMatchObject({ kind: "network" });
    expect((error as FinoauthError).message).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN/);
  });

  it("another client's certificate: the server refuses the client (invalid_client), nothing of the key in the error", async () => {
    const client = server.clients.selfSignedTls;
    const other = server.clients.tlsClientAuth;
    const options = await mtlsOptions(client);
    const provider = createProvider(oauth2, {
      ...options,
      tls: { cert: other.tls.certPem, key: other.tls.keyPem, ca: server.caPem },
    });
    // Refused at the first call that authenticates the client: the pushed authorization request.
    const error = await provider.authorizationUrl({ scopes: ["openid"] }).catch((e: unknown) => e as FinoauthError);
    expect(error).toMatchObject({ kind: "provider", code: "invalid_client" });
    const lines = other.tls.keyPem.split("\n").filter((line) => line !== "" && !line.startsWith("-----"));
    for (const line of lines) expect(JSON.stringify(error) + String(error)).not.toContain(line);
  });
});
