// profile: "fapi2" — every weaker option refused at createProvider, naming the FAPI 2.0 rule; what the
// profile implies (PAR, iss required) turned on.

import { selfSignedClientCertificate } from "@finoauth/mock/fapi";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { createProvider, FinoauthError } from "../src/index.js";
import { oauth2 } from "../src/providers/oauth2.js";

let es256: JWK;
let rs256: JWK;
let dpop: CryptoKeyPair;
let dpopRs256: CryptoKeyPair;
/** A real self-signed client certificate: `tls` is checked (node:crypto must read it) at createProvider. */
let tls: { cert: string; key: string };

beforeAll(async () => {
  es256 = { ...(await exportJWK((await generateKeyPair("ES256", { extractable: true })).privateKey)), kid: "k1" };
  rs256 = {
    ...(await exportJWK((await generateKeyPair("RS256", { extractable: true })).privateKey)),
    kid: "k2",
    alg: "RS256",
  };
  dpop = await generateKeyPair("ES256");
  dpopRs256 = await generateKeyPair("RS256");
  const { certPem, keyPem } = await selfSignedClientCertificate("fapi2-profile");
  tls = { cert: certPem, key: keyPem };
});

/** A compliant FAPI 2.0 client; each rule below weakens one thing. `dpop` and `tls` are other units' options, read by name. */
const compliant = (): Record<string, unknown> => ({
  baseUrl: "https://as.example.com",
  issuer: "https://as.example.com",
  clientId: "s6BhdRkqt3",
  redirectUri: "https://client.example.com/cb",
  profile: "fapi2",
  clientKey: es256,
  dpop,
});

const RULES: [string, () => Record<string, unknown>, RegExp][] = [
  ["par: false", () => ({ par: false }), /pushed authorization requests are required \(FAPI 2\.0 §5\.3\.2\.2/],
  ["pkce: false", () => ({ pkce: false }), /PKCE with S256 is required \(FAPI 2\.0 §5\.3\.2\.2\)/],
  ["no issuer", () => ({ issuer: undefined }), /issuer is required.*RFC 9207/],
  ["requireIssuerParameter: false", () => ({ requireIssuerParameter: false }), /iss is required.*cannot be false/],
  [
    "client_secret_basic",
    () => ({ clientKey: undefined, clientSecret: "s" }),
    /clientAuth must be private_key_jwt.*got "client_secret_basic"/,
  ],
  [
    "client_secret_post",
    () => ({ clientKey: undefined, clientAuth: "client_secret_post", clientSecret: "s" }),
    /got "client_secret_post"/,
  ],
  [
    "client_secret_jwt",
    () => ({ clientKey: undefined, clientAuth: "client_secret_jwt", clientSecret: "s" }),
    /got "client_secret_jwt"/,
  ],
  ["none", () => ({ clientKey: undefined, clientAuth: "none" }), /got "none"/],
  ["a client secret beside private_key_jwt", () => ({ clientSecret: "s" }), /no clientSecret.*§5\.3\.2\.1/],
  [
    "no sender constraint",
    () => ({ dpop: undefined }),
    /sender-constrained \(FAPI 2\.0 §5\.3\.2\.1\): give dpop .* or tls/,
  ],
  ["an RS256 client key", () => ({ clientKey: rs256 }), /PS256, ES256 or EdDSA \(FAPI 2\.0 §5\.4\.1\), not RS256/],
  ["an RS256 DPoP key", () => ({ dpop: dpopRs256 }), /dpop key must be an ES256.*§5\.4\.1/],
  ["an unknown profile", () => ({ profile: "fapi1" }), /profile must be "fapi2"/],
];

describe('profile "fapi2": weaker options refused at createProvider', () => {
  for (const [rule, weaken, message] of RULES) {
    it(`refuses ${rule}`, () => {
      const options = { ...compliant(), ...weaken() };
      for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
      let error: unknown;
      try {
        createProvider(oauth2, options as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(FinoauthError);
      expect(error).toMatchObject({ kind: "invalid_options", provider: "oauth2" });
      expect((error as FinoauthError).description).toMatch(message);
      expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain(es256.d!);
    });
  }

  it("accepts private_key_jwt with DPoP, and mutual TLS client authentication with tls", () => {
    expect(() => createProvider(oauth2, compliant() as never)).not.toThrow();
    for (const clientAuth of ["tls_client_auth", "self_signed_tls_client_auth"]) {
      const options: Record<string, unknown> = {
        ...compliant(),
        clientKey: undefined,
        dpop: undefined,
        clientAuth,
        tls,
      };
      for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
      expect(() => createProvider(oauth2, options as never)).not.toThrow();
    }
  });
});

describe('profile "fapi2": what it turns on', () => {
  it("pushes the authorization request and requires iss in the callback", async () => {
    const sent: string[] = [];
    const fetch = async (request: Request) => {
      sent.push(request.url);
      return new Response(JSON.stringify({ request_uri: "urn:ietf:params:oauth:request_uri:abc", expires_in: 60 }), {
        status: 201,
        headers: { "Content-Type": "application/json" },
      });
    };
    const provider = createProvider(oauth2, { ...compliant(), fetch } as never) as ReturnType<
      typeof createProvider<typeof oauth2>
    >;
    const { url, state } = await provider.authorizationUrl();
    expect(sent).toEqual(["https://as.example.com/par"]);
    expect([...new URL(url).searchParams.keys()]).toEqual(["client_id", "request_uri"]);
    await expect(provider.handleCallback(`https://client.example.com/cb?code=c&state=${state}`)).rejects.toMatchObject({
      kind: "callback",
      reason: "issuer_mismatch",
    });
  });
});
