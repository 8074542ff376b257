// Where the runtimes' binaries are. The npm packages `bun`, `deno` and `workerd` (pinned in package.json)
// each bring the binary of this platform as an optional dependency (`@oven/bun-linux-x64`, …); the suite runs
// that binary directly. Their postinstall scripts, which would copy it over the package's launcher, are not
// run (the root package.json's ignoredBuiltDependencies): pnpm then hashes none of the ~300 MB of binaries on
// every install, so an install with a warm store stays quick.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const packageDir = (name, from = require) => dirname(from.resolve(`${name}/package.json`));

const arm = process.arch === "arm64";
const musl = process.platform === "linux" && !process.report?.getReport().header.glibcVersionRuntime;

/** Each runtime's platform package and the binary's path in it, for Linux (glibc; Bun also musl) and macOS. */
const PLATFORM = {
  bun: {
    package: `@oven/bun-${process.platform}-${arm ? "aarch64" : "x64"}${musl ? "-musl" : ""}`,
    file: "bin/bun",
  },
  deno: {
    package: `@deno/${process.platform}-${arm ? "arm64" : "x64"}${process.platform === "linux" ? "-glibc" : ""}`,
    file: "deno",
  },
  workerd: { package: `@cloudflare/workerd-${process.platform}-${arm ? "arm64" : "64"}`, file: "bin/workerd" },
};

/** The binary of `bun`, `deno` or `workerd`; throws, saying what is missing, when it is not installed. */
export function binary(name) {
  const platform = PLATFORM[name];
  if (!platform) throw new Error(`unknown runtime ${name}`);
  let dir;
  try {
    dir = packageDir(platform.package, createRequire(join(packageDir(name), "package.json")));
  } catch {
    throw new Error(`${name}'s binary for this platform (${platform.package}) is not installed: run pnpm install`);
  }
  const path = join(dir, platform.file);
  if (!existsSync(path)) throw new Error(`${path} is missing`);
  return path;
}

/** The installed (pinned) version of the npm package `name`. */
export function packageVersion(name) {
  return JSON.parse(readFileSync(join(packageDir(name), "package.json"), "utf8")).version;
}
