// The runtime suite's entry on Node, Bun and Deno: `<runtime> src/run.mjs <token server URL> <client id>`.
// Prints one JSON line: { runtime, version, results } (see scenario.mjs). Exits 0 even when a check fails:
// the suite reads the results; a non-zero exit means the entry itself could not run.
import { runScenario } from "./scenario.mjs";
import { CLIENT_SECRET, REDIRECT_URI } from "./target.mjs";

const [baseUrl, clientId] = process.argv.slice(2);
if (!baseUrl || !clientId) throw new Error("usage: run.mjs <token server URL> <client id>");

const runtime = globalThis.Bun
  ? { runtime: "bun", version: globalThis.Bun.version }
  : globalThis.Deno
    ? { runtime: "deno", version: globalThis.Deno.version.deno }
    : { runtime: "node", version: process.versions.node };

// `@finoauth/auth/node` where the runtime has node:http (all three do). Only a missing node:http makes the
// keep-alive check not applicable; `@finoauth/auth/node` failing to load where node:http exists is a failure.
let hasNodeHttp = true;
try {
  await import("node:http");
} catch {
  hasNodeHttp = false;
}
const node = hasNodeHttp ? await import("@finoauth/auth/node") : undefined;
const noNode = hasNodeHttp ? undefined : "no node:http";

const results = await runScenario(
  { baseUrl, clientId, clientSecret: CLIENT_SECRET, redirectUri: REDIRECT_URI },
  {
    node,
    noNode,
  },
);
console.log(JSON.stringify({ ...runtime, results }));
