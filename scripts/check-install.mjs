#!/usr/bin/env node
// Packs every published package and installs each tarball ALONE into an empty project (with the tarballs of
// the @finoauth/* packages it depends on: a client's @finoauth/runtime), then checks that it imports, creates
// a client that sends to the default server, and type-checks under `strict`; the same for @finoauth/runtime. Also: the CLI
// alone (a small tree; `mock` says how to add @finoauth/mock), and a user's project that runs a vitest
// contract test against @finoauth/mock's globalSetup, as its README documents it. And a user's project that
// installs the engine and every client with pnpm's isolated layout and no hoisting, imports every entry point
// @finoauth/auth exports (and no other), and type-checks under skipLibCheck: false and exactOptionalPropertyTypes.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { allOperations, loadSpecFile } from "@finoauth/spec";
import { constantPrefix } from "./generator/render.mjs";
import { listTargets } from "./generator/targets.mjs";

const run = promisify(execFile);
const root = join(import.meta.dirname, "..");
const tsc = join(root, "node_modules/typescript/bin/tsc");

/**
 * Writes `lines` as check.ts into a consumer project, type-checks it under `strict` (skipLibCheck: false),
 * runs it, and throws unless it printed "ok".
 */
async function compilesStrictAndRuns(dir, lines) {
  await writeFile(join(dir, "check.ts"), lines.join("\n"));
  const compilerOptions = {
    strict: true,
    noEmit: false,
    outDir: "out",
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2022", "DOM"],
    types: [],
    skipLibCheck: false,
  };
  await writeFile(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["check.ts"] }));
  await run(process.execPath, [tsc, "-p", "."], { cwd: dir });
  const { stdout } = await run(process.execPath, ["out/check.js"], { cwd: dir });
  if (stdout.trim() !== "ok") throw new Error(stdout);
}

async function checkOne(target) {
  const dir = await mkdtemp(join(tmpdir(), `finoauth-${target.spec}-`));
  try {
    const name = JSON.parse(await readFile(join(target.packageDir, "package.json"), "utf8")).name;
    const [first] = allOperations(loadSpecFile(target.specFile));
    const path = first.path;
    const method = first.method.toLowerCase();
    const prefix = constantPrefix(target);
    await writeFile(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    await run(
      "npm",
      [
        "install",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
        ...(await packWithWorkspaceDependencies(target.packageDir, dir)),
      ],
      { cwd: dir },
    );
    await compilesStrictAndRuns(dir, [
      `import { create${target.clientName}Client, ${prefix}_SERVERS, type ${target.clientName}Client, type paths } from "${name}";`,
      `const seen: string[] = [];`,
      `const client: ${target.clientName}Client = create${target.clientName}Client({`,
      `  fetch: async (request: Request) => (seen.push(request.url), new Response(null, { status: 204 })),`,
      `});`,
      `const firstPath: keyof paths = ${JSON.stringify(path)};`,
      `await (client.request as (m: string, p: string, i?: object) => Promise<unknown>)(${JSON.stringify(method)}, firstPath, {});`,
      `const expected = Object.values(${prefix}_SERVERS)[0] + firstPath;`,
      `if (!seen[0]?.startsWith(expected.split("{")[0]!)) throw new Error("sent to " + seen[0] + ", expected " + expected);`,
      `console.log("ok");`,
    ]);
    return `${name}: packed, installed alone, type-checked (strict) and ran`;
  } catch (error) {
    throw new Error(`${target.spec}: ${error.stderr || error.stdout || error.message}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * `npm i @finoauth/auth @finoauth/finapi` is a complete install: the engine and one provider's client, no
 * other provider installed (the clients are optional peers), the definition imported from its own entry
 * point, type-checked under `strict` and run against a stub fetch.
 */
async function checkEngineWithOneProvider() {
  const dir = await mkdtemp(join(tmpdir(), "finoauth-auth-"));
  try {
    const pack = async (packageDir) =>
      (await run("pnpm", ["pack", "--pack-destination", dir], { cwd: packageDir })).stdout.trim().split("\n").pop();
    const tarballs = [
      await pack(join(root, "packages/auth")),
      ...(await packWithWorkspaceDependencies(join(root, "packages/finapi"), dir)),
    ];
    await writeFile(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...tarballs], { cwd: dir });
    const installed = (await run("npm", ["ls", "--all", "--parseable"], { cwd: dir })).stdout
      .split("\n")
      .filter((line) => line.includes("@finoauth/"));
    const others = installed.filter((line) => !/@finoauth\/(auth|finapi|runtime)$/.test(line));
    if (others.length > 0) throw new Error(`installing the engine and finAPI also installed: ${others.join(", ")}`);
    await compilesStrictAndRuns(dir, [
      `import { createProvider, type TokenSet } from "@finoauth/auth";`,
      `import { finapi } from "@finoauth/auth/finapi";`,
      `const provider = createProvider(finapi, {`,
      `  clientId: "id",`,
      `  clientSecret: "secret",`,
      `  fetch: async () => Response.json({ access_token: "at-1", token_type: "bearer", expires_in: 60, scope: "all" }, { headers: { "x-request-id": "r-1" } }),`,
      `});`,
      `const token: TokenSet<{ readonly requestId?: string }> = await provider.clientCredentials();`,
      `if (token.accessToken !== "at-1" || token.extras.requestId !== "r-1") throw new Error("unexpected token " + String(token));`,
      `console.log("ok");`,
    ]);
    // @finoauth/auth/all needs every client: without them it says which, and what to do instead.
    const all = await run(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import("@finoauth/auth/all").then(() => console.log("loaded"), (e) => console.log(e.message))`,
      ],
      { cwd: dir },
    );
    // Every client of the registry but finAPI's, in the registry's order (read from the built registry).
    const { providers } = await import(join(root, "packages/auth/dist/providers/all.js"));
    const missing = Object.keys(providers)
      .filter((name) => name !== "finapi")
      .map((name) => `@finoauth/${name}`);
    const expected = `@finoauth/auth/all needs ${missing.slice(0, -1).join(", ")} and ${missing.at(-1)}: npm i ${missing.join(" ")}, or import the provider you use from @finoauth/auth/finapi`;
    if (all.stdout.trim() !== expected)
      throw new Error(`importing @finoauth/auth/all without its clients said:\n${all.stdout}`);
    return "@finoauth/auth + @finoauth/finapi: installed alone (no other provider), type-checked (strict) and ran; /all names the missing clients";
  } catch (error) {
    throw new Error(`auth + finapi: ${error.stderr || error.stdout || error.message}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const pack = async (packageDir, dir) =>
  (await run("pnpm", ["pack", "--pack-destination", dir], { cwd: packageDir })).stdout.trim().split("\n").pop();
/**
 * Packs a package and, recursively, the @finoauth/* packages it depends on (a client's @finoauth/runtime,
 * the mock's @finoauth/spec): they are not on npm yet, so a tarball alone would send npm to the registry for them.
 */
async function packWithWorkspaceDependencies(packageDir, dir, done = new Set()) {
  const manifest = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8"));
  done.add(manifest.name);
  const tarballs = [await pack(packageDir, dir)];
  for (const name of Object.keys(manifest.dependencies ?? {}).filter(
    (name) => name.startsWith("@finoauth/") && !done.has(name),
  )) {
    tarballs.push(
      ...(await packWithWorkspaceDependencies(join(root, "packages", name.slice("@finoauth/".length)), dir, done)),
    );
  }
  return tarballs;
}
const npmInstall = (dir, ...specs) =>
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...specs], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
  });
/** How many packages a project's install put in node_modules (every package.json below it, nested ones included). */
async function installedCount(dir) {
  const { stdout } = await run("npm", ["ls", "--all", "--parseable"], { cwd: dir, maxBuffer: 16 * 1024 * 1024 }).catch(
    (error) => error,
  );
  return new Set(stdout.split("\n").filter((line) => line.includes("node_modules"))).size;
}

/** `npm i @finoauth/runtime`: alone, it sends a body in the media type it is given for the operation, and type-checks under `strict`. */
async function checkRuntimeAlone() {
  const dir = await mkdtemp(join(tmpdir(), "finoauth-runtime-"));
  try {
    await writeFile(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    await npmInstall(dir, ...(await packWithWorkspaceDependencies(join(root, "packages/runtime"), dir)));
    await compilesStrictAndRuns(dir, [
      `import { createSpecClient } from "@finoauth/runtime";`,
      `type Paths = { "/token": { post: { parameters: {}; requestBody: { content: { "application/x-www-form-urlencoded": { grant_type: string } } }; responses: { 204: { content?: never } } } } };`,
      `const seen: Request[] = [];`,
      `const client = createSpecClient<Paths>({ baseUrl: "https://as.example", fetch: async (request: Request) => (seen.push(request), new Response(null, { status: 204 })) }, { "POST /token": "application/x-www-form-urlencoded" });`,
      `await client.POST("/token", { body: { grant_type: "client_credentials" } });`,
      `const body = await seen[0]!.text();`,
      `if (seen[0]!.headers.get("content-type") !== "application/x-www-form-urlencoded" || body !== "grant_type=client_credentials") throw new Error("sent " + body);`,
      `console.log("ok");`,
    ]);
    return `@finoauth/runtime: installed alone (${await installedCount(dir)} packages in node_modules), type-checked (strict) and sent a form body`;
  } catch (error) {
    throw new Error(`runtime: ${error.stderr || error.stdout || error.message}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `npm i @finoauth/cli`: the bundled CLI runs with no dependency, and `mock` says in one line how to add @finoauth/mock. */
async function checkCliAlone() {
  const dir = await mkdtemp(join(tmpdir(), "finoauth-cli-"));
  try {
    await writeFile(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    await npmInstall(dir, await pack(join(root, "packages/cli"), dir));
    const count = await installedCount(dir);
    const bin = join(dir, "node_modules/.bin/finoauth");
    const { stdout: help } = await run(bin, ["token", "--help"], { cwd: dir });
    if (!help.includes("finapi")) throw new Error(`finoauth token --help does not list the providers:\n${help}`);
    const missing = await run(bin, ["mock", "fincalc"], { cwd: dir }).then(
      () => ({ code: 0, stderr: "" }),
      (error) => ({ code: error.code, stderr: error.stderr }),
    );
    if (
      missing.code !== 1 ||
      !/^finoauth: finoauth mock needs @finoauth\/mock \(Prism\), which is not installed: npm i -D @finoauth\/mock .*\n$/.test(
        missing.stderr,
      )
    ) {
      throw new Error(
        `finoauth mock without @finoauth/mock: exit ${missing.code}, stderr ${JSON.stringify(missing.stderr)}`,
      );
    }
    return `@finoauth/cli: installed alone (${count} package${count === 1 ? "" : "s"} in node_modules), runs, and mock says how to add @finoauth/mock`;
  } catch (error) {
    throw new Error(`cli: ${error.stderr || error.stdout || error.message}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A user's project: the packed @finoauth/mock and @finoauth/finapi (with their @finoauth/spec and @finoauth/runtime), vitest, the README's globalSetup, one contract test. */
async function checkMockInUserProject() {
  const dir = await mkdtemp(join(tmpdir(), "finoauth-mock-user-"));
  try {
    const vitest = JSON.parse(await readFile(join(root, "packages/mock/package.json"), "utf8")).devDependencies.vitest;
    await writeFile(
      join(dir, "package.json"),
      JSON.stringify({ name: "consumer", private: true, type: "module", scripts: { test: "vitest run" } }),
    );
    await npmInstall(
      dir,
      ...(await packWithWorkspaceDependencies(join(root, "packages/mock"), dir)),
      ...(await packWithWorkspaceDependencies(join(root, "packages/finapi"), dir)),
      `vitest@${vitest}`,
    );
    await writeFile(
      join(dir, "vitest.config.ts"),
      [
        `import type {} from "@finoauth/mock/vitest";`,
        `import { defineConfig } from "vitest/config";`,
        ``,
        `export default defineConfig({`,
        `  test: { globalSetup: ["@finoauth/mock/vitest"], provide: { mockSpecs: ["finapi"] } },`,
        `});`,
      ].join("\n"),
    );
    await writeFile(
      join(dir, "finapi.test.ts"),
      [
        `import type {} from "@finoauth/mock/vitest";`,
        `import { createFinapiClient } from "@finoauth/finapi";`,
        `import { describeViolations, violationsOf } from "@finoauth/mock";`,
        `import { expect, inject, it } from "vitest";`,
        ``,
        `it("gets a token from the finAPI mock with a request the spec accepts", async () => {`,
        `  const finapi = createFinapiClient({ baseUrl: inject("mockUrls").finapi });`,
        `  const { data, response } = await finapi.POST("/oauth/token", {`,
        `    body: { grant_type: "client_credentials", client_id: "my-client", client_secret: "my-secret" },`,
        `  });`,
        `  expect(violationsOf(response), describeViolations(violationsOf(response))).toEqual([]);`,
        `  expect(response.status).toBe(200);`,
        `  expect(data?.access_token).toBeTypeOf("string");`,
        `});`,
        ``,
        `it("the mock refuses a request that breaks the spec, and says why", async () => {`,
        `  const response = await fetch(inject("mockUrls").finapi + "/oauth/token", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=password" });`,
        `  expect(violationsOf(response).map((v) => v.code)).toContain("required");`,
        `});`,
      ].join("\n"),
    );
    await writeFile(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          lib: ["ES2022", "DOM"],
          types: [],
          skipLibCheck: true,
        },
        files: ["vitest.config.ts", "finapi.test.ts"],
      }),
    );
    await run(process.execPath, [tsc, "-p", "."], { cwd: dir });
    const { stdout } = await run("npm", ["test", "--silent"], {
      cwd: dir,
      env: { ...process.env, FINOAUTH_MOCK_URLS: "", CI: "true" },
    });
    if (!/Tests\s+2 passed/.test(stdout.replace(/\x1b\[[0-9;]*m/g, "")))
      throw new Error(`the user's vitest run did not pass both tests:\n${stdout}`);
    const count = await installedCount(dir);
    return `@finoauth/mock + @finoauth/finapi: a user's vitest project (${count} packages with vitest and Prism) ran a contract test against the documented globalSetup`;
  } catch (error) {
    throw new Error(`mock in a user's project: ${error.stderr || ""}${error.stdout || error.message}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A user's project installed from the packed tarballs with pnpm's isolated layout and no hoisting (a package
 * sees only what it declares): every entry point @finoauth/auth exports type-checks with `skipLibCheck: false`
 * and `exactOptionalPropertyTypes: true`, its files exist and each imports; a nested file is not exported.
 */
async function checkIsolatedUserProject() {
  const dir = await mkdtemp(join(tmpdir(), "finoauth-isolated-"));
  try {
    const clients = await listTargets(root);
    const tarballs = await Promise.all(
      [join(root, "packages", "auth"), ...clients.map((client) => client.packageDir)].map(async (packageDir) => [
        JSON.parse(await readFile(join(packageDir, "package.json"), "utf8")).name,
        await pack(packageDir, dir),
      ]),
    );
    const dependencies = Object.fromEntries(tarballs.map(([name, tarball]) => [name, `file:${tarball}`]));
    // The clients' shared runtime, from its tarball for every package that depends on it (it is not on npm yet).
    const overrides = { "@finoauth/runtime": `file:${await pack(join(root, "packages/runtime"), dir)}` };
    await writeFile(
      join(dir, "package.json"),
      JSON.stringify({ name: "consumer", private: true, type: "module", dependencies, pnpm: { overrides } }),
    );
    await writeFile(join(dir, ".npmrc"), "node-linker=isolated\nhoist=false\npublic-hoist-pattern=\n");
    await run("pnpm", ["install", "--prefer-offline", "--ignore-workspace", "--reporter=silent"], {
      cwd: dir,
      maxBuffer: 16 * 1024 * 1024,
    });
    const { exports } = JSON.parse(await readFile(join(dir, "node_modules/@finoauth/auth/package.json"), "utf8"));
    const entries = Object.keys(exports)
      .filter((subpath) => subpath !== "./package.json")
      .map((subpath) => `@finoauth/auth${subpath.slice(1)}`);
    if (entries.length !== clients.length + 4)
      throw new Error(
        `@finoauth/auth exports ${entries.join(", ")}: expected the engine, /node, /did-you-mean, /all and one per provider`,
      );
    await writeFile(
      join(dir, "check.ts"),
      [
        ...entries.map((entry, i) => `import * as entry${i} from "${entry}";`),
        `import { createProvider } from "@finoauth/auth";`,
        `import { finapi } from "@finoauth/auth/finapi";`,
        `declare const process: { env: Record<string, string | undefined> };`,
        `const provider = createProvider(finapi, { clientId: "x", clientSecret: process.env.FINAPI_SECRET!, baseUrl: process.env.FINAPI_URL });`,
        `console.log(provider.id, ${entries.map((_, i) => `Object.keys(entry${i}).length`).join(" + ")} > 0);`,
      ].join("\n"),
    );
    await writeFile(
      join(dir, "nested.ts"),
      `import { discover } from "@finoauth/auth/oauth2/discovery";\nconsole.log(discover);\n`,
    );
    const compilerOptions = {
      strict: true,
      exactOptionalPropertyTypes: true,
      skipLibCheck: false,
      noEmit: true,
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      lib: ["ES2022", "DOM"],
      types: [],
    };
    await writeFile(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["check.ts"] }));
    await writeFile(join(dir, "tsconfig.nested.json"), JSON.stringify({ compilerOptions, files: ["nested.ts"] }));
    await run(process.execPath, [tsc, "-p", "."], { cwd: dir }).catch((error) => {
      throw new Error(
        `the isolated project does not type-check (skipLibCheck: false, exactOptionalPropertyTypes):\n${error.stdout}`,
      );
    });
    const nested = await run(process.execPath, [tsc, "-p", "tsconfig.nested.json"], { cwd: dir }).then(
      () => "",
      (error) => error.stdout,
    );
    if (!nested.includes("TS2307") || !nested.includes("@finoauth/auth/oauth2/discovery"))
      throw new Error(`a nested path type-checks:\n${nested}`);
    const script = [
      `import { existsSync, readFileSync } from "node:fs";`,
      `const base = "node_modules/@finoauth/auth/";`,
      `const { exports } = JSON.parse(readFileSync(base + "package.json", "utf8"));`,
      `let n = 0;`,
      `for (const [subpath, target] of Object.entries(exports)) {`,
      `  for (const file of typeof target === "string" ? [target] : Object.values(target)) if (!existsSync(base + file)) throw new Error(subpath + ": " + file + " is not in the package");`,
      `  if (subpath !== "./package.json") (await import("@finoauth/auth" + subpath.slice(1)), n++);`,
      `}`,
      `const nested = await import("@finoauth/auth/oauth2/discovery").then(() => "imported", (e) => e.code);`,
      `if (nested !== "ERR_PACKAGE_PATH_NOT_EXPORTED") throw new Error("@finoauth/auth/oauth2/discovery: " + nested);`,
      `console.log(n);`,
    ].join("\n");
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: dir });
    if (Number(stdout.trim()) !== entries.length)
      throw new Error(`imported ${stdout.trim()} of ${entries.length} entry points`);
    return `@finoauth/auth + every client, pnpm isolated without hoisting: ${entries.length} entry points type-check (skipLibCheck: false, exactOptionalPropertyTypes) and import; a nested path is not exported`;
  } catch (error) {
    throw new Error(`isolated user project: ${error.stderr || ""}${error.stdout || error.message}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const results = await Promise.allSettled([
  ...(await listTargets(root)).map(checkOne),
  checkEngineWithOneProvider(),
  checkRuntimeAlone(),
  checkCliAlone(),
  checkMockInUserProject(),
  checkIsolatedUserProject(),
]);
let failed = 0;
for (const result of results) {
  if (result.status === "fulfilled") console.log(result.value);
  else failed++, console.error(result.reason.message);
}
process.exit(failed ? 1 : 0);
