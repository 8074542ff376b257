// The record of one generation, written into the header of every generated file: which spec (by its
// sha256) and which generator versions (openapi-typescript, openapi-fetch) produced it. `pnpm generate
// --check` reads it back to say *why* a file is out of date; a published package carries it in dist/.
// When docs/<spec>/ holds the provider's docs the spec was last checked against (pnpm docs:check
// --snapshot), the record also names each of those files with its sha256.
import { createHash } from "node:crypto";
import { existsSync, lstatSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";

/** @typedef {{ spec: string, sha256: string, docs?: { file: string, sha256: string }[], tools: Record<string, string> }} Provenance */

/** The sha256 (hex) of a spec's bytes. */
export function specSha256(text) {
  return createHash("sha256").update(text).digest("hex");
}

/** The installed version of `name` as resolved from `fromDir` (its package.json's `version`). */
export function installedVersion(name, fromDir) {
  const require = createRequire(join(resolve(fromDir), "noop.js"));
  let dir;
  try {
    dir = require.resolve(`${name}/package.json`);
  } catch {
    // Packages whose `exports` hide package.json: walk up from the entry point.
    const entry = require.resolve(name);
    dir = `${entry.slice(0, entry.lastIndexOf(`/node_modules/${name}/`) + `/node_modules/${name}/`.length)}package.json`;
  }
  return JSON.parse(readFileSync(dir, "utf8")).version;
}

/** The folder of @finoauth/runtime as the generated package resolves it (it brings openapi-fetch). */
const runtimeDirOf = (packageDir) =>
  dirname(createRequire(join(resolve(packageDir), "noop.js")).resolve("@finoauth/runtime/package.json"));

/**
 * The docs snapshot of a spec: every file of `<root>/docs/<spec>/`, sorted, with its sha256. A symbolic
 * link or a folder there is refused: the snapshot is plain files inside that folder.
 */
export function docsSnapshotOf(root, spec) {
  const dir = join(root, "docs", spec);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const file = join(dir, name);
      if (!lstatSync(file).isFile())
        throw new Error(`docs/${spec}/${name} is not a plain file: the docs snapshot holds files only`);
      return { file: `docs/${spec}/${name}`, sha256: specSha256(readFileSync(file)) };
    });
}

/**
 * The provenance of one target's generated client: the spec's sha256, openapi-typescript as the
 * generator resolves it, and openapi-fetch as the generated package's runtime
 * (@finoauth/runtime, which its client imports) resolves it.
 */
export function provenanceOf(target, specText, generatorDir) {
  // specs/<spec>.yaml lives at the repository's root: the snapshot is beside it, in docs/<spec>/.
  const docs = target.specFile ? docsSnapshotOf(dirname(dirname(target.specFile)), target.spec) : [];
  return {
    spec: target.spec,
    sha256: specSha256(specText),
    ...(docs.length ? { docs } : {}),
    tools: {
      "openapi-typescript": installedVersion("openapi-typescript", generatorDir),
      "openapi-fetch": installedVersion("openapi-fetch", runtimeDirOf(target.packageDir)),
    },
  };
}

/** The record in words: `generated from specs/<spec>.yaml (sha256 …) by <tool> <version> and …`. */
export function provenanceText(provenance) {
  const tools = Object.entries(provenance.tools).map(([name, version]) => `${name} ${version}`);
  const docs = (provenance.docs ?? [])
    .map((entry) => `; checked against ${entry.file} sha256 ${entry.sha256}`)
    .join("");
  return `generated from specs/${provenance.spec}.yaml (sha256 ${provenance.sha256}${docs}) by ${tools.join(" and ")} — do not edit; run \`pnpm generate\`.`;
}

/** The first line of every generated TypeScript file: the do-not-edit notice with the provenance. */
export function headerLine(provenance) {
  return `// ${provenanceText(provenance)}\n`;
}

const RECORD =
  /generated from specs\/([^ ]+)\.yaml \(sha256 ([0-9a-f]{64})((?:; checked against [^ ]+ sha256 [0-9a-f]{64})*)\) by (.+?) — do not edit/;

/** Reads the provenance back from a generated file (its first record, wherever it is); `undefined` if none. */
export function parseHeader(fileText) {
  const match = RECORD.exec(fileText ?? "");
  if (!match) return undefined;
  const tools = {};
  const docs = [...match[3].matchAll(/; checked against ([^ ]+) sha256 ([0-9a-f]{64})/g)].map((entry) => ({
    file: entry[1],
    sha256: entry[2],
  }));
  for (const tool of match[4].split(" and ")) {
    const at = tool.lastIndexOf(" ");
    tools[tool.slice(0, at)] = tool.slice(at + 1);
  }
  return { spec: match[1], sha256: match[2], ...(docs.length ? { docs } : {}), tools };
}

/**
 * Why a generated file (`currentText`) differs from what the generator produces now (`expectedText`),
 * in plain words, from the two records: the spec changed since generation, a generator version changed,
 * or (same inputs) the file or the generator's templates were edited.
 */
export function explainDrift(currentText, expectedText) {
  if (currentText === undefined) return "is missing";
  const expected = parseHeader(expectedText);
  if (!expected) return "differs from what the generator produces";
  const recorded = parseHeader(currentText);
  if (!recorded) return "has no generation record (generated by an older generator, or edited by hand)";
  const reasons = [];
  if (recorded.sha256 !== expected.sha256) {
    reasons.push(
      `specs/${expected.spec}.yaml changed since it was generated (sha256 ${recorded.sha256.slice(0, 12)}… → ${expected.sha256.slice(0, 12)}…)`,
    );
  }
  const docsOf = (record) => (record.docs ?? []).map((entry) => `${entry.file} ${entry.sha256}`).join(", ");
  if (docsOf(recorded) !== docsOf(expected))
    reasons.push(
      `the docs snapshot in docs/${expected.spec}/ changed since it was generated (pnpm docs:check --snapshot)`,
    );
  for (const [tool, version] of Object.entries(expected.tools)) {
    if (recorded.tools[tool] !== version)
      reasons.push(`${tool} changed (${recorded.tools[tool] ?? "none"} → ${version})`);
  }
  if (reasons.length === 0)
    return `differs from what specs/${expected.spec}.yaml produces (same spec and versions: the file or the generator's templates were edited)`;
  return `is stale: ${reasons.join("; ")}`;
}
