// Docs that cannot be checked: not JSON, a cycle, too many items, a snapshot path that leaves its folder,
// a malformed x-finoauth-docs entry. Each is a clear error (exit 2 from the command), in bounded time and memory.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkDocs, DocsCheckError, renderReport, runDocsCheck, snapshotPath } from "../src/index.js";
import { MAX_ITEMS } from "../src/read-docs.js";
import { check, fixture, json, root, spec } from "./support.js";

const dirs: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), "docs-check-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("docs that cannot be checked", () => {
  it("refuses a file that is not JSON (nor YAML) with exit 2 and the file's name", async () => {
    const file = join(temp(), "docs.json");
    writeFileSync(file, "{ this is not json");
    const { code, out } = await runDocsCheck(["finapi", "--postman", file], root);
    expect(code).toBe(2);
    expect(out).toContain(`${file} is not JSON`);
    const text = join(temp(), "docs.txt");
    writeFileSync(text, "just some words");
    expect((await runDocsCheck(["finapi", "--openapi", text], root)).out).toContain(
      "is neither JSON nor YAML holding an object",
    );
  });

  it("refuses JSON in no format it reads", async () => {
    await expect(check("finapi", { hello: "world" })).rejects.toThrow(/no format docs-check reads/);
  });

  it("refuses a collection that contains itself", async () => {
    const docs = json(fixture("finapi.postman_collection.json"));
    docs.item[0].item.push(docs.item[0]);
    await expect(check("finapi", docs)).rejects.toThrow(
      new DocsCheckError("docs contains a cycle: an object that contains itself"),
    );
  });

  it("refuses a collection of 10,000 items before reading them, quickly", async () => {
    const docs = json(fixture("finapi.postman_collection.json"));
    docs.item[0].item = Array.from({ length: 10_000 }, (_, i) => ({
      name: `request ${i}`,
      request: { method: "GET", url: `{{baseUrl}}/oauth/r${i}` },
    }));
    const started = performance.now();
    await expect(check("finapi", docs)).rejects.toThrow(`more than ${MAX_ITEMS} items`);
    // Bounded: the items are counted, not parsed (a generous bound, not a timing assertion of speed).
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it("refuses a document of more values than it bounds (shared objects counted each time)", async () => {
    const docs = json(fixture("finapi.postman_collection.json"));
    const request = docs.item[0].item[0];
    docs.item[0].item = Array.from({ length: 10_000 }, () => request);
    await expect(check("finapi", docs)).rejects.toThrow("docs holds more than 500000 values: too large to check");
  });

  it("reads a collection of many (but fewer than the limit) items", async () => {
    const docs = json(fixture("finapi.postman_collection.json"));
    docs.item[0].item = Array.from({ length: 200 }, () => docs.item[0].item[3]);
    const report = await check("finapi", docs);
    expect(report.findings.map((finding) => finding.kind)).toEqual(["operation-not-documented"]);
  });

  it("says which option to use when --postman is given an OpenAPI document", async () => {
    const { code, out } = await runDocsCheck(["finapi", "--postman", fixture("finapi.openapi.yaml")], root);
    expect(code).toBe(2);
    expect(out).toContain("use --openapi");
  });

  it("refuses bad usage with exit 2", async () => {
    expect((await runDocsCheck(["finapi"], root)).code).toBe(2);
    expect((await runDocsCheck(["finapi", "--postman"], root)).code).toBe(2);
    expect((await runDocsCheck(["nope", "--postman", fixture("finapi.postman_collection.json")], root)).out).toMatch(
      /no spec named "nope"/,
    );
    expect((await runDocsCheck(["--help"], root)).code).toBe(0);
  });

  it("exits 0 without drift and 1 with drift, and prints JSON with --json", async () => {
    const clean = await runDocsCheck(
      ["finapi", "--postman", fixture("finapi.postman_collection.json"), "--json"],
      root,
    );
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.out)).toMatchObject({ drift: 0, format: "postman-2.1" });
    const file = join(temp(), "drift.json");
    const docs = json(fixture("finapi.postman_collection.json"));
    docs.item[0].item.pop();
    writeFileSync(file, JSON.stringify(docs));
    const drift = await runDocsCheck(["finapi", "--postman", file], root);
    expect(drift.code).toBe(1);
    expect(drift.out).toContain("DRIFT  operation-not-documented  POST /oauth/revoke");
  });

  it("prints no control character the docs hold (a header name that would drive the terminal)", async () => {
    const docs = json(fixture("finapi.postman_collection.json"));
    docs.item[0].item[0].request.header.push({ key: "X-\u001b[2JEvil", value: "x" });
    const text = renderReport(await check("finapi", docs));
    expect(text).toContain("X-\\u001b[2JEvil");
    expect(text).not.toContain("\u001b");
  });

  it("refuses a malformed x-finoauth-docs entry in the spec", async () => {
    const document = spec("finapi");
    document["x-finoauth-docs"] = [{ kind: "operation-not-in-spec" }];
    await expect(
      checkDocs(document, json(fixture("finapi.postman_collection.json")), { spec: "s", docs: "d" }),
    ).rejects.toThrow("the spec's #/x-finoauth-docs/0/reason must say why the difference is accepted");
  });
});

describe("the docs snapshot folder", () => {
  it("refuses a file or provider name that leaves docs/<provider>/", () => {
    const dir = temp();
    for (const name of ["../x.json", "../../etc/passwd", "/etc/passwd", "a/b.json", "", ".."])
      expect(() => snapshotPath(dir, "finapi", name)).toThrow(DocsCheckError);
    expect(() => snapshotPath(dir, "../finapi", "x.json")).toThrow(/no provider name/);
    expect(snapshotPath(dir, "finapi", "finapi.postman_collection.json")).toBe(
      join(dir, "docs", "finapi", "finapi.postman_collection.json"),
    );
  });

  it("refuses a symbolic link out of the folder", () => {
    const dir = temp();
    mkdirSync(join(dir, "docs", "finapi"), { recursive: true });
    writeFileSync(join(dir, "outside.json"), "{}");
    symlinkSync(join(dir, "outside.json"), join(dir, "docs", "finapi", "link.json"));
    expect(() => snapshotPath(dir, "finapi", "link.json")).toThrow(/a link out of docs\/finapi\//);
  });

  it("saves the docs with --snapshot, and refuses --snapshot with a spec file", async () => {
    const dir = temp();
    mkdirSync(join(dir, "specs"));
    writeFileSync(join(dir, "specs", "finapi.yaml"), JSON.stringify(spec("finapi")));
    const { code, out } = await runDocsCheck(
      ["finapi", "--postman", fixture("finapi.postman_collection.json"), "--snapshot"],
      dir,
    );
    expect(code).toBe(0);
    expect(out).toContain(`snapshot: ${join(dir, "docs", "finapi", "finapi.postman_collection.json")} (sha256 `);
    const refused = await runDocsCheck([join(dir, "specs", "finapi.yaml"), "--postman", "x.json", "--snapshot"], dir);
    expect(refused.code).toBe(2);
  });
});
