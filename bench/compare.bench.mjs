// finoauth against raw fetch and its peers, run by hand (never in tests: these machines are shared):
//
//   pnpm build && pnpm --filter @finoauth/bench compare   (BENCH_ROUNDS, default 9; BENCH_REQUESTS per round, default 1500)
//
// In one run, side by side, contestants interleaved within every round, medians of per-round ratios:
//   1. one client_credentials request: wall time and client CPU against raw fetch (the token server runs in
//      a child process, so client CPU is this process's alone), for raw fetch, finoauth (oauth2 and finAPI
//      providers, default transport (on Node: the global dispatcher, directly), the keep-alive node transport,
//      and a fetch given as the `fetch` option), oauth4webapi, openid-client and
//      simple-oauth2 on a real keep-alive pool; and the floors, the parts finoauth is built on by themselves
//      (fetch with a timeout signal, the generated openapi-fetch client alone, raw node:http). Every
//      contestant must reuse its sockets: the token server counts connections, and the bench stops if one
//      opens a new connection per request (no comparison can be flattered by a peer that never keeps alive);
//   2. 64 requests in flight: requests per second against raw fetch;
//   3. a cached getAccessToken() with the default clock against an awaited Map.get;
//   4. 10,000 callers on an expired token: upstream requests (must be exactly 1) and wall time against one
//      request plus awaiting 10,000 bare promises (no latency), and against one request (50 ms latency);
//   5. cold start: import + createProvider + createTokenManager, and `finoauth --help`, against a bare node.
import { fork, spawnSync } from "node:child_process";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { createProvider, createTokenManager } from "@finoauth/auth";
import { finapi } from "@finoauth/auth/finapi";
import { createNodeTransport } from "@finoauth/auth/node";
import { oauth2 } from "@finoauth/auth/oauth2";
import { createOAuth2Client } from "@finoauth/oauth2";
import * as oauth from "oauth4webapi";
import * as openid from "openid-client";
import { ClientCredentials } from "simple-oauth2";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
// Requests per contestant per round (section 1): long enough that one noisy moment moves one round only.
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1500);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const x = (ratio) => `${ratio.toFixed(2)}×`;
const fmt = (ms) =>
  ms < 0.001 ? `${(ms * 1e6).toFixed(0)} ns` : ms < 1 ? `${(ms * 1e3).toFixed(1)} µs` : `${ms.toFixed(2)} ms`;

// The token server, in its own process.
const server = fork(fileURLToPath(new URL("./support/token-server.mjs", import.meta.url)));
const { port } = await new Promise((resolve) => server.once("message", resolve));
const ask = (message) => new Promise((resolve) => (server.once("message", resolve), server.send(message)));
const upstreamCount = async () => (await ask({ count: true })).count;
const connectionCount = async () => (await ask({ connections: true })).connections;
const setLatency = (latencyMs) => server.send({ latencyMs });
const base = `http://127.0.0.1:${port}`;
const clientId = "bench-client";
const clientSecret = "bench-secret";

// The contestants: one client_credentials request each, checked for a token.
const basic = `Basic ${btoa(`${clientId}:${clientSecret}`)}`;
const nodeTransport = createNodeTransport();
// simple-oauth2 (through @hapi/wreck) never hands a socket back to a bounded pool: with maxSockets: 64 its
// 65th request spins at 100% CPU and never ends. And it deep-clones an agent passed in its options (Joi
// validation), so a keep-alive agent given there never reuses a socket. Wreck makes its own agents when
// the client is built (`new Http.Agent({ maxSockets: Infinity })`): built while http.Agent keeps alive by
// default, its pool is a real keep-alive one, as the connection count below checks.
const agent = new http.Agent({ keepAlive: true });
const keepingAlive = (make) => {
  const { Agent: HttpAgent } = http;
  const { Agent: HttpsAgent } = https;
  http.Agent = class extends HttpAgent {
    constructor(options) {
      super({ ...options, keepAlive: true });
    }
  };
  https.Agent = class extends HttpsAgent {
    constructor(options) {
      super({ ...options, keepAlive: true });
    }
  };
  try {
    return make();
  } finally {
    http.Agent = HttpAgent;
    https.Agent = HttpsAgent;
  }
};
const as = { issuer: base, token_endpoint: `${base}/token` };
const o4wClient = { client_id: clientId };
const o4wAuth = oauth.ClientSecretBasic(clientSecret);
const openidConfig = new openid.Configuration(as, clientId, clientSecret);
openid.allowInsecureRequests(openidConfig);
const simple = keepingAlive(
  () =>
    new ClientCredentials({
      client: { id: clientId, secret: clientSecret },
      auth: { tokenHost: base, tokenPath: "/token" },
    }),
);
const providers = {
  oauth2: createProvider(oauth2, { clientId, clientSecret, baseUrl: base, retry: { retries: 0 } }),
  finapi: createProvider(finapi, { clientId, clientSecret, baseUrl: base, retry: { retries: 0 } }),
  // A fetch of the user's (the `fetch` option): the WHATWG path, a Request built for it and its body counted
  // through a stream, beside the default path (Node's own fetch: its dispatcher, directly).
  ownFetch: createProvider(oauth2, {
    clientId,
    clientSecret,
    baseUrl: base,
    retry: { retries: 0 },
    fetch: (request) => fetch(request),
  }),
  keepAlive: createProvider(oauth2, {
    clientId,
    clientSecret,
    baseUrl: base,
    retry: { retries: 0 },
    fetch: nodeTransport,
  }),
};
// The floors: what the parts finoauth is built on cost by themselves, measured beside it, so that the gap
// that is finoauth's own is visible. A request bounded in time needs a signal; the generated client is
// openapi-fetch, given (as the engine gives it) a light Request class and a fetch that sends it as it is.
class LightRequest {
  constructor(input, init = {}) {
    this.url = typeof input === "string" ? input : input.url;
    this.method = init.method ?? "GET";
    this.headers = init.headers;
    this.body = init.body ?? null;
    this.signal = init.signal ?? null;
  }
  // The header record the generated client's lean call builds (lower-case names), as the transport reads it.
  fields() {
    return this.headers instanceof Headers ? Object.fromEntries(this.headers) : this.headers;
  }
}
const LIGHT_FETCH = Symbol.for("finoauth.lightFetch");
const timeoutSignal = () => AbortSignal.timeout(10_000);
const generatedOverFetch = createOAuth2Client({
  baseUrl: base,
  Request: LightRequest,
  fetch: (request) =>
    fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
      redirect: "manual",
    }),
});
const generatedOverKeepAlive = createOAuth2Client({
  baseUrl: base,
  Request: LightRequest,
  fetch: (request) => nodeTransport[LIGHT_FETCH](request, 1 << 20),
});
const form = { "content-type": "application/x-www-form-urlencoded", authorization: basic };
const rawHttp = () =>
  new Promise((resolve, reject) => {
    const request = http.request(
      `${base}/token`,
      { method: "POST", agent, headers: { ...form, "content-length": "29" } },
      (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () => resolve(Buffer.concat(chunks).toString()));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end("grant_type=client_credentials");
  });
const generatedCall = async (client, signal) => {
  const { data } = await client.POST("/token", {
    body: { grant_type: "client_credentials" },
    headers: { authorization: basic },
    parseAs: "text",
    signal,
  });
  return JSON.parse(data).access_token;
};
const floors = {
  "floor: raw fetch with a timeout signal": async () => {
    const response = await fetch(`${base}/token`, {
      method: "POST",
      headers: form,
      body: "grant_type=client_credentials",
      signal: timeoutSignal(),
    });
    check(JSON.parse(await response.text()).access_token);
  },
  "floor: generated client alone, timeout signal": async () =>
    check(await generatedCall(generatedOverFetch, timeoutSignal())),
  "floor: raw node:http, keep-alive agent": async () => check(JSON.parse(await rawHttp()).access_token),
  "floor: generated client over keep-alive transport": async () =>
    check(await generatedCall(generatedOverKeepAlive, timeoutSignal())),
};

const check = (token) => {
  if (typeof token !== "string" || !token.startsWith("at-")) throw new Error(`no token: ${token}`);
};
const contestants = {
  "raw fetch": async () => {
    const response = await fetch(`${base}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic },
      body: "grant_type=client_credentials",
    });
    check(JSON.parse(await response.text()).access_token);
  },
  "@finoauth/auth, oauth2 provider": async () => check((await providers.oauth2.clientCredentials()).accessToken),
  "@finoauth/auth, finapi provider": async () => check((await providers.finapi.clientCredentials()).accessToken),
  "@finoauth/auth, oauth2, keep-alive transport": async () =>
    check((await providers.keepAlive.clientCredentials()).accessToken),
  "@finoauth/auth, oauth2, a fetch of yours (WHATWG path)": async () =>
    check((await providers.ownFetch.clientCredentials()).accessToken),
  oauth4webapi: async () => {
    const response = await oauth.clientCredentialsGrantRequest(
      as,
      o4wClient,
      o4wAuth,
      {},
      { [oauth.allowInsecureRequests]: true },
    );
    check((await oauth.processClientCredentialsResponse(as, o4wClient, response)).access_token);
  },
  // oauth4webapi sends no signal unless given one (no deadline); finoauth bounds every call. The same
  // deadline given to it, for the like-for-like comparison beside the plain one.
  "oauth4webapi, timeout signal": async () => {
    const response = await oauth.clientCredentialsGrantRequest(
      as,
      o4wClient,
      o4wAuth,
      {},
      { [oauth.allowInsecureRequests]: true, signal: timeoutSignal() },
    );
    check((await oauth.processClientCredentialsResponse(as, o4wClient, response)).access_token);
  },
  "openid-client": async () => check((await openid.clientCredentialsGrant(openidConfig)).access_token),
  "simple-oauth2, keep-alive pool": async () => check((await simple.getToken({})).token.access_token),
  ...floors,
};

console.log(
  `node ${process.version}; ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}; load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}; ${ROUNDS} rounds, medians of per-round ratios\n`,
);

// 1. One request at a time.
const aims = [];
const aim = (what, value, target, ok) => aims.push({ what, value, target, ok });
{
  const N = REQUESTS;
  const measure = async (call) => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (let i = 0; i < N; i++) await call();
    const wall = (performance.now() - start) / N;
    const used = process.cpuUsage(cpu);
    return { wall, cpu: (used.user + used.system) / 1000 / N };
  };
  for (const [name, call] of Object.entries(contestants)) {
    if (process.env.BENCH_DEBUG) console.error(`warm-up: ${name}`);
    for (let i = 0; i < 100; i++) await call(); // warm-up: JIT, sockets
    // Kept alive, or out: 100 requests one after another on one reused socket open no new connection.
    const before = await connectionCount();
    for (let i = 0; i < 100; i++) await call();
    const opened = (await connectionCount()) - before;
    if (opened > 1) throw new Error(`${name} opened ${opened} connections for 100 sequential requests: not kept alive`);
  }
  const ratios = Object.fromEntries(
    Object.keys(contestants).map((name) => [name, { wall: [], cpu: [], ms: [], cpuMs: [] }]),
  );
  for (let round = 0; round < ROUNDS; round++) {
    const results = {};
    for (const [name, call] of Object.entries(contestants)) results[name] = await measure(call);
    const raw = results["raw fetch"];
    for (const [name, result] of Object.entries(results)) {
      ratios[name].wall.push(result.wall / raw.wall);
      ratios[name].cpu.push(result.cpu / raw.cpu);
      ratios[name].ms.push(result.wall);
      ratios[name].cpuMs.push(result.cpu);
    }
  }
  console.log(
    "1. one client_credentials request                     wall vs raw   client CPU vs raw   (median wall, CPU per request)",
  );
  for (const [name, r] of Object.entries(ratios)) {
    console.log(
      `   ${name.padEnd(52)} ${x(median(r.wall)).padStart(8)}   ${x(median(r.cpu)).padStart(12)}        (${fmt(median(r.ms))}, ${fmt(median(r.cpuMs))})`,
    );
  }
  const wall = (name) => median(ratios[name].wall);
  const keepAlive = wall("@finoauth/auth, oauth2, keep-alive transport");
  // Against raw node:http: the median of per-round ratios of the two, not a ratio of medians.
  const overHttp = median(
    ratios["@finoauth/auth, oauth2, keep-alive transport"].ms.map(
      (ms, round) => ms / ratios["floor: raw node:http, keep-alive agent"].ms[round],
    ),
  );
  aim("keep-alive transport vs raw fetch (wall)", x(keepAlive), "≤ 0.45×", keepAlive <= 0.45);
  aim(
    "keep-alive transport vs simple-oauth2 on a keep-alive pool (wall)",
    `${x(keepAlive)} vs ${x(wall("simple-oauth2, keep-alive pool"))}`,
    "ahead",
    keepAlive < wall("simple-oauth2, keep-alive pool"),
  );
  aim("keep-alive transport vs raw node:http (wall)", x(overHttp), "≤ 1.3×", overHttp <= 1.3);
  aim(
    "default transport vs raw fetch, against oauth4webapi (wall)",
    `${x(wall("@finoauth/auth, oauth2 provider"))} vs ${x(wall("oauth4webapi"))}`,
    "≤ oauth4webapi",
    wall("@finoauth/auth, oauth2 provider") <= wall("oauth4webapi"),
  );
  aim(
    "… against oauth4webapi given the same deadline, a timeout signal (wall; not the issue's aim, its like-for-like)",
    `${x(wall("@finoauth/auth, oauth2 provider"))} vs ${x(wall("oauth4webapi, timeout signal"))}`,
    "≤ oauth4webapi",
    wall("@finoauth/auth, oauth2 provider") <= wall("oauth4webapi, timeout signal"),
  );
  aim(
    "… and through a fetch of yours, the WHATWG path (wall; not an aim: what the `fetch` option costs)",
    `${x(wall("@finoauth/auth, oauth2, a fetch of yours (WHATWG path)"))} vs ${x(wall("oauth4webapi, timeout signal"))}`,
    "≤ oauth4webapi",
    wall("@finoauth/auth, oauth2, a fetch of yours (WHATWG path)") <= wall("oauth4webapi, timeout signal"),
  );
}

// 2. 64 requests in flight.
{
  const TOTAL = 2_000;
  const IN_FLIGHT = 64;
  const cpuPerRequest = {};
  const throughput = async (name, call) => {
    let next = 0;
    const cpu = process.cpuUsage();
    const start = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next++ < TOTAL) await call();
      }),
    );
    const used = process.cpuUsage(cpu);
    (cpuPerRequest[name] ??= []).push((used.user + used.system) / 1000 / TOTAL);
    return TOTAL / ((performance.now() - start) / 1000);
  };
  const names = [
    "raw fetch",
    "@finoauth/auth, oauth2 provider",
    "@finoauth/auth, oauth2, keep-alive transport",
    "openid-client",
    "simple-oauth2, keep-alive pool",
    "floor: raw fetch with a timeout signal",
    "floor: generated client alone, timeout signal",
    "floor: generated client over keep-alive transport",
  ];
  const ratios = Object.fromEntries(names.map((name) => [name, []]));
  const rates = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < Math.max(3, Math.ceil(ROUNDS / 2)); round++) {
    const results = {};
    for (const name of names) {
      const before = await connectionCount();
      results[name] = await throughput(name, contestants[name]);
      // After the first round every contestant has its 64 sockets: it may open a few more, never one per request.
      const opened = (await connectionCount()) - before;
      if (round > 0 && opened > IN_FLIGHT)
        throw new Error(
          `${name} opened ${opened} connections for ${TOTAL} requests, ${IN_FLIGHT} in flight: not kept alive`,
        );
    }
    for (const name of names) ratios[name].push(results[name] / results["raw fetch"]), rates[name].push(results[name]);
  }
  console.log(
    `\n2. ${IN_FLIGHT} requests in flight                                  requests/s vs raw   (median requests/s, CPU per request)`,
  );
  for (const name of names)
    console.log(
      `   ${name.padEnd(52)} ${x(median(ratios[name])).padStart(8)}            (${median(rates[name]).toFixed(0)}/s, ${fmt(median(cpuPerRequest[name]))})`,
    );
  const keepAlive = median(ratios["@finoauth/auth, oauth2, keep-alive transport"]);
  const simpleRate = median(ratios["simple-oauth2, keep-alive pool"]);
  aim(
    "64 in flight, keep-alive transport vs simple-oauth2 (requests/s vs raw fetch)",
    `${x(keepAlive)} vs ${x(simpleRate)}`,
    "≥ simple-oauth2",
    keepAlive >= simpleRate,
  );
}

// 3. A cached access token, default clock, against an awaited Map.get.
{
  const N = 200_000;
  const map = new Map([["key", "access-token"]]);
  const tokens = createTokenManager({ key: "cached", obtain: () => providers.oauth2.clientCredentials() });
  await tokens.getAccessToken();
  const loop = async (call) => {
    const start = performance.now();
    for (let i = 0; i < N; i++) await call();
    return (performance.now() - start) / N;
  };
  const mapGet = () => map.get("key");
  const cached = () => tokens.getAccessToken();
  await loop(mapGet);
  await loop(cached);
  const ratios = [];
  const times = [];
  for (let round = 0; round < ROUNDS; round++) {
    const a = await loop(mapGet);
    const b = await loop(cached);
    ratios.push(b / a);
    times.push(b);
  }
  console.log(
    `\n3. cached getAccessToken() (default clock) vs await Map.get: ${x(median(ratios))} (${fmt(median(times))})`,
  );
  aim("cached getAccessToken() vs an awaited Map.get", x(median(ratios)), "≤ 1.1×", median(ratios) <= 1.1);
}

// 4. 10,000 callers on an expired token.
for (const latencyMs of [0, 50]) {
  setLatency(latencyMs);
  const CALLERS = 10_000;
  let clock = Date.now();
  const provider = createProvider(oauth2, {
    clientId,
    clientSecret,
    baseUrl: base,
    retry: { retries: 0 },
    now: () => clock,
  });
  const tokens = createTokenManager({
    key: `crowd-${latencyMs}`,
    now: () => clock,
    obtain: () => provider.clientCredentials(),
    refresh: (current) => provider.refresh({ refreshToken: current.refreshToken }),
  });
  await tokens.getAccessToken();
  const ratios = [];
  const upstream = [];
  for (let round = 0; round <= ROUNDS; round++) {
    let start = performance.now();
    await provider.clientCredentials();
    const one = performance.now() - start;
    let floor = 0;
    if (latencyMs === 0) {
      let resolve;
      const shared = new Promise((r) => (resolve = r));
      start = performance.now();
      const all = Promise.all(Array.from({ length: CALLERS }, () => shared));
      resolve("token");
      await all;
      floor = performance.now() - start;
    }
    clock += 2 * 3_600_000; // the token is now expired
    const before = await upstreamCount();
    start = performance.now();
    const results = await Promise.all(Array.from({ length: CALLERS }, () => tokens.getAccessToken()));
    const crowd = performance.now() - start;
    const requests = (await upstreamCount()) - before;
    if (new Set(results).size !== 1) throw new Error("callers got different tokens");
    if (round === 0) continue;
    ratios.push(crowd / (one + floor));
    upstream.push(requests);
  }
  const against = latencyMs === 0 ? "one request + awaiting 10,000 bare promises" : "one request";
  console.log(
    `\n4. 10,000 callers, expired token, ${latencyMs} ms latency: ${x(median(ratios))} of ${against}; upstream requests per round: ${[...new Set(upstream)].join(", ")}`,
  );
}
setLatency(0);

// 5. Cold start, in fresh processes.
{
  const auth = fileURLToPath(new URL("./node_modules/@finoauth/auth/dist/index.js", import.meta.url));
  const finapiEntry = fileURLToPath(new URL("./node_modules/@finoauth/auth/dist/providers/finapi.js", import.meta.url));
  // By path, not as a dependency: pnpm would link its bin at install time, before the CLI is built (a warning on every fresh clone).
  const cli = fileURLToPath(new URL("../packages/cli/dist/bin.js", import.meta.url));
  const cases = {
    bare: ["-e", ""],
    // The floor: Node's ES module loader pays its first load (some 5-8 ms on Node 20) for any module at all.
    oneModule: ["--input-type=module", "-e", `await import("data:text/javascript,export default 1")`],
    engine: [
      "--input-type=module",
      "-e",
      `const { createProvider, createTokenManager } = await import(${JSON.stringify(auth)}); const { finapi } = await import(${JSON.stringify(finapiEntry)});` +
        `const p = createProvider(finapi, { clientId: "c", clientSecret: "s" }); createTokenManager({ key: "k", obtain: () => p.clientCredentials() });`,
    ],
    help: [cli, "--help"],
  };
  const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS + 4; round++) {
    for (const [name, args] of Object.entries(cases)) {
      const start = performance.now();
      const result = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
      if (result.status !== 0) throw new Error(`${name}: ${result.stderr}`);
      times[name].push(performance.now() - start);
    }
  }
  const bare = median(times.bare);
  console.log(
    `\n5. cold start (bare node ${bare.toFixed(1)} ms): import + createProvider + createTokenManager ${x(median(times.engine) / bare)}; finoauth --help ${x(median(times.help) / bare)}; floor: one empty ES module ${x(median(times.oneModule) / bare)}`,
  );
}

console.log("\nThe aims of issue 23, in this run:");
for (const { what, value, target, ok } of aims) console.log(`   ${ok ? "✓" : "✗"} ${what}: ${value} (aim ${target})`);

nodeTransport.close();
agent.destroy();
server.disconnect();
