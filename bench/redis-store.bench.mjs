// Benchmark of @finoauth/redis-store under @finoauth/auth's token manager, run by hand (not a test):
//
//   pnpm build && node bench/redis-store.bench.mjs      (needs redis-server on PATH: npm run setup)
//
// Starts a private redis-server (free loopback port, no persistence, killed with this process) and a
// loopback token server (refresh tokens single-use; BENCH_LATENCY_MS of latency, default 50), then prints
// medians of side-by-side runs:
//   1. a cached getAccessToken() with a RedisTokenStore vs with a MemoryTokenStore     (aim ≤ 1.1×)
//   2. 4 processes × 2,500 concurrent getAccessToken() on an expired token, sharing the grant through
//      Redis: upstream refreshes per round (aim exactly 1) and wall time vs one refresh request (aim ≤ 1.5×)
//   3. p50/p99 of one renewal (refresh + store) through Redis vs through memory, server without latency
// Environment: BENCH_ROUNDS (default 9), BENCH_LATENCY_MS (default 50), BENCH_CLIENT (ioredis | node-redis).
import { fork, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const root = new URL("../", import.meta.url);
const auth = await import(new URL("packages/auth/dist/index.js", root).href);
const { RedisTokenStore } = await import(new URL("packages/redis-store/dist/index.js", root).href);
const { createTokenManager, MemoryTokenStore, TokenSet, FinoauthError } = auth;
const requireFromStore = createRequire(new URL("packages/redis-store/package.json", root));
const CLIENT = process.env.BENCH_CLIENT ?? "ioredis";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const HOUR = 3_600_000;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))];
const fmt = (ms) =>
  ms < 0.001 ? `${(ms * 1e6).toFixed(0)} ns` : ms < 1 ? `${(ms * 1e3).toFixed(1)} µs` : `${ms.toFixed(2)} ms`;
const row = (label, a, b, aim) =>
  console.log(
    `${label.padEnd(52)} ${fmt(a).padStart(10)}  vs ${fmt(b).padStart(10)}   ${(a / b).toFixed(2)}×${aim ? `  (aim ≤ ${aim}×)` : ""}`,
  );

/** A connected client of the kind asked for (the store takes either). */
async function connect(url) {
  if (CLIENT === "node-redis") {
    const { createClient } = requireFromStore("redis");
    const client = createClient({ url });
    client.on("error", () => {});
    await client.connect();
    return { client, close: () => client.close() };
  }
  const { Redis } = requireFromStore("ioredis");
  const client = new Redis(url);
  client.on("error", () => {});
  return { client, close: async () => client.disconnect() };
}

/** A refresh_token grant against the token server, building the TokenSet on the given clock. */
function refresher(tokenUrl, now) {
  return async (current) => {
    const body = new URLSearchParams({ grant_type: "refresh_token", refresh_token: current.refreshToken });
    const response = await fetch(`${tokenUrl}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    const json = await response.json();
    if (!response.ok)
      throw new FinoauthError({
        kind: "provider",
        status: response.status,
        code: json.error === "invalid_grant" ? "invalid_grant" : undefined,
      });
    return new TokenSet({
      provider: "oauth2",
      accessToken: json.access_token,
      tokenType: "Bearer",
      expiresAt: now() + json.expires_in * 1000,
      refreshToken: json.refresh_token,
      scopes: [],
      extras: {},
      obtainedAt: now(),
      raw: {},
    });
  };
}

// ---- worker process (section 2) ----------------------------------------------------------------------
if (process.argv[2] === "--worker") {
  const { redisUrl, tokenUrl, key, prefix } = JSON.parse(process.argv[3]);
  let clock = Date.now();
  const now = () => clock;
  const { client } = await connect(redisUrl);
  const store = new RedisTokenStore({ client, prefix });
  const refresh = refresher(tokenUrl, now);
  const tokens = createTokenManager({ key, store, now, obtain: () => Promise.reject(new Error("no obtain")), refresh });
  process.on("message", async (m) => {
    if (m.type === "single") {
      // One refresh request alone, for the baseline (its result is not stored: a throw-away chain).
      const start = performance.now();
      await refresh({ refreshToken: m.refreshToken });
      process.send({ type: "single", ms: performance.now() - start });
    }
    if (m.type === "round") {
      clock = m.now;
      const results = await Promise.all(Array.from({ length: m.callers }, () => tokens.getAccessToken()));
      process.send({ type: "round", distinct: new Set(results).size, token: results[0] });
    }
  });
  process.on("disconnect", () => process.exit(0));
  process.send({ type: "ready" });
} else {
  await main();
}

async function main() {
  // ---- servers ----
  const port = await new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const p = probe.address().port;
      probe.close(() => resolve(p));
    });
  });
  const watchdog = fileURLToPath(new URL("packages/redis-store/test/support/redis-watchdog.mjs", root));
  const redis = spawn(
    process.execPath,
    [
      watchdog,
      "redis-server",
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      "--dir",
      os.tmpdir(),
    ],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  await new Promise((resolve, reject) => {
    let out = "";
    redis.stdout.on("data", (chunk) => ((out += chunk), out.includes("Ready to accept connections") && resolve()));
    redis.once("exit", () => reject(new Error(`redis-server did not start:\n${out}`)));
  });
  redis.stdout.resume();
  const redisUrl = `redis://127.0.0.1:${port}`;

  const valid = new Set();
  const counts = { refresh: 0, reused: 0 };
  let latencyMs = 0;
  const newRefreshToken = () => {
    const rt = `rt-${randomBytes(12).toString("base64url")}`;
    valid.add(rt);
    return rt;
  };
  const http = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString());
      const presented = form.get("refresh_token");
      counts.refresh++;
      const ok = valid.delete(presented);
      if (!ok) counts.reused++;
      const body = ok
        ? {
            access_token: `at-${randomBytes(12).toString("base64url")}`,
            token_type: "bearer",
            expires_in: 3600,
            refresh_token: newRefreshToken(),
          }
        : { error: "invalid_grant" };
      const text = JSON.stringify(body);
      const answer = () => {
        res.writeHead(ok ? 200 : 400, {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(text),
        });
        res.end(text);
      };
      latencyMs ? setTimeout(answer, latencyMs) : answer();
    });
  });
  await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
  const tokenUrl = `http://127.0.0.1:${http.address().port}`;
  const { client, close } = await connect(redisUrl);
  const seed = (now) =>
    new TokenSet({
      provider: "oauth2",
      accessToken: `at-seed-${randomBytes(6).toString("hex")}`,
      tokenType: "Bearer",
      expiresAt: now + HOUR,
      refreshToken: newRefreshToken(),
      scopes: [],
      extras: {},
      obtainedAt: now,
      raw: {},
    });

  console.log(
    `node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}; client ${CLIENT}; ${ROUNDS} rounds, medians\n`,
  );

  // 1. Cached getAccessToken(): Redis store vs memory store (both serve a fresh token from memory).
  {
    const N = 200_000;
    const clock = Date.now();
    const now = () => clock;
    const make = (store) =>
      createTokenManager({
        key: `cached:${randomBytes(4).toString("hex")}`,
        store,
        now,
        obtain: async () => seed(clock),
      });
    const viaRedis = make(new RedisTokenStore({ client, prefix: "bench:" }));
    const viaMemory = make(new MemoryTokenStore());
    await viaRedis.getAccessToken();
    await viaMemory.getAccessToken();
    const time = async (tokens) => {
      const start = performance.now();
      for (let i = 0; i < N; i++) await tokens.getAccessToken();
      return (performance.now() - start) / N;
    };
    await time(viaMemory);
    await time(viaRedis); // warm-up
    const a = [];
    const b = [];
    for (let r = 0; r < ROUNDS; r++) {
      b.push(await time(viaMemory));
      a.push(await time(viaRedis));
    }
    row("cached getAccessToken(): Redis store vs memory", median(a), median(b), 1.1);
  }

  // 2. 4 processes × 2,500 callers on an expired token vs one refresh request.
  {
    latencyMs = LATENCY_MS;
    const key = `crowd:${randomBytes(4).toString("hex")}`;
    const prefix = "bench:";
    const t0 = Date.now();
    await new RedisTokenStore({ client, prefix }).set(key, seed(t0).toData());
    const self = fileURLToPath(import.meta.url);
    const workers = await Promise.all(
      Array.from({ length: 4 }, () => {
        const child = fork(self, ["--worker", JSON.stringify({ redisUrl, tokenUrl, key, prefix })], {
          stdio: ["ignore", "inherit", "inherit", "ipc"],
        });
        return new Promise((resolve) => child.once("message", () => resolve(child)));
      }),
    );
    const ask = (child, message) => new Promise((resolve) => (child.once("message", resolve), child.send(message)));
    const single = [];
    const crowd = [];
    const upstream = [];
    for (let r = 0; r <= ROUNDS; r++) {
      const one = await ask(workers[r % 4], { type: "single", refreshToken: newRefreshToken() });
      const before = counts.refresh;
      const now = t0 + (r + 1) * HOUR;
      const start = performance.now();
      const results = await Promise.all(workers.map((w) => ask(w, { type: "round", now, callers: 2_500 })));
      const wall = performance.now() - start;
      if (results.some((x) => x.distinct !== 1) || new Set(results.map((x) => x.token)).size !== 1)
        throw new Error("callers got different tokens");
      if (r === 0) continue; // warm-up
      single.push(one.ms);
      crowd.push(wall);
      upstream.push(counts.refresh - before);
    }
    for (const w of workers) w.kill();
    row(`4 processes × 2,500 callers vs 1 request (${LATENCY_MS} ms)`, median(crowd), median(single), 1.5);
    const exact = upstream.every((n) => n === 1);
    console.log(
      `${"".padEnd(52)} upstream refreshes per round: ${[...new Set(upstream)].join(", ")} ${exact ? "(exactly 1 ✓)" : "✗ NOT 1"}; refresh tokens reused: ${counts.reused}`,
    );
    if (!exact || counts.reused) process.exitCode = 1;
    latencyMs = 0;
  }

  // 3. One renewal (refresh at the loopback server without latency, then store), Redis vs memory.
  {
    const N = 300;
    const measure = async (store) => {
      let clock = Date.now();
      const now = () => clock;
      const tokens = createTokenManager({
        key: `renew:${randomBytes(4).toString("hex")}`,
        store,
        now,
        obtain: async () => seed(clock),
        refresh: refresher(tokenUrl, now),
      });
      await tokens.getAccessToken();
      const times = [];
      for (let i = 0; i < N; i++) {
        clock += HOUR;
        const start = performance.now();
        await tokens.getAccessToken();
        times.push(performance.now() - start);
      }
      return times;
    };
    await measure(new MemoryTokenStore());
    await measure(new RedisTokenStore({ client, prefix: "bench:" })); // warm-up
    const p = { redis50: [], redis99: [], mem50: [], mem99: [] };
    for (let r = 0; r < ROUNDS; r++) {
      const mem = await measure(new MemoryTokenStore());
      const red = await measure(new RedisTokenStore({ client, prefix: "bench:" }));
      p.mem50.push(percentile(mem, 50));
      p.mem99.push(percentile(mem, 99));
      p.redis50.push(percentile(red, 50));
      p.redis99.push(percentile(red, 99));
    }
    row("renewal p50: Redis store vs memory", median(p.redis50), median(p.mem50));
    row("renewal p99: Redis store vs memory", median(p.redis99), median(p.mem99));
  }

  await close();
  http.closeAllConnections();
  http.close();
  redis.kill("SIGTERM");
}
