// The smaller public functions of spec-diff and the generator's provenance, each on its own.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provenanceOf } from "../../../scripts/generator/provenance.mjs";
import { changesetFor, parseChangeset, renderMarkdown, requiredBumps } from "../src/changeset.mjs";
import { typesOf } from "../src/diff.mjs";
import { changedChangesets, commitOf, fileAt, git, resolveBase, specNames, specPairs } from "../src/git.mjs";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const baseText = readFileSync(new URL("./fixtures/base.yaml", import.meta.url), "utf8");
const breaking = {
  spec: "finapi",
  class: "breaking" as const,
  findings: [
    {
      class: "breaking" as const,
      pointer: "#/paths/~1oauth~1token/post",
      operation: "POST /oauth/token",
      message: "operation `POST /oauth/token` was removed",
      reason: "a | b",
    },
  ],
};
const docs = {
  spec: "finapi",
  class: "docs" as const,
  findings: [{ class: "docs" as const, pointer: "#", message: "only documentation changed" }],
};

describe("changesets from a report", () => {
  it("requires a major for breaking (and a patch of @finoauth/auth), a patch for docs", () => {
    expect(requiredBumps(breaking, "@finoauth/finapi")).toEqual({
      "@finoauth/finapi": "major",
      "@finoauth/auth": "patch",
    });
    expect(requiredBumps(docs, "@finoauth/finapi")).toEqual({ "@finoauth/finapi": "patch" });
  });

  it("renders a Markdown table, escaping pipes", () => {
    const markdown = renderMarkdown(breaking, "@finoauth/finapi");
    expect(markdown).toContain("### @finoauth/finapi (specs/finapi.yaml): breaking → major");
    expect(markdown).toContain(
      "| breaking | POST /oauth/token | `#/paths/~1oauth~1token/post` | operation `POST /oauth/token` was removed (compiler: a \\| b) |",
    );
  });

  it("names the changeset after the spec and the new text's hash, with the bumps in its front matter", () => {
    const { file, text } = changesetFor(breaking, "@finoauth/finapi", "spec text");
    expect(file).toMatch(/^\.changeset\/finapi-[0-9a-f]{8}\.md$/);
    expect(changesetFor(breaking, "@finoauth/finapi", "other text").file).not.toBe(file);
    expect(parseChangeset(text)).toEqual({ "@finoauth/finapi": "major", "@finoauth/auth": "patch" });
    expect(parseChangeset("no front matter")).toEqual({});
  });
});

describe("types as the generator makes them", () => {
  it("generates the same types as the committed schema.ts (after its header)", async () => {
    const committed = readFileSync(`${root}packages/finapi/src/generated/schema.ts`, "utf8");
    const types = await typesOf(readFileSync(`${root}specs/finapi.yaml`, "utf8"));
    expect(committed.slice(committed.indexOf("\n") + 2)).toBe(types);
  });

  it("records the spec's sha256 and the resolved generator versions", () => {
    const target = { spec: "finapi", packageDir: `${root}packages/finapi` };
    const record = provenanceOf(target, "text", `${root}scripts/generator`);
    expect(record.spec).toBe("finapi");
    expect(record.sha256).toBe("982d9e3eb996f559e633f4d194def3761d909f5a3b647d1a851fead67c32c9d1");
    expect(Object.keys(record.tools)).toEqual(["openapi-typescript", "openapi-fetch"]);
  });
});

describe("git: what changed since a base", () => {
  let repo: string;
  const run = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.test", ...args], {
      cwd: repo,
      encoding: "utf8",
    });
  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), "spec-diff-git-"));
    mkdirSync(join(repo, "specs"));
    mkdirSync(join(repo, ".changeset"));
    writeFileSync(join(repo, "specs/a.yaml"), baseText);
    writeFileSync(join(repo, "specs/b.yaml"), baseText);
    writeFileSync(join(repo, ".changeset/old.md"), "old\n");
    run("init", "-q", "-b", "main");
    run("add", "-A");
    run("commit", "-qm", "base");
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it("reads files at a commit byte for byte, and says when they do not exist", () => {
    const head = commitOf(repo, "HEAD")!;
    expect(head).toMatch(/^[0-9a-f]{40}$/);
    expect(fileAt(repo, head, "specs/a.yaml")).toBe(baseText);
    expect(fileAt(repo, head, "specs/none.yaml")).toBeUndefined();
    expect(fileAt(repo, undefined, "specs/a.yaml")).toBeUndefined();
    expect(git(repo, ["rev-parse", "--abbrev-ref", "HEAD"])).toBe("main");
    expect(commitOf(repo, "no-such-ref")).toBeUndefined();
  });

  it("pairs every spec of the base and the working tree; keeps only the changed ones unless all", () => {
    const head = commitOf(repo, "HEAD")!;
    writeFileSync(join(repo, "specs/b.yaml"), `${baseText}# edited\n`);
    writeFileSync(join(repo, "specs/c.yaml"), baseText);
    rmSync(join(repo, "specs/a.yaml"));
    expect(specNames(repo, head)).toEqual(["a", "b", "c"]);
    const pairs = specPairs(repo, head);
    expect(pairs.map((pair) => [pair.spec, pair.oldText === undefined, pair.newText === undefined])).toEqual([
      ["a", false, true],
      ["b", false, false],
      ["c", true, false],
    ]);
    expect(specPairs(repo, head, { all: true })).toHaveLength(3);
    run("checkout", "-q", "--", "specs/a.yaml");
  });

  it("counts only changesets added or edited since the base", () => {
    const head = commitOf(repo, "HEAD")!;
    writeFileSync(join(repo, ".changeset/new.md"), "new\n");
    writeFileSync(join(repo, ".changeset/README.md"), "readme\n");
    expect(changedChangesets(repo, head).map((changeset) => changeset.file)).toEqual([".changeset/new.md"]);
    writeFileSync(join(repo, ".changeset/old.md"), "old, edited\n");
    expect(
      changedChangesets(repo, head)
        .map((changeset) => changeset.file)
        .sort(),
    ).toEqual([".changeset/new.md", ".changeset/old.md"]);
  });

  it("chooses the base: on main HEAD~ for CI, HEAD otherwise; a detached HEAD without main is an error for CI", () => {
    expect(resolveBase(repo, {}).why).toMatch(/merge base with main/);
    expect(resolveBase(repo, { ci: true })).toEqual({ commit: undefined, why: "the first commit" });
    run("commit", "-q", "--allow-empty", "-m", "second");
    expect(resolveBase(repo, { ci: true }).commit).toBe(commitOf(repo, "HEAD~"));
    // A CI clone of depth 1 on main hides HEAD~: an error that says so, not "every spec is new".
    const shallow = mkdtempSync(join(tmpdir(), "spec-diff-shallow-"));
    try {
      execFileSync("git", ["clone", "-q", "--depth", "1", `file://${repo}`, shallow]);
      expect(() => resolveBase(shallow, { ci: true })).toThrow(/shallow clone without HEAD~/);
    } finally {
      rmSync(shallow, { recursive: true, force: true });
    }
    run("checkout", "-q", "--detach", "HEAD");
    run("branch", "-q", "-m", "main", "trunk");
    expect(() => resolveBase(repo, { ci: true })).toThrow(/no `main` or `origin\/main`/);
    expect(resolveBase(repo, {}).why).toMatch(/^HEAD/);
  });
});
