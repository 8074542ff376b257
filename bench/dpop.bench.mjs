// What a DPoP proof (RFC 9449) and a private_key_jwt client assertion (RFC 7523) cost per request:
// finoauth beside openid-client 6 (oauth4webapi's DPoP handle and PrivateKeyJwt), in one run, side by side. Each library runs the same client_credentials request with and without
// a DPoP key pair (ES256) against a fetch that answers at once in this process (no network: what is
// measured is the client's own work, the proof included); the difference is the proof's cost. The floor is
// WebCrypto's ES256 signature alone. Contestants interleaved in every round; medians over rounds.
// Run by hand: `pnpm build && pnpm --filter @finoauth/bench dpop` (figures in bench/README.md).
import { createProvider } from "@finoauth/auth";
import { oauth2 } from "@finoauth/auth/oauth2";
import * as openid from "openid-client";

const ROUNDS = Number(process.env.ROUNDS ?? 11);
const PER_ROUND = Number(process.env.PER_ROUND ?? 400);
const base = "https://as.example";
const clientId = "bench-client";
const clientSecret = "bench-secret";

/** A token answer made at once: `DPoP` when the request carried a proof, as a server would. */
const answer = (dpop) =>
  new Response(
    JSON.stringify({ access_token: "a".repeat(40), token_type: dpop ? "DPoP" : "Bearer", expires_in: 3600 }),
    { status: 200, headers: { "content-type": "application/json" } },
  );
const finoauthFetch = async (request) => answer(request.headers.has("dpop"));
const openidFetch = async (_url, options) => answer(new Headers(options.headers).has("dpop"));

const keys = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
const provider = (dpop) =>
  createProvider(oauth2, {
    clientId,
    clientSecret,
    baseUrl: base,
    retry: { retries: 0 },
    fetch: finoauthFetch,
    ...(dpop ? { dpop: keys } : {}),
  });
const plain = provider(false);
const bound = provider(true);
// private_key_jwt: an extractable ES256 key, as a private JWK for finoauth and a CryptoKey for openid-client.
const signing = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
const clientKey = { ...(await crypto.subtle.exportKey("jwk", signing.privateKey)), kid: "bench", alg: "ES256" };
const asserting = createProvider(oauth2, {
  clientId,
  baseUrl: base,
  issuer: base,
  clientAuth: "private_key_jwt",
  clientKey,
  retry: { retries: 0 },
  fetch: finoauthFetch,
});
const assertingConfig = new openid.Configuration(
  { issuer: base, token_endpoint: `${base}/token` },
  clientId,
  {},
  openid.PrivateKeyJwt({ key: signing.privateKey, kid: "bench" }),
);
assertingConfig[openid.customFetch] = openidFetch;
const config = new openid.Configuration({ issuer: base, token_endpoint: `${base}/token` }, clientId, clientSecret);
config[openid.customFetch] = openidFetch;
const handle = openid.getDPoPHandle(config, keys);
const data = new TextEncoder().encode("x".repeat(200));

const check = (token) => {
  if (typeof token !== "string" || token.length !== 40) throw new Error("no token");
};
const contestants = {
  "finoauth, Bearer": async () => check((await plain.clientCredentials()).accessToken),
  "finoauth, DPoP": async () => check((await bound.clientCredentials()).accessToken),
  "openid-client, Bearer": async () => check((await openid.clientCredentialsGrant(config)).access_token),
  "openid-client, DPoP": async () =>
    check((await openid.clientCredentialsGrant(config, undefined, { DPoP: handle })).access_token),
  "finoauth, private_key_jwt": async () => check((await asserting.clientCredentials()).accessToken),
  "openid-client, private_key_jwt": async () =>
    check((await openid.clientCredentialsGrant(assertingConfig)).access_token),
  "floor: one ES256 signature (WebCrypto)": async () => {
    await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, keys.privateKey, data);
  },
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const names = Object.keys(contestants);
const times = Object.fromEntries(names.map((name) => [name, []]));
for (const run of Object.values(contestants)) for (let i = 0; i < 50; i++) await run(); // warm up
for (let round = 0; round < ROUNDS; round++) {
  // A different order each round, so that no contestant always follows the same one.
  const order = names.map((_, i) => names[(i + round) % names.length]);
  for (const name of order) {
    const run = contestants[name];
    const start = performance.now();
    for (let i = 0; i < PER_ROUND; i++) await run();
    times[name].push(((performance.now() - start) / PER_ROUND) * 1000);
  }
}

const us = (value) => `${value.toFixed(1)} µs`;
const m = Object.fromEntries(names.map((name) => [name, median(times[name])]));
console.log(
  `DPoP per request, Node ${process.versions.node}, ${ROUNDS} rounds × ${PER_ROUND} requests, medians (µs per request):`,
);
for (const name of names) console.log(`  ${name.padEnd(42)} ${us(m[name]).padStart(10)}`);
console.log(`  the proof's cost, finoauth       ${us(m["finoauth, DPoP"] - m["finoauth, Bearer"])}`);
console.log(`  the proof's cost, openid-client  ${us(m["openid-client, DPoP"] - m["openid-client, Bearer"])}`);
console.log(`  the assertion's cost, finoauth       ${us(m["finoauth, private_key_jwt"] - m["finoauth, Bearer"])}`);
console.log(
  `  the assertion's cost, openid-client  ${us(m["openid-client, private_key_jwt"] - m["openid-client, Bearer"])}`,
);
