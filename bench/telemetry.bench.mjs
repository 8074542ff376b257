// What telemetry costs, run by hand (never in tests): pnpm build && pnpm --filter @finoauth/bench telemetry
//
// In one run, contestants interleaved within every round, medians of per-round ratios against
// `telemetry: false`: one client_credentials request on the keep-alive transport (the path where
// finoauth's own work shows most) and a cached getAccessToken(), with
//   - the default: @opentelemetry/api installed but no SDK registered (what most applications have);
//   - an SDK registered (a BasicTracerProvider whose processor drops every span, a MeterProvider with a
//     reader that is never collected): the cost of recording, without the cost of exporting;
//   - onEvent with a consumer that does nothing.
import { fork } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { createProvider, createTokenManager } from "@finoauth/auth";
import { createNodeTransport } from "@finoauth/auth/node";
import { oauth2 } from "@finoauth/auth/oauth2";
import { MeterProvider, MetricReader } from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const x = (ratio) => `${ratio.toFixed(3)}×`;

const server = fork(fileURLToPath(new URL("./support/token-server.mjs", import.meta.url)));
const { port } = await new Promise((resolve) => server.once("message", resolve));
const base = `http://127.0.0.1:${port}`;
const transport = createNodeTransport();

class Idle extends MetricReader {
  async onForceFlush() {}
  async onShutdown() {}
}
const sdk = {
  tracer: new BasicTracerProvider({ spanProcessors: [] }).getTracer("bench"),
  meter: new MeterProvider({ readers: [new Idle()] }).getMeter("bench"),
};
const variants = {
  "telemetry: false": { telemetry: false },
  "default (API, no SDK)": {},
  "SDK recording": { telemetry: sdk },
  "onEvent (no-op)": { telemetry: false, onEvent: () => {} },
};
const setups = Object.entries(variants).map(([name, options]) => {
  const provider = createProvider(oauth2, {
    clientId: "bench-client",
    clientSecret: "bench-secret",
    baseUrl: base,
    retry: { retries: 0 },
    fetch: transport,
    ...options,
  });
  const tokens = createTokenManager({ key: name, obtain: () => provider.clientCredentials(), ...options });
  return { name, provider, tokens };
});

const time = async (n, call) => {
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < n; i++) await call();
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - start) / n, cpu: (used.user + used.system) / 1000 / n };
};

for (const { provider, tokens } of setups) {
  for (let i = 0; i < 200; i++) await provider.clientCredentials();
  await tokens.getAccessToken();
}
const results = Object.fromEntries(setups.map(({ name }) => [name, { wall: [], cpu: [], cached: [] }]));
for (let round = 0; round < ROUNDS; round++) {
  const round1 = {};
  for (const { name, provider, tokens } of setups) {
    const request = await time(600, () => provider.clientCredentials());
    const cached = await time(100_000, () => tokens.getAccessToken());
    round1[name] = { ...request, cached: cached.wall };
  }
  const off = round1["telemetry: false"];
  for (const [name, r] of Object.entries(round1)) {
    results[name].wall.push(r.wall / off.wall);
    results[name].cpu.push(r.cpu / off.cpu);
    results[name].cached.push(r.cached / off.cached);
  }
}
console.log(`${ROUNDS} rounds; ratios against telemetry: false (medians of per-round ratios)\n`);
console.log("                          one request, keep-alive: wall   CPU     cached getAccessToken()");
for (const [name, r] of Object.entries(results))
  console.log(
    `  ${name.padEnd(26)} ${x(median(r.wall)).padStart(10)} ${x(median(r.cpu)).padStart(8)}   ${x(median(r.cached)).padStart(10)}`,
  );
transport.close();
server.disconnect();
