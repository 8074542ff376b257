// `pnpm spec:diff` and `pnpm check:changesets` end to end, in a throw-away git repository with one
// generated package and a history of spec edits on a branch and on main.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkChangesets, parseChangeset } from "../src/changeset.mjs";
import { packageNames, parseArgs } from "../src/cli.mjs";
import { resolveBase } from "../src/git.mjs";
import { runInChild } from "./support/diff-in-child.js";

const cli = fileURLToPath(new URL("../src/cli.mjs", import.meta.url));
const baseText = readFileSync(new URL("./fixtures/base.yaml", import.meta.url), "utf8");
const renamed = baseText
  .replace("required: [grant_type, client_id, client_secret]", "required: [grant_type, clientId, client_secret]")
  .replace("        client_id:\n", "        clientId:\n");
const described = baseText.replace(
  "description: Client credentials grant.",
  "description: The client credentials grant.",
);
let root: string;

const git = (...args: string[]) =>
  execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.test", ...args], {
    cwd: root,
    encoding: "utf8",
  });
const writeSpec = (text: string) => writeFileSync(join(root, "specs/fixture.yaml"), text);
const changesets = () => readdirSync(join(root, ".changeset")).filter((file) => file.endsWith(".md"));

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "spec-diff-"));
  mkdirSync(join(root, "specs"));
  mkdirSync(join(root, "packages/fixture"), { recursive: true });
  mkdirSync(join(root, ".changeset"));
  writeFileSync(
    join(root, "packages/fixture/package.json"),
    JSON.stringify({ name: "@finoauth/fixture", finoauth: { spec: "fixture", clientName: "Fixture" } }),
  );
  writeFileSync(join(root, ".changeset/README.md"), "changesets\n");
  writeFileSync(
    join(root, ".changeset/older.md"),
    '---\n"@finoauth/fixture": major\n---\n\nAn older change, already on main.\n',
  );
  writeSpec(baseText);
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-qm", "base");
  git("checkout", "-qb", "feature");
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("pnpm spec:diff on a branch", () => {
  it("finds nothing when no spec changed", async () => {
    const result = await runInChild([], root);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/no spec changed since [0-9a-f]{12} \(the merge base with main\)/);
  });

  it("reports a renamed required request field as breaking, per package, as a table and as JSON", async () => {
    writeSpec(renamed);
    const table = await runInChild([], root);
    expect(table.out).toContain("### @finoauth/fixture (specs/fixture.yaml): breaking → major");
    expect(table.out).toMatch(
      /\| breaking \| POST \/oauth\/token \| `#\/paths\/~1oauth~1token\/post\/requestBody` \| .*no longer type-checks/,
    );
    expect(table.out).toContain("@finoauth/auth: patch");
    const json = JSON.parse((await runInChild(["--json"], root)).out);
    expect(json.reports).toHaveLength(1);
    expect(json.reports[0]).toMatchObject({
      spec: "fixture",
      class: "breaking",
      package: "@finoauth/fixture",
      bumps: { "@finoauth/fixture": "major", "@finoauth/auth": "patch" },
    });
  });

  it("fails the changeset check, naming the command that writes the changeset; the older changeset on main does not count", async () => {
    const result = await runInChild(["--check-changesets"], root);
    expect(result.code).toBe(1);
    expect(result.out).toContain("@finoauth/fixture needs a major bump, but no changeset since the base bumps it");
    expect(result.out).toContain("pnpm spec:diff --changeset");
  });

  it("fails when the changeset's bump is smaller than the diff requires", async () => {
    writeFileSync(
      join(root, ".changeset/too-small.md"),
      '---\n"@finoauth/fixture": minor\n"@finoauth/auth": patch\n---\n\nguess\n',
    );
    const result = await runInChild(["--check-changesets"], root);
    expect(result.code).toBe(1);
    expect(result.out).toContain("needs a major bump, but the changesets give it only minor");
    rmSync(join(root, ".changeset/too-small.md"));
  });

  it("writes .changeset/<spec>-<hash>.md with the bumps and the report, after which the check passes", async () => {
    const result = await runInChild(["--changeset"], root);
    const written = changesets().filter((file) => /^fixture-[0-9a-f]{8}\.md$/.test(file));
    expect(written).toHaveLength(1);
    expect(result.out).toContain(`wrote .changeset/${written[0]}`);
    const text = readFileSync(join(root, ".changeset", written[0]!), "utf8");
    expect(parseChangeset(text)).toEqual({ "@finoauth/fixture": "major", "@finoauth/auth": "patch" });
    expect(text).toContain("#/paths/~1oauth~1token/post/requestBody");
    expect((await runInChild(["--check-changesets"], root)).code).toBe(0);
    // A further edit, then --changeset again: the earlier changeset of this branch is replaced.
    writeSpec(renamed.replace("description: Client credentials grant.", "description: Client credentials grant only."));
    await runInChild(["--changeset"], root);
    const replaced = changesets().filter((file) => /^fixture-[0-9a-f]{8}\.md$/.test(file));
    expect(replaced).toHaveLength(1);
    expect(replaced[0]).not.toBe(written[0]);
    expect(changesets()).toContain("older.md");
    // The command line, as CI runs it: exit 0 now.
    const child = spawnSync(process.execPath, [cli, "--check-changesets"], { cwd: root, encoding: "utf8" });
    expect(child.status).toBe(0);
    git("add", "-A");
    git("commit", "-qm", "rename client_id, with its changeset");
  });

  it("compares with --base when given, and refuses a ref that does not exist", async () => {
    const result = JSON.parse((await runInChild(["--json", "--base", "HEAD"], root)).out);
    expect(result.reports).toEqual([]);
    // --all reports every spec, an unchanged one as unchanged, and writes no changeset for it.
    const all = JSON.parse((await runInChild(["--json", "--all", "--changeset", "--base", "HEAD"], root)).out);
    expect(all.reports.map((report: { spec: string; unchanged?: boolean }) => [report.spec, report.unchanged])).toEqual(
      [["fixture", true]],
    );
    expect(all.changesets).toEqual([]);
    await expect(runInChild(["--base", "no-such-ref"], root)).rejects.toThrow(/--base no-such-ref is not a commit/);
  });
});

describe("pnpm check:changesets on main (a clean clone: compares with HEAD~)", () => {
  it("fails on a commit that changes a spec without a changeset, through the command line", () => {
    git("checkout", "-q", "main");
    writeSpec(described);
    git("commit", "-qam", "describe the grant better");
    expect(resolveBase(root, { ci: true }).why).toMatch(/HEAD~/);
    const child = spawnSync(process.execPath, [cli, "--check-changesets"], { cwd: root, encoding: "utf8" });
    expect(child.status).toBe(1);
    expect(child.stderr).toContain("specs/fixture.yaml changed (docs): @finoauth/fixture needs a patch bump");
    expect(child.stderr).toContain("pnpm spec:diff --changeset");
  });

  it("passes once the commit carries a patch changeset, written by the command the check names", async () => {
    const failed = await runInChild(["--check-changesets"], root);
    const command = /`pnpm spec:diff (--changeset --base [0-9a-f]{12})`/.exec(failed.out)!;
    expect(command).not.toBeNull();
    await runInChild(command[1]!.split(" "), root);
    git("add", "-A");
    git("commit", "-q", "--amend", "--no-edit");
    const result = await runInChild(["--check-changesets"], root);
    expect(result.code).toBe(0);
    expect(result.out).toContain("every changed spec (fixture) has a changeset");
  });

  it("passes on a commit that changes no spec", async () => {
    writeFileSync(join(root, "README.md"), "hello\n");
    git("add", "-A");
    git("commit", "-qm", "readme");
    const result = await runInChild(["--check-changesets"], root);
    expect(result.code).toBe(0);
    expect(result.out).toContain("no spec changed since");
  });
});

describe("the pieces", () => {
  it("reads each spec's package from packages/*/package.json", () => {
    expect(packageNames(root)).toEqual({ fixture: "@finoauth/fixture" });
  });

  it("parses the command line and rejects unknown flags", () => {
    expect(parseArgs(["--base", "abc", "--json"])).toMatchObject({ base: "abc", json: true, changeset: false });
    expect(parseArgs(["--base=abc"]).base).toBe("abc");
    expect(() => parseArgs(["--bogus"])).toThrow(/unknown argument --bogus/);
  });

  it("takes the biggest bump a package gets over all changesets", () => {
    const required = [
      { spec: "x", specClass: "additive", packageName: "@finoauth/x", bumps: { "@finoauth/x": "minor" } },
    ];
    const patch = { file: "a.md", text: '---\n"@finoauth/x": patch\n---\n' };
    const minor = { file: "b.md", text: "---\n'@finoauth/x': minor\n---\n" };
    expect(checkChangesets(required, [patch])).toHaveLength(1);
    expect(checkChangesets(required, [patch, minor])).toEqual([]);
  });
});
