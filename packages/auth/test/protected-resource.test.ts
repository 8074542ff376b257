// provider.fetchProtectedResource against a loopback resource server that verifies DPoP proofs with jose:
// the scheme and `ath`, the nonce challenge answered once, and the wire rules every provider call keeps.
import { base64url, calculateJwkThumbprint, exportJWK } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FinoauthError, TokenSet } from "../src/index.js";
import { createNodeTransport } from "../src/keep-alive.js";
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

const nodeTransport = createNodeTransport();
afterAll(() => nodeTransport.close());

const sha256 = async (text: string) =>
  base64url.encode(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));

const rejection = async (promise: Promise<unknown>): Promise<FinoauthError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof FinoauthError)) throw new Error(`expected a FinoauthError, got ${String(error)}`);
  return error;
};

for (const transportName of ["the default transport", "the keep-alive transport"] as const) {
  describe(`fetchProtectedResource on ${transportName}`, () => {
    const transport = transportName === "the default transport" ? {} : { fetch: nodeTransport };
    const provider = (extra: Record<string, unknown> = {}) =>
      createProvider(oauth2, {
        clientId: "client-1",
        clientSecret: "resource-test-secret",
        baseUrl: server.url,
        dpop: keys,
        retry: { retries: 0 },
        ...transport,
        ...extra,
      });

    it("sends Authorization: DPoP and a proof with htm, htu and ath of the token", async () => {
      const p = provider();
      const token = await p.clientCredentials();
      const answer = await p.fetchProtectedResource(token, `${server.url}/resource?account=1#frag`, { method: "get" });
      expect(answer).toMatchObject({ status: 200, ok: true, json: { ok: true, authorization: "DPoP" } });
      const proof = server.proofs.at(-1);
      expect(proof?.path).toBe("/resource");
      expect(proof?.claims).toMatchObject({
        htm: "GET",
        htu: `${server.url}/resource`,
        ath: await sha256(token.accessToken),
      });
      expect(proof?.jkt).toBe(await calculateJwkThumbprint(await exportJWK(keys.publicKey), "sha256"));
    });

    it("sends Bearer for a plain token (no ath: the proof is the provider's, not the token's)", async () => {
      server.tokenType = "Bearer";
      const p = provider();
      const token = await p.clientCredentials();
      const answer = await p.fetchProtectedResource(token, `${server.url}/resource`);
      expect(answer.json).toEqual({ ok: true, authorization: "Bearer" });
      expect(server.proofs.at(-1)?.claims.ath).toBeUndefined();
    });

    it("answers a resource server's nonce challenge once, with a fresh proof carrying the nonce", async () => {
      const p = provider();
      const token = await p.clientCredentials();
      server.nonceMode = "require";
      const answer = await p.fetchProtectedResource(token, `${server.url}/resource`);
      expect(answer.status).toBe(200);
      expect(server.counts.get("/resource")).toBe(2);
      expect(server.proofs.at(-1)?.claims.nonce).toBe(server.nonce);
    });

    it("hands a second challenge to the caller as the 401 it is: two requests, no loop", async () => {
      const p = provider();
      const token = await p.clientCredentials();
      server.nonceMode = "always";
      const answer = await p.fetchProtectedResource(token, `${server.url}/resource`);
      expect(answer.status).toBe(401);
      expect(answer.headers.get("www-authenticate")).toMatch(/use_dpop_nonce/);
      expect(server.counts.get("/resource")).toBe(2);
    });

    it("follows no redirect: the 302 comes back as it is", async () => {
      const p = provider();
      const token = await p.clientCredentials();
      const answer = await p.fetchProtectedResource(token, `${server.url}/redirect`);
      expect(answer.status).toBe(302);
      expect(answer.ok).toBe(false);
      expect(server.counts.get("/redirect")).toBe(1);
    });

    it("reads no answer past maxResponseBytes", async () => {
      const p = provider({ maxResponseBytes: 4096 });
      const token = await p.clientCredentials();
      const error = await rejection(p.fetchProtectedResource(token, `${server.url}/big`));
      expect(error.kind).toBe("provider");
      expect(error.description).toMatch(/larger than 4096 bytes/);
    });

    it("ends at the timeout, and at the caller's signal", async () => {
      const p = provider({ timeoutMs: 200 });
      const token = await p.clientCredentials();
      expect(await rejection(p.fetchProtectedResource(token, `${server.url}/slow`))).toMatchObject({
        kind: "timeout",
      });
      const controller = new AbortController();
      const pending = p.fetchProtectedResource(token, `${server.url}/slow`, {
        signal: controller.signal,
        timeoutMs: 5_000,
      });
      setTimeout(() => controller.abort(), 20);
      expect(await rejection(pending)).toMatchObject({ kind: "aborted" });
    });
  });
}

describe("fetchProtectedResource refuses before sending", () => {
  const provider = (extra: Record<string, unknown> = {}) =>
    createProvider("oauth2", { clientId: "c", clientSecret: "s", baseUrl: server.url, dpop: keys, ...extra });
  const dpopToken = (jkt: string) =>
    new TokenSet({
      provider: "oauth2",
      accessToken: "at-bound",
      tokenType: "DPoP",
      scopes: [],
      extras: {},
      obtainedAt: Date.now(),
      raw: {},
      cnf: { jkt },
    });

  it("a URL that is not https (plain http only on loopback)", async () => {
    const p = provider();
    const token = await p.clientCredentials();
    expect(await rejection(p.fetchProtectedResource(token, "http://api.example.com/accounts"))).toMatchObject({
      kind: "invalid_options",
      description: expect.stringMatching(/url must use https/),
    });
  });

  it("headers that would replace Authorization or DPoP", async () => {
    const p = provider();
    const token = await p.clientCredentials();
    const error = await rejection(
      p.fetchProtectedResource(token, `${server.url}/resource`, { headers: { authorization: "Bearer x" } }),
    );
    expect(error.description).toMatch(/must not carry Authorization or DPoP/);
  });

  it("a token bound to another key than the provider's: binding_mismatch, nothing sent", async () => {
    const foreign = await calculateJwkThumbprint(await exportJWK(other.publicKey), "sha256");
    const error = await rejection(provider().fetchProtectedResource(dpopToken(foreign), `${server.url}/resource`));
    expect(error.kind).toBe("binding_mismatch");
    expect(error.description).toMatch(/bound to another DPoP key/);
    expect(server.counts.get("/resource")).toBeUndefined();
  });

  it("a DPoP token on a provider without a key", async () => {
    const p = provider({ dpop: undefined });
    const error = await rejection(p.fetchProtectedResource(dpopToken("x"), `${server.url}/resource`));
    expect(error.kind).toBe("invalid_options");
    expect(server.counts.get("/resource")).toBeUndefined();
  });
});
