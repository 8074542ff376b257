// Benchmark of `pnpm spec:diff` on all six specs, run by hand (not a test):
//
//   node bench/spec-diff.bench.mjs
//
// Copies specs/ and the packages' package.json files into a throw-away git repository, commits them,
// then edits every spec (a new optional field in every schema object, a changed description) so
// that all six have changed and every operation and status is type-checked, and times
// the whole command (a new `node` process each round, as a developer or CI runs it): `spec:diff`,
// `spec:diff --json` and the CI check. Aim: ≤ 10 s on this 2-core machine.
// Environment: BENCH_ROUNDS (default 5).
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";

const root = fileURLToPath(new URL("../", import.meta.url));
const cli = join(root, "tools/spec-diff/src/cli.mjs");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const work = mkdtempSync(join(tmpdir(), "spec-diff-bench-"));
try {
  cpSync(join(root, "specs"), join(work, "specs"), { recursive: true });
  for (const name of readdirSync(join(root, "packages"))) {
    mkdirSync(join(work, "packages", name), { recursive: true });
    cpSync(join(root, "packages", name, "package.json"), join(work, "packages", name, "package.json"));
  }
  mkdirSync(join(work, ".changeset"));
  const git = (...args) =>
    execFileSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@example.test", ...args], { cwd: work });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-qm", "base");
  git("checkout", "-qb", "edits");
  const specs = readdirSync(join(work, "specs")).filter((file) => file.endsWith(".yaml"));
  for (const file of specs) {
    const document = parse(readFileSync(join(work, "specs", file), "utf8"));
    document.info.description += "\nEdited by the benchmark.";
    for (const schema of Object.values(document.components?.schemas ?? {})) {
      if (schema.properties) schema.properties.bench_extra = { type: "string" };
    }
    writeFileSync(join(work, "specs", file), stringify(document));
  }
  const commands = [
    ["spec:diff", []],
    ["spec:diff --json", ["--json"]],
    ["check:changesets", ["--check-changesets"]],
  ];
  console.log(
    `spec:diff over ${specs.length} changed specs; ${os.cpus().length} cores, Node ${process.version}; ${ROUNDS} rounds`,
  );
  for (const [label, args] of commands) {
    const times = [];
    let status;
    for (let round = 0; round < ROUNDS; round++) {
      const start = performance.now();
      const result = spawnSync(process.execPath, [cli, ...args], { cwd: work, encoding: "utf8" });
      times.push(performance.now() - start);
      status = result.status;
      if (round === 0 && label === "spec:diff")
        console.log(
          result.stdout
            .split("\n")
            .filter((line) => line.startsWith("###"))
            .join("\n"),
        );
    }
    console.log(
      `${label.padEnd(18)} median ${(median(times) / 1000).toFixed(2)} s  (min ${(Math.min(...times) / 1000).toFixed(2)}, max ${(Math.max(...times) / 1000).toFixed(2)}; exit ${status})  aim ≤ 10 s`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
