// Which spec feeds which package: every package whose package.json has a `finoauth` block
// ({ "spec": "<name>", "clientName": "<Pascal>" }) is generated from specs/<spec>.yaml.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/** @typedef {{ spec: string, clientName: string, packageDir: string, specFile: string }} Target */

/** Lists the generation targets under `<root>/packages`, sorted by spec name. */
export async function listTargets(root) {
  const packagesDir = join(root, "packages");
  /** @type {Target[]} */
  const targets = [];
  for (const entry of await readdir(packagesDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const manifest = JSON.parse(
      await readFile(join(packagesDir, entry.name, "package.json"), "utf8").catch(() => "{}"),
    );
    const config = manifest.finoauth;
    if (!config) continue;
    if (typeof config.spec !== "string" || !/^[A-Z][A-Za-z0-9]*$/.test(config.clientName ?? "")) {
      throw new Error(
        `packages/${entry.name}/package.json: "finoauth" needs a "spec" name and a PascalCase "clientName"`,
      );
    }
    targets.push({
      spec: config.spec,
      clientName: config.clientName,
      packageDir: join(packagesDir, entry.name),
      specFile: join(root, "specs", `${config.spec}.yaml`),
    });
  }
  return targets.sort((a, b) => a.spec.localeCompare(b.spec));
}
