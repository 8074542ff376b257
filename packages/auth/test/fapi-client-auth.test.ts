// finoauth's client authentication and PAR against the real FAPI server (@finoauth/mock/fapi):
// code + PKCE + PAR + private_key_jwt + DPoP under profile "fapi2", with the server's DPoP nonces on: the
// nonce challenge is answered by building the request again (a fresh client assertion: its jti is
// single-use, and oidc-provider refuses a replayed one with 401 invalid_client), as openid-client does.

import { type FapiServer, fetchOver, startFapiServer } from "@finoauth/mock/fapi";
import type { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProvider } from "../src/index.js";
import { discover, oauth2 } from "../src/providers/oauth2.js";

let server: FapiServer;
let agent: Agent;
beforeAll(async () => {
  server = await startFapiServer();
  agent = server.dispatcher();
});
afterAll(async () => {
  await server?.stop();
});

describe("finoauth against the FAPI server: PAR + private_key_jwt", () => {
  it('profile "fapi2": code + PKCE + PAR + private_key_jwt + DPoP, then refresh and revoke', async () => {
    const client = server.clients.privateKeyJwt;
    const discovered = await discover(server.issuer, { fetch: fetchOver(agent) });
    expect(discovered.par).toBe(true);
    const provider = createProvider(oauth2, {
      ...discovered,
      profile: "fapi2",
      clientAuth: "private_key_jwt",
      clientId: client.clientId,
      clientKey: client.signingKeys.ES256.privateJwk,
      redirectUri: client.redirectUri,
      dpop: client.dpopKeys,
      fetch: fetchOver(agent),
    });
    const start = server.requests.length;
    const { url } = await provider.authorizationUrl({ scopes: ["openid", "offline_access"], prompt: "consent" });
    expect([...new URL(url).searchParams.keys()]).toEqual(["client_id", "request_uri"]);
    const token = await provider.handleCallback(await server.consent(url, client.redirectUri));
    expect(token.tokenType).toBe("DPoP");
    const served = server.requests.slice(start);
    expect(served.some((r) => r.path === "/request" && r.status === 201)).toBe(true);
    // The PAR was challenged for a nonce once, then accepted: built again, so its assertion was a new one.
    expect(served.filter((r) => r.path === "/request").map((r) => [r.status, r.nonceChallenge])).toEqual([
      [400, true],
      [201, false],
    ]);
    expect(served.some((r) => r.status === 401)).toBe(false);
    const refreshed = await provider.refresh({ refreshToken: token.refreshToken as string });
    await provider.revoke({ token: refreshed.refreshToken as string, tokenTypeHint: "refresh_token" });
    expect(await server.introspect(refreshed.refreshToken as string)).toEqual({ active: false });
  });
});
