// The runtime suite's checks, the same on every runtime: plain JavaScript that imports the BUILT packages
// by their public names (as a user's code does), run by src/run.mjs on Node, Bun and Deno and bundled into
// src/worker.mjs for workerd. Each check runs flows against the loopback token server (src/token-server.mjs)
// and throws when an answer is not what that server sends.
import { createProvider, createTokenManager } from "@finoauth/auth";
import { createProvider as createByName } from "@finoauth/auth/all";
import { oauth2 } from "@finoauth/auth/oauth2";
import { createOAuth2Client } from "@finoauth/oauth2";

/** The checks, in the README table's column order: id → column heading. */
export const CHECKS = {
  entry: "`@finoauth/auth/oauth2` + `@finoauth/oauth2`",
  all: "`@finoauth/auth/all`",
  clientCredentials: "client credentials",
  refresh: "refresh (token manager)",
  authorize: "authorization URL + PKCE",
  keepAlive: "keep-alive (`@finoauth/auth/node`)",
};

/**
 * @typedef {{ baseUrl: string, clientId: string, clientSecret: string, redirectUri: string }} Target
 * @typedef {{ id: string, ok: boolean, error?: string, notApplicable?: string }} CheckResult
 */

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const options = (target) => ({
  clientId: target.clientId,
  clientSecret: target.clientSecret,
  baseUrl: target.baseUrl,
  redirectUri: target.redirectUri,
});

/** A TokenSet as the loopback server issues it: a Bearer token for an hour, a refresh token, scope `read`. */
function assertIssued(token, before) {
  assert(typeof token.accessToken === "string" && token.accessToken.length === 22, "no access token");
  assert(token.tokenType === "Bearer", `tokenType ${token.tokenType}, expected Bearer (normalised from bearer)`);
  assert(typeof token.refreshToken === "string" && token.refreshToken.length === 22, "no refresh token");
  assert(token.expiresAt >= before + 3_600_000 && token.expiresAt <= Date.now() + 3_600_000, "expiresAt not now + 1 h");
  assert(token.scopes.length === 1 && token.scopes[0] === "read", `scopes ${JSON.stringify(token.scopes)}`);
}

const checks = {
  /** The per-provider entry over its client package, and the client package on its own. */
  async entry(target) {
    const token = await createProvider(oauth2, options(target)).clientCredentials();
    assert(token.provider === "oauth2", `provider ${token.provider}`);
    const client = createOAuth2Client({ baseUrl: target.baseUrl });
    const basic = btoa(`${encodeURIComponent(target.clientId)}:${encodeURIComponent(target.clientSecret)}`);
    const { data, error } = await client.POST("/token", {
      body: { grant_type: "client_credentials" },
      headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: `Basic ${basic}` },
    });
    assert(error === undefined && typeof data?.access_token === "string", "the client package got no token");
  },
  /** The registry entry, by name. */
  async all(target) {
    const token = await createByName("oauth2", options(target)).clientCredentials();
    assertIssued(token, Date.now() - 1000);
  },
  /** One normalised TokenSet from a client-credentials grant, with the secret form-encoded in HTTP Basic. */
  async clientCredentials(target) {
    const before = Date.now();
    const token = await createProvider(oauth2, options(target)).clientCredentials({ scopes: ["read"] });
    assertIssued(token, before - 1000);
  },
  /** The token manager renews an expiring token once for concurrent callers, then with the rotated refresh token. */
  async refresh(target) {
    const provider = createProvider(oauth2, options(target));
    let offset = 0;
    const manager = createTokenManager({
      key: `oauth2:${target.clientId}`,
      obtain: () => provider.clientCredentials(),
      refresh: (current) => provider.refresh({ refreshToken: current.refreshToken }),
      now: () => Date.now() + offset,
    });
    const first = await manager.getTokenSet();
    assert((await manager.getAccessToken()) === first.accessToken, "a fresh token was not served from the cache");
    offset = 2 * 3_600_000; // two hours later: expired
    const renewed = await Promise.all([manager.getTokenSet(), manager.getTokenSet(), manager.getTokenSet()]);
    assert(new Set(renewed.map((t) => t.accessToken)).size === 1, "concurrent callers did not share one renewal");
    assert(renewed[0].accessToken !== first.accessToken, "the token was not renewed");
    assert(renewed[0].refreshToken !== first.refreshToken, "the rotated refresh token was not kept");
    offset = 4 * 3_600_000;
    const again = await manager.forceRefresh();
    assert(again.accessToken !== renewed[0].accessToken, "the second renewal (with the rotated token) failed");
  },
  /** An authorization URL with state and PKCE S256; the server redirects back; the callback exchanges the code. */
  async authorize(target) {
    const provider = createProvider(oauth2, options(target));
    const { url, state } = await provider.authorizationUrl({ scopes: ["read"] });
    const query = new URL(url).searchParams;
    assert(query.get("state") === state && query.get("code_challenge_method") === "S256", "no state or PKCE");
    const answer = await fetch(url, { redirect: "manual" });
    assert(answer.status === 302, `authorize answered ${answer.status}`);
    const token = await provider.handleCallback(answer.headers.get("location"));
    assertIssued(token, Date.now() - 1000);
  },
};

/**
 * The keep-alive transport: requests in a row reuse their connections (the server numbers its connections in
 * `raw`). undici's pool opens a second connection while it checks the first after an answer, then
 * alternates between the two: the third request goes out on one of the first two.
 * @param {Target} target
 * @param {{ createNodeTransport: typeof import("@finoauth/auth/node").createNodeTransport }} node
 */
async function keepAlive(target, node) {
  const transport = node.createNodeTransport();
  try {
    const provider = createProvider(oauth2, { ...options(target), fetch: transport });
    const tokens = [];
    for (let i = 0; i < 4; i++) tokens.push(await provider.clientCredentials());
    assertIssued(tokens[3], Date.now() - 1000);
    const used = new Set(tokens.map((token) => token.raw.connection));
    assert(used.size <= 2, `four requests in a row opened ${used.size} connections: not kept alive`);
  } finally {
    transport.close();
  }
}

const failure = (error) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * Runs every check in order (each on its own: one failing does not hide the next).
 * @param {Target} target
 * @param {{ node?: { createNodeTransport: Function } | undefined, noNode?: string }} runtime `node`: the
 *   `@finoauth/auth/node` module where the runtime has `node:http`; otherwise `noNode` says why not.
 * @returns {Promise<CheckResult[]>}
 */
export async function runScenario(target, runtime) {
  const results = [];
  for (const id of Object.keys(CHECKS)) {
    if (id === "keepAlive" && !runtime.node) {
      results.push({ id, ok: true, notApplicable: runtime.noNode ?? "no node:http" });
      continue;
    }
    try {
      await (id === "keepAlive" ? keepAlive(target, runtime.node) : checks[id](target));
      results.push({ id, ok: true });
    } catch (error) {
      results.push({ id, ok: false, error: failure(error) });
    }
  }
  return results;
}
