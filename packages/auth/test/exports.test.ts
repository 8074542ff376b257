// package.json exports exactly the entry points build.mjs builds (the engine, /node, /did-you-mean, one per file of
// src/providers/): no pattern, so that a path that type-checks is a path Node can import. That each target
// exists and imports from an installed tarball is checked by scripts/check-install.mjs (pnpm check:packages).
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  exports: Record<string, string | { types: string; default: string }>;
};
const providerFiles = readdirSync(new URL("../src/providers/", import.meta.url))
  .filter((file) => file.endsWith(".ts"))
  .map((file) => file.slice(0, -3));

describe("package.json exports", () => {
  it("lists the built entry points, each by name, and nothing else (no pattern that reaches nested files)", () => {
    const expected: Record<string, { types: string; default: string }> = {
      ".": { types: "./dist/index.d.ts", default: "./dist/index.js" },
      "./node": { types: "./dist/keep-alive.d.ts", default: "./dist/keep-alive.js" },
      "./did-you-mean": { types: "./dist/did-you-mean.d.ts", default: "./dist/did-you-mean.js" },
      ...Object.fromEntries(
        providerFiles.map((name) => [
          `./${name}`,
          { types: `./dist/providers/${name}.d.ts`, default: `./dist/providers/${name}.js` },
        ]),
      ),
    };
    const { "./package.json": packageJson, ...entries } = pkg.exports;
    expect(packageJson).toBe("./package.json");
    expect(entries).toEqual(expected);
    expect(Object.keys(pkg.exports).filter((subpath) => subpath.includes("*"))).toEqual([]);
    expect(providerFiles).toContain("all");
  });
});
