// A fresh clone's `pnpm install` links every workspace dependency's bin before anything is built: a bin
// that is a build output (dist/…) cannot be linked then, and pnpm warns on every set-up. So no workspace
// package depends on another whose bin is built; the bench runs the CLI by its path instead.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../src/index.js";

interface Manifest {
  name: string;
  bin?: string | Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** Every workspace package (pnpm-workspace.yaml: packages/*, tools/*, examples/*, bench), by directory. */
const workspace = ["packages", "tools", "examples"]
  .flatMap((group) => readdirSync(join(repoRoot, group)).map((dir) => join(group, dir)))
  .concat("bench")
  .filter((dir) => existsSync(join(repoRoot, dir, "package.json")))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(repoRoot, dir, "package.json"), "utf8")) as Manifest }));

const builtBins = (manifest: Manifest) =>
  Object.values(typeof manifest.bin === "string" ? { [manifest.name]: manifest.bin } : (manifest.bin ?? {})).filter(
    (file) => /^(\.\/)?dist\//.test(file),
  );

describe("workspace bins", () => {
  it("no workspace package depends on one whose bin is built (pnpm links bins before the build)", () => {
    const withBuiltBin = new Set(
      workspace.filter(({ manifest }) => builtBins(manifest).length > 0).map(({ manifest }) => manifest.name),
    );
    expect(withBuiltBin).toContain("@finoauth/cli");
    const offenders = workspace.flatMap(({ dir, manifest }) =>
      Object.keys({ ...manifest.dependencies, ...manifest.devDependencies, ...manifest.optionalDependencies })
        .filter((name) => withBuiltBin.has(name))
        .map((name) => `${dir} depends on ${name}`),
    );
    expect(offenders).toEqual([]);
  });
});
