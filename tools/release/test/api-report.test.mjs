// The API report: which declaration files it reaches, and that a doc comment is not an API change
// while a type change is.
import assert from "node:assert/strict";
import { test } from "node:test";
import { importsOf, normalise, reportOf, typedEntries } from "../src/api-report.mjs";

test("importsOf follows relative imports, re-exports and import() types, never a package", () => {
  const text = [
    'import type { A } from "./a.js";',
    'export * from "../b.js";',
    'export { c } from "./sub/c.js";',
    'type D = import("./d.js").D;',
    'import { E } from "@finoauth/auth";',
  ].join("\n");
  assert.deepEqual(importsOf(text).sort(), ["../b.d.ts", "./a.d.ts", "./d.d.ts", "./sub/c.d.ts"]);
});

test("normalise drops comments and source maps but keeps every type", () => {
  const before = "/** The id. */\nexport interface X {\n  // why\n  id: string;\n}\n//# sourceMappingURL=x.d.ts.map\n";
  const doc = "/** Another doc. */\nexport interface X {\n    id: string;\n}\n";
  const changed = "export interface X {\n  id: string | number;\n}\n";
  assert.equal(normalise(before), normalise(doc));
  assert.notEqual(normalise(before), normalise(changed));
  assert.doesNotMatch(normalise(before), /sourceMappingURL|The id|why/);
});

test("typedEntries lists the exports with declarations, and skips package.json and untyped ones", () => {
  const manifest = {
    exports: {
      ".": { types: "./dist/index.d.ts", default: "./dist/index.js" },
      "./package.json": "./package.json",
      "./x": { default: "./x.js" },
    },
  };
  assert.deepEqual(typedEntries(manifest), [[".", "./dist/index.d.ts"]]);
});

test("reportOf holds each reachable declaration file once, sorted, and none that is unreachable", () => {
  const files = {
    "dist/index.d.ts": 'export * from "./a.js";\nexport type { B } from "./b.js";\n',
    "dist/a.d.ts": 'import type { B } from "./b.js";\nexport declare function a(b: B): void;\n',
    "dist/b.d.ts": "export interface B { id: string }\n",
    "dist/unused.d.ts": "export interface U {}\n",
  };
  const manifest = { name: "@x/p", exports: { ".": { types: "./dist/index.d.ts" } } };
  const report = reportOf("/nowhere", manifest, (file) => files[file]);
  assert.deepEqual(
    [...report.matchAll(/^## (.*)$/gm)].map((m) => m[1]),
    ["dist/a.d.ts", "dist/b.d.ts", "dist/index.d.ts"],
  );
  assert.match(report, /\| `@x\/p` \| `dist\/index.d.ts` \|/);
});
