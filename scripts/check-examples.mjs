#!/usr/bin/env node
// Type-checks every ```ts example in the READMEs (root and packages) under `strict`, against the built
// packages, as a user's code would see them. The root README's examples are checked from packages/auth,
// which depends on every provider package. Names an example takes as given are declared in GIVEN.
import { execFile } from "node:child_process";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = join(import.meta.dirname, "..");
const tsc = join(root, "node_modules/typescript/bin/tsc");

/** Values the examples use without building them (they come from a callback, a database, the environment). */
const GIVEN = [
  "code",
  "refreshToken",
  "userRefreshToken",
  "clientToken",
  "userId",
  "clientId",
  "clientSecret",
  "fingerprint",
  "userIp",
  "callbackUrl",
];
/** The same for values of other types: the user's session (a cookie-backed map in a web framework). */
const GIVEN_TYPED = { session: "Map<string, string>" };

const blocks = (markdown) => [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);

/** Examples that use the Redis store are checked from its package, which has the Redis clients as dev dependencies. */
const REDIS_STORE = join(root, "packages/redis-store");
const homeOf = (code, packageDir) => (/from "@finoauth\/redis-store"/.test(code) ? REDIS_STORE : packageDir);

async function check(readme, packageDir) {
  const examples = blocks(await readFile(readme, "utf8").catch(() => ""));
  const homes = [...new Set(examples.map((code) => homeOf(code, packageDir)))];
  for (const home of homes)
    await checkIn(
      readme,
      home,
      examples.filter((code) => homeOf(code, packageDir) === home),
    );
  return examples.length;
}

async function checkIn(readme, packageDir, examples) {
  const dir = join(packageDir, ".examples");
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const name = relative(root, readme).replace(/[/.]/g, "_");
  await Promise.all(examples.map((code, i) => writeFile(join(dir, `${name}_${i + 1}.ts`), `${code}\nexport {};\n`)));
  await writeFile(
    join(dir, "given.d.ts"),
    `${[
      ...GIVEN.map((g) => `declare const ${g}: string;`),
      ...Object.entries(GIVEN_TYPED).map(([g, type]) => `declare const ${g}: ${type};`),
    ].join("\n")}\n`,
  );
  await writeFile(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      extends: "../../../tsconfig.base.json",
      compilerOptions: { noEmit: true, types: ["node"], noUnusedLocals: false },
      files: [...examples.map((_, i) => `${name}_${i + 1}.ts`), "given.d.ts"],
    }),
  );
  try {
    await run(process.execPath, [tsc, "-p", dir], { cwd: packageDir });
  } catch (error) {
    throw new Error(`${relative(root, readme)}: an example does not type-check:\n${error.stdout}`);
  }
}

const readmes = [[join(root, "README.md"), join(root, "packages/auth")]];
/** READMEs whose examples use a client their own package does not depend on: checked from packages/auth, which has them all. */
const CHECKED_FROM_AUTH = new Set(["mock"]);
for (const entry of await readdir(join(root, "packages"), { withFileTypes: true })) {
  if (entry.isDirectory())
    readmes.push([
      join(root, "packages", entry.name, "README.md"),
      join(root, "packages", CHECKED_FROM_AUTH.has(entry.name) ? "auth" : entry.name),
    ]);
}
let failed = 0;
let total = 0;
for (const [readme, dir] of readmes) {
  try {
    total += await check(readme, dir);
  } catch (error) {
    failed++;
    console.error(error.message);
  }
}
console.log(`check-examples: ${total} README example(s) type-checked, ${failed} README(s) failing`);
process.exit(failed ? 1 : 0);
