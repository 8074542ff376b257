// The release policy's arithmetic (forcedMajors) and the repository's changesets config as changesets
// itself reads it: at 1.x, a client's minor does not take @finoauth/auth to a major.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { forcedMajors, majorOf } from "../src/plan.mjs";

const root = new URL("../../../", import.meta.url).pathname;
const config = JSON.parse(readFileSync(join(root, ".changeset/config.json"), "utf8"));

const release = (name, type, oldVersion, newVersion) => ({ name, type, oldVersion, newVersion });

test("a major nobody asked for is forced, with its bumped dependencies as the cause", () => {
  const plan = {
    changesets: [{ id: "a", releases: [{ name: "@x/client", type: "minor" }] }],
    releases: [release("@x/client", "minor", "0.1.0", "0.2.0"), release("@x/auth", "major", "0.1.0", "1.0.0")],
  };
  const manifests = new Map([["@x/auth", { peerDependencies: { "@x/client": "workspace:^" } }]]);
  assert.deepEqual(forcedMajors(plan, manifests), [
    { name: "@x/auth", oldVersion: "0.1.0", newVersion: "1.0.0", causes: ["@x/client"] },
  ]);
});

test("a major a changeset asks for is not forced; minors and patches never are", () => {
  const plan = {
    changesets: [
      {
        id: "a",
        releases: [
          { name: "@x/auth", type: "major" },
          { name: "@x/client", type: "minor" },
        ],
      },
      { id: "b", releases: [{ name: "@x/store", type: "patch" }] },
    ],
    releases: [
      release("@x/auth", "major", "1.2.3", "2.0.0"),
      release("@x/client", "minor", "1.0.0", "1.1.0"),
      release("@x/store", "patch", "1.0.0", "1.0.1"),
    ],
  };
  assert.deepEqual(forcedMajors(plan, new Map()), []);
});

test("majorOf reads the major of release and pre-release versions, and refuses anything else", () => {
  assert.equal(majorOf("1.0.0"), 1);
  assert.equal(majorOf("0.1.0"), 0);
  assert.equal(majorOf("12.3.4-next.0"), 12);
  assert.throws(() => majorOf("x.1.0"), /not a semver version/);
});

/** A two-package workspace at 1.0.0 (auth with a workspace:^ peer on a client), and changesets' plan for a client minor. */
function planFor(changesetConfig) {
  const dir = mkdtempSync(join(tmpdir(), "finoauth-release-test-"));
  try {
    const write = (file, value) => {
      mkdirSync(join(dir, file, ".."), { recursive: true });
      writeFileSync(join(dir, file), typeof value === "string" ? value : JSON.stringify(value, null, 2));
    };
    write("package.json", { name: "root", private: true, packageManager: "pnpm@10.0.0" });
    write("pnpm-workspace.yaml", "packages:\n  - packages/*\n");
    write("packages/client/package.json", { name: "@x/client", version: "1.0.0" });
    write("packages/auth/package.json", {
      name: "@x/auth",
      version: "1.0.0",
      peerDependencies: { "@x/client": "workspace:^" },
      peerDependenciesMeta: { "@x/client": { optional: true } },
      devDependencies: { "@x/client": "workspace:^" },
    });
    write(".changeset/config.json", { ...changesetConfig, changelog: false });
    write(".changeset/client-minor.md", '---\n"@x/client": minor\n---\n\nA new option.\n');
    const git = ["-c", "user.name=t", "-c", "user.email=t@invalid", "-c", "commit.gpgsign=false"];
    execFileSync("git", ["init", "-q", "-b", "main"], { cwd: dir });
    execFileSync("git", [...git, "add", "-A"], { cwd: dir });
    execFileSync("git", [...git, "commit", "-q", "-m", "fixture"], { cwd: dir });
    execFileSync(
      process.execPath,
      [join(root, "node_modules/@changesets/cli/bin.js"), "status", "--output=plan.json"],
      {
        cwd: dir,
        stdio: "pipe",
      },
    );
    return JSON.parse(readFileSync(join(dir, "plan.json"), "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("the repository's config: a client's minor at 1.x leaves @finoauth/auth's peer range alone (no bump, no forced major)", () => {
  const plan = planFor(config);
  const byName = Object.fromEntries(plan.releases.map((r) => [r.name, r]));
  assert.equal(byName["@x/client"].newVersion, "1.1.0");
  assert.equal(byName["@x/auth"]?.type ?? "none", "none");
  assert.deepEqual(forcedMajors(plan, new Map()), []);
});

test("without onlyUpdatePeerDependentsWhenOutOfRange, the same minor forces a major (what the policy prevents)", () => {
  const { ___experimentalUnsafeOptions_WILL_CHANGE_IN_PATCH: _, ...without } = config;
  const plan = planFor(without);
  assert.deepEqual(
    forcedMajors(plan, new Map([["@x/auth", { peerDependencies: { "@x/client": "workspace:^" } }]])).map((f) => [
      f.name,
      f.newVersion,
      f.causes,
    ]),
    [["@x/auth", "2.0.0", ["@x/client"]]],
  );
});
