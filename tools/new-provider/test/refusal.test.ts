// `pnpm new-provider` refuses, with exit 2, a clear message and nothing written, a name that is not a
// kebab-case npm name or that is taken; and its edits refuse a file that is not laid out as they expect.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addToRegistry, appendEntry } from "../src/edits.mjs";
import { main } from "../src/new-provider.mjs";
import { namesOf } from "../src/templates.mjs";
import { repoRoot } from "./support.js";

/** The files the scaffold reads and edits, copied from this repository, plus the packages' folders. */
const EDITED = [
  "packages/auth/src/providers/all.ts",
  "packages/auth/package.json",
  "packages/auth/test/secrets.test.ts",
  "packages/cli/src/hints/index.ts",
  "packages/cli/package.json",
];
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "new-provider-refusal-"));
  for (const file of EDITED) {
    mkdirSync(join(root, file, ".."), { recursive: true });
    cpSync(join(repoRoot, file), join(root, file));
  }
  for (const name of readdirSync(join(repoRoot, "packages")))
    mkdirSync(join(root, "packages", name), { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every file below the scratch root with its text: what a refused run must leave as it was. */
const snapshot = (dir = root): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? snapshot(join(dir, entry.name))
      : [`${join(dir, entry.name)}\n${readFileSync(join(dir, entry.name), "utf8")}`],
  );

describe("pnpm new-provider refuses", () => {
  it.each([
    ["Acme_Pay", /"Acme_Pay" is not a kebab-case npm name/],
    ["acme--pay", /"acme--pay" is not a kebab-case npm name/],
    ["9pay", /"9pay" is not a kebab-case npm name/],
    ["acme-", /"acme-" is not a kebab-case npm name/],
    ["finapi", /"finapi" is taken: packages\/finapi exists/],
    ["financial-cents", /"financial-cents" is taken/],
    ["all", /"all" is taken: .*reserved/],
    ["redis-store", /"redis-store" is taken/],
  ])("%s: exit 2, why, and nothing written", (name, why) => {
    const before = snapshot();
    const { code, err } = main([name], root);
    expect(code).toBe(2);
    expect(err).toMatch(why);
    expect(err).toMatch(/; nothing written$/);
    expect(snapshot()).toEqual(before);
  });

  it("no name, two names, or an unknown flag: exit 2 with the usage", () => {
    for (const args of [[], ["a", "b"], ["acme", "--color"]]) {
      const { code, err } = main(args, root);
      expect(code, args.join(" ")).toBe(2);
      expect(err).toContain("usage: pnpm new-provider <kebab-case-name>");
    }
  });
});

describe("the scaffold's edits", () => {
  it("add the registry line as the last entry, quoting a hyphenated key", () => {
    const registry =
      'const x = 1;\nexport const providers = await loadAdapters({\n  finapi: import("./finapi.js").then((m) => m.finapi),\n});\n';
    expect(addToRegistry(registry, namesOf("acme-pay"))).toBe(
      'const x = 1;\nexport const providers = await loadAdapters({\n  finapi: import("./finapi.js").then((m) => m.finapi),\n  "acme-pay": import("./acme-pay.js").then((m) => m.acmePay),\n});\n',
    );
  });

  it("refuse a file without the place they edit, naming it", () => {
    expect(() => appendEntry("const other = {\n};\n", "const flows: ", "  x: 1,", "secrets.test.ts")).toThrow(
      'secrets.test.ts: no "const flows: " … "};" to add the provider to',
    );
  });

  it("name the provider's parts from its kebab-case name and its spec's first server", () => {
    expect(namesOf("acme-pay", "Acme Pay", "liveEu")).toEqual({
      name: "acme-pay",
      camel: "acmePay",
      pascal: "AcmePay",
      prefix: "ACME_PAY",
      display: "Acme Pay",
      defaultUrl: "ACME_PAY_LIVE_EU_URL",
    });
  });
});
