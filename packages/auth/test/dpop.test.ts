// DPoP (RFC 9449) on the generic provider, against a loopback server that verifies every proof with jose:
// the key checked at creation, a fresh proof on every token request, the nonce challenge answered once
// and only once, nonces remembered per server, and DPoP tokens kept with their binding.
import { calculateJwkThumbprint, exportJWK } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FinoauthError } from "../src/index.js";
import { createProvider } from "../src/providers/all.js";
import { fincalc } from "../src/providers/fincalc.js";
import { oauth2 } from "../src/providers/oauth2.js";
import { type DpopServer, startDpopServer } from "./support/dpop-server.js";

let server: DpopServer;
let keys: CryptoKeyPair;
let jkt: string;
beforeAll(async () => {
  server = await startDpopServer();
  keys = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  jkt = await calculateJwkThumbprint(await exportJWK(keys.publicKey), "sha256");
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const provider = (extra: Record<string, unknown> = {}) =>
  createProvider(oauth2, {
    clientId: "client-1",
    clientSecret: "dpop-test-secret",
    baseUrl: server.url,
    dpop: keys,
    retry: { retries: 0 },
    ...extra,
  });

const rejection = async (promise: Promise<unknown>): Promise<FinoauthError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof FinoauthError)) throw new Error(`expected a FinoauthError, got ${String(error)}`);
  return error;
};

const invalid = (make: () => unknown) => {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(FinoauthError);
    expect((error as FinoauthError).kind).toBe("invalid_options");
    return (error as FinoauthError).description ?? "";
  }
  throw new Error("expected invalid_options");
};

describe("the dpop option, checked at createProvider", () => {
  it("refuses what is not a CryptoKeyPair", () => {
    expect(invalid(() => provider({ dpop: "key" }))).toMatch(/dpop must be a CryptoKeyPair/);
    expect(invalid(() => provider({ dpop: { privateKey: keys.privateKey } }))).toMatch(/CryptoKeyPair/);
  });
  it("refuses a private key that may not sign, and a public key in its place", async () => {
    expect(invalid(() => provider({ dpop: { privateKey: keys.publicKey, publicKey: keys.publicKey } }))).toMatch(
      /dpop.privateKey must be a private key whose usages include "sign"/,
    );
  });
  it("refuses a public key that cannot be exported", async () => {
    const jwk = await exportJWK(keys.publicKey);
    const hidden = await crypto.subtle.importKey("jwk", jwk, { name: "ECDSA", namedCurve: "P-256" }, false, ["verify"]);
    expect(invalid(() => provider({ dpop: { privateKey: keys.privateKey, publicKey: hidden } }))).toMatch(
      /dpop.publicKey must be an extractable public key/,
    );
  });
  it("refuses an algorithm DPoP does not use here (P-384), and mismatched halves", async () => {
    const p384 = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-384" }, false, [
      "sign",
      "verify",
    ])) as CryptoKeyPair;
    expect(invalid(() => provider({ dpop: p384 }))).toMatch(/ES256 \(ECDSA P-256\), PS256/);
    const ed = (await crypto.subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"])) as CryptoKeyPair;
    expect(invalid(() => provider({ dpop: { privateKey: keys.privateKey, publicKey: ed.publicKey } }))).toMatch(
      /one key pair of/,
    );
  });
  it("refuses dpop on a provider whose definition does not opt in", () => {
    expect(
      invalid(() =>
        createProvider(fincalc, { clientId: "1", clientSecret: "s", emailAddress: "a@b.c", dpop: keys } as never),
      ),
    ).toMatch(/takes no DPoP proofs/);
  });
});

describe("a proof on every token request", () => {
  it("sends a proof jose verifies: typ, alg, the public key, htm, htu, iat, a fresh jti", async () => {
    const p = provider();
    const before = Math.floor(Date.now() / 1000);
    const token = await p.clientCredentials({ scopes: ["accounts"] });
    await p.refresh({ refreshToken: token.refreshToken as string });
    await p.exchangeCode({ code: "the-code", redirectUri: "https://app.example.com/cb" });
    await p.password({ username: "u", password: "p" });
    expect(server.proofs).toHaveLength(4);
    for (const proof of server.proofs) {
      expect(proof.header).toMatchObject({ typ: "dpop+jwt", alg: "ES256" });
      expect(Object.keys(proof.header.jwk as object).sort()).toEqual(["crv", "kty", "x", "y"]);
      expect(proof.jkt).toBe(jkt);
      expect(proof.claims).toMatchObject({ htm: "POST", htu: `${server.url}/token` });
      expect(proof.claims.iat).toBeGreaterThanOrEqual(before - 1);
      expect(proof.claims.ath).toBeUndefined();
      expect(proof.claims.nonce).toBeUndefined();
    }
    expect(new Set(server.proofs.map((proof) => proof.claims.jti)).size).toBe(4);
  });

  it("signs with each algorithm the key says: ES256, PS256, RS256, EdDSA", async () => {
    const params = [
      [{ name: "RSA-PSS", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, "PS256"],
      [
        { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
        "RS256",
      ],
      [{ name: "Ed25519" }, "EdDSA"],
    ] as const;
    for (const [algorithm, alg] of params) {
      const pair = (await crypto.subtle.generateKey(algorithm, false, ["sign", "verify"])) as CryptoKeyPair;
      await provider({ dpop: pair }).clientCredentials();
      expect(server.proofs.at(-1)?.header.alg).toBe(alg);
      expect(server.proofs.at(-1)?.jkt).toBe(await calculateJwkThumbprint(await exportJWK(pair.publicKey), "sha256"));
    }
  });

  it("keeps token_type DPoP (any case) with the key's thumbprint as cnf.jkt; a refresh keeps the binding", async () => {
    server.tokenType = "dpop";
    const p = provider();
    const token = await p.clientCredentials();
    expect(token.tokenType).toBe("DPoP");
    expect(token.cnf).toEqual({ jkt });
    expect(await p.binding()).toEqual({ jkt });
    const refreshed = await p.refresh({ refreshToken: token.refreshToken as string });
    expect(refreshed.cnf).toEqual({ jkt });
    expect(server.proofs.at(-1)?.jkt).toBe(jkt);
    expect(JSON.parse(JSON.stringify(token)).cnf).toEqual({ jkt });
  });

  it("accepts a Bearer answer to a DPoP request (RFC 9449 §5) and records no binding", async () => {
    server.tokenType = "Bearer";
    const token = await provider().clientCredentials();
    expect(token.tokenType).toBe("Bearer");
    expect(token.cnf).toBeUndefined();
  });

  it("refuses a DPoP token when no key was used: malformed_response, the client could not use it", async () => {
    const error = await rejection(provider({ dpop: undefined }).clientCredentials());
    expect(error.kind).toBe("malformed_response");
    expect(error.description).toMatch(/token_type "DPoP".*no DPoP proof was sent/);
    expect(server.rawProofs).toHaveLength(0);
  });

  it("makes a fresh proof for each attempt the engine retries", async () => {
    server.failNext = 2;
    await provider({ retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 } }).clientCredentials();
    expect(server.counts.get("/token")).toBe(3);
    expect(new Set(server.proofs.map((proof) => proof.claims.jti)).size).toBe(3);
  });
});

describe("the use_dpop_nonce challenge", () => {
  it("is answered once with a fresh proof carrying the server's nonce, which is then remembered", async () => {
    server.nonceMode = "require";
    const p = provider();
    await p.clientCredentials();
    expect(server.counts.get("/token")).toBe(2);
    const [first, second] = server.proofs;
    expect(first?.claims.nonce).toBeUndefined();
    expect(second?.claims.nonce).toBe(server.nonce);
    expect(second?.claims.jti).not.toBe(first?.claims.jti);
    await p.clientCredentials();
    expect(server.counts.get("/token")).toBe(3); // the remembered nonce went with the first proof
    expect(server.proofs[2]?.claims.nonce).toBe(server.nonce);
  });

  it("a second challenge is the server's error to the caller; a server that always challenges is not looped", async () => {
    server.nonceMode = "always";
    const error = await rejection(
      provider({ retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 } }).clientCredentials(),
    );
    expect(error).toMatchObject({ kind: "provider", status: 400, providerCode: "use_dpop_nonce", retryable: false });
    expect(server.counts.get("/token")).toBe(2);
  });

  it("remembers nonces per server origin: another server gets none of this one's", async () => {
    server.nonceMode = "require";
    const p = provider();
    await p.clientCredentials();
    const other = await startDpopServer();
    try {
      const q = provider({ baseUrl: other.url });
      await q.clientCredentials();
      expect(other.proofs[0]?.claims.nonce).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});

describe("a proof on every request through the generated client", () => {
  it("revocation and introspection carry one too", async () => {
    const p = provider();
    await p.revoke({ token: "t" }).catch(() => {});
    await p.introspect({ token: "t" }).catch(() => {});
    expect(server.proofs.map((proof) => proof.claims.htu)).toEqual([
      `${server.url}/revoke`,
      `${server.url}/introspect`,
    ]);
  });
});
