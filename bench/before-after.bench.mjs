// This checkout's @finoauth/auth against an older one, side by side in one process, run by hand:
//
//   git worktree add /tmp/before <commit> && (cd /tmp/before && pnpm install --offline && pnpm build)
//   pnpm build && node bench/before-after.bench.mjs /tmp/before        (BENCH_ROUNDS, BENCH_REQUESTS)
//
// One client_credentials request through each build's keep-alive transport and default fetch, against the
// same token server (its own process) and raw node:http, contestants interleaved in every round, medians of
// per-round ratios; then each build's own work against a transport that answers at once (CPU per call),
// with telemetry on (the global OpenTelemetry API, installed here, no SDK) and off.
import { fork } from "node:child_process";
import http from "node:http";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as after from "@finoauth/auth";
import { createNodeTransport as nodeAfter } from "@finoauth/auth/node";
import { oauth2 as oauth2After } from "@finoauth/auth/oauth2";

const older = process.argv[2];
if (!older) throw new Error("usage: node bench/before-after.bench.mjs <an older checkout, built>");
const dist = (path) => pathToFileURL(resolve(older, "packages/auth/dist", path)).href;
const before = await import(dist("index.js"));
const { createNodeTransport: nodeBefore } = await import(dist("keep-alive.js"));
const { oauth2: oauth2Before } = await import(dist("providers/oauth2.js"));
const server = fork(fileURLToPath(new URL("./support/token-server.mjs", import.meta.url)));
const { port } = await new Promise((r) => server.once("message", r));
const base = `http://127.0.0.1:${port}`;
const opts = { clientId: "bench-client", clientSecret: "bench-secret", baseUrl: base, retry: { retries: 0 } };
const tb = nodeBefore(),
  ta = nodeAfter();
const P = {
  "before, keep-alive": before.createProvider(oauth2Before, { ...opts, fetch: tb }),
  "after, keep-alive": after.createProvider(oauth2After, { ...opts, fetch: ta }),
  "before, default fetch": before.createProvider(oauth2Before, opts),
  "after, default fetch": after.createProvider(oauth2After, opts),
};
const LIGHT = Symbol.for("finoauth.lightFetch");
const text = JSON.stringify({
  access_token: "at-abcdefghijklmnop",
  token_type: "bearer",
  expires_in: 3600,
  refresh_token: "rt",
  scope: "read",
});
const headers = { get: (n) => (n.toLowerCase() === "content-type" ? "application/json" : null) };
const instant = Object.assign(async () => new Response(text), {
  [LIGHT]: async () => ({ status: 200, ok: true, headers, text: async () => text }),
});
const I = {
  "before, instant transport": before.createProvider(oauth2Before, { ...opts, fetch: instant }),
  "after, instant transport": after.createProvider(oauth2After, { ...opts, fetch: instant }),
  "before, instant, telemetry off": before.createProvider(oauth2Before, { ...opts, fetch: instant, telemetry: false }),
  "after, instant, telemetry off": after.createProvider(oauth2After, { ...opts, fetch: instant, telemetry: false }),
};
const agent = new http.Agent({ keepAlive: true });
const rawHttp = () =>
  new Promise((resolve, reject) => {
    const q = http.request(
      `${base}/token`,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          authorization: "Basic x",
          "content-length": "29",
        },
      },
      (res) => {
        const c = [];
        res.on("data", (x) => c.push(x));
        res.on("end", () => resolve(Buffer.concat(c).toString()));
      },
    );
    q.on("error", reject);
    q.end("grant_type=client_credentials");
  });
const check = (t) => {
  if (typeof t !== "string" || !t.startsWith("at-")) throw new Error(`no token ${t}`);
};
const C = { "raw node:http": async () => check(JSON.parse(await rawHttp()).access_token) };
for (const [k, p] of Object.entries(P)) C[k] = async () => check((await p.clientCredentials()).accessToken);
const N = Number(process.env.BENCH_REQUESTS ?? 500);
const R = Number(process.env.BENCH_ROUNDS ?? 15);
const med = (v) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const measure = async (f, n) => {
  const cpu = process.cpuUsage();
  const t = performance.now();
  for (let i = 0; i < n; i++) await f();
  const u = process.cpuUsage(cpu);
  return { w: ((performance.now() - t) / n) * 1000, c: (u.user + u.system) / n };
};
for (const f of [...Object.values(C), ...Object.values(I).map((p) => () => p.clientCredentials())])
  for (let i = 0; i < 300; i++) await f();
const res = {};
for (let r = 0; r < R; r++)
  for (const [k, f] of Object.entries(C)) {
    const m = await measure(f, N);
    (res[k] ??= []).push(m);
  }
console.log(`node ${process.version}; ${R} rounds × ${N} requests, medians of per-round ratios against raw node:http`);
for (const [k, v] of Object.entries(res))
  console.log(
    `  ${k.padEnd(24)} wall ${med(v.map((m) => m.w))
      .toFixed(1)
      .padStart(6)} µs ${med(v.map((m, i) => m.w / res["raw node:http"][i].w)).toFixed(2)}×   CPU ${med(
      v.map((m) => m.c),
    )
      .toFixed(1)
      .padStart(6)} µs ${med(v.map((m, i) => m.c / res["raw node:http"][i].c)).toFixed(2)}×`,
  );
const cpu = {};
for (let r = 0; r < R; r++)
  for (const [k, p] of Object.entries(I)) {
    const m = await measure(() => p.clientCredentials(), 20000);
    (cpu[k] ??= []).push(m.c);
  }
console.log("the engine's own work (a transport that answers at once), CPU per call:");
for (const [k, v] of Object.entries(cpu)) console.log(`  ${k.padEnd(28)} ${med(v).toFixed(2)} µs`);
tb.close();
ta.close();
agent.destroy();
server.disconnect();
