// Reading the docs file: bounded in size, JSON or YAML, and bounded in shape (depth, node count, no
// cycles) before any library walks it; then the format is recognised and handed to its reader.
import { readFileSync, statSync } from "node:fs";
import type { SpecNode } from "@finoauth/spec";
import { parse } from "yaml";
import { DocsCheckError } from "./errors.js";
import type { DocsFormat } from "./model.js";

/** The largest docs file read (bytes): a provider's OAuth docs are kilobytes; this bounds memory. */
export const MAX_DOCS_BYTES = 20 * 1024 * 1024;
/** The most JSON nodes (objects, arrays, values) one docs document may hold. */
export const MAX_NODES = 500_000;
/** The deepest nesting of a docs document. */
export const MAX_DEPTH = 200;
/** The most Postman items (requests and folders) one collection may hold. */
export const MAX_ITEMS = 5_000;

/**
 * Checks that a parsed value is a tree of at most {@link MAX_NODES} nodes, {@link MAX_DEPTH} deep, with no
 * cycle (an object given by a caller, not parsed, can hold one). Iterative: no recursion to overflow.
 */
export function assertBoundedTree(value: unknown, label: string): void {
  const onPath = new Set<object>();
  const stack: { node: unknown; depth: number; leave?: object }[] = [{ node: value, depth: 0 }];
  let count = 0;
  while (stack.length > 0) {
    const { node, depth, leave } = stack.pop()!;
    if (leave) {
      onPath.delete(leave);
      continue;
    }
    if (++count > MAX_NODES)
      throw new DocsCheckError(`${label} holds more than ${MAX_NODES} values: too large to check`);
    if (node === null || typeof node !== "object") continue;
    if (onPath.has(node)) throw new DocsCheckError(`${label} contains a cycle: an object that contains itself`);
    if (depth > MAX_DEPTH) throw new DocsCheckError(`${label} is nested deeper than ${MAX_DEPTH} levels`);
    onPath.add(node);
    stack.push({ node: undefined, depth, leave: node });
    for (const child of Object.values(node)) stack.push({ node: child, depth: depth + 1 });
  }
}

/** Parses the text of a docs file: JSON, else YAML (a JSON document is YAML too, but JSON's errors read better). */
export function parseDocsText(text: string, label: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new DocsCheckError(`${label} is not JSON: ${(error as Error).message}`);
    }
  }
  try {
    const value = parse(text, { maxAliasCount: 100 });
    if (value !== null && typeof value === "object") return value;
  } catch (error) {
    throw new DocsCheckError(`${label} is neither JSON nor YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  throw new DocsCheckError(
    `${label} is neither JSON nor YAML holding an object (a Postman collection or an OpenAPI document)`,
  );
}

/** Reads and parses a docs file, refusing one larger than {@link MAX_DOCS_BYTES}. */
export function readDocsFile(file: string): { value: unknown; text: string } {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new DocsCheckError(`no docs file at ${file}`);
  }
  if (size > MAX_DOCS_BYTES)
    throw new DocsCheckError(`${file} is larger than ${MAX_DOCS_BYTES} bytes: too large to check`);
  const text = readFileSync(file, "utf8");
  const value = parseDocsText(text, file);
  assertBoundedTree(value, file);
  return { value, text };
}

const POSTMAN_SCHEMA = /schema\.(?:getpostman|postman)\.com\/json\/collection\/v(2\.[01])\.\d+/;

/** Which format a parsed docs document is in, or a {@link DocsCheckError} saying what was expected. */
export function detectFormat(value: unknown, label: string): DocsFormat {
  const node = value as SpecNode;
  if (node && typeof node === "object" && !Array.isArray(node)) {
    if (typeof node.openapi === "string" && /^3\.0\./.test(node.openapi)) return "openapi-3.0";
    if (typeof node.openapi === "string" && /^3\.1\./.test(node.openapi)) return "openapi-3.1";
    if (node.swagger === "2.0") return "swagger-2.0";
    if (node.collection && typeof node.collection === "object" && node.collection.info) return "postman-documenter";
    const schema = POSTMAN_SCHEMA.exec(String(node.info?.schema ?? ""));
    if (schema) return schema[1] === "2.0" ? "postman-2.0" : "postman-2.1";
  }
  throw new DocsCheckError(
    `${label} is no format docs-check reads: expected a Postman collection v2.0/v2.1 (info.schema), a Postman documenter page ({collection, environments}), an OpenAPI 3.0/3.1 document or a Swagger 2.0 document`,
  );
}
