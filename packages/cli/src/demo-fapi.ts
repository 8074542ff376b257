// `finoauth demo`'s FAPI 2.0 rows: the generic provider under `profile: "fapi2"` against a real FAPI 2.0
// server (@finoauth/mock/fapi: panva's oidc-provider behind https with a private CA, in this process), started
// here and stopped after. The server's helper clicks through login and consent as a person would. No
// Prism and no spec here: the server itself refuses what FAPI 2.0 forbids, and each step checks the binding.
import { certificateThumbprint, createProvider, type TokenSet } from "@finoauth/auth";
import { discover, oauth2 } from "@finoauth/auth/oauth2";
import type { FapiServer } from "@finoauth/mock/fapi";
import { managedRefresh, tokenOutcome } from "./demo-flows.js";
import { PrismFetch, type Row, Run, type ViolationReader } from "./demo-run.js";

/** The provider column of the FAPI rows: the generic provider, under the FAPI 2.0 profile. */
export const FAPI_PROVIDER = `${oauth2.id} (FAPI 2.0)`;

/** What the demo uses of @finoauth/mock/fapi. */
export type FapiModule = typeof import("@finoauth/mock/fapi");

/** Loads @finoauth/mock/fapi; tests inject one that fails. */
export type LoadFapi = () => Promise<FapiModule>;

const importFapi: LoadFapi = () => import("@finoauth/mock/fapi");

/** A reader that finds no violation: the FAPI server is no Prism mock, there is no spec to check against. */
const noSpec: ViolationReader = { violationsOf: () => [], describeViolations: () => "" };

const SCOPES = ["openid", "offline_access"];

/** Loads the module and starts its server; a failure says what failed, never a key. */
async function start(load: LoadFapi): Promise<{ fapi: FapiModule; server: FapiServer }> {
  let fapi: FapiModule;
  try {
    fapi = await load();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`could not load @finoauth/mock/fapi (a @finoauth/mock with the FAPI server is needed): ${why}`);
  }
  return { fapi, server: await fapi.startFapiServer() };
}

/** The URL a pushed authorization request leaves to the browser: only `client_id` and `request_uri`. */
function checkPushed(url: string): void {
  const keys = [...new URL(url).searchParams.keys()];
  if (keys.join(",") !== "client_id,request_uri")
    throw new Error(`the authorization URL carries ${keys.join(", ")}: not a pushed request`);
}

/**
 * PAR + code + PKCE with `private_key_jwt` and DPoP (the server's nonce challenges answered), userinfo with a
 * DPoP proof, a refresh through a token manager that keeps the binding, and the refresh token revoked.
 */
async function dpopFlows(run: Run, server: FapiServer, fapi: FapiModule): Promise<void> {
  const client = server.clients.privateKeyJwt;
  const started = await run.step("PAR + authorization URL", undefined, async () => {
    const fetch = fapi.fetchOver(server.dispatcher());
    const dpop = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, [
      "sign",
      "verify",
    ])) as CryptoKeyPair;
    const provider = createProvider(oauth2, {
      ...(await discover(server.issuer, { fetch })),
      profile: "fapi2",
      clientAuth: "private_key_jwt",
      clientId: client.clientId,
      clientKey: client.signingKeys.ES256.privateJwk,
      redirectUri: client.redirectUri,
      dpop,
      fetch,
    });
    const { url } = await provider.authorizationUrl({ scopes: SCOPES, prompt: "consent" });
    checkPushed(url);
    const value = { provider, url, jkt: await fapi.dpopThumbprint(dpop) };
    return { value, note: "pushed with private_key_jwt + DPoP, URL has request_uri only" };
  });
  if (started === undefined) {
    for (const flow of ["consent + code exchange", "userinfo", "refresh", "revoke"])
      run.skip(flow, "PAR + authorization URL");
    return;
  }
  const { provider, url, jkt } = started;
  const bound = (token: TokenSet) => {
    if (token.tokenType !== "DPoP") throw new Error(`token type ${token.tokenType}, not DPoP`);
    if (token.cnf?.jkt !== jkt) throw new Error("the token is not bound to the DPoP key (cnf.jkt)");
  };
  const token = await run.step("consent + code exchange", undefined, async () => {
    const token = await provider.handleCallback(await server.consent(url, client.redirectUri));
    bound(token);
    return tokenOutcome(token, "DPoP, cnf.jkt = key thumbprint, PKCE S256, iss checked");
  });
  if (token === undefined) {
    for (const flow of ["userinfo", "refresh", "revoke"]) run.skip(flow, "consent + code exchange");
    return;
  }
  await run.step("userinfo", undefined, async () => {
    const answer = await provider.fetchProtectedResource(token, `${server.issuer}/me`);
    const sub = (answer.json as { sub?: unknown } | undefined)?.sub;
    if (answer.status !== 200 || typeof sub !== "string") throw new Error(`userinfo answered HTTP ${answer.status}`);
    return { value: sub, note: `Authorization: DPoP + proof with ath, sub ${sub}` };
  });
  const refreshed = await run.step("refresh", undefined, async () => {
    const outcome = await managedRefresh(
      run.provider,
      token,
      (current) => provider.refresh({ refreshToken: current.refreshToken! }),
      provider.binding(),
    );
    bound(outcome.value);
    return { ...outcome, note: `${outcome.note}, DPoP binding kept` };
  });
  const revoked = refreshed?.refreshToken ?? token.refreshToken;
  if (revoked === undefined) return run.skip("revoke", "every flow that gives a refresh token");
  await run.step("revoke", undefined, async () => {
    await provider.revoke({ token: revoked, tokenTypeHint: "refresh_token" });
    const after = await provider.introspect({ token: revoked, tokenTypeHint: "refresh_token" });
    if (after.active) throw new Error("the revoked refresh token is still active");
    return { value: true, note: "refresh token revoked, introspection: inactive" };
  });
}

/** PAR + code + PKCE with `self_signed_tls_client_auth` over the mTLS aliases: a certificate-bound token. */
async function mtlsFlow(run: Run, server: FapiServer): Promise<void> {
  const client = server.clients.selfSignedTls;
  const tls = { cert: client.tls.certPem, key: client.tls.keyPem, ca: server.caPem };
  await run.step("mTLS: PAR + code exchange", undefined, async () => {
    const provider = createProvider(oauth2, {
      ...(await discover(server.issuer, { tls })),
      profile: "fapi2",
      clientAuth: client.authMethod,
      clientId: client.clientId,
      redirectUri: client.redirectUri,
      tls,
    });
    const { url } = await provider.authorizationUrl({ scopes: SCOPES, prompt: "consent" });
    checkPushed(url);
    const token = await provider.handleCallback(await server.consent(url, client.redirectUri));
    if (token.cnf?.["x5t#S256"] !== (await certificateThumbprint(client.tls.certPem)))
      throw new Error("the token is not bound to the client certificate (cnf x5t#S256)");
    return tokenOutcome(token, `${client.authMethod}, certificate-bound (x5t#S256)`);
  });
}

/**
 * The FAPI 2.0 rows of `finoauth demo`: starts the FAPI server of @finoauth/mock/fapi (`load` loads it), runs
 * the generic provider's FAPI flows against it, stops it. A server that cannot start is one failing row.
 */
export async function runFapi(load: LoadFapi = importFapi): Promise<Row[]> {
  const run = new Run(FAPI_PROVIDER, new PrismFetch(noSpec));
  const started = await run.step("start the FAPI 2.0 server", undefined, async () => ({
    value: await start(load),
    note: "oidc-provider over https, private CA",
  }));
  if (started === undefined) return run.rows;
  run.rows.pop(); // starting worked: it is no flow of its own
  try {
    await dpopFlows(run, started.server, started.fapi);
    await mtlsFlow(run, started.server);
  } finally {
    await started.server.stop();
  }
  return run.rows;
}
