// RFC 8705 §5 endpoint aliases: the generic provider calls the server's mutual-TLS aliases when it
// presents a client certificate (tls, or a tls_client_auth method), and its plain endpoints otherwise;
// discover(issuer, { tls }) reads metadata from a server behind a private CA and mutual TLS.

import { makeTestPki, type TestCertificate, type TestPki } from "@finoauth/mock/fapi";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { endpointsFor, usesMutualTls } from "../src/fapi/mtls-endpoints.js";
import { createProvider, FinoauthError } from "../src/index.js";
import { discover, discoverMetadata, oauth2 } from "../src/providers/oauth2.js";
import { type MtlsServer, startMtlsServer } from "./support/mtls-server.js";

let pki: TestPki;
let client: TestCertificate;
let server: MtlsServer;

beforeAll(async () => {
  pki = await makeTestPki();
  client = await pki.issueClient("finoauth-client");
  server = await startMtlsServer(pki);
});
afterAll(() => server?.close());
afterEach(() => {
  server.seen.length = 0;
});

const tls = () => ({ cert: client.certPem, key: client.keyPem, ca: pki.ca.certPem });

describe("endpointsFor", () => {
  const endpoints = { token: "https://as.example/token", revoke: "https://as.example/revoke" };
  const mtlsEndpoints = { token: "https://mtls.as.example/token", par: "https://mtls.as.example/par" };

  it("uses the aliases that exist when the client authenticates with its certificate", () => {
    for (const clientAuth of ["tls_client_auth", "self_signed_tls_client_auth"]) {
      expect(usesMutualTls({ clientAuth })).toBe(true);
      expect(endpointsFor({ clientAuth, endpoints, mtlsEndpoints })).toEqual({
        token: "https://mtls.as.example/token",
        revoke: "https://as.example/revoke",
        par: "https://mtls.as.example/par",
      });
    }
  });

  it("keeps the plain endpoints without mutual TLS, or without aliases", () => {
    expect(usesMutualTls({ clientAuth: "private_key_jwt" })).toBe(false);
    expect(endpointsFor({ clientAuth: "client_secret_basic", endpoints, mtlsEndpoints })).toEqual(endpoints);
    expect(endpointsFor({ clientAuth: "tls_client_auth", endpoints })).toEqual(endpoints);
  });
});

describe("the generic provider with mtlsEndpoints", () => {
  it("with tls, sends the token and revoke calls to the aliases, presenting the certificate", async () => {
    const provider = createProvider(oauth2, {
      ...(await discover(server.url, { tls: tls() })),
      clientId: "mtls-client",
      clientAuth: "client_secret_post",
      mtlsEndpoints: { token: `${server.url}/mtls/token`, revoke: `${server.url}/mtls/revoke` },
      tls: tls(),
    });
    server.seen.length = 0;
    const token = await provider.clientCredentials();
    await provider.revoke({ token: token.accessToken });
    expect(server.seen).toEqual([
      { path: "/mtls/token", x5t: client.x5tS256, authorized: true },
      { path: "/mtls/revoke", x5t: client.x5tS256, authorized: true },
    ]);
  });

  it("without mutual TLS, the plain endpoints", async () => {
    const urls: string[] = [];
    const provider = createProvider(oauth2, {
      baseUrl: "https://as.example",
      clientId: "plain",
      clientAuth: "client_secret_post",
      endpoints: { token: "https://as.example/oauth/token" },
      mtlsEndpoints: { token: "https://mtls.as.example/oauth/token" },
      fetch: async (request) => {
        urls.push(request.url);
        return Response.json({ access_token: "plain", token_type: "Bearer" });
      },
    });
    await provider.clientCredentials();
    expect(urls).toEqual(["https://as.example/oauth/token"]);
  });

  it("refuses an alias that is not an https URL", () => {
    expect(() =>
      createProvider(oauth2, {
        baseUrl: "https://as.example",
        clientId: "plain",
        mtlsEndpoints: { token: "http://mtls.as.example/token" },
      }),
    ).toThrow(/mtlsEndpoints\.token must use https/);
  });
});

describe("discover(issuer, { tls })", () => {
  it("reads the metadata through the private CA, presenting the certificate", async () => {
    const metadata = await discoverMetadata(server.url, { tls: tls() });
    expect(metadata.issuer).toBe(server.url);
    expect((metadata as { mtls_endpoint_aliases?: unknown }).mtls_endpoint_aliases).toEqual({
      token_endpoint: `${server.url}/mtls/token`,
      revocation_endpoint: `${server.url}/mtls/revoke`,
    });
    expect(server.seen[0]).toEqual({
      path: "/.well-known/oauth-authorization-server",
      x5t: client.x5tS256,
      authorized: true,
    });
  });

  it("without tls, the private CA is not trusted: a network error naming the TLS reason", async () => {
    const error = await discoverMetadata(server.url, { deadlineMs: 5_000, retry: { retries: 0 } }).catch((e) => e);
    expect(error).toBeInstanceOf(FinoauthError);
    expect(error.kind).toBe("network");
    expect(error.message).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN/);
  });

  it("checks tls as createProvider does", async () => {
    await expect(discover(server.url, { tls: { ...tls(), key: "nope" } })).rejects.toThrow(/tls\.key must be a PEM/);
  });
});
