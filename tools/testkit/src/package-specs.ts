// Which specs a package's tests need, derived from package.json files: a generated package names its
// spec once (its `finoauth` block), and a package that builds on clients needs their specs.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Every spec of the repository (specs/*.yaml, the one registry of specs), sorted: a check over all providers runs over these. */
export { availableSpecs as allSpecs } from "@finoauth/mock/spec";

/** The repository root (the packages' parent folder). */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

interface Manifest {
  name?: string;
  finoauth?: { spec?: string };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const readManifest = (file: string): Manifest => JSON.parse(readFileSync(file, "utf8")) as Manifest;

/**
 * The specs whose mocks the tests of the package in `packageDir` need: its own spec (its `finoauth`
 * block), then the spec of every `@finoauth/*` package it depends on, sorted and without repeats.
 */
export function specsOfPackage(packageDir: string): string[] {
  const manifest = readManifest(join(packageDir, "package.json"));
  const specs = new Set<string>();
  if (manifest.finoauth?.spec) specs.add(manifest.finoauth.spec);
  const require = createRequire(join(packageDir, "package.json"));
  const names = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies, ...manifest.peerDependencies });
  for (const name of names.filter((n) => n.startsWith("@finoauth/"))) {
    let file: string;
    try {
      file = require.resolve(`${name}/package.json`);
    } catch {
      continue; // an optional peer that is not installed
    }
    const spec = readManifest(file).finoauth?.spec;
    if (spec) specs.add(spec);
  }
  return [...specs].sort();
}
