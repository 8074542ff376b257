// Runs a command with Prism mocks of every spec already running, their URLs in FINOAUTH_MOCK_URLS, so
// that the packages' test runs share one set of mocks instead of each starting its own (the global setup
// uses these when they cover its specs). The mocks are stopped when the command ends, whatever happened.
//
//   node --import tsx tools/testkit/src/with-mocks.ts turbo run test
import { spawn } from "node:child_process";
import { availableSpecs, startMocks } from "@finoauth/mock";
import { SHARED_MOCKS_ENV } from "@finoauth/mock/vitest";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("with-mocks: give the command to run");
  process.exit(2);
}
const mocks = await startMocks(availableSpecs());
const child = spawn(command, args, {
  stdio: "inherit",
  env: { ...process.env, [SHARED_MOCKS_ENV]: JSON.stringify(mocks.urls) },
});
const forward = (signal: NodeJS.Signals) => child.kill(signal);
process.on("SIGINT", forward).on("SIGTERM", forward);
child.on("exit", async (code, signal) => {
  await mocks.stop();
  process.exit(code ?? (signal ? 1 : 0));
});
