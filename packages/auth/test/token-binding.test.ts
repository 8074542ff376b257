// A token's binding (cnf) kept through the TokenSet's data and a store, and the token manager's refusal of
// a token bound to another DPoP key or client certificate than the one its provider holds.

import { selfSignedClientCertificate } from "@finoauth/mock/fapi";
import { calculateJwkThumbprint, exportJWK } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { certificateThumbprint } from "../src/fapi/thumbprint.js";
import { createTokenManager, FinoauthError, MemoryTokenStore, TokenSet } from "../src/index.js";
import { createProvider } from "../src/providers/all.js";
import { oauth2 } from "../src/providers/oauth2.js";
import { type DpopServer, startDpopServer } from "./support/dpop-server.js";

let server: DpopServer;
let keys: CryptoKeyPair;
let other: CryptoKeyPair;
const es256 = async () =>
  (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"])) as CryptoKeyPair;
beforeAll(async () => {
  server = await startDpopServer();
  keys = await es256();
  other = await es256();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const provider = (dpop: CryptoKeyPair) =>
  createProvider(oauth2, { clientId: "c", clientSecret: "s", baseUrl: server.url, dpop, retry: { retries: 0 } });

const rejection = async (promise: Promise<unknown>): Promise<FinoauthError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof FinoauthError)) throw new Error(`expected a FinoauthError, got ${String(error)}`);
  return error;
};

const data = (cnf: unknown) => ({
  provider: "oauth2",
  accessToken: "at",
  tokenType: "DPoP",
  scopes: [],
  extras: {},
  obtainedAt: Date.now(),
  raw: {},
  cnf,
});

describe("a TokenSet's cnf", () => {
  it("survives toData and a new TokenSet, unchanged; a plain token's data has no cnf key", () => {
    const token = new TokenSet(data({ jkt: "abc", "x5t#S256": "def" }) as never);
    expect(new TokenSet(JSON.parse(JSON.stringify(token.toData()))).cnf).toEqual({ jkt: "abc", "x5t#S256": "def" });
    const { cnf: _, ...plain } = data(undefined);
    expect("cnf" in new TokenSet(plain).toData()).toBe(false);
  });
  it("is checked: an object of non-empty string thumbprints, nothing else", () => {
    for (const cnf of [null, "abc", { jkt: "" }, { jkt: 1 }, { kid: "x" }])
      expect(() => new TokenSet(data(cnf) as never)).toThrow(/cnf must be/);
  });
});

describe("certificateThumbprint", () => {
  it("is base64url SHA-256 of the DER certificate, and refuses what is not one", async () => {
    const { X509Certificate, createHash } = await import("node:crypto");
    const { certPem: pem } = await selfSignedClientCertificate("c");
    const expected = createHash("sha256").update(new X509Certificate(pem).raw).digest("base64url");
    expect(await certificateThumbprint(pem)).toBe(expected);
    await expect(certificateThumbprint("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")).rejects.toThrow(
      /not a certificate/,
    );
  });
});

describe("a token obtained with a client certificate (the tls option, read by name)", () => {
  it("records the certificate's x5t#S256 on a Bearer token; binding() names both the key and the certificate", async () => {
    const { certPem: pem, keyPem } = await selfSignedClientCertificate("c");
    const p = createProvider(oauth2, {
      clientId: "c",
      clientSecret: "s",
      baseUrl: server.url,
      dpop: keys,
      tls: { cert: pem, key: keyPem },
    } as never);
    server.tokenType = "Bearer";
    const x5t = await certificateThumbprint(pem);
    expect((await p.clientCredentials()).cnf).toEqual({ "x5t#S256": x5t });
    expect(await p.binding()).toEqual({
      jkt: await calculateJwkThumbprint(await exportJWK(keys.publicKey), "sha256"),
      "x5t#S256": x5t,
    });
    server.tokenType = "DPoP";
    expect(Object.keys((await p.clientCredentials()).cnf ?? {})).toEqual(["jkt"]);
  });
});

describe("the token manager and bound tokens", () => {
  it("hands out its own provider's DPoP tokens and refreshes them with a proof of the same key", async () => {
    const p = provider(keys);
    let clock = Date.now();
    const manager = createTokenManager({
      key: "k",
      now: () => clock,
      obtain: () => p.clientCredentials(),
      refresh: (current) => p.refresh({ refreshToken: current.refreshToken as string }),
      binding: p.binding(),
    });
    const first = await manager.getTokenSet();
    expect(first.cnf).toEqual(await p.binding());
    clock += 2 * 3_600_000;
    const renewed = await manager.getTokenSet();
    expect(renewed.accessToken).not.toBe(first.accessToken);
    expect(server.proofs.map((proof) => proof.jkt)).toEqual([first.cnf?.jkt, first.cnf?.jkt]);
  });

  it("refuses a stored token bound to another key before use, and never sends it", async () => {
    const store = new MemoryTokenStore();
    const theirs = provider(other);
    const stored = await theirs.clientCredentials();
    await store.set("grant", stored.toData());
    const countBefore = server.counts.get("/token");
    const mine = provider(keys);
    const manager = createTokenManager({
      key: "grant",
      store,
      obtain: () => mine.clientCredentials(),
      refresh: (current) => mine.refresh({ refreshToken: current.refreshToken as string }),
      binding: mine.binding(),
    });
    const error = await rejection(manager.getAccessToken());
    expect(error).toMatchObject({ kind: "binding_mismatch", retryable: false });
    expect(error.description).toMatch(/the stored token is bound to another DPoP key/);
    expect(error.description).toMatch(/same DPoP key/);
    expect(server.counts.get("/token")).toBe(countBefore);
    // Also when the stored token is stale: its refresh token is not sent with this process's key.
    const stale = new TokenSet({ ...stored.toData(), expiresAt: Date.now() + 1_000 });
    await store.set("grant", stale.toData());
    expect((await rejection(manager.forceRefresh())).kind).toBe("binding_mismatch");
    expect(server.counts.get("/token")).toBe(countBefore);
  });

  it("refuses a bound token handed to set(), and any bound token when it was not told its binding", async () => {
    const token = await provider(other).clientCredentials();
    const mine = provider(keys);
    const bound = createTokenManager({ key: "a", obtain: () => mine.clientCredentials(), binding: mine.binding() });
    expect((await rejection(bound.set(token))).kind).toBe("binding_mismatch");
    const unbound = createTokenManager({ key: "b", obtain: () => mine.clientCredentials() });
    expect((await rejection(unbound.getAccessToken())).description).toMatch(/the token obtain returned is bound/);
  });

  it("refuses a certificate-bound token when this process presents another certificate", async () => {
    const token = new TokenSet({ ...data({ "x5t#S256": "their-cert" }), tokenType: "Bearer" } as never);
    const manager = createTokenManager({
      key: "c",
      obtain: async () => token,
      binding: { "x5t#S256": "my-cert" },
    });
    expect((await rejection(manager.getAccessToken())).description).toMatch(/another client certificate/);
  });

  it("checks its binding option", () => {
    expect(() =>
      createTokenManager({ key: "k", obtain: async () => undefined as never, binding: "x" as never }),
    ).toThrow(/binding must be provider.binding\(\)/);
  });

  it("keeps no key: the thumbprint is all a stored token carries", async () => {
    const store = new MemoryTokenStore();
    const p = provider(keys);
    const manager = createTokenManager({ key: "k", store, obtain: () => p.clientCredentials(), binding: p.binding() });
    await manager.getTokenSet();
    const stored = JSON.stringify(await store.get("k"));
    const jwk = await exportJWK(keys.publicKey);
    expect(stored).toContain(await calculateJwkThumbprint(jwk, "sha256"));
    expect(stored).not.toContain(jwk.x as string);
  });
});
