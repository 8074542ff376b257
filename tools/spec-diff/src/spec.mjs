// spec-diff's view of a spec, on top of finoauth's one spec walker (@finoauth/spec: `deref`,
// `allOperations`): operations keyed `METHOD /path`, JSON pointers, and `$ref`s followed with the pointer
// of where the followed node lives (so that a report names the place to edit, e.g.
// `#/components/parameters/XRequestId/schema/maxLength`, not a path through a reference).
import { allOperations, deref } from "@finoauth/spec";

export { deref };

/** A JSON pointer (RFC 6901) from its reference tokens: `pointer("paths", "/a", "post")` → `#/paths/~1a/post`. */
export function pointer(...tokens) {
  return `#${tokens.map((token) => `/${String(token).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("")}`;
}

/**
 * Every operation of a spec, keyed `METHOD /path`, with its method in lower case (as openapi-typescript
 * keys `paths`) and its path item (for the parameters every operation of the path shares).
 */
export function operationsOf(document) {
  const operations = new Map();
  for (const { method, path, operation } of allOperations(document ?? {})) {
    const lower = method.toLowerCase();
    operations.set(`${method} ${path}`, { path, method: lower, operation, item: document.paths[path] });
  }
  return operations;
}

/** The reference tokens of a local `$ref` (`#/components/schemas/A~1B` → `["components", "schemas", "A/B"]`). */
const refTokens = (ref) =>
  ref
    .slice(2)
    .split("/")
    .map((key) => key.replace(/~1/g, "/").replace(/~0/g, "~"));

/**
 * Follows `node`'s `$ref`s (through `deref`, which refuses a remote or endless chain) and returns the node
 * reached with the reference tokens of where it lives: `tokens` itself when `node` is no reference.
 */
export function located(document, node, tokens) {
  const value = deref(document, node);
  let at = tokens;
  // deref has checked that the chain ends: walk it again one hop at a time, only for the last place.
  for (let current = node; current && typeof current.$ref === "string"; ) {
    at = refTokens(current.$ref);
    current = at.reduce((parent, key) => parent?.[key], document);
  }
  return { node: value, at };
}
