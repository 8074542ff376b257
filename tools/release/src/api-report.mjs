#!/usr/bin/env node
// The API report of every published package: the built declarations (dist/**/*.d.ts) reachable from
// the package's `exports`, normalised into packages/<dir>/api/<name>.api.md. A public type change is
// then a visible diff in review, beside its changeset. `pnpm api:update` rewrites the reports;
// `pnpm api:check` (CI) fails when the built declarations differ from the committed reports.
// Both build first (turbo, cached). Why not API Extractor: RELEASING.md.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import ts from "typescript";

const root = new URL("../../../", import.meta.url).pathname;
const check = process.argv.includes("--check");

/** The relative modules a declaration file imports or re-exports, as .d.ts paths beside it. */
export function importsOf(text) {
  const specifiers = new Set();
  for (const pattern of [/\bfrom\s+["'](\.{1,2}\/[^"']+)["']/g, /\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g]) {
    for (const match of text.matchAll(pattern)) specifiers.add(match[1]);
  }
  return [...specifiers].map((s) => s.replace(/\.js$/, ".d.ts"));
}

/**
 * A declaration file as the report shows it: printed again by the TypeScript compiler without comments,
 * so that a doc-comment edit or a formatting change is not an API change, and any type change is.
 */
export function normalise(text, fileName = "api.d.ts") {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });
  return printer.printFile(source).trim();
}

/** The typed entry points of a package.json's `exports`: [subpath, types file]. */
export function typedEntries(manifest) {
  const entries = [];
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    if (target && typeof target === "object" && typeof target.types === "string") entries.push([subpath, target.types]);
  }
  return entries;
}

/** The report of one package: its entry points, then every reachable declaration file in path order. */
export function reportOf(dir, manifest, read = (file) => readFileSync(join(dir, file), "utf8")) {
  const entries = typedEntries(manifest);
  const seen = new Set();
  const queue = entries.map(([, types]) => posix.normalize(types));
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    for (const imported of importsOf(read(file))) queue.push(posix.join(posix.dirname(file), imported));
  }
  const lines = [
    `# API report: ${manifest.name}`,
    "",
    "Written by `pnpm api:update` from the built declarations reachable from `exports`; `pnpm api:check`",
    "fails in CI when they differ. Do not edit by hand: a change here is a change to the public API, and",
    "needs a changeset (RELEASING.md).",
    "",
    "| entry point | declarations |",
    "|---|---|",
    ...entries.map(
      ([subpath, types]) => `| \`${posix.join(manifest.name, subpath)}\` | \`${posix.normalize(types)}\` |`,
    ),
  ];
  for (const file of [...seen].sort()) lines.push("", `## ${file}`, "", "```ts", normalise(read(file), file), "```");
  return `${lines.join("\n")}\n`;
}

/** Every published workspace package with typed exports: [directory, manifest]. */
function publishedPackages() {
  const listed = JSON.parse(
    execFileSync("pnpm", ["ls", "-r", "--depth", "-1", "--json"], { cwd: root, encoding: "utf8" }),
  );
  return listed
    .map((p) => [p.path, JSON.parse(readFileSync(join(p.path, "package.json"), "utf8"))])
    .filter(([, manifest]) => manifest.private !== true && typedEntries(manifest).length > 0);
}

function main() {
  const stale = [];
  for (const [dir, manifest] of publishedPackages()) {
    const file = join(dir, "api", `${manifest.name.replace(/^@[^/]+\//, "")}.api.md`);
    const report = reportOf(dir, manifest);
    const committed = existsSync(file) ? readFileSync(file, "utf8") : "";
    if (committed === report) continue;
    stale.push(relative(root, file));
    if (!check) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, report);
    }
  }
  if (check && stale.length > 0) {
    console.error(
      `The public API differs from its report in:\n  ${stale.join("\n  ")}\n` +
        "Run `pnpm api:update`, review the diff, and write a changeset for it (RELEASING.md).",
    );
    process.exitCode = 1;
  } else {
    console.log(
      check
        ? "API reports match the built declarations."
        : `API reports: ${stale.length} written (${stale.join(", ") || "none changed"}).`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
