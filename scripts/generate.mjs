#!/usr/bin/env node
// pnpm generate            regenerate packages/<name>/src/generated/ (and postman/<spec>.*.json, and the Java client
//                          sdks/java/<name>/, by openapi-generator) from specs/<spec>.yaml, for every package
// pnpm generate --check    write nothing; exit 1 and name every file that differs from what the specs produce now
// pnpm generate <spec>...  only these specs
// generate.mjs .            only the package in the current directory (each package's `generate` script),
//                           so that a package names its spec once: in package.json's `finoauth` block
//
// Besides src/generated/, each package's turbo.json is written from its spec name, so that turbo knows
// the spec as an input of that package alone.
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { syncJava } from "./generator/java.mjs";
import { syncPostman } from "./generator/postman.mjs";
import { explainDrift } from "./generator/provenance.mjs";
import { renderTarget, renderTurboConfig } from "./generator/render.mjs";
import { listTargets } from "./generator/targets.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const check = args.includes("--check");
const only = args.filter((arg) => !arg.startsWith("--"));

const here = resolve(process.cwd());
const selects = (target, arg) => (arg === "." ? resolve(target.packageDir) === here : target.spec === arg);
const targets = (await listTargets(root)).filter(
  (target) => only.length === 0 || only.some((arg) => selects(target, arg)),
);
const unknown = only.filter((arg) => !targets.some((target) => selects(target, arg)));
if (unknown.length > 0) {
  console.error(
    `generate: no package is generated from ${unknown.map((s) => (s === "." ? `${here} (no "finoauth" block in its package.json)` : `specs/${s}.yaml`)).join(", ")}`,
  );
  process.exit(2);
}

const drift = [];
for (const target of targets) {
  const outDir = join(target.packageDir, "src/generated");
  const files = await renderTarget(target);
  const existing = await readdir(outDir).catch(() => []);
  const written = {
    ...Object.fromEntries(Object.entries(files).map(([name, text]) => [join(outDir, name), text])),
    [join(target.packageDir, "turbo.json")]: renderTurboConfig(target),
  };
  for (const [file, text] of Object.entries(written)) {
    const current = await readFile(file, "utf8").catch(() => undefined);
    if (current === text) continue;
    if (check) drift.push(`${relative(root, file)} ${explainDrift(current, text)}`);
    else {
      await mkdir(outDir, { recursive: true });
      await writeFile(file, text);
      console.log(`generated ${relative(root, file)}`);
    }
  }
  for (const name of existing.filter((name) => !(name in files))) {
    const file = join(outDir, name);
    if (check) drift.push(`${relative(root, file)} is not produced by any spec (stale)`);
    else await rm(file);
  }
}

// Postman collections and environments in postman/ (scripts/generator/postman.mjs), same drift check.
drift.push(...(await syncPostman(root, targets, { check })));

// Java clients in sdks/java/ (scripts/generator/java.mjs), same drift check; a package's own `generate`
// script (`generate.mjs .`) leaves them alone.
if (!only.includes(".")) drift.push(...(await syncJava(root, { check, only })));

if (drift.length > 0) {
  console.error(
    `generate --check: ${drift.length} generated file(s) out of date:\n  ${drift.join("\n  ")}\nRun \`pnpm generate\` and commit the result.`,
  );
  process.exit(1);
}
if (check) console.log(`generate --check: ${targets.length} package(s) up to date`);
