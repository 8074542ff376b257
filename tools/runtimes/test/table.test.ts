// The README's runtime table: how a run renders (a failure and a runtime that did not run are shown as such),
// and `pnpm runtimes:table` replacing only what is between the markers.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CHECKS } from "../src/scenario.mjs";
import { END, renderTable, START, writeReadmeTable } from "../src/table.mjs";

const passing = (runtime: string, version: string) => ({
  runtime,
  version,
  results: Object.keys(CHECKS).map((id) => ({ id, ok: true })),
});

describe("renderTable", () => {
  it("one row per runtime; Node by major version; a failure, a not-applicable check and a runtime that did not run", () => {
    const bun = passing("bun", "1.4.5");
    bun.results[4] = { id: "authorize", ok: false, error: "Error: boom" } as never;
    const web = passing("workerd-web", "1.2.3");
    web.results[5] = { id: "keepAlive", ok: true, notApplicable: "no `node:http`" } as never;
    const rows = renderTable([passing("node", "20.20.2"), bun, web, { runtime: "deno", version: "?", results: [] }])
      .split("\n")
      .filter((line) => line.startsWith("| ") && !line.startsWith("| runtime"));
    expect(rows).toEqual([
      "| Node | 20.x | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ |",
      "| Bun | 1.4.5 | ✓ | ✓ | ✓ | ✓ | ✗ fails | ✓ |",
      "| workerd, `no_nodejs_compat` | 1.2.3 | ✓ | ✓ | ✓ | ✓ | ✓ | — (no `node:http`) |",
      "| Deno | ? | not run | not run | not run | not run | not run | not run |",
    ]);
  });
});

describe("writeReadmeTable", () => {
  const directories: string[] = [];
  afterEach(() => {
    for (const dir of directories.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("replaces only the table between the markers, and says when nothing changed", () => {
    const dir = mkdtempSync(join(tmpdir(), "finoauth-table-"));
    directories.push(dir);
    const results = join(dir, "runtimes.json");
    const readme = join(dir, "README.md");
    // `$&` in the table would be a replacement pattern of String.replace: it must be written as it is.
    const run = passing("node", "22.1.0");
    run.results[5] = { id: "keepAlive", ok: true, notApplicable: "costs $& and $1" } as never;
    writeFileSync(results, JSON.stringify([run]));
    writeFileSync(readme, `# before\n\n${START}\nold\n${END}\n\nafter\n`);
    expect(writeReadmeTable(results, readme)).toBe(true);
    expect(readFileSync(readme, "utf8")).toBe(`# before\n\n${renderTable([run])}\n\nafter\n`);
    expect(readFileSync(readme, "utf8")).toContain("— (costs $& and $1)");
    expect(writeReadmeTable(results, readme)).toBe(false);
  });

  it("fails, saying what to do, without a last run or without the markers", () => {
    const dir = mkdtempSync(join(tmpdir(), "finoauth-table-"));
    directories.push(dir);
    const readme = join(dir, "README.md");
    writeFileSync(readme, "no markers\n");
    expect(() => writeReadmeTable(join(dir, "missing.json"), readme)).toThrow(/run the runtime suite first/);
    writeFileSync(join(dir, "runtimes.json"), "[]");
    expect(() => writeReadmeTable(join(dir, "runtimes.json"), readme)).toThrow(/has no .* markers/);
  });
});
