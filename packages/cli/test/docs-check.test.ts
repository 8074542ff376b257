// `finoauth docs-check`, run as the built binary: the report and its exit codes (0 no drift, 1 drift, 2 bad
// usage or unreadable docs), JSON, and the one line that says how to add postman-collection when it is missing.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, cleanEnv, runBinary } from "./support.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const spec = join(root, "specs/finapi.yaml");
const collection = join(root, "tools/docs-check/test/fixtures/finapi.postman_collection.json");
const openapi = join(root, "tools/docs-check/test/fixtures/finapi.openapi.yaml");
const dir = mkdtempSync(join(tmpdir(), "finoauth-docs-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("finoauth docs-check", () => {
  it("exits 0 when the docs match the spec, and lists the accepted differences with their reason", async () => {
    const postman = await runBinary(["docs-check", spec, "--postman", collection]);
    expect(postman.stdout).toContain("0 drift, 0 accepted");
    expect(postman.code).toBe(0);
    const document = await runBinary(["docs-check", spec, "--openapi", openapi]);
    expect(document.stdout).toMatch(/0 drift, \d+ accepted/);
    expect(document.stdout).toContain("why:  finAPI documents one form schema for every grant");
    expect(document.code).toBe(0);
  });

  it("exits 1 on drift, with both pointers, and prints JSON with --json", async () => {
    const docs = JSON.parse(await import("node:fs").then((fs) => fs.readFileSync(collection, "utf8")));
    docs.item[0].item.pop();
    const file = join(dir, "no-revoke.json");
    writeFileSync(file, JSON.stringify(docs));
    const text = await runBinary(["docs-check", spec, "--postman", file]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("DRIFT  operation-not-documented  POST /oauth/revoke");
    expect(text.stdout).toContain("spec: #/paths/~1oauth~1revoke/post");
    const json = await runBinary(["docs-check", spec, "--postman", file, "--json"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ drift: 1, findings: [{ kind: "operation-not-documented" }] });
  });

  it("exits 2 with the reason on stderr for docs that are not JSON, or bad usage", async () => {
    const file = join(dir, "broken.json");
    writeFileSync(file, "{ not json");
    const broken = await runBinary(["docs-check", spec, "--postman", file]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`${file} is not JSON`);
    const bad = await runBinary(["docs-check", spec]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("give the docs: --postman <file> or --openapi <file>");
  });

  it("says how to add postman-collection when it is not installed (it is kept out of the bundle)", async () => {
    // The built CLI copied out of the workspace: nothing but its own files, as `npm i @finoauth/cli` has it.
    const alone = join(dir, "cli");
    cpSync(join(BIN, ".."), join(alone, "dist"), { recursive: true });
    cpSync(join(BIN, "../../package.json"), join(alone, "package.json"));
    const { execFile } = await import("node:child_process");
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        [join(alone, "dist/bin.js"), "docs-check", spec, "--postman", collection],
        { env: cleanEnv(), cwd: dir },
        (error, _stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stderr }),
      );
      child.stdin?.end();
    });
    expect(result.stderr).toContain(
      "needs the postman-collection package, which is not installed: npm i -D postman-collection@5.3.1",
    );
    expect(result.code).toBe(2);
    // OpenAPI docs need no postman-collection.
    const document = await new Promise<number | null>((resolve) => {
      execFile(
        process.execPath,
        [join(alone, "dist/bin.js"), "docs-check", spec, "--openapi", openapi],
        { env: cleanEnv(), cwd: dir },
        (error) => resolve(error ? (error.code as number) : 0),
      );
    });
    expect(document).toBe(0);
  });
});
