// JWT client authentication (RFC 7523 §2.2 and §3, OpenID Connect Core §9): `private_key_jwt` signed
// with the client's private key, `client_secret_jwt` with its secret (HS256). The key is checked when
// the provider is created, imported once (lazily: createProvider stays synchronous), and every request
// (every attempt of it) gets a fresh assertion with its own `jti`. Signing is jose's, never ours.
import { importJWK, type JWK, SignJWT } from "jose";
import { invalidOptions } from "../errors.js";
import { randomToken } from "../pkce.js";

/** A client's signing key for `private_key_jwt`: a private JWK (with `alg`, or a curve that names it) or a private CryptoKey. */
export type ClientKey = JWK | CryptoKey;

/** The JWS algorithms a `private_key_jwt` assertion may be signed with (asymmetric only). */
export const ASYMMETRIC_ALGS = [
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
  "Ed25519",
  "RS256",
  "RS384",
  "RS512",
] as const;

/** How long an assertion is valid: long enough for one request, short enough to be useless afterwards. */
export const ASSERTION_LIFETIME_SECONDS = 60;

/** RFC 7523 §2.2: the value of `client_assertion_type`. */
export const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** The members of a JWK that are private key material (RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037 §2). */
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "k"] as const;

const EC_ALGS: Readonly<Record<string, string>> = { "P-256": "ES256", "P-384": "ES384", "P-521": "ES512" };

const isCryptoKey = (key: unknown): key is CryptoKey => typeof CryptoKey !== "undefined" && key instanceof CryptoKey;

/** The key type each algorithm needs, to refuse an `alg` that does not fit the key. */
function keyTypeOf(alg: string): string {
  if (alg.startsWith("ES")) return "EC";
  if (alg === "EdDSA" || alg === "Ed25519") return "OKP";
  return "RSA";
}

/** The algorithm a CryptoKey's own algorithm names, when it names exactly one (every signing key WebCrypto makes does). */
function algOfCryptoKey(key: CryptoKey): string | undefined {
  const algorithm = key.algorithm as { name: string; namedCurve?: string; hash?: { name: string } };
  const bits = algorithm.hash?.name.replace("SHA-", "");
  switch (algorithm.name) {
    case "ECDSA":
      return EC_ALGS[algorithm.namedCurve ?? ""];
    case "RSA-PSS":
      return bits ? `PS${bits}` : undefined;
    case "RSASSA-PKCS1-v1_5":
      return bits ? `RS${bits}` : undefined;
    case "Ed25519":
      return "EdDSA";
    default:
      return undefined;
  }
}

/** The algorithm a JWK names or implies: its `alg`, else its curve (EC, Ed25519); an RSA key does not say PS or RS. */
function algOfJwk(jwk: JWK): string | undefined {
  if (typeof jwk.alg === "string") return jwk.alg;
  if (jwk.kty === "EC") return EC_ALGS[jwk.crv ?? ""];
  if (jwk.kty === "OKP" && jwk.crv === "Ed25519") return "EdDSA";
  return undefined;
}

/** What a checked client key signs with: the algorithm and key id for the JWS header. */
export interface ClientKeyInfo {
  alg: string;
  kid?: string | undefined;
}

/**
 * Checks `clientKey` (and `clientKeyId`) for `private_key_jwt`, at creation, naming the rule a bad one
 * breaks: a private key (a public JWK or CryptoKey cannot sign), an asymmetric algorithm that fits the key,
 * stated or implied (an RSA JWK must say `alg`: RS256 and PS256 both fit it), and a key id (a CryptoKey
 * carries none: `clientKeyId` gives it). The messages never repeat key material.
 */
export function checkClientKey(key: unknown, keyId: unknown, provider: string): ClientKeyInfo {
  if (keyId !== undefined && (typeof keyId !== "string" || keyId === ""))
    throw invalidOptions("clientKeyId must be a non-empty string (the kid the server knows the key by)", provider);
  let alg: string | undefined;
  let kty: string;
  let kid = keyId as string | undefined;
  if (isCryptoKey(key)) {
    if (key.type !== "private")
      throw invalidOptions(`clientKey must be a private key: this CryptoKey is ${key.type}`, provider);
    if (!key.usages.includes("sign")) throw invalidOptions('clientKey must allow the "sign" usage', provider);
    if (kid === undefined)
      throw invalidOptions(
        "clientKeyId is required with a CryptoKey clientKey: the kid the server knows it by",
        provider,
      );
    alg = algOfCryptoKey(key);
    kty = key.algorithm.name === "ECDSA" ? "EC" : key.algorithm.name === "Ed25519" ? "OKP" : "RSA";
    if (alg === undefined)
      throw invalidOptions(
        `clientKey's algorithm ${key.algorithm.name} cannot sign a client assertion: use an ECDSA, RSA-PSS, RSASSA-PKCS1-v1_5 or Ed25519 key`,
        provider,
      );
  } else if (key !== null && typeof key === "object" && typeof (key as JWK).kty === "string") {
    const jwk = key as JWK;
    if (jwk.kty === "oct")
      throw invalidOptions(
        'clientKey must be an asymmetric private key; a shared secret is clientAuth "client_secret_jwt" with clientSecret',
        provider,
      );
    if (typeof jwk.d !== "string")
      throw invalidOptions("clientKey must be a private JWK (it has no d): a public key cannot sign", provider);
    if (jwk.kid !== undefined && kid !== undefined && jwk.kid !== kid)
      throw invalidOptions("clientKeyId differs from clientKey's kid: give one of them", provider);
    kid ??= jwk.kid;
    kty = jwk.kty as string;
    alg = algOfJwk(jwk);
    if (alg === undefined)
      throw invalidOptions(
        `clientKey has no alg and its key type (${jwk.kty}) does not imply one: add "alg" to the JWK (e.g. "PS256")`,
        provider,
      );
  } else {
    throw invalidOptions("clientKey must be a private JWK (an object with kty) or a private CryptoKey", provider);
  }
  if (!(ASYMMETRIC_ALGS as readonly string[]).includes(alg))
    throw invalidOptions(`clientKey's alg must be one of ${ASYMMETRIC_ALGS.join(", ")}, got "${alg}"`, provider);
  if (keyTypeOf(alg) !== kty) throw invalidOptions(`clientKey's alg ${alg} does not fit its key type ${kty}`, provider);
  return { alg, kid };
}

/** The private members of a JWK clientKey: never sent, but scrubbed like any secret should anything echo them. */
export function privateMembersOf(key: unknown): string[] {
  if (key === null || typeof key !== "object" || isCryptoKey(key)) return [];
  return PRIVATE_MEMBERS.map((name) => (key as Record<string, unknown>)[name]).filter(
    (value): value is string => typeof value === "string",
  );
}

/** Signs one assertion for an audience: a fresh `jti` and `iat` each time. */
export type AssertionSigner = (audience: string) => Promise<string>;

/** The claims of RFC 7523 §3 for one request: iss = sub = client id, the audience, a random jti, iat and a short exp. */
function claimsJwt(clientId: string, audience: string, nowSeconds: number): SignJWT {
  return new SignJWT({})
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(audience)
    .setJti(randomToken(24))
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + ASSERTION_LIFETIME_SECONDS);
}

/**
 * A signer of `private_key_jwt` assertions with a checked key (see {@link checkClientKey}). The key is
 * imported (a JWK) on first use and kept; an import failure is an `invalid_options` error that names the
 * option, not the key.
 */
export function privateKeySigner(
  clientId: string,
  key: ClientKey,
  info: ClientKeyInfo,
  now: () => number,
  provider: string,
): AssertionSigner {
  let imported: Promise<CryptoKey | Uint8Array> | undefined;
  const signingKey = () =>
    (imported ??= isCryptoKey(key)
      ? Promise.resolve(key)
      : importJWK(key, info.alg).catch(() => {
          imported = undefined;
          throw invalidOptions(`clientKey could not be imported as a ${info.alg} private key`, provider);
        }));
  return async (audience) =>
    claimsJwt(clientId, audience, Math.floor(now() / 1000))
      .setProtectedHeader(info.kid === undefined ? { alg: info.alg } : { alg: info.alg, kid: info.kid })
      .sign(await signingKey());
}

/** A signer of `client_secret_jwt` assertions: HS256 with the client secret as the key (RFC 7518 §3.2). */
export function clientSecretSigner(clientId: string, secret: string, now: () => number): AssertionSigner {
  const key = new TextEncoder().encode(secret);
  return (audience) =>
    claimsJwt(clientId, audience, Math.floor(now() / 1000))
      .setProtectedHeader({ alg: "HS256" })
      .sign(key);
}
