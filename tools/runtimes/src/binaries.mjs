// Where the runtimes' binaries are: the npm packages `bun`, `deno` and `workerd` (pinned in package.json)
// install them from their optional platform packages, and their postinstall scripts (allowed by the root
// package.json's onlyBuiltDependencies) put the binary in place of the package's launcher script.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const packageDir = (name) => dirname(require.resolve(`${name}/package.json`));

/** The binary of `bun`, `deno` or `workerd`; throws, saying how to install it, when it is missing. */
export function binary(name) {
  const file = { bun: "bin/bun.exe", deno: "deno", workerd: "bin/workerd" }[name];
  if (!file) throw new Error(`unknown runtime ${name}`);
  let path;
  try {
    path = join(packageDir(name), file);
  } catch {
    throw new Error(`${name} is not installed: run pnpm install (or npm run setup)`);
  }
  if (!existsSync(path))
    throw new Error(`${path} is missing: ${name}'s postinstall did not run (pnpm rebuild ${name}, or npm run setup)`);
  return path;
}

/** The installed (pinned) version of the npm package `name`. */
export function packageVersion(name) {
  return JSON.parse(readFileSync(join(packageDir(name), "package.json"), "utf8")).version;
}
