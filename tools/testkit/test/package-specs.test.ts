import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, specsOfPackage } from "../src/index.js";

/** Every generated package's spec, read from the file system as the generator reads it. */
const generated = readdirSync(join(repoRoot, "packages"))
  .map(
    (dir) =>
      JSON.parse(readFileSync(join(repoRoot, "packages", dir, "package.json"), "utf8")) as {
        finoauth?: { spec: string };
      },
  )
  .flatMap((manifest) => (manifest.finoauth ? [manifest.finoauth.spec] : []))
  .sort();

describe("specsOfPackage", () => {
  it("gives a generated package its own spec only", () => {
    for (const spec of generated) {
      const dir = readdirSync(join(repoRoot, "packages")).find((d) =>
        readFileSync(join(repoRoot, "packages", d, "package.json"), "utf8").includes(`"spec": "${spec}"`),
      )!;
      expect(specsOfPackage(join(repoRoot, "packages", dir))).toEqual([spec]);
    }
  });

  it("gives a package the specs of the clients it depends on", () => {
    expect(generated.length).toBeGreaterThan(1);
    expect(specsOfPackage(join(repoRoot, "packages/auth"))).toEqual(generated);
    expect(specsOfPackage(join(repoRoot, "tools/testkit"))).toEqual([]);
  });
});
