import { describe, expect, it } from "vitest";
import { createProvider, FinoauthError } from "../src/index.js";
import { discover, discoverMetadata, oauth2 } from "../src/providers/oauth2.js";
import { rejection, usePrism } from "./support/prism.js";

const prism = usePrism("oauth2");
const issuer = "https://auth.example.com";

/** Sends what is meant for the spec's placeholder server to Prism, asking for one answer per path. */
const viaPrism = (prefer: Record<string, string>) => (request: Request) => {
  const url = new URL(request.url);
  const headers = new Headers(request.headers);
  const answer = prefer[url.pathname];
  if (answer) headers.set("Prefer", answer);
  return prism.fetch(
    new Request(`${prism.url()}${url.pathname}${url.search}`, { method: request.method, headers, redirect: "manual" }),
  );
};

/** A fetch that records the URLs asked for and answers each from `answers` (404 for any other). */
function server(answers: Record<string, () => Response>) {
  const urls: string[] = [];
  const fetch = async (request: Request) => {
    urls.push(request.url);
    return (
      answers[request.url]?.() ??
      new Response(JSON.stringify({ error: "invalid_request" }), {
        status: 404,
        headers: { "Content-Type": "application/json" },
      })
    );
  };
  return { fetch, urls };
}
const json = (body: unknown) => () =>
  new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json" } });

describe("discovery (RFC 8414, OpenID Connect Discovery) against Prism", () => {
  it("reads RFC 8414 metadata and gives options to spread into createProvider", async () => {
    const discovered = await discover(issuer, {
      fetch: viaPrism({ "/.well-known/oauth-authorization-server": "code=200, example=full" }),
    });
    expect(discovered).toEqual({
      baseUrl: issuer,
      issuer,
      requireIssuerParameter: true,
      clientAuth: "client_secret_basic",
      endpoints: {
        authorize: `${issuer}/authorize`,
        token: `${issuer}/token`,
        revoke: `${issuer}/revoke`,
        introspect: `${issuer}/introspect`,
      },
      clientAuthMethods: ["client_secret_basic", "client_secret_post"],
    });
    expect(prism.requests().map((r) => new URL(r.url).pathname)).toEqual(["/.well-known/oauth-authorization-server"]);
    // The discovered issuer is checked in the callback (RFC 9207): another server's iss is refused.
    const provider = createProvider(oauth2, {
      ...discovered,
      clientId: "s6BhdRkqt3",
      redirectUri: "https://client.example.com/cb",
    });
    const { state } = await provider.authorizationUrl();
    await expect(
      provider.handleCallback(`https://client.example.com/cb?code=x&state=${state}&iss=https%3A%2F%2Fevil.example.com`),
    ).rejects.toMatchObject({ reason: "issuer_mismatch" });
    const again = await provider.authorizationUrl();
    await expect(
      provider.handleCallback(`https://client.example.com/cb?code=x&state=${again.state}`),
    ).rejects.toMatchObject({ reason: "issuer_mismatch", description: expect.stringMatching(/no iss/) });
  });

  it("falls back to /.well-known/openid-configuration when RFC 8414 metadata is not published (404)", async () => {
    const fetch = viaPrism({
      "/.well-known/oauth-authorization-server": "code=404",
      "/.well-known/openid-configuration": "code=200, example=openidProvider",
    });
    const metadata = await discoverMetadata(issuer, { fetch });
    expect(metadata).toEqual(prism.example("/.well-known/openid-configuration", 200, "openidProvider"));
    expect(prism.requests().map((r) => new URL(r.url).pathname)).toEqual([
      "/.well-known/oauth-authorization-server",
      "/.well-known/openid-configuration",
    ]);
  });

  it("a minimal document: Basic by default (RFC 8414 §2), no revocation or introspection, iss not required", async () => {
    const discovered = await discover(issuer, {
      fetch: viaPrism({ "/.well-known/oauth-authorization-server": "code=200, example=minimal" }),
    });
    expect(discovered).toEqual({
      baseUrl: issuer,
      issuer,
      requireIssuerParameter: false,
      clientAuth: "client_secret_basic",
      endpoints: { authorize: `${issuer}/authorize`, token: `${issuer}/token` },
    });
  });

  it("refuses a document whose issuer is not the one asked about (RFC 8414 §3.3, mix-up defence)", async () => {
    const error = await rejection(
      discover("https://other.example.com", {
        fetch: viaPrism({ "/.well-known/oauth-authorization-server": "code=200, example=full" }),
      }),
    );
    expect(error).toBeInstanceOf(FinoauthError);
    expect(error).toMatchObject({
      kind: "provider",
      description: expect.stringMatching(/not identical to the issuer asked about/),
    });
  });
});

describe("discovery's places and rules", () => {
  it("inserts the well-known path before an issuer's path (RFC 8414 §3) and appends the OpenID one (Discovery §4.1)", async () => {
    const tenant = "https://id.example.com/tenant/a";
    const { fetch, urls } = server({
      "https://id.example.com/tenant/a/.well-known/openid-configuration": json({
        issuer: tenant,
        token_endpoint: `${tenant}/oauth/token`,
        token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt"],
      }),
    });
    const discovered = await discover(tenant, { fetch });
    expect(urls).toEqual([
      "https://id.example.com/.well-known/oauth-authorization-server/tenant/a",
      "https://id.example.com/tenant/a/.well-known/openid-configuration",
    ]);
    expect(discovered).toMatchObject({
      baseUrl: tenant,
      issuer: tenant,
      clientAuth: "client_secret_post",
      endpoints: { token: `${tenant}/oauth/token` },
    });
  });

  it("leaves clientAuth out when the server takes none of the methods discovery picks from", async () => {
    const { fetch } = server({
      [`${issuer}/.well-known/oauth-authorization-server`]: json({
        issuer,
        token_endpoint: `${issuer}/token`,
        token_endpoint_auth_methods_supported: ["client_secret_jwt"],
      }),
    });
    expect(await discover(issuer, { fetch })).not.toHaveProperty("clientAuth");
  });

  it("reads a FAPI 2.0 server's metadata: PAR required, mTLS aliases, DPoP and signing algorithms, no secret method", async () => {
    const { fetch } = server({
      [`${issuer}/.well-known/oauth-authorization-server`]: json({
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        pushed_authorization_request_endpoint: `${issuer}/par`,
        require_pushed_authorization_requests: true,
        token_endpoint_auth_methods_supported: ["self_signed_tls_client_auth", "private_key_jwt"],
        token_endpoint_auth_signing_alg_values_supported: ["PS256", "ES256", "EdDSA"],
        dpop_signing_alg_values_supported: ["ES256", "PS256"],
        tls_client_certificate_bound_access_tokens: true,
        mtls_endpoint_aliases: {
          token_endpoint: "https://mtls.auth.example.com/token",
          pushed_authorization_request_endpoint: "https://mtls.auth.example.com/par",
          userinfo_endpoint: "https://mtls.auth.example.com/me",
        },
        authorization_response_iss_parameter_supported: true,
      }),
    });
    expect(await discover(issuer, { fetch })).toEqual({
      baseUrl: issuer,
      issuer,
      requireIssuerParameter: true,
      endpoints: { authorize: `${issuer}/authorize`, token: `${issuer}/token`, par: `${issuer}/par` },
      clientAuth: "private_key_jwt",
      par: true,
      mtlsEndpoints: { token: "https://mtls.auth.example.com/token", par: "https://mtls.auth.example.com/par" },
      certificateBoundTokens: true,
      dpopAlgorithms: ["ES256", "PS256"],
      clientAuthMethods: ["self_signed_tls_client_auth", "private_key_jwt"],
      signingAlgorithms: ["PS256", "ES256", "EdDSA"],
    });
  });

  it.each([
    ["require_pushed_authorization_requests", "yes", /require_pushed_authorization_requests is not true or false/],
    ["pushed_authorization_request_endpoint", "http://evil.example.com/par", /must use https/],
    ["mtls_endpoint_aliases", ["https://mtls.auth.example.com/token"], /mtls_endpoint_aliases is not an object/],
    ["mtls_endpoint_aliases", { token_endpoint: "http://evil.example.com/token" }, /must use https/],
    ["dpop_signing_alg_values_supported", "ES256", /dpop_signing_alg_values_supported is not a list of strings/],
    ["token_endpoint_auth_signing_alg_values_supported", [1], /is not a list of strings/],
  ])("refuses a FAPI member %s = %j as malformed", async (member, value, why) => {
    const { fetch } = server({
      [`${issuer}/.well-known/oauth-authorization-server`]: json({
        issuer,
        token_endpoint: `${issuer}/token`,
        [member]: value,
      }),
    });
    await expect(discover(issuer, { fetch })).rejects.toMatchObject({
      kind: "malformed_response",
      description: expect.stringMatching(why),
    });
  });

  it.each([
    [{ issuer, token_endpoint: "http://auth.example.com/token" }, /token_endpoint must use https/],
    [
      { issuer, token_endpoint: `${issuer}/token`, introspection_endpoint: "ftp://auth.example.com/i" },
      /introspection_endpoint must use https/,
    ],
    [{ issuer, authorization_endpoint: `${issuer}/authorize` }, /names no token_endpoint/],
    [{ token_endpoint: `${issuer}/token` }, /has no issuer/],
    [
      { issuer, token_endpoint: `${issuer}/token`, token_endpoint_auth_methods_supported: "client_secret_basic" },
      /not a list of strings/,
    ],
    [["not", "an", "object"], /not a JSON object/],
  ])("refuses %o as malformed", async (document, why) => {
    const { fetch } = server({ [`${issuer}/.well-known/oauth-authorization-server`]: json(document) });
    await expect(discover(issuer, { fetch })).rejects.toMatchObject({
      kind: "malformed_response",
      description: expect.stringMatching(why),
    });
  });

  it("follows no redirect, and does not fall back after one", async () => {
    const { fetch, urls } = server({
      [`${issuer}/.well-known/oauth-authorization-server`]: () =>
        new Response(null, { status: 302, headers: { Location: "https://evil.example.com/metadata" } }),
    });
    await expect(discover(issuer, { fetch })).rejects.toMatchObject({
      kind: "provider",
      status: 302,
      description: expect.stringMatching(/redirect to https:\/\/evil\.example\.com; redirects are never followed/),
    });
    expect(urls).toHaveLength(1);
  });

  it("caps the document's size", async () => {
    const { fetch } = server({
      [`${issuer}/.well-known/oauth-authorization-server`]: json({
        issuer,
        token_endpoint: `${issuer}/token`,
        padding: "x".repeat(2048),
      }),
    });
    await expect(discover(issuer, { fetch, maxResponseBytes: 1024 })).rejects.toMatchObject({
      kind: "provider",
      description: expect.stringMatching(/larger than 1024 bytes/),
    });
  });

  it("gives up with the last answer when neither place publishes metadata", async () => {
    const { fetch, urls } = server({});
    await expect(discover(issuer, { fetch })).rejects.toMatchObject({ kind: "provider", status: 404 });
    expect(urls).toHaveLength(2);
  });

  it("checks the issuer before any request: https (http only on loopback), no query or fragment", async () => {
    const { fetch, urls } = server({});
    await expect(discover("http://auth.example.com", { fetch })).rejects.toMatchObject({
      kind: "invalid_options",
      description: expect.stringMatching(/issuer must use https/),
    });
    await expect(discover(`${issuer}?tenant=a`, { fetch })).rejects.toMatchObject({
      kind: "invalid_options",
      description: expect.stringMatching(/no query and no fragment/),
    });
    await expect(discover("not a url", { fetch })).rejects.toMatchObject({ kind: "invalid_options" });
    expect(urls).toEqual([]);
  });
});
