#!/usr/bin/env node
// Packs every published package and installs each tarball ALONE into an empty project, then checks that it
// imports, creates a client that sends to the default server, and type-checks under `strict`.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";
import { constantPrefix } from "./generator/render.mjs";
import { listTargets } from "./generator/targets.mjs";

const run = promisify(execFile);
const root = join(import.meta.dirname, "..");
const tsc = join(root, "node_modules/typescript/bin/tsc");

async function checkOne(target) {
  const dir = await mkdtemp(join(tmpdir(), `finoauth-${target.spec}-`));
  try {
    const { stdout } = await run("pnpm", ["pack", "--pack-destination", dir], { cwd: target.packageDir });
    const tarball = stdout.trim().split("\n").pop();
    const name = JSON.parse(await readFile(join(target.packageDir, "package.json"), "utf8")).name;
    const spec = parse(await readFile(target.specFile, "utf8"));
    const [path, item] = Object.entries(spec.paths)[0];
    const method = Object.keys(item).find((key) => key !== "parameters" && key !== "servers");
    const prefix = constantPrefix(target);
    await writeFile(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", tarball], { cwd: dir });
    await writeFile(
      join(dir, "check.ts"),
      [
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
      ].join("\n"),
    );
    await writeFile(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: false, outDir: "out", target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"], types: [], skipLibCheck: false },
        files: ["check.ts"],
      }),
    );
    await run(process.execPath, [tsc, "-p", "."], { cwd: dir });
    const { stdout: out } = await run(process.execPath, ["out/check.js"], { cwd: dir });
    if (out.trim() !== "ok") throw new Error(out);
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
    const pack = async (packageDir) => (await run("pnpm", ["pack", "--pack-destination", dir], { cwd: packageDir })).stdout.trim().split("\n").pop();
    const tarballs = [await pack(join(root, "packages/auth")), await pack(join(root, "packages/finapi"))];
    await writeFile(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...tarballs], { cwd: dir });
    const installed = (await run("npm", ["ls", "--all", "--parseable"], { cwd: dir })).stdout.split("\n").filter((line) => line.includes("@finoauth/"));
    const others = installed.filter((line) => !/@finoauth\/(auth|finapi)$/.test(line));
    if (others.length > 0) throw new Error(`installing the engine and finAPI also installed: ${others.join(", ")}`);
    await writeFile(
      join(dir, "check.ts"),
      [
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
      ].join("\n"),
    );
    await writeFile(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: false, outDir: "out", target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"], types: [], skipLibCheck: false },
        files: ["check.ts"],
      }),
    );
    await run(process.execPath, [tsc, "-p", "."], { cwd: dir });
    const { stdout: out } = await run(process.execPath, ["out/check.js"], { cwd: dir });
    if (out.trim() !== "ok") throw new Error(out);
    return "@finoauth/auth + @finoauth/finapi: installed alone (no other provider), type-checked (strict) and ran";
  } catch (error) {
    throw new Error(`auth + finapi: ${error.stderr || error.stdout || error.message}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const results = await Promise.allSettled([...(await listTargets(root)).map(checkOne), checkEngineWithOneProvider()]);
let failed = 0;
for (const result of results) {
  if (result.status === "fulfilled") console.log(result.value);
  else (failed++, console.error(result.reason.message));
}
process.exit(failed ? 1 : 0);
