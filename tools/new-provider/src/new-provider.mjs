// `pnpm new-provider <name> [--display-name "Acme Pay"]`: scaffolds a provider as ARCHITECTURE.md "Adding a
// provider" describes it. Writes the client package (packages/<name>), a spec skeleton only when
// specs/<name>.yaml does not exist, the adapter skeleton, its registry line, its CLI hints, its secret-sweep
// entries, the auth and CLI manifests' entries and a changeset. Refuses (exit 2, nothing written) a name that
// is not a kebab-case npm name or that is taken. What is left by hand: the spec, and the adapter's quirks.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { loadSpecFile, operationsOf, requestExamples } from "@finoauth/spec";
import { parse } from "yaml";
import {
  addToAuthManifest,
  addToCliManifest,
  addToHints,
  addToRegistry,
  addToSecretSweep,
  objectKey,
} from "./edits.mjs";
import { adapterFile, changesetFile, clientPackageFiles, hintsFile, namesOf, specSkeleton } from "./templates.mjs";

/** Thrown for a name the scaffold refuses: the message says why; the process exits 2. */
export class RefusedName extends Error {}

/** Names that are packages, entry points or files of their own already, whatever the registry says. */
const RESERVED = new Set(["all", "auth", "cli", "did-you-mean", "index", "mock", "node", "redis-store", "runtime"]);

/**
 * Why `name` cannot be a new provider in the repository at `root`, or undefined when it can: it must be a
 * kebab-case npm name (lower-case letters and digits, single hyphens between, a letter first) and must
 * not be taken by a package, an adapter, a registry entry, CLI hints or a changeset.
 * @param {string} root @param {string} name
 */
export function refusal(root, name) {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name) || name.length > 50)
    return `"${name}" is not a kebab-case npm name (lower-case letters and digits, words joined by single hyphens, a letter first, at most 50 characters): e.g. acme-pay`;
  if (RESERVED.has(name) || existsSync(join(root, "packages", name)))
    return `"${name}" is taken: packages/${name} exists or is reserved (${[...RESERVED].join(", ")})`;
  const taken = [
    `packages/auth/src/providers/${name}.ts`,
    `packages/cli/src/hints/${name}.ts`,
    `.changeset/${name}-provider.md`,
  ].filter((file) => existsSync(join(root, file)));
  const registry = readFileSync(join(root, "packages/auth/src/providers/all.ts"), "utf8");
  if (registry.includes(`\n  ${objectKey(name)}: import(`))
    taken.push("its line in packages/auth/src/providers/all.ts");
  if (taken.length > 0) return `"${name}" is taken: ${taken.join(", ")} exists already`;
  return undefined;
}

/** One contract call per operation: method, path and the spec's first request example, if any. */
function callsOf(document) {
  const examples = requestExamples(document);
  return [...operationsOf(document)].map(([operationId, { method, path }]) => ({
    operationId,
    method,
    path,
    body: examples.find((example) => example.operationId === operationId)?.value,
  }));
}

/**
 * Scaffolds provider `name` in the repository at `root`; returns the files written or changed, relative to
 * `root`. Throws {@link RefusedName} before writing anything when the name is refused.
 * @param {string} root @param {string} name @param {{ displayName?: string | undefined }} [options]
 */
export function newProvider(root, name, options = {}) {
  const why = refusal(root, name);
  if (why) throw new RefusedName(why);
  // Every file is computed first and written last, so that a failure (an edited file not as expected) writes nothing.
  /** @type {Map<string, string>} */
  const files = new Map();
  const write = (file, text) => files.set(file, text);
  const edit = (file, change) => write(file, change(files.get(file) ?? readFileSync(join(root, file), "utf8")));
  const editJson = (file, change) => edit(file, (text) => `${JSON.stringify(change(JSON.parse(text)), null, 2)}\n`);

  const specPath = `specs/${name}.yaml`;
  if (!existsSync(join(root, specPath))) write(specPath, specSkeleton(namesOf(name, options.displayName)));
  const document = files.has(specPath) ? parse(files.get(specPath)) : loadSpecFile(join(root, specPath));
  const n = namesOf(name, options.displayName, document.servers?.[0]?.["x-name"] ?? "production");
  const calls = callsOf(document);
  const tokenCall = calls.find((call) => call.method === "POST" && /token/i.test(call.path)) ??
    calls.find((call) => call.method === "POST") ?? { path: "/oauth/token" };

  for (const [file, text] of Object.entries(clientPackageFiles(n, calls))) write(`packages/${name}/${file}`, text);
  write(`packages/auth/src/providers/${name}.ts`, adapterFile(n, tokenCall));
  edit("packages/auth/src/providers/all.ts", (text) => addToRegistry(text, n));
  editJson("packages/auth/package.json", (manifest) => addToAuthManifest(manifest, n));
  edit("packages/auth/test/secrets.test.ts", (text) => addToSecretSweep(text, n));
  write(`packages/cli/src/hints/${name}.ts`, hintsFile(n));
  edit("packages/cli/src/hints/index.ts", (text) => addToHints(text, n));
  editJson("packages/cli/package.json", (manifest) => addToCliManifest(manifest, n));
  write(`.changeset/${name}-provider.md`, changesetFile(n));
  for (const [file, text] of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return [...files.keys()];
}

/** What to do next, printed after the files. @param {string} name */
const nextSteps = (name) => `
Next:
  1. specs/${name}.yaml: the provider's contract (specs/README.md), if the scaffold wrote its skeleton.
  2. pnpm install && pnpm generate && pnpm --filter @finoauth/${name} build
  3. packages/auth/src/providers/${name}.ts: the quirks (lines marked "quirk:"): token and error shape,
     the request body of each grant, more grants, its own options (and their hints in
     packages/cli/src/hints/${name}.ts). The compiler says what does not fit the spec: pnpm typecheck.
  4. pnpm --filter @finoauth/${name} test, the secret sweep (packages/auth: npx vitest run test/secrets.test.ts),
     pnpm api:update, and edit .changeset/${name}-provider.md to say what the provider is.`;

/**
 * The command line, on the repository at `root`: exit code 0 with the files written (`out`), 2 with why the
 * name is refused or the usage (`err`).
 * @param {readonly string[]} argv @param {string} [root]
 * @returns {{ code: number, out?: string, err?: string }}
 */
export function main(argv, root = join(import.meta.dirname, "../../..")) {
  const usage = `usage: pnpm new-provider <kebab-case-name> [--display-name "Acme Pay"]`;
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { "display-name": { type: "string" } } });
  } catch (error) {
    return { code: 2, err: `new-provider: ${error.message}\n${usage}` };
  }
  if (parsed.positionals.length !== 1) return { code: 2, err: `new-provider: give one provider name\n${usage}` };
  try {
    const files = newProvider(root, parsed.positionals[0], { displayName: parsed.values["display-name"] });
    return {
      code: 0,
      out: `new-provider: wrote\n${files.map((f) => `  ${f}`).join("\n")}\n${nextSteps(parsed.positionals[0])}`,
    };
  } catch (error) {
    if (error instanceof RefusedName) return { code: 2, err: `new-provider: ${error.message}; nothing written` };
    throw error;
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const { code, out, err } = main(process.argv.slice(2));
  if (out) console.log(out);
  if (err) console.error(err);
  process.exitCode = code;
}
