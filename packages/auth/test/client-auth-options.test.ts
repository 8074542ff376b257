// Every client authentication option is checked by createProvider, before anything is sent, with a
// message naming the option and the rule, and never repeating key material.
import { exportJWK, generateKeyPair, type JWK } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { createProvider, FinoauthError } from "../src/index.js";
import { oauth2 } from "../src/providers/oauth2.js";

const base = { baseUrl: "https://as.example.com", clientId: "s6BhdRkqt3" };
let ec: JWK;
let rsa: JWK;
let ecPair: CryptoKeyPair;

beforeAll(async () => {
  ecPair = await generateKeyPair("ES256", { extractable: true });
  ec = { ...(await exportJWK(ecPair.privateKey)), kid: "ec-1" };
  rsa = { ...(await exportJWK((await generateKeyPair("PS256", { extractable: true })).privateKey)), kid: "rsa-1" };
});

/** Each rule: the options (built after the keys exist) and what the message must say. */
const RULES: [string, () => Record<string, unknown>, RegExp][] = [
  [
    "an unknown clientAuth",
    () => ({ clientAuth: "client_secret_jwt_please" }),
    /clientAuth must be one of .*private_key_jwt/,
  ],
  ["private_key_jwt without clientKey", () => ({ clientAuth: "private_key_jwt" }), /"private_key_jwt" needs clientKey/],
  [
    "a public JWK as clientKey",
    () => ({ clientKey: { kty: ec.kty, crv: ec.crv, x: ec.x, y: ec.y } }),
    /private JWK \(it has no d\)/,
  ],
  ["a shared-secret JWK as clientKey", () => ({ clientKey: { kty: "oct", k: "c2VjcmV0" } }), /client_secret_jwt/],
  ["an RSA JWK without alg", () => ({ clientKey: rsa }), /no alg and its key type \(RSA\) does not imply one/],
  [
    "an alg that does not fit the key",
    () => ({ clientKey: { ...rsa, alg: "ES256" } }),
    /alg ES256 does not fit its key type RSA/,
  ],
  [
    "a symmetric alg on a private key",
    () => ({ clientKey: { ...ec, alg: "HS256" } }),
    /alg must be one of .*got "HS256"/,
  ],
  [
    "a clientKey that is no key",
    () => ({ clientKey: "-----BEGIN PRIVATE KEY-----" }),
    /private JWK \(an object with kty\) or a private CryptoKey/,
  ],
  [
    "a public CryptoKey",
    () => ({ clientKey: ecPair.publicKey, clientKeyId: "k" }),
    /must be a private key: this CryptoKey is public/,
  ],
  [
    "a CryptoKey without clientKeyId",
    () => ({ clientKey: ecPair.privateKey }),
    /clientKeyId is required with a CryptoKey/,
  ],
  [
    "clientKeyId differing from the JWK's kid",
    () => ({ clientKey: ec, clientKeyId: "other" }),
    /clientKeyId differs from clientKey's kid/,
  ],
  ["an empty clientKeyId", () => ({ clientKey: ec, clientKeyId: "" }), /clientKeyId must be a non-empty string/],
  [
    "clientKey with client_secret_basic",
    () => ({ clientAuth: "client_secret_basic", clientKey: ec, clientSecret: "s" }),
    /clientKey is used only by clientAuth "private_key_jwt", not "client_secret_basic"/,
  ],
  [
    "clientKey with client_secret_post",
    () => ({ clientAuth: "client_secret_post", clientKey: ec }),
    /not "client_secret_post"/,
  ],
  [
    "clientKey with client_secret_jwt",
    () => ({ clientAuth: "client_secret_jwt", clientKey: ec, clientSecret: "s" }),
    /not "client_secret_jwt"/,
  ],
  ["clientKey with tls_client_auth", () => ({ clientAuth: "tls_client_auth", clientKey: ec }), /not "tls_client_auth"/],
  ["clientKeyId without clientKey", () => ({ clientKeyId: "k" }), /clientKeyId is used only with clientKey/],
  [
    "client_secret_jwt without clientSecret",
    () => ({ clientAuth: "client_secret_jwt" }),
    /"client_secret_jwt" needs clientSecret/,
  ],
  ["none with a clientSecret", () => ({ clientAuth: "none", clientSecret: "s" }), /"none" sends no secret/],
];

describe("client authentication options, refused at createProvider", () => {
  for (const [rule, options, message] of RULES) {
    it(`refuses ${rule}`, () => {
      let sent = 0;
      const fetch = async () => {
        sent++;
        return new Response("{}");
      };
      const error = (() => {
        try {
          createProvider(oauth2, { ...base, fetch, ...options() } as never);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(FinoauthError);
      expect(error).toMatchObject({ kind: "invalid_options", provider: "oauth2" });
      expect((error as FinoauthError).description).toMatch(message);
      const text = `${String(error)} ${JSON.stringify(error)}`;
      for (const secret of [ec.d, rsa.d, rsa.p, rsa.q]) expect(text).not.toContain(secret);
      expect(sent).toBe(0);
    });
  }

  it("accepts each method with what it needs", () => {
    const ok = [
      {},
      { clientSecret: "s" },
      { clientAuth: "client_secret_post", clientSecret: "s" },
      { clientAuth: "client_secret_jwt", clientSecret: "s" },
      { clientAuth: "private_key_jwt", clientKey: ec },
      { clientKey: { ...rsa, alg: "PS256" } },
      { clientKey: ecPair.privateKey, clientKeyId: "ec-1" },
      { clientAuth: "tls_client_auth" },
      { clientAuth: "self_signed_tls_client_auth" },
      { clientAuth: "none" },
    ];
    for (const options of ok) expect(() => createProvider(oauth2, { ...base, ...options } as never)).not.toThrow();
  });
});
