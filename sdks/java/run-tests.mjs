#!/usr/bin/env node
// The Java clients' JUnit 5 contract tests (`mvn -q -B test` in sdks/java) against the Prism mocks of
// @finoauth/mock. Under `pnpm test` the mocks are already running (tools/testkit/src/with-mocks.ts) and
// their URLs are in FINOAUTH_MOCK_URLS; run alone (`pnpm --filter @finoauth/java-clients test`), this
// starts them itself, the same way, and stops them after. Extra arguments go to Maven (`-o`, `-pl finapi`).
// Prints one vitest-style `Tests  N passed` line, summed from Surefire's reports, for .ci/run's total.
import { spawn } from "node:child_process";
import { readdir, readFile, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { availableSpecs, startMocks } from "@finoauth/mock";

const here = dirname(fileURLToPath(import.meta.url));
const ENV = "FINOAUTH_MOCK_URLS";
const modules = (await readdir(here, { withFileTypes: true })).filter((entry) => entry.isDirectory());

/** Runs Maven in sdks/java and resolves with its exit code. */
const maven = (env) =>
  new Promise((resolve) => {
    const child = spawn("mvn", ["-q", "-B", "test", ...process.argv.slice(2)], { cwd: here, stdio: "inherit", env });
    const forward = (signal) => child.kill(signal);
    process.on("SIGINT", forward).on("SIGTERM", forward);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on("error", (error) => {
      console.error(`run-tests: cannot start Maven (${error.message}): install Java 17+ and Maven (pnpm setup)`);
      resolve(1);
    });
  });

/** Sums the tests, failures, errors and skipped tests of every Surefire report under sdks/java. */
async function surefireTotals() {
  const totals = { tests: 0, failed: 0, skipped: 0 };
  for (const module of modules) {
    const dir = join(here, module.name, "target/surefire-reports");
    for (const file of (await readdir(dir).catch(() => [])).filter((name) => /^TEST-.*\.xml$/.test(name))) {
      const suite = (await readFile(join(dir, file), "utf8")).match(/<testsuite\b[^>]*>/)?.[0] ?? "";
      const count = (name) => Number(suite.match(new RegExp(`\\b${name}="(\\d+)"`))?.[1] ?? 0);
      totals.tests += count("tests");
      totals.failed += count("failures") + count("errors");
      totals.skipped += count("skipped");
    }
  }
  return totals;
}

// Stale reports from an earlier run must not be counted.
await Promise.all(
  modules.map((m) => rm(join(here, m.name, "target/surefire-reports"), { recursive: true, force: true })),
);

let mocks;
// A generous timeout: six Prisms start at once, and a busy machine slows that down.
if (!process.env[ENV]) mocks = await startMocks(availableSpecs(), { timeoutMs: 180_000 });
const env = mocks ? { ...process.env, [ENV]: JSON.stringify(mocks.urls) } : process.env;
let code;
try {
  code = await maven(env);
} finally {
  await mocks?.stop();
}
const { tests, failed, skipped } = await surefireTotals();
const passed = tests - failed - skipped;
console.log(`java (JUnit)  Tests  ${failed > 0 ? `${failed} failed | ` : ""}${passed} passed (${tests})`);
if (code === 0 && tests === 0) {
  console.error("run-tests: Maven ran no test");
  code = 1;
}
process.exit(code);
