// What an abort listener costs a kept-alive request on this Node, run by hand:
//
//   node bench/abort-listener.bench.mjs          (BENCH_ROUNDS, default 21)
//
// One node:http POST at a time to the benchmarks' token server (its own process), three ways, interleaved
// in every round, medians of per-round ratios against the bare request: with an AbortController made per
// request, and with that controller's signal given an abort listener that is removed when the answer is in.
// Why `send` and the keep-alive transport pass a timeout through ABORT_HOOK (and the race through the abort
// itself) instead of `addEventListener("abort", …)`.
import { fork } from "node:child_process";
import http from "node:http";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21);
const N = 1_000;
const server = fork(fileURLToPath(new URL("./support/token-server.mjs", import.meta.url)));
const { port } = await new Promise((resolve) => server.once("message", resolve));
const agent = new http.Agent({ keepAlive: true });
const headers = { "content-type": "application/x-www-form-urlencoded", "content-length": "29" };
const post = () =>
  new Promise((resolve, reject) => {
    const request = http.request(`http://127.0.0.1:${port}/token`, { method: "POST", agent, headers }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString()).access_token));
    });
    request.on("error", reject);
    request.end("grant_type=client_credentials");
  });
const ways = {
  "bare request": post,
  "+ an AbortController": async () => {
    const controller = new AbortController();
    await post();
    return controller;
  },
  "+ an abort listener, removed after": async () => {
    const { signal } = new AbortController();
    const onAbort = () => {};
    signal.addEventListener("abort", onAbort, { once: true });
    await post();
    signal.removeEventListener("abort", onAbort);
  },
};
const measure = async (way) => {
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < N; i++) await way();
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - start) / N, cpu: (used.user + used.system) / 1000 / N };
};
const median = (values) => values.sort((a, b) => a - b)[values.length >> 1];
for (const way of Object.values(ways)) for (let i = 0; i < 300; i++) await way();
const ratios = Object.fromEntries(Object.keys(ways).map((name) => [name, { wall: [], cpu: [], us: [] }]));
for (let round = 0; round < ROUNDS; round++) {
  const results = {};
  for (const [name, way] of Object.entries(ways)) results[name] = await measure(way);
  for (const [name, result] of Object.entries(results)) {
    ratios[name].wall.push(result.wall / results["bare request"].wall);
    ratios[name].cpu.push(result.cpu / results["bare request"].cpu);
    ratios[name].us.push(result.wall * 1000);
  }
}
console.log(`node ${process.version}; ${ROUNDS} rounds of ${N} requests; medians of per-round ratios\n`);
for (const [name, r] of Object.entries(ratios)) {
  console.log(
    `${name.padEnd(36)} wall ${median(r.wall).toFixed(2)}×  CPU ${median(r.cpu).toFixed(2)}×  (${median(r.us).toFixed(1)} µs)`,
  );
}
agent.destroy();
server.disconnect();
