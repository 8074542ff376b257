// The case that showed the gap: finAPI's `X-Request-Id` from `maxLength: 255` to `64`, in a copy of the real
// specs/finapi.yaml. The generated types are identical (a string either way), so before the constraint
// comparison `pnpm spec:diff` called it docs → patch; a request that was valid is now refused: major.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffInChild, runInChild } from "./support/diff-in-child.js";

const finapi = readFileSync(new URL("../../../specs/finapi.yaml", import.meta.url), "utf8");
// The request parameter's limit and the response header's, each on its own (both say 255 today).
const parameterLimit = "logging it.\n      schema:\n        type: string\n        maxLength: 255\n";
const headerLimit = "      required: true\n      schema:\n        type: string\n        maxLength: 255\n";
const withParameterLimit = (limit: number) =>
  finapi.replace(parameterLimit, parameterLimit.replace("255", String(limit)));
const withHeaderLimit = (limit: number) => finapi.replace(headerLimit, headerLimit.replace("255", String(limit)));

it("finds both limits in the real spec (else the edits below would be no edits)", () => {
  expect(finapi.split(parameterLimit)).toHaveLength(2);
  expect(finapi.split(headerLimit)).toHaveLength(2);
});

describe("finAPI's X-Request-Id limit, changed each way", async () => {
  const [tightened, loosened, headerTightened, headerLoosened] = await diffInChild([
    { spec: "finapi", oldText: finapi, newText: withParameterLimit(64) },
    { spec: "finapi", oldText: finapi, newText: withParameterLimit(1024) },
    { spec: "finapi", oldText: finapi, newText: withHeaderLimit(64) },
    { spec: "finapi", oldText: finapi, newText: withHeaderLimit(1024) },
  ]);
  const only = (report: any) => {
    // The types did not change: the constraint finding is the whole report.
    expect(report.findings).toHaveLength(1);
    return report.findings[0];
  };

  it("a lower request limit is breaking: old callers' 65-to-255-character ids are refused", () => {
    expect(tightened.class).toBe("breaking");
    expect(only(tightened)).toMatchObject({
      class: "breaking",
      pointer: "#/components/parameters/XRequestId/schema/maxLength",
      operations: ["POST /oauth/token", "POST /oauth/revoke"],
      constraint: { keyword: "maxLength", direction: "request", change: "narrower", was: 255, now: 64 },
    });
  });

  it("a higher request limit is additive", () => {
    expect(loosened.class).toBe("additive");
    expect(only(loosened).pointer).toBe("#/components/parameters/XRequestId/schema/maxLength");
  });

  it("a lower response header limit is additive; a higher one is breaking (consumers sized for 255 may get more)", () => {
    expect(headerTightened.class).toBe("additive");
    expect(headerLoosened.class).toBe("breaking");
    const finding = only(headerLoosened);
    expect(finding.pointer).toBe("#/components/headers/XRequestId/schema/maxLength");
    expect(finding.message).toMatch(
      /^response header `X-Request-Id` of status 200, status 400, status 401, and \d+ more: maxLength 255 → 1024 \(looser/,
    );
  });
});

describe("pnpm spec:diff and pnpm check:changesets on the edit, in a copy of the repository's layout", () => {
  let root: string;
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.test", ...args], {
      cwd: root,
      encoding: "utf8",
    });
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "spec-diff-finapi-"));
    mkdirSync(join(root, "specs"));
    mkdirSync(join(root, "packages/finapi"), { recursive: true });
    mkdirSync(join(root, ".changeset"));
    writeFileSync(
      join(root, "packages/finapi/package.json"),
      JSON.stringify({ name: "@finoauth/finapi", finoauth: { spec: "finapi" } }),
    );
    writeFileSync(join(root, "specs/finapi.yaml"), finapi);
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-qm", "finapi as it is");
    git("checkout", "-qb", "shorter-request-id");
    writeFileSync(join(root, "specs/finapi.yaml"), withParameterLimit(64));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("asks for a major bump of @finoauth/finapi, not a patch", async () => {
    const json = JSON.parse((await runInChild(["--json"], root)).out);
    expect(json.reports[0]).toMatchObject({
      spec: "finapi",
      class: "breaking",
      bumps: { "@finoauth/finapi": "major" },
    });
    const table = await runInChild([], root);
    expect(table.out).toContain("### @finoauth/finapi (specs/finapi.yaml): breaking → major");
    expect(table.out).toContain(
      "| breaking | POST /oauth/token, POST /oauth/revoke | `#/components/parameters/XRequestId/schema/maxLength` | header parameter `X-Request-Id`: maxLength 255 → 64 (tighter",
    );
    writeFileSync(join(root, ".changeset/guess.md"), '---\n"@finoauth/finapi": patch\n---\n\nShorter request ids.\n');
    const check = await runInChild(["--check-changesets"], root);
    expect(check.code).toBe(1);
    expect(check.out).toContain("@finoauth/finapi needs a major bump, but the changesets give it only patch");
  });
});
