#!/usr/bin/env node
// pnpm lint:specs (after Redocly): `openapi-generator-cli validate --recommend` on every spec in specs/.
// It fails on an error, and on any warning or recommendation that is not written down below as a known
// limitation of the generator (with the reason): each one is fixed in the spec or listed here.
//
//   node scripts/validate-specs.mjs [spec.yaml...]
import { execFile } from "node:child_process";
import { readdir } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "node_modules/.bin/openapi-generator-cli");

/**
 * Lines of `validate` output that are known limitations of openapi-generator, not faults of the spec:
 * spec file name → patterns, each with the reason. None today: every spec validates without a finding.
 * @type {Record<string, { pattern: RegExp, reason: string }[]>}
 */
const KNOWN = {};

/** The lines of validate's output that report something (its banner and the all-clear line removed). */
const findingsOf = (output) =>
  output
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !/^Validating spec|^No validation issues detected/.test(line));

const args = process.argv.slice(2);
const specs =
  args.length > 0
    ? args
    : (await readdir(join(root, "specs"))).filter((name) => name.endsWith(".yaml")).map((name) => join("specs", name));
let failed = 0;
for (const spec of specs.sort()) {
  const name = relative(join(root, "specs"), join(root, spec));
  let output;
  try {
    const { stdout, stderr } = await run(cli, ["validate", "--recommend", "-i", spec], { cwd: root });
    output = stdout + stderr;
  } catch (error) {
    output = `${error.stdout ?? ""}${error.stderr ?? ""}` || String(error);
    failed++;
    console.error(`openapi-generator validate: ${name} is invalid:\n${output}`);
    continue;
  }
  const unknown = findingsOf(output).filter((line) => !(KNOWN[name] ?? []).some(({ pattern }) => pattern.test(line)));
  if (unknown.length > 0) {
    failed++;
    console.error(
      `openapi-generator validate: ${name}: fix in the spec, or list as a known limitation in ${relative(root, fileURLToPath(import.meta.url))}:\n  ${unknown.join("\n  ")}`,
    );
  } else console.log(`openapi-generator validate: ${name}: no issues`);
}
process.exit(failed > 0 ? 1 : 0);
