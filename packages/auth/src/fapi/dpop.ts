// DPoP (RFC 9449): the key check at creation, one fresh proof per request, and the nonces servers hand out.
// Signing, JWK export and thumbprints are panva's jose: nothing here signs by hand.
import type { JWK } from "jose";
import { invalidOptions } from "../errors.js";
import { randomToken, sha256 } from "../pkce.js";

/**
 * jose, loaded with the first proof: a provider without a DPoP key (and the engine's cold start) never
 * reads it. Named members only: its `base64url` namespace would make esbuild add a helper chunk to every entry.
 */
let jose: Promise<typeof import("jose")> | undefined;
const loadJose = () => {
  jose ??= import("jose");
  return jose;
};

/** The JWS algorithms a DPoP key may use here, each read from the key itself. */
export type DpopAlgorithm = "ES256" | "PS256" | "RS256" | "EdDSA";

type KeyAlgorithmLike = { name?: unknown; namedCurve?: unknown; hash?: { name?: unknown }; modulusLength?: unknown };

/** The JWS algorithm of a WebCrypto key, or `undefined` when it is none DPoP may use here. */
function algorithmOf(key: CryptoKey): DpopAlgorithm | undefined {
  const algorithm = key.algorithm as KeyAlgorithmLike;
  const sha256 = algorithm.hash?.name === "SHA-256";
  const rsaSize = typeof algorithm.modulusLength === "number" && algorithm.modulusLength >= 2048;
  switch (algorithm.name) {
    case "ECDSA":
      return algorithm.namedCurve === "P-256" ? "ES256" : undefined;
    case "RSA-PSS":
      return sha256 && rsaSize ? "PS256" : undefined;
    case "RSASSA-PKCS1-v1_5":
      return sha256 && rsaSize ? "RS256" : undefined;
    case "Ed25519":
      return "EdDSA";
    default:
      return undefined;
  }
}

const isCryptoKey = (value: unknown): value is CryptoKey =>
  typeof CryptoKey === "function" ? value instanceof CryptoKey : false;

const ALGORITHMS_TEXT =
  "ES256 (ECDSA P-256), PS256 (RSA-PSS SHA-256, ≥ 2048 bits), RS256 (RSASSA-PKCS1-v1_5 SHA-256, ≥ 2048 bits) or EdDSA (Ed25519)";

/**
 * Checks the `dpop` option: a `CryptoKeyPair` (as `crypto.subtle.generateKey` makes) whose private key may
 * sign, whose public key is extractable (it travels in every proof's `jwk` header), both of one algorithm
 * DPoP may use. Returns that algorithm; throws `invalid_options` naming the rule that failed.
 */
export function checkDpopKey(value: unknown, provider: string): DpopAlgorithm {
  const pair = value as Partial<CryptoKeyPair> | null;
  if (pair === null || typeof pair !== "object" || !isCryptoKey(pair.privateKey) || !isCryptoKey(pair.publicKey))
    throw invalidOptions(
      'dpop must be a CryptoKeyPair { privateKey, publicKey }, e.g. from crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"])',
      provider,
    );
  const { privateKey, publicKey } = pair;
  if (privateKey.type !== "private" || !privateKey.usages.includes("sign"))
    throw invalidOptions('dpop.privateKey must be a private key whose usages include "sign"', provider);
  if (publicKey.type !== "public" || !publicKey.extractable)
    throw invalidOptions(
      "dpop.publicKey must be an extractable public key: it is sent as the jwk header of every DPoP proof",
      provider,
    );
  const algorithm = algorithmOf(privateKey);
  if (algorithm === undefined || algorithmOf(publicKey) !== algorithm)
    throw invalidOptions(`dpop must be one key pair of ${ALGORITHMS_TEXT}`, provider);
  return algorithm;
}

/**
 * A proof's `htu` (RFC 9449 §4.2): the request URL without query and fragment. The WHATWG parser already
 * normalises what RFC 3986 §6.2.2–6.2.3 allows (scheme and host case, default port, dot segments).
 */
export function htuOf(url: string): string {
  const parsed = new URL(url);
  parsed.search = "";
  parsed.hash = "";
  return parsed.href;
}

/** `ath` (RFC 9449 §4.2): base64url of the SHA-256 of the access token's ASCII bytes. */
export async function athOf(accessToken: string): Promise<string> {
  return sha256(accessToken);
}

/** A nonce as RFC 9449 §8.1 spells it (`1*NQCHAR`), no longer than this library keeps one. */
const NONCE = /^[\x21\x23-\x5B\x5D-\x7E]{1,1024}$/;

/** True for a `DPoP-Nonce` value that may be sent back (RFC 9449 §8.1 syntax, ≤ 1024 characters). */
export const isNonce = (value: string | null | undefined): value is string =>
  typeof value === "string" && NONCE.test(value);

/** Servers whose latest nonce is remembered, at most: the least recently seen is forgotten first. */
export const MAX_NONCE_ORIGINS = 100;

/** The latest `DPoP-Nonce` each server origin gave (RFC 9449 §8, §9), in a map of bounded size. */
export class NonceCache {
  readonly #nonces = new Map<string, string>();

  constructor(readonly limit = MAX_NONCE_ORIGINS) {}

  /** The nonce `url`'s origin gave last, if any. */
  get(url: string): string | undefined {
    return this.#nonces.get(new URL(url).origin);
  }

  /** Remembers `nonce` for `url`'s origin (an invalid one is ignored). */
  set(url: string, nonce: string | null | undefined): void {
    if (!isNonce(nonce)) return;
    const origin = new URL(url).origin;
    this.#nonces.delete(origin);
    this.#nonces.set(origin, nonce);
    if (this.#nonces.size > this.limit) this.#nonces.delete(this.#nonces.keys().next().value as string);
  }

  get size(): number {
    return this.#nonces.size;
  }
}

/** What one proof is for: the request, the server's nonce, and the access token it is presented with. */
export interface ProofFor {
  method: string;
  url: string;
  nonce?: string | undefined;
  /** The access token of a resource request: the proof then carries `ath`. */
  accessToken?: string | undefined;
}

/** Makes DPoP proofs with one key pair: a fresh `jti` and `iat` each. The key never leaves it. */
export class DpopSigner {
  readonly #keys: CryptoKeyPair;
  readonly algorithm: DpopAlgorithm;
  /** The nonces servers gave this signer's provider, by origin. */
  readonly nonces = new NonceCache();
  #jwk: Promise<JWK> | undefined;
  #thumbprint: Promise<string> | undefined;

  constructor(keys: CryptoKeyPair, algorithm: DpopAlgorithm) {
    this.#keys = keys;
    this.algorithm = algorithm;
  }

  /** The public key as a JWK with only its public members (what the proof's `jwk` header carries). */
  jwk(): Promise<JWK> {
    this.#jwk ??= loadJose().then(async ({ exportJWK }) => {
      const exported = await exportJWK(this.#keys.publicKey);
      const jwk: Record<string, string> = {};
      for (const name of ["kty", "crv", "x", "y", "n", "e"] as const) {
        const member = exported[name];
        if (typeof member === "string") jwk[name] = member;
      }
      return jwk as JWK;
    });
    return this.#jwk;
  }

  /** The RFC 7638 SHA-256 thumbprint of the public key: a DPoP-bound token's `cnf.jkt`. */
  thumbprint(): Promise<string> {
    this.#thumbprint ??= Promise.all([this.jwk(), loadJose()]).then(([jwk, { calculateJwkThumbprint }]) =>
      calculateJwkThumbprint(jwk, "sha256"),
    );
    return this.#thumbprint;
  }

  /** A fresh proof (RFC 9449 §4.2): `typ` dpop+jwt, `jwk`, and `htm`, `htu`, `iat`, `jti`, `nonce`?, `ath`?. */
  async proof(request: ProofFor): Promise<string> {
    const claims: Record<string, string> = {
      htm: request.method.toUpperCase(),
      htu: htuOf(request.url),
      jti: randomToken(16),
    };
    if (request.nonce !== undefined) claims.nonce = request.nonce;
    if (request.accessToken !== undefined) claims.ath = await athOf(request.accessToken);
    const [{ SignJWT }, jwk] = await Promise.all([loadJose(), this.jwk()]);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: this.algorithm, typ: "dpop+jwt", jwk })
      .setIssuedAt()
      .sign(this.#keys.privateKey);
  }

  /** Never the key: what `console.log` or `JSON.stringify` of the signer shows. */
  toJSON(): Record<string, string> {
    return { algorithm: this.algorithm };
  }
}
