// The one spec walker of finoauth: where the specs are, reading one, following local `$ref`s, and listing
// operations, request media types, response examples and request examples. Used by the generator
// (scripts/generator), the contract suite (tools/testkit), the install check and the mock launcher.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { MockError } from "./errors.js";

/** The HTTP methods an OpenAPI path item can hold, in the order the spec walker visits them. */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** An OpenAPI document (or any node of one), as parsed from YAML: the walker reads it loosely. */
export type SpecNode = Record<string, any>;

const packageRoot = fileURLToPath(new URL("../", import.meta.url));

/**
 * The folder of the finoauth specs. In the finoauth repository it is the repository's `specs/` (the source
 * of truth, so that an edited spec is served without a rebuild); in an installed `@finoauth/mock` it is the
 * package's own `specs/`, which its build copies and the published package ships.
 */
export function specsDir(): string {
  const repoRoot = resolve(packageRoot, "../..");
  const inRepository =
    existsSync(join(repoRoot, "specs")) &&
    (() => {
      try {
        return JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).name === "finoauth";
      } catch {
        return false;
      }
    })();
  const dir = inRepository ? join(repoRoot, "specs") : join(packageRoot, "specs");
  if (!existsSync(dir)) throw new MockError("BAD_SPEC", `no specs folder at ${dir}: reinstall @finoauth/mock (or run its build in the repository)`);
  return dir;
}

/** The names of the specs that ship with `@finoauth/mock` (`finapi` for `specs/finapi.yaml`), sorted. */
export function availableSpecs(): string[] {
  return readdirSync(specsDir())
    .filter((file) => file.endsWith(".yaml"))
    .map((file) => file.slice(0, -".yaml".length))
    .sort();
}

/** Whether a string names a file (a path, or a name with a spec file's extension) rather than a shipped spec. */
const isPath = (specOrName: string) => isAbsolute(specOrName) || /[\\/]/.test(specOrName) || /\.(ya?ml|json)$/i.test(specOrName);

/**
 * The file of a spec: a shipped spec's name (`"finapi"`) or a path to your own OpenAPI file (resolved
 * against the working directory). Throws a `BAD_SPEC` {@link MockError} that lists the shipped names when
 * the name is unknown, or names the path when the file is missing.
 */
export function specPath(specOrName: string): string {
  if (isPath(specOrName)) {
    const file = resolve(specOrName);
    if (!existsSync(file)) throw new MockError("BAD_SPEC", `no spec file at ${file}`);
    return file;
  }
  const file = join(specsDir(), `${specOrName}.yaml`);
  if (!existsSync(file)) throw new MockError("BAD_SPEC", `no spec named "${specOrName}": the specs are ${availableSpecs().join(", ")} (or give the path to an OpenAPI file)`);
  return file;
}

/**
 * Reads and parses a spec (a shipped spec's name or a file path; YAML or JSON). Throws a `BAD_SPEC`
 * {@link MockError} when it does not parse or is not an OpenAPI document with `paths`.
 */
export function loadSpec(specOrName: string): SpecNode {
  const file = specPath(specOrName);
  let document: unknown;
  try {
    document = parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new MockError("BAD_SPEC", `${file} does not parse: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`, { cause: error });
  }
  if (!document || typeof document !== "object" || typeof (document as SpecNode).openapi !== "string" || typeof (document as SpecNode).paths !== "object" || !(document as SpecNode).paths) {
    throw new MockError("BAD_SPEC", `${file} is not an OpenAPI document (it needs an "openapi" version and "paths")`);
  }
  return document as SpecNode;
}

/** Follows local `$ref`s (`#/components/…`, with `~1` and `~0` escapes) until a node that is not a reference. */
export function deref(document: SpecNode, node: SpecNode | undefined): SpecNode | undefined {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === "string"; hops++) {
    if (hops > 20 || !current.$ref.startsWith("#/")) throw new Error(`unsupported $ref ${current.$ref}`);
    current = current.$ref
      .slice(2)
      .split("/")
      .reduce<SpecNode | undefined>((parent, key) => parent?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], document);
  }
  return current;
}

/** One operation of a spec: its method (upper case), path and OpenAPI operation object. */
export interface SpecOperation {
  method: string;
  path: string;
  operation: SpecNode;
}

/** Every operation of a spec in document order, whether or not it has an operationId. */
export function allOperations(document: SpecNode): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries<SpecNode>(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item?.[method];
      if (operation) operations.push({ method: method.toUpperCase(), path, operation });
    }
  }
  return operations;
}

/** Every operation of a spec, by operationId, in document order. Throws when an operation has no operationId. */
export function operationsOf(document: SpecNode): Map<string, SpecOperation> {
  const operations = new Map<string, SpecOperation>();
  for (const entry of allOperations(document)) {
    if (!entry.operation.operationId) throw new Error(`${entry.method} ${entry.path} has no operationId`);
    operations.set(entry.operation.operationId, entry);
  }
  return operations;
}

/** The `content` of an operation's request body (following a `$ref`ed request body), if it takes one. */
export function requestContentOf(document: SpecNode, operation: SpecNode): Record<string, SpecNode> | undefined {
  return deref(document, operation.requestBody)?.content;
}

/** Each operation's request media type, keyed `"METHOD /path"`: the first media type the spec lists. */
export function requestMediaTypesOf(document: SpecNode): Record<string, string> {
  const mediaTypes: Record<string, string> = {};
  for (const { method, path, operation } of allOperations(document)) {
    const content = requestContentOf(document, operation);
    const first = content ? Object.keys(content)[0] : undefined;
    if (first) mediaTypes[`${method} ${path}`] = first;
  }
  return mediaTypes;
}

/** One documented response of one operation, with one of its named examples (if it has a body). */
export interface ContractCase {
  operationId: string;
  method: string;
  path: string;
  status: number;
  /** The example's name, for Prism's `Prefer: example=…`; absent for a response without a body. */
  example?: string | undefined;
  /** The example's value: what the typed client must return as `data` or `error`. */
  value?: unknown;
  /** The example values of the response's documented headers. */
  headers: Record<string, unknown>;
  /** The request media type the spec declares for this operation, if it takes a body. */
  requestMediaType?: string | undefined;
}

function headerExample(document: SpecNode, header: SpecNode | undefined): unknown {
  const resolved = deref(document, header);
  if (!resolved) return undefined;
  if ("example" in resolved) return resolved.example;
  const first = Object.values<SpecNode>(resolved.examples ?? {})[0];
  if (first) return deref(document, first)?.value;
  return resolved.schema?.example ?? resolved.schema?.examples?.[0];
}

/**
 * Lists one contract case per (operation, documented status, named example) of a spec. Throws when a
 * response body has no named examples (Prism's `Prefer: example=…` needs names).
 */
export function contractCases(document: SpecNode): ContractCase[] {
  const cases: ContractCase[] = [];
  for (const [operationId, { method, path, operation }] of operationsOf(document)) {
    const requestContent = requestContentOf(document, operation);
    const requestMediaType = requestContent ? Object.keys(requestContent)[0] : undefined;
    for (const [status, responseNode] of Object.entries<SpecNode>(operation.responses ?? {})) {
      if (!/^\d{3}$/.test(status)) continue;
      const response = deref(document, responseNode)!;
      const headers: Record<string, unknown> = {};
      for (const [name, header] of Object.entries<SpecNode>(response.headers ?? {})) {
        const example = headerExample(document, header);
        if (example !== undefined) headers[name] = example;
      }
      const base = { operationId, method, path, status: Number(status), headers, requestMediaType };
      const media = Object.values<SpecNode>(response.content ?? {})[0];
      const examples = Object.entries<SpecNode>(media?.examples ?? {});
      if (!media) cases.push(base);
      else if (examples.length === 0) throw new Error(`${operationId} ${status}: a response body without named examples`);
      else for (const [name, example] of examples) cases.push({ ...base, example: name, value: deref(document, example)?.value });
    }
  }
  return cases;
}

/** One named request-body example of an operation, and the status its success response has. */
export interface RequestExample {
  operationId: string;
  example: string;
  value: unknown;
  mediaType: string;
  successStatus: number;
}

/** Lists every named request-body example of a spec (each documented grant or step, for instance). */
export function requestExamples(document: SpecNode): RequestExample[] {
  const examples: RequestExample[] = [];
  for (const [operationId, { operation }] of operationsOf(document)) {
    const content = requestContentOf(document, operation) ?? {};
    const successStatus = Number(Object.keys(operation.responses ?? {}).find((status) => /^2\d\d$/.test(status)));
    for (const [mediaType, media] of Object.entries<SpecNode>(content)) {
      for (const [name, example] of Object.entries<SpecNode>(media.examples ?? {})) {
        examples.push({ operationId, example: name, value: deref(document, example)?.value, mediaType, successStatus });
      }
    }
  }
  return examples;
}
