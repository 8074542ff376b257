// Benchmark of @finoauth/auth's token manager and request path, run by hand (not a test):
//
//   pnpm --filter @finoauth/auth build && node bench/token-manager.bench.mjs
//
// Prints medians side by side, in one run:
//   1. a cached getAccessToken() against an awaited Map.get              (aim ≤ 2×)
//   2. a token request through createProvider("oauth2") against raw fetch (aim ≤ 1.05×), same loopback server
//   3. 10,000 concurrent getAccessToken() on an expired token against one refresh request
//      (upstream requests must be exactly 1 per round; aim ≤ 1.2×), with the server answering at once
//      and with a simulated provider latency (BENCH_LATENCY_MS, default 50). At zero latency a loopback
//      request (~0.5 ms) is cheaper than awaiting 10,000 promises at all, so the floor is printed too.
// Environment: BENCH_ROUNDS (default 9).
import { createServer } from "node:http";
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import os from "node:os";

const dist = new URL("../packages/auth/dist/", import.meta.url);
const auth = await import(new URL("index.js", dist).href);
const { createProvider } = auth;
const { createTokenManager, MemoryTokenStore } = auth;

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmt = (ms) => (ms < 0.001 ? `${(ms * 1e6).toFixed(0)} ns` : ms < 1 ? `${(ms * 1e3).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);
const row = (label, a, b, aim) => {
  const ratio = a / b;
  console.log(`${label.padEnd(44)} ${fmt(a).padStart(10)}  vs ${fmt(b).padStart(10)}   ${ratio.toFixed(2)}×  (aim ≤ ${aim}×)`);
};

// A minimal RFC 6749 token endpoint on loopback: client credentials and refresh, counted; optional latency.
const counts = { client_credentials: 0, refresh_token: 0 };
let latencyMs = 0;
const server = createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const form = new URLSearchParams(Buffer.concat(chunks).toString());
    const grant = form.get("grant_type");
    counts[grant] = (counts[grant] ?? 0) + 1;
    const body = { access_token: `at-${randomBytes(12).toString("base64url")}`, token_type: "bearer", expires_in: 3600 };
    if (grant === "refresh_token") body.refresh_token = `rt-${randomBytes(12).toString("base64url")}`;
    const text = JSON.stringify(body);
    const answer = () => {
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.end(text);
    };
    latencyMs ? setTimeout(answer, latencyMs) : answer();
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${server.address().port}`;

let clock = Date.now();
const now = () => clock;
const clientId = "bench-client";
const clientSecret = "bench-secret";
const provider = createProvider("oauth2", { clientId, clientSecret, baseUrl: url, now, retry: { retries: 0 } });

console.log(`node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}; ${ROUNDS} rounds, medians\n`);

// 1. Cached access token against an awaited Map.get.
{
  const N = 200_000;
  const map = new Map([["key", "access-token"]]);
  const tokens = createTokenManager({ key: "key", now, obtain: () => provider.clientCredentials() });
  await tokens.getAccessToken(); // cache it
  const baseline = async () => {
    const start = performance.now();
    for (let i = 0; i < N; i++) await map.get("key");
    return (performance.now() - start) / N;
  };
  const cached = async () => {
    const start = performance.now();
    for (let i = 0; i < N; i++) await tokens.getAccessToken();
    return (performance.now() - start) / N;
  };
  await baseline();
  await cached(); // warm-up
  const a = [];
  const b = [];
  for (let r = 0; r < ROUNDS; r++) {
    b.push(await baseline());
    a.push(await cached());
  }
  row("cached getAccessToken() vs await Map.get", median(a), median(b), 2);
}

// 2. One token request through the provider against raw fetch, same server, same request.
{
  const N = 300;
  const authorization = `Basic ${btoa(`${clientId}:${clientSecret}`)}`;
  const raw = async () => {
    const response = await fetch(`${url}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization },
      body: new URLSearchParams({ grant_type: "client_credentials" }),
    });
    const body = JSON.parse(await response.text());
    if (!body.access_token) throw new Error("no token");
  };
  const viaProvider = () => provider.clientCredentials();
  const time = async (call) => {
    const start = performance.now();
    for (let i = 0; i < N; i++) await call();
    return (performance.now() - start) / N;
  };
  await time(raw);
  await time(viaProvider); // warm-up (connections, JIT)
  const a = [];
  const b = [];
  for (let r = 0; r < ROUNDS; r++) {
    b.push(await time(raw));
    a.push(await time(viaProvider));
  }
  row("token request: provider vs raw fetch", median(a), median(b), 1.05);
}

// 3. 10,000 concurrent callers on an expired token: one upstream refresh, time against one refresh request.
for (const latency of [0, LATENCY_MS]) {
  latencyMs = latency;
  const CALLERS = 10_000;
  const store = new MemoryTokenStore();
  const tokens = createTokenManager({
    key: "key",
    now,
    store,
    obtain: () => provider.clientCredentials(),
    refresh: (current) => provider.refresh({ refreshToken: current.refreshToken }),
  });
  const seed = await provider.refresh({ refreshToken: "rt-seed" });
  await tokens.set(seed);
  const single = [];
  const crowd = [];
  const upstream = [];
  for (let r = 0; r < ROUNDS + 1; r++) {
    let start = performance.now();
    await provider.refresh({ refreshToken: "rt-any" });
    const one = performance.now() - start;

    clock += 2 * 3_600_000; // the stored token is now expired
    const before = counts.refresh_token;
    start = performance.now();
    const results = await Promise.all(Array.from({ length: CALLERS }, () => tokens.getAccessToken()));
    const all = performance.now() - start;
    if (new Set(results).size !== 1) throw new Error("callers got different tokens");
    if (r === 0) continue; // warm-up
    single.push(one);
    crowd.push(all);
    upstream.push(counts.refresh_token - before);
  }
  const exact = upstream.every((n) => n === 1);
  row(`10,000 callers vs 1 request (latency ${latency} ms)`, median(crowd), median(single), 1.2);
  if (latency === 0) {
    // The floor: what awaiting 10,000 callers costs in JavaScript alone (Promise.all over one shared promise).
    const floor = [];
    for (let r = 0; r < ROUNDS; r++) {
      let resolve;
      const shared = new Promise((r) => (resolve = r));
      const start = performance.now();
      const all = Promise.all(Array.from({ length: CALLERS }, () => shared));
      resolve("token");
      await all;
      floor.push(performance.now() - start);
    }
    console.log(`${"".padEnd(44)} floor, Promise.all over one shared promise: ${fmt(median(floor))}`);
  }
  console.log(`${"".padEnd(44)} upstream refresh requests per round: ${[...new Set(upstream)].join(", ")} ${exact ? "(exactly 1 ✓)" : "✗ NOT 1"}`);
  if (!exact) process.exitCode = 1;
}

server.closeAllConnections();
server.close();
