// finoauth's DPoP against the real FAPI server (panva's oidc-provider, @finoauth/mock/fapi), beside
// openid-client's flow in fapi-openid-client.test.ts. Where it differs from openid-client, the test says why:
// - PAR and private_key_jwt are another helper's (fapi-client-auth, not on this branch yet), so this runs on
//   a server with PAR not required, as the client_secret_basic client: code + PKCE + DPoP with nonces.
// - fetchProtectedResource returns the answer read whole ({ status, json, … }), not a Response: the body is
//   read within the call's deadline and size cap.

import { dpopThumbprint, type FapiServer, fetchOver, startFapiServer } from "@finoauth/mock/fapi";
import type { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenManager, FinoauthError, MemoryTokenStore } from "../src/index.js";
import { createProvider } from "../src/providers/all.js";
import { discover, oauth2 } from "../src/providers/oauth2.js";

let server: FapiServer;
let agent: Agent;
beforeAll(async () => {
  server = await startFapiServer({ requirePar: false });
  agent = server.dispatcher();
});
afterAll(async () => {
  await server?.stop();
});

const served = (from: number, path: string) => server.requests.slice(from).filter((r) => r.path.startsWith(path));

const es256 = async () =>
  (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"])) as CryptoKeyPair;

async function dpopProvider(dpop: CryptoKeyPair) {
  const client = server.clients.secretBasic;
  const discovered = await discover(server.issuer, { fetch: fetchOver(agent) });
  return createProvider(oauth2, {
    ...discovered,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    redirectUri: client.redirectUri,
    fetch: fetchOver(agent),
    dpop,
  });
}

describe("finoauth against the FAPI server: DPoP", () => {
  it("code + PKCE + DPoP (nonce challenge answered once): cnf.jkt, refresh, userinfo after a nonce challenge, revoke", async () => {
    const keys = await es256();
    const jkt = await dpopThumbprint(keys);
    const p = await dpopProvider(keys);
    const start = server.requests.length;

    const { url } = await p.authorizationUrl({ scopes: ["openid", "offline_access"], prompt: "consent" });
    const callback = await server.consent(url, server.clients.secretBasic.redirectUri);
    const token = await p.handleCallback(callback);
    expect(token.tokenType).toBe("DPoP");
    expect(token.cnf).toEqual({ jkt });
    // The first proof had no nonce: challenged once at the token endpoint, then answered with the nonce.
    expect(served(start, "/token").map((r) => [r.status, r.nonceChallenge, r.dpop])).toEqual([
      [400, true, true],
      [200, false, true],
    ]);
    expect(await server.introspect(token.accessToken)).toMatchObject({ active: true, cnf: { jkt } });
    const introspected = await p.introspect({ token: token.accessToken });
    expect(introspected.active).toBe(true);

    // Refresh: a proof with the same key (the nonce is remembered: no challenge this time).
    const beforeRefresh = server.requests.length;
    const refreshed = await p.refresh({ refreshToken: token.refreshToken as string });
    expect(refreshed.cnf).toEqual({ jkt });
    expect(served(beforeRefresh, "/token").map((r) => r.status)).toEqual([200]);
    expect(await server.introspect(refreshed.accessToken)).toMatchObject({ active: true, cnf: { jkt } });

    // The nonce the client holds has expired: userinfo challenges, finoauth answers once.
    server.dpop.expire();
    const before = server.requests.length;
    const userinfo = await p.fetchProtectedResource(refreshed, `${server.issuer}/me`);
    expect(userinfo).toMatchObject({ status: 200, json: { sub: server.accountId } });
    expect(served(before, "/me").map((r) => [r.status, r.nonceChallenge])).toEqual([
      [401, true],
      [200, false],
    ]);

    await p.revoke({ token: refreshed.refreshToken as string, tokenTypeHint: "refresh_token" });
    expect(await server.introspect(refreshed.refreshToken as string)).toEqual({ active: false });
  });

  it("gives up after one retry when the server keeps challenging (as openid-client does)", async () => {
    const p = await dpopProvider(await es256());
    const { url } = await p.authorizationUrl({ scopes: ["openid"] });
    const callback = await server.consent(url, server.clients.secretBasic.redirectUri);
    const token = await p.handleCallback(callback);
    server.dpop.refuseNext(2);
    const start = server.requests.length;
    const answer = await p.fetchProtectedResource(token, `${server.issuer}/me`);
    expect(answer.status).toBe(401);
    expect(served(start, "/me").map((r) => r.nonceChallenge)).toEqual([true, true]);
  });

  it("a process with another key refuses the stored token before use: nothing reaches the server", async () => {
    const store = new MemoryTokenStore();
    const first = await dpopProvider(await es256());
    const { url } = await first.authorizationUrl({ scopes: ["openid", "offline_access"], prompt: "consent" });
    const token = await first.handleCallback(await server.consent(url, server.clients.secretBasic.redirectUri));
    await store.set("grant", token.toData());
    const second = await dpopProvider(await es256());
    const manager = createTokenManager({
      key: "grant",
      store,
      obtain: () => Promise.reject(new Error("consent again")),
      refresh: (current) => second.refresh({ refreshToken: current.refreshToken as string }),
      binding: second.binding(),
    });
    const start = server.requests.length;
    const error = await manager.forceRefresh().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FinoauthError);
    expect((error as FinoauthError).kind).toBe("binding_mismatch");
    expect(server.requests.length).toBe(start);
  });
});
