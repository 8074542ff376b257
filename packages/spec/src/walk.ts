// Walking one parsed OpenAPI document: local `$ref`s, operations and request media types.

/** The HTTP methods an OpenAPI path item can hold, in the order the spec walker visits them. */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** An OpenAPI document (or any node of one), as parsed from YAML: the walker reads it loosely. */
export type SpecNode = Record<string, any>;

/**
 * Follows local `$ref`s (`#/components/…`, with RFC 6901's `~1` and `~0` escapes) until a node that is not
 * a reference. Throws on a remote reference or a chain longer than 20 hops (a loop).
 */
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
