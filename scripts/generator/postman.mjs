// Postman collections and environments from the specs, written by `pnpm generate` to postman/ and
// covered by its drift check:
//   postman/<spec>.postman_collection.json            one request per operation (openapi-to-postmanv2),
//                                                      every named response example as a saved response
//   postman/<spec>.<server>.postman_environment.json  one per server (its x-name), plus `mock` (Prism)
// Deterministic: same spec in, same bytes out (the converter's random ids are replaced by ids derived
// from the spec name and the item's place).
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { allOperations, deref, loadSpecFile } from "@finoauth/spec";
import { explainDrift, installedVersion, provenanceText, specSha256 } from "./provenance.mjs";

const require = createRequire(import.meta.url);
const generatorDir = fileURLToPath(new URL(".", import.meta.url));

/** Where Prism listens by default (`pnpm finoauth mock <provider> --port 4010`): the `mock` environment's baseUrl. */
export const MOCK_BASE_URL = "http://127.0.0.1:4010";

/** A UUID-shaped id derived from `seed` (stable across runs, unlike the converter's random ones). */
export function stableId(seed) {
  const hex = createHash("sha256").update(seed).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Converts a spec's text with openapi-to-postmanv2 (parameters and bodies from the spec's examples). */
async function convert(specText) {
  const converter = require("openapi-to-postmanv2");
  return new Promise((resolve, reject) => {
    converter.convert(
      { type: "string", data: specText },
      {
        requestParametersResolution: "Example",
        exampleParametersResolution: "Example",
        folderStrategy: "Paths",
        requestNameSource: "Fallback",
        indentCharacter: "Space",
      },
      (error, result) => {
        if (error) return reject(error);
        if (!result.result) return reject(new Error(`openapi-to-postmanv2: ${result.reason}`));
        resolve(result.output[0].data);
      },
    );
  });
}

/** Every request item of a collection (folders flattened), in order. */
export function requestItems(items) {
  return items.flatMap((item) => (Array.isArray(item.item) ? requestItems(item.item) : [item]));
}

/** The spec path (`/v3.1/oauth/{user_id}`) of a Postman URL path (`["v3.1", "oauth", ":user_id"]`). */
export function specPathOf(urlPath) {
  return `/${urlPath.map((segment) => (segment.startsWith(":") ? `{${segment.slice(1)}}` : segment)).join("/")}`;
}

/** The name of a saved response: `<status> <example>: <summary>`, or `<status>` for one without a body. */
export function savedResponseName(status, exampleName, summary) {
  if (!exampleName) return String(status);
  return `${status} ${exampleName}${summary ? `: ${summary}` : ""}`;
}

/** Reads status and example name back from a saved response's name (see {@link savedResponseName}). */
export function parseSavedResponseName(name) {
  const match = /^(\d{3}|default)(?: ([^\s:]+))?/.exec(name);
  return match ? { status: match[1], example: match[2] } : undefined;
}

const STATUS_SCRIPT = (statuses) => [
  `// Generated: the status must be one the spec documents for this request.`,
  `pm.test("status is one the spec documents (${statuses.join(", ")})", function () {`,
  `    pm.expect(${JSON.stringify(statuses.map(Number))}).to.include(pm.response.code);`,
  `});`,
];
const VIOLATIONS_SCRIPT = [
  `// Generated: against the Prism mock (the mock environment), Prism reports a request that breaks the`,
  `// spec in an sl-violations header; a real server never sends one.`,
  `pm.test("the mock found no violation of the spec in the request (no sl-violations header)", function () {`,
  `    pm.expect(pm.response.headers.get("sl-violations"), "sl-violations").to.be.undefined;`,
  `});`,
];

/**
 * Turns the converter's output into the committed collection: stable ids, the provenance in the
 * description, one saved response per named example (status order as in the spec), redirects not
 * followed where the spec documents a 3xx, and tests (documented status; no Prism violation).
 */
function finishCollection(collection, document, spec, provenance) {
  const operations = new Map(
    allOperations(document).map(({ method, path, operation }) => [`${method} ${path}`, operation]),
  );
  for (const item of requestItems(collection.item)) {
    const key = `${item.request.method} ${specPathOf(item.request.url.path ?? [])}`;
    const operation = operations.get(key);
    if (!operation)
      throw new Error(`postman: specs/${spec}.yaml has no operation ${key}, but the converter made a request for it`);
    if (operation.operationId) item.name = `${operation.operationId}: ${operation.summary ?? key}`;
    const converted = item.response ?? [];
    const responses = [];
    const statuses = Object.keys(deref(document, operation.responses) ?? {});
    for (const status of statuses) {
      const response = deref(document, operation.responses[status]);
      const template = converted.find((candidate) => String(candidate.code) === status) ?? converted[0];
      const media = Object.values(response?.content ?? {})[0];
      const examples = Object.entries(deref(document, media)?.examples ?? {});
      if (!template) continue;
      if (examples.length === 0) responses.push({ ...template, name: savedResponseName(status) });
      for (const [name, exampleNode] of examples) {
        const example = deref(document, exampleNode);
        responses.push({
          ...template,
          name: savedResponseName(status, name, example?.summary),
          body: JSON.stringify(example?.value, null, 2),
        });
      }
    }
    item.response = responses;
    if (statuses.some((status) => /^3/.test(status)))
      item.protocolProfileBehavior = { ...item.protocolProfileBehavior, followRedirects: false };
    const numeric = statuses.filter((status) => /^\d{3}$/.test(status));
    item.event = [
      { listen: "test", script: { type: "text/javascript", exec: [...STATUS_SCRIPT(numeric), ...VIOLATIONS_SCRIPT] } },
    ];
  }
  // Stable ids, derived from each object's place in the collection.
  const walk = (node, place) => {
    if (Array.isArray(node)) {
      for (const [index, child] of node.entries()) walk(child, `${place}/${index}`);
      return;
    }
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "id" || key === "_postman_id") node[key] = stableId(`${spec}${place}/${key}`);
      else walk(value, `${place}/${key}`);
    }
  };
  walk(collection, "");
  const description = collection.info.description;
  const record = `\n\n${provenanceText(provenance)}`;
  if (description && typeof description === "object") description.content = `${description.content ?? ""}${record}`;
  else collection.info.description = { content: `${description ?? ""}${record}`, type: "text/plain" };
  return collection;
}

/** The `{{variables}}` a collection uses, other than baseUrl, sorted. */
export function variablesOf(collection) {
  const names = new Set();
  for (const match of JSON.stringify(collection).matchAll(/\{\{([A-Za-z0-9_.-]+)\}\}/g)) names.add(match[1]);
  names.delete("baseUrl");
  return [...names].sort();
}

const isSecret = (name) => /token|secret|password|key|auth/i.test(name);

/** One Postman environment: baseUrl and every other variable the collection uses. */
function environment(spec, title, serverName, baseUrl, variables, provenance) {
  return {
    id: stableId(`${spec}/environment/${serverName}`),
    name: `${title} — ${serverName}`,
    values: [
      { key: "baseUrl", value: baseUrl, type: "default", enabled: true },
      ...variables.map((name) => ({
        key: name,
        // The mock accepts any credentials of the right shape; for a real server, fill them in Postman.
        value: serverName === "mock" ? `mock-${name}` : "",
        type: isSecret(name) ? "secret" : "default",
        enabled: true,
      })),
    ],
    _postman_variable_scope: "environment",
    _finoauth: provenanceText(provenance),
  };
}

/** Renders `{ fileName: text }` of postman/ for one target (its collection and one environment per server). */
export async function renderPostman(target) {
  const specText = await readFile(target.specFile, "utf8");
  const document = loadSpecFile(target.specFile);
  const provenance = {
    spec: target.spec,
    sha256: specSha256(specText),
    tools: { "openapi-to-postmanv2": installedVersion("openapi-to-postmanv2", generatorDir) },
  };
  const collection = finishCollection(await convert(specText), document, target.spec, provenance);
  const title = document.info?.title ?? target.spec;
  const variables = variablesOf(collection);
  const files = { [`${target.spec}.postman_collection.json`]: `${JSON.stringify(collection, null, 2)}\n` };
  const servers = (document.servers ?? []).map((server) => ({ name: server["x-name"], url: server.url }));
  if (!servers.some((server) => server.name === "mock")) servers.unshift({ name: "mock", url: MOCK_BASE_URL });
  for (const server of servers) {
    files[`${target.spec}.${server.name}.postman_environment.json`] =
      `${JSON.stringify(environment(target.spec, title, server.name, server.url, variables, provenance), null, 2)}\n`;
  }
  return files;
}

/**
 * Writes (or, with `check`, compares) postman/ for the given targets. Returns the drift in plain words
 * (empty when up to date), including files of these targets' specs that no spec produces any more.
 */
export async function syncPostman(root, targets, { check }) {
  const dir = join(root, "postman");
  const existing = await readdir(dir).catch(() => []);
  const drift = [];
  const produced = new Set();
  const rendered = await Promise.all(targets.map((target) => renderPostman(target)));
  for (const files of rendered) {
    for (const [name, text] of Object.entries(files)) {
      produced.add(name);
      const file = join(dir, name);
      const current = await readFile(file, "utf8").catch(() => undefined);
      if (current === text) continue;
      if (check) drift.push(`${relative(root, file)} ${explainDrift(current, text)}`);
      else {
        await mkdir(dir, { recursive: true });
        await writeFile(file, text);
        console.log(`generated ${relative(root, file)}`);
      }
    }
  }
  const specs = new Set(targets.map((target) => target.spec));
  for (const name of existing) {
    const spec = name.split(".")[0];
    if (!specs.has(spec) || produced.has(name) || !name.endsWith(".json")) continue;
    if (check) drift.push(`postman/${name} is not produced by any spec (stale)`);
    else await rm(join(dir, name));
  }
  return drift;
}
