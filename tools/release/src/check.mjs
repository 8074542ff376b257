#!/usr/bin/env node
// The release dry run (`pnpm release --dry-run`, RELEASING.md): what `changeset version` would make of
// the pending changesets, done on a throw-away copy so the checkout is never touched; then every
// published package is packed as it would be published and its tarball checked with publint and attw.
// Fails on a forced major, on a tarball that still names `workspace:`, and on any publint/attw finding.
// Nothing is published. Expects the packages built (`pnpm build`).
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { forcedMajors } from "./plan.mjs";

const run = promisify(execFile);
const root = new URL("../../../", import.meta.url).pathname;
const bin = (name) => join(root, "node_modules", ".bin", name);
const keep = process.argv.includes("--keep");

/** One command, its output kept for the error message; throws with both streams on failure. */
async function sh(file, args, cwd) {
  try {
    return (await run(file, args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1" } })).stdout;
  } catch (error) {
    throw new Error(
      `${[file, ...args].join(" ")} (in ${relative(root, cwd) || "."}) failed:\n${error.stdout}${error.stderr}`,
    );
  }
}

/** Every workspace package: name, directory, private, manifest. */
async function workspacePackages() {
  const listed = JSON.parse(await sh("pnpm", ["ls", "-r", "--depth", "-1", "--json"], root));
  return listed
    .filter((p) => p.path !== root.replace(/\/$/, ""))
    .map((p) => {
      const manifest = JSON.parse(readFileSync(join(p.path, "package.json"), "utf8"));
      return { name: p.name, dir: relative(root, p.path), private: manifest.private === true, manifest };
    });
}

/** The copy `changeset version` runs in: manifests, .changeset, and the published packages' files. */
function copyWorkspace(packages, into) {
  for (const file of ["package.json", "pnpm-workspace.yaml"]) cpSync(join(root, file), join(into, file));
  cpSync(join(root, ".changeset"), join(into, ".changeset"), { recursive: true });
  for (const p of packages) {
    mkdirSync(join(into, p.dir), { recursive: true });
    if (p.private) cpSync(join(root, p.dir, "package.json"), join(into, p.dir, "package.json"));
    else {
      cpSync(join(root, p.dir), join(into, p.dir), {
        recursive: true,
        filter: (src) => !src.split("/").includes("node_modules"),
      });
    }
  }
  // `pnpm pack` reads a `workspace:` dependency's version from node_modules/<name>/package.json.
  const dirOf = new Map(packages.map((p) => [p.name, p.dir]));
  for (const p of packages.filter((q) => !q.private)) {
    const { dependencies, devDependencies, peerDependencies, optionalDependencies } = p.manifest;
    for (const name of Object.keys({
      ...dependencies,
      ...devDependencies,
      ...peerDependencies,
      ...optionalDependencies,
    })) {
      if (!dirOf.has(name)) continue;
      mkdirSync(join(into, p.dir, "node_modules", name, ".."), { recursive: true });
      symlinkSync(join(into, dirOf.get(name)), join(into, p.dir, "node_modules", name), "dir");
    }
  }
  // `@changesets/cli/changelog` is resolved from the copy's .changeset directory.
  symlinkSync(join(root, "node_modules"), join(into, "node_modules"), "dir");
}

/** Runs the async jobs two at a time (the CI machine has two cores). */
async function twoAtATime(jobs) {
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

/** Packs one package in the copy, checks its tarball; returns the problems found. */
async function packAndCheck(copy, p, tarballs) {
  const problems = [];
  const out = await sh("pnpm", ["pack", "--pack-destination", tarballs, "--json"], join(copy, p.dir));
  const tarball = JSON.parse(out).filename;
  const packed = JSON.parse(await sh("tar", ["-xOzf", tarball, "package/package.json"], copy));
  if (JSON.stringify(packed).includes("workspace:"))
    problems.push(`${p.name}: the tarball's package.json still says workspace:`);
  try {
    await sh(bin("publint"), ["run", tarball, "--strict"], copy);
  } catch (error) {
    problems.push(`${p.name}: publint: ${error.message}`);
  }
  const typed = JSON.stringify(packed.exports ?? {}).includes('"types"');
  if (typed) {
    try {
      await sh(bin("attw"), [tarball, "--profile", "esm-only", "--format", "ascii"], copy);
    } catch (error) {
      problems.push(`${p.name}: attw: ${error.message}`);
    }
  }
  return { problems, version: packed.version, peers: packed.peerDependencies ?? {}, typed };
}

async function main() {
  const started = Date.now();
  const packages = await workspacePackages();
  const published = packages.filter((p) => !p.private);
  const copy = mkdtempSync(join(tmpdir(), "finoauth-release-"));
  try {
    copyWorkspace(packages, copy);
    // `changeset status` compares with the base branch: the copy is its own one-commit repository.
    const git = [
      "-c",
      "user.name=release-check",
      "-c",
      "user.email=release-check@invalid",
      "-c",
      "commit.gpgsign=false",
    ];
    await sh("git", ["init", "-q", "-b", "main"], copy);
    await sh("git", [...git, "add", "-A"], copy);
    await sh("git", [...git, "commit", "-q", "-m", "copy"], copy);
    const planFile = join(copy, "release-plan.json");
    await sh(
      process.execPath,
      [join(root, "node_modules/@changesets/cli/bin.js"), "status", `--output=${planFile}`],
      copy,
    );
    const plan = JSON.parse(readFileSync(planFile, "utf8"));
    rmSync(planFile);
    await sh(process.execPath, [join(root, "node_modules/@changesets/cli/bin.js"), "version"], copy);
    const pending = readdirSync(join(copy, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md");
    const problems = pending.map((f) => `.changeset/${f} was not consumed by changeset version`);

    const tarballs = join(copy, "tarballs");
    mkdirSync(tarballs);
    const packed = await twoAtATime(published.map((p) => () => packAndCheck(copy, p, tarballs)));

    console.log(`Would publish (${plan.changesets.length} changesets):`);
    published.forEach((p, i) => {
      const release = plan.releases.find((r) => r.name === p.name);
      const from = release?.oldVersion ?? p.manifest.version;
      const type = release?.type ?? "none";
      const peers = Object.entries(packed[i].peers).filter(([name]) => name.startsWith("@finoauth/"));
      const peerText = peers.length ? `  peers ${peers.map(([n, r]) => `${n}@${r}`).join(", ")}` : "";
      console.log(`  ${p.name.padEnd(26)} ${from.padEnd(7)} → ${packed[i].version.padEnd(7)} (${type})${peerText}`);
      if (release && release.newVersion !== packed[i].version) {
        problems.push(`${p.name}: the plan says ${release.newVersion}, the tarball ${packed[i].version}`);
      }
      problems.push(...packed[i].problems);
    });

    const manifests = new Map(packages.map((p) => [p.name, p.manifest]));
    for (const forced of forcedMajors(plan, manifests)) {
      problems.push(
        `forced major: ${forced.name} ${forced.oldVersion} → ${forced.newVersion} with no changeset asking for it ` +
          `(bumped dependencies: ${forced.causes.join(", ") || "none found"}); write the major on purpose or widen the peer range (RELEASING.md)`,
      );
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (problems.length > 0) {
      console.error(`\nrelease dry run: ${problems.length} problem(s) (${seconds} s):\n- ${problems.join("\n- ")}`);
      process.exitCode = 1;
    } else {
      console.log(
        `\nrelease dry run: ${published.length} tarballs packed and checked (publint --strict, attw esm-only), no forced major, nothing published (${seconds} s).`,
      );
    }
  } finally {
    if (keep) console.log(`copy kept: ${copy}`);
    else rmSync(copy, { recursive: true, force: true });
  }
}

await main();
