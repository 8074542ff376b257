// `node tools/runtimes/src/versions.mjs` (scripts/setup.sh): checks that the runtime suite's Bun, Deno and
// workerd are installed and run here, and prints their versions; exits 1, saying what to do, when one does not.
import { spawnSync } from "node:child_process";
import { binary } from "./binaries.mjs";

let failed = false;
for (const name of ["bun", "deno", "workerd"]) {
  try {
    const run = spawnSync(binary(name), ["--version"], { encoding: "utf8", timeout: 30_000 });
    if (run.status !== 0) throw new Error(`${name} --version failed (${run.status ?? run.signal}): ${run.stderr}`);
    console.log(`${name}: ${run.stdout.split("\n")[0]}`);
  } catch (error) {
    failed = true;
    console.error(`setup: the runtime suite needs ${name}: ${error instanceof Error ? error.message : error}`);
  }
}
process.exitCode = failed ? 1 : 0;
