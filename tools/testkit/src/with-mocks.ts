// Runs a command with Prism mocks of every spec already running, their URLs in FINOAUTH_PRISM_URLS, so
// that the packages' test runs share one set of mocks instead of each starting its own (the global setup
// uses these when they cover its specs). The mocks are stopped when the command ends, whatever happened.
//
//   node --import tsx tools/testkit/src/with-mocks.ts turbo run test
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, startPrism } from "./prism.js";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("with-mocks: give the command to run");
  process.exit(2);
}
const specs = readdirSync(join(repoRoot, "specs"))
  .filter((name) => name.endsWith(".yaml"))
  .map((name) => name.slice(0, -".yaml".length));
const prism = await startPrism(specs);
const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, FINOAUTH_PRISM_URLS: JSON.stringify(prism.urls) } });
const forward = (signal: NodeJS.Signals) => child.kill(signal);
process.on("SIGINT", forward).on("SIGTERM", forward);
child.on("exit", async (code, signal) => {
  await prism.stop();
  process.exit(code ?? (signal ? 1 : 0));
});
