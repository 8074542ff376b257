#!/usr/bin/env node
// `pnpm release`: the dry run first (tools/release/src/check.mjs), then `changeset publish`.
// `pnpm release --dry-run` stops after the dry run; nothing is published.
import { spawnSync } from "node:child_process";

/** Runs a command in the repository root with the terminal's streams; exits with its status on failure. */
function step(command, args) {
  const { status } = spawnSync(command, args, { stdio: "inherit", cwd: new URL("../../../", import.meta.url) });
  if (status !== 0) process.exit(status ?? 1);
}

const dryRun = process.argv.includes("--dry-run");
step("pnpm", ["exec", "turbo", "run", "build", "--output-logs=errors-only"]);
step(process.execPath, [new URL("./check.mjs", import.meta.url).pathname]);
if (!dryRun) step("pnpm", ["changeset", "publish"]);
