#!/usr/bin/env node
// pnpm spec:diff [--base <git-ref>] [--json] [--all]   what each changed spec means for its package
// pnpm spec:diff --changeset                           also writes .changeset/<spec>-<hash>.md per changed spec
// pnpm check:changesets [--base <git-ref>]             CI: exit 1 if a changed spec lacks a changeset with a big enough bump
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { javaApiChanges } from "../../../scripts/generator/java-api.mjs";
import { changesetFor, checkChangesets, renderMarkdown, requiredBumps } from "./changeset.mjs";
import { CLASSES, diffSpecs, strongest } from "./diff.mjs";
import { changedChangesets, fileAt, git, resolveBase, specPairs } from "./git.mjs";

const USAGE = `usage: pnpm spec:diff [--base <git-ref>] [--json] [--changeset] [--all]
       pnpm check:changesets [--base <git-ref>]`;

/** The package generated from each spec (`packages/*\/package.json` with a \`finoauth.spec\`), by spec name. */
export function packageNames(root) {
  const names = {};
  const dir = join(root, "packages");
  if (!existsSync(dir)) return names;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const file = join(dir, entry.name, "package.json");
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, "utf8"));
    if (manifest.finoauth?.spec) names[manifest.finoauth.spec] = manifest.name;
  }
  return names;
}

/** Parses the command line; throws on an unknown flag. */
export function parseArgs(argv) {
  const options = { base: undefined, json: false, changeset: false, check: false, all: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--base") options.base = argv[++i];
    else if (arg.startsWith("--base=")) options.base = arg.slice(7);
    else if (arg === "--json") options.json = true;
    else if (arg === "--changeset") options.changeset = true;
    else if (arg === "--check-changesets") options.check = true;
    else if (arg === "--all") options.all = true;
    else if (arg === "--help" || arg === "-h") options.help = true;
    else throw new Error(`spec-diff: unknown argument ${arg}\n${USAGE}`);
  }
  if (options.base === "") throw new Error(`spec-diff: --base needs a git ref\n${USAGE}`);
  return options;
}

/**
 * Runs spec-diff in the repository at `root` (for the command line and the tests). Returns the exit
 * code and what to print; writes changesets with `--changeset`.
 */
export async function run(argv, root) {
  const options = parseArgs(argv);
  if (options.help) return { code: 0, out: USAGE };
  const base = resolveBase(root, { base: options.base, ci: options.check });
  const pairs = specPairs(root, base.commit, { all: options.all });
  const reports = await diffSpecs(pairs);
  // The Java client generated from the same spec (sdks/java/): what is gone from its API breaks Java callers.
  for (const report of reports) {
    const pair = pairs.find((candidate) => candidate.spec === report.spec);
    const java = await javaApiChanges(root, report.spec, pair.oldText, pair.newText);
    if (java.length === 0) continue;
    const placeholder = (f) => f.class === "docs" && f.pointer === "#";
    const findings = [...report.findings.filter((f) => !placeholder(f)), ...java];
    report.findings = findings.sort((a, b) => CLASSES.indexOf(b.class) - CLASSES.indexOf(a.class));
    report.class = strongest(findings.map((finding) => finding.class));
  }
  const names = packageNames(root);
  const packageOf = (spec) => names[spec] ?? `(no package is generated from specs/${spec}.yaml)`;
  const required = reports.map((report) => ({
    spec: report.spec,
    specClass: report.class,
    packageName: packageOf(report.spec),
    bumps: requiredBumps(report, packageOf(report.spec)),
  }));
  const written = [];
  if (options.changeset) {
    for (const report of reports.filter((candidate) => !candidate.unchanged)) {
      const pair = pairs.find((candidate) => candidate.spec === report.spec);
      const { file, text } = changesetFor(report, packageOf(report.spec), pair.newText);
      // A changeset this command wrote earlier for another state of the same spec (new since the
      // base) is replaced, so that re-running after a further edit leaves one changeset per spec.
      for (const earlier of changedChangesets(root, base.commit)) {
        if (
          earlier.file !== file &&
          new RegExp(`^\\.changeset/${report.spec}-[0-9a-f]{8}\\.md$`).test(earlier.file) &&
          fileAt(root, base.commit, earlier.file) === undefined
        ) {
          rmSync(join(root, earlier.file));
        }
      }
      mkdirSync(join(root, ".changeset"), { recursive: true });
      writeFileSync(join(root, file), text);
      written.push(file);
    }
  }
  const against = `${base.commit ? base.commit.slice(0, 12) : "nothing"} (${base.why})`;
  if (options.check) {
    // The same base as this check, so that the command finds the same changes (on main: HEAD~).
    const command = base.commit
      ? `pnpm spec:diff --changeset --base ${base.commit.slice(0, 12)}`
      : "pnpm spec:diff --changeset";
    const problems = checkChangesets(required, changedChangesets(root, base.commit), command);
    if (options.json)
      return {
        code: problems.length ? 1 : 0,
        out: JSON.stringify({ base: base.commit ?? null, required, problems }, null, 2),
      };
    if (reports.length === 0) return { code: 0, out: `check:changesets: no spec changed since ${against}` };
    if (problems.length)
      return { code: 1, out: `check:changesets: compared with ${against}\n  ${problems.join("\n  ")}` };
    return {
      code: 0,
      out: `check:changesets: every changed spec (${reports.map((r) => r.spec).join(", ")}) has a changeset with a big enough bump (compared with ${against})`,
    };
  }
  if (options.json) {
    return {
      code: 0,
      out: JSON.stringify(
        {
          base: base.commit ?? null,
          reports: reports.map((report, index) => ({
            ...report,
            package: packageOf(report.spec),
            bumps: required[index].bumps,
          })),
          changesets: written,
        },
        null,
        2,
      ),
    };
  }
  if (reports.length === 0) return { code: 0, out: `spec:diff: no spec changed since ${against}` };
  const out = [
    `spec:diff: compared with ${against}`,
    "",
    ...reports.map((report) => `${renderMarkdown(report, packageOf(report.spec))}\n`),
  ];
  if (written.length) out.push(`wrote ${written.join(", ")}`);
  else out.push(`To record this as changesets: pnpm spec:diff --changeset`);
  return { code: 0, out: out.join("\n") };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const root = git(process.cwd(), ["rev-parse", "--show-toplevel"]) ?? process.cwd();
  try {
    const { code, out } = await run(process.argv.slice(2), root);
    (code === 0 ? console.log : console.error)(out);
    process.exitCode = code;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  }
}
