// The lines `pnpm new-provider <name>` adds to files that list every provider: the registry, the CLI's
// hints map, the secret sweep, and the manifests of @finoauth/auth and the CLI. Pure: text in, text out;
// each throws, naming the file, when the place it edits is not where it expects it.

/**
 * Inserts `line` as the last entry of the object literal that opens on the line starting with `opening`
 * (the entry goes before the first line after it that is exactly `closing`).
 * @param {string} text @param {string} opening @param {string} line @param {string} file
 */
export function appendEntry(text, opening, line, file, closing = "};") {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.startsWith(opening));
  const end = start < 0 ? -1 : lines.findIndex((l, i) => i > start && l === closing);
  if (end < 0) throw new Error(`${file}: no "${opening}" … "${closing}" to add the provider to`);
  lines.splice(end, 0, line);
  return lines.join("\n");
}

/** Inserts `line` after the last line that starts with `prefix`. @param {string} text @param {string} prefix @param {string} line @param {string} file */
export function insertAfterLast(text, prefix, line, file) {
  const lines = text.split("\n");
  const last = lines.findLastIndex((l) => l.startsWith(prefix));
  if (last < 0) throw new Error(`${file}: no line starting with "${prefix}"`);
  lines.splice(last + 1, 0, line);
  return lines.join("\n");
}

/** A key for an object literal: bare when it is an identifier, else quoted. @param {string} name */
export const objectKey = (name) => (/^[a-z_$][\w$]*$/i.test(name) ? name : JSON.stringify(name));

/** The registry line in packages/auth/src/providers/all.ts. @param {string} text @param {import("./templates.mjs").Names} n */
export function addToRegistry(text, n) {
  const line = `  ${objectKey(n.name)}: import("./${n.name}.js").then((m) => m.${n.camel}),`;
  return appendEntry(text, "export const providers = await loadAdapters({", line, "all.ts", "});");
}

/** The import and map entry in packages/cli/src/hints/index.ts. @param {string} text @param {import("./templates.mjs").Names} n */
export function addToHints(text, n) {
  const imported = insertAfterLast(text, "import { ", `import { ${n.camel}Hints } from "./${n.name}.js";`, "hints");
  return appendEntry(imported, "export const HINTS: HintsMap = {", `  ${objectKey(n.name)}: ${n.camel}Hints,`, "hints");
}

/**
 * The secret sweep's entry (packages/auth/test/secrets.test.ts): the provider's flows, run through every
 * outcome. Its success answer needs no entry: the sweep lays it out as the definition's token shape says,
 * so a provider whose token answer does not use RFC 6749's names succeeds where it must.
 * @param {string} text @param {import("./templates.mjs").Names} n
 */
export function addToSecretSweep(text, n) {
  const flows = [
    `  ${objectKey(n.name)}: (u) => {`,
    `    const p = createProvider(${JSON.stringify(n.name)}, { ...common, fetch: async (r) => u(r, "") });`,
    "    return [p.clientCredentials()];",
    "  },",
  ].join("\n");
  return appendEntry(text, "const flows: ", flows, "secrets.test.ts");
}

/** An object with `key` added and its keys sorted (as the manifests keep their dependencies). */
const sortedWith = (object, key, value) =>
  Object.fromEntries(Object.entries({ ...object, [key]: value }).sort(([a], [b]) => a.localeCompare(b)));

/**
 * packages/auth/package.json: the `./<name>` export (among the providers' exports, before `./package.json`),
 * the client as an optional peer and as a dev dependency.
 * @param {Record<string, any>} manifest @param {import("./templates.mjs").Names} n
 */
export function addToAuthManifest(manifest, n) {
  const client = `@finoauth/${n.name}`;
  const entry = { types: `./dist/providers/${n.name}.d.ts`, default: `./dist/providers/${n.name}.js` };
  const exports = Object.entries(manifest.exports);
  const providersFrom = exports.findIndex(([key]) => key === "./all") + 1;
  const providerExports = exports.slice(providersFrom, -1);
  const sortedProviders = [...providerExports, [`./${n.name}`, entry]].sort(([a], [b]) => a.localeCompare(b));
  return {
    ...manifest,
    exports: Object.fromEntries([...exports.slice(0, providersFrom), ...sortedProviders, ...exports.slice(-1)]),
    devDependencies: sortedWith(manifest.devDependencies, client, "workspace:^"),
    peerDependencies: sortedWith(manifest.peerDependencies, client, "workspace:^"),
    peerDependenciesMeta: sortedWith(manifest.peerDependenciesMeta, client, { optional: true }),
  };
}

/** packages/cli/package.json: the client as a dev dependency (the CLI's build bundles the adapter). */
export function addToCliManifest(manifest, n) {
  return { ...manifest, devDependencies: sortedWith(manifest.devDependencies, `@finoauth/${n.name}`, "workspace:^") };
}
