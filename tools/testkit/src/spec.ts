import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { repoRoot } from "./prism.js";

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** One documented response of one operation, with one of its named examples (if it has a body). */
export interface ContractCase {
  operationId: string;
  method: string;
  path: string;
  status: number;
  /** The example's name, for Prism's `Prefer: example=…`; absent for a response without a body. */
  example?: string;
  /** The example's value: what the typed client must return as `data` or `error`. */
  value?: unknown;
  /** The example values of the response's documented headers. */
  headers: Record<string, unknown>;
  /** The request media type the spec declares for this operation, if it takes a body. */
  requestMediaType?: string;
}

type Node = Record<string, any>;

/** Reads `specs/<spec>.yaml`. */
export function loadSpec(spec: string): Node {
  return parse(readFileSync(join(repoRoot, "specs", `${spec}.yaml`), "utf8"));
}

/** Follows local `$ref`s (`#/components/…`) until a node that is not a reference. */
export function deref(document: Node, node: Node | undefined): Node | undefined {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === "string"; hops++) {
    if (hops > 20 || !current.$ref.startsWith("#/")) throw new Error(`unsupported $ref ${current.$ref}`);
    current = current.$ref
      .slice(2)
      .split("/")
      .reduce<Node | undefined>((parent, key) => parent?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], document);
  }
  return current;
}

/** Every operation of a spec, by operationId. */
export function operationsOf(document: Node): Map<string, { method: string; path: string; operation: Node }> {
  const operations = new Map<string, { method: string; path: string; operation: Node }>();
  for (const [path, item] of Object.entries<Node>(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      if (!operation.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      operations.set(operation.operationId, { method: method.toUpperCase(), path, operation });
    }
  }
  return operations;
}

function headerExample(document: Node, header: Node | undefined): unknown {
  const resolved = deref(document, header);
  if (!resolved) return undefined;
  if ("example" in resolved) return resolved.example;
  const first = Object.values<Node>(resolved.examples ?? {})[0];
  if (first) return deref(document, first)?.value;
  return resolved.schema?.example ?? resolved.schema?.examples?.[0];
}

/** Lists one contract case per (operation, documented status, named example) of a spec. */
export function contractCases(document: Node): ContractCase[] {
  const cases: ContractCase[] = [];
  for (const [operationId, { method, path, operation }] of operationsOf(document)) {
    const requestContent = deref(document, operation.requestBody)?.content;
    const requestMediaType = requestContent ? Object.keys(requestContent)[0] : undefined;
    for (const [status, responseNode] of Object.entries<Node>(operation.responses ?? {})) {
      if (!/^\d{3}$/.test(status)) continue;
      const response = deref(document, responseNode)!;
      const headers: Record<string, unknown> = {};
      for (const [name, header] of Object.entries<Node>(response.headers ?? {})) {
        const example = headerExample(document, header);
        if (example !== undefined) headers[name] = example;
      }
      const base = { operationId, method, path, status: Number(status), headers, requestMediaType };
      const media = Object.values<Node>(response.content ?? {})[0];
      const examples = Object.entries<Node>(media?.examples ?? {});
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
export function requestExamples(document: Node): RequestExample[] {
  const examples: RequestExample[] = [];
  for (const [operationId, { operation }] of operationsOf(document)) {
    const content = deref(document, operation.requestBody)?.content ?? {};
    const successStatus = Number(Object.keys(operation.responses ?? {}).find((status) => /^2\d\d$/.test(status)));
    for (const [mediaType, media] of Object.entries<Node>(content)) {
      for (const [name, example] of Object.entries<Node>(media.examples ?? {})) {
        examples.push({ operationId, example: name, value: deref(document, example)?.value, mediaType, successStatus });
      }
    }
  }
  return examples;
}
