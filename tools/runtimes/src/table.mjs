// The README's runtime table, rendered from one run of the runtime suite (test/runtimes.test.ts writes the
// run to results/runtimes.json; `pnpm runtimes:table` puts the table into the README between the markers).
import { readFileSync, writeFileSync } from "node:fs";
import { CHECKS } from "./scenario.mjs";

export const START =
  "<!-- runtimes:start: written by `pnpm runtimes:table` from the runtime suite's last run (tools/runtimes) -->";
export const END = "<!-- runtimes:end -->";
export const RESULTS = new URL("../results/runtimes.json", import.meta.url);
export const README = new URL("../../../README.md", import.meta.url);

const LABELS = {
  node: "Node",
  bun: "Bun",
  deno: "Deno",
  workerd: "workerd",
  "workerd-web": "workerd, `no_nodejs_compat`",
};

/**
 * @typedef {{ runtime: string, version: string, results: import("./scenario.mjs").CheckResult[] }} Run
 */

/** Node is listed by major version (the packages' `engines` range); the others by the exact pinned version. */
const versionOf = (run) => (run.runtime === "node" ? `${run.version.split(".")[0]}.x` : run.version);

const cell = (result) => {
  if (!result) return "not run";
  if (!result.ok) return "✗ fails";
  return result.notApplicable ? `— (${result.notApplicable})` : "✓";
};

/** The Markdown table (with its markers) for `runs`, one row per runtime in the order run. */
export function renderTable(runs) {
  const ids = Object.keys(CHECKS);
  const node = runs.find((run) => run.runtime === "node");
  const lines = [
    START,
    `| runtime | version | ${ids.map((id) => CHECKS[id]).join(" | ")} |`,
    `|---|---|${ids.map(() => "---").join("|")}|`,
    ...runs.map((run) => {
      const cells = ids.map((id) => cell(run.results.find((result) => result.id === id)));
      return `| ${LABELS[run.runtime] ?? run.runtime} | ${versionOf(run)} | ${cells.join(" | ")} |`;
    }),
    "",
    node ? `Node ${versionOf(node)} is the Node CI has; other Node versions are not tested.` : "Node was not run.",
    END,
  ];
  return lines.join("\n");
}

/** The README's current table, markers included, or undefined when the markers are missing. */
export function readmeTable(readme) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  return start < 0 || end < start ? undefined : readme.slice(start, end + END.length);
}

/**
 * Writes the table of the last run (results/runtimes.json) into the README, replacing the one between the
 * markers; returns whether the README changed.
 * @param {URL | string} [results] the run's JSON (default results/runtimes.json)
 * @param {URL | string} [readmeFile] the README (default the repository's)
 */
export function writeReadmeTable(results = RESULTS, readmeFile = README) {
  let runs;
  try {
    runs = JSON.parse(readFileSync(results, "utf8"));
  } catch {
    throw new Error("no results/runtimes.json: run the runtime suite first (pnpm --filter @finoauth/runtimes test)");
  }
  const readme = readFileSync(readmeFile, "utf8");
  const current = readmeTable(readme);
  if (current === undefined) throw new Error(`README.md has no ${START} … ${END} markers`);
  const next = readme.replace(current, () => renderTable(runs));
  writeFileSync(readmeFile, next);
  return next !== readme;
}
