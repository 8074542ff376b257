// An OpenAPI 3.0/3.1 document (or a Swagger 2.0 one, turned into the same shape first) read as documented
// operations: parameters, request bodies and responses with their schemas' fields and their examples.
import { allOperations, deref, type SpecNode } from "@finoauth/spec";
import { located, pointer } from "@finoauth/spec-diff/src/spec.mjs";
import { bareMediaType } from "./headers.js";
import type { DocsBody, DocsExample, DocsOperation, DocsParameter, DocsResponse } from "./model.js";
import { schemaFields, schemaType } from "./schema-fields.js";

type Node = SpecNode;
const isObject = (value: unknown): value is Node => !!value && typeof value === "object" && !Array.isArray(value);

/** The examples of a media type object (`example`, or each of `examples`), with their pointers. */
function examplesOf(document: Node, media: Node, at: string): DocsExample[] {
  if ("example" in media) return [{ value: media.example, at: `${at}/example` }];
  return Object.entries(isObject(media.examples) ? media.examples : {}).map(([name, example]) => {
    const found = located(document, example, []);
    const where = found.at.length
      ? pointer(...found.at, "value")
      : `${at}/examples/${name.replace(/~/g, "~0").replace(/\//g, "~1")}/value`;
    return { value: found.node?.value, at: where };
  });
}

/** The parameters of an operation: the path item's, overridden by the operation's own. */
function parametersOf(document: Node, path: string, method: string, item: Node, operation: Node): DocsParameter[] {
  const byKey = new Map<string, DocsParameter>();
  const lists: [unknown, (string | number)[]][] = [
    [item.parameters, ["paths", path, "parameters"]],
    [operation.parameters, ["paths", path, method, "parameters"]],
  ];
  for (const [list, tokens] of lists)
    (Array.isArray(list) ? list : []).forEach((parameter, index) => {
      const found = located(document, parameter, [...tokens, index]);
      const node = found.node;
      if (!isObject(node) || typeof node.name !== "string") return;
      if (!["query", "header", "path", "cookie"].includes(node.in)) return;
      const key = `${node.in} ${node.in === "header" ? node.name.toLowerCase() : node.name}`;
      byKey.set(key, {
        in: node.in,
        name: node.name,
        at: pointer(...found.at),
        type: schemaType(deref(document, node.schema)),
        required: node.required === true,
      });
    });
  return [...byKey.values()];
}

/** Each documented operation of an OpenAPI 3.x document (Swagger 2.0: after {@link fromSwagger}). */
export function readOpenApi(document: Node): DocsOperation[] {
  const operations: DocsOperation[] = [];
  for (const { method, path, operation } of allOperations(document)) {
    const lower = method.toLowerCase();
    const base = ["paths", path, lower];
    const at = pointer(...base);
    const bodies: DocsBody[] = [];
    const body = located(document, operation.requestBody, [...base, "requestBody"]);
    for (const [mediaType, media] of Object.entries<Node>(isObject(body.node?.content) ? body.node.content : {})) {
      const mediaAt = [...body.at, "content", mediaType];
      bodies.push({
        mediaType: bareMediaType(mediaType),
        at: body.node?.["x-docs-at"] ?? pointer(...mediaAt),
        fields: schemaFields(document, media?.schema, [...mediaAt, "schema"]),
        examples: examplesOf(document, media ?? {}, pointer(...mediaAt)),
        form: /form/.test(mediaType),
      });
    }
    const responses: DocsResponse[] = [];
    const all = located(document, operation.responses, [...base, "responses"]);
    for (const status of Object.keys(isObject(all.node) ? all.node : {})) {
      const response = located(document, all.node?.[status], [...all.at, status]);
      if (!isObject(response.node)) continue;
      const headers = Object.keys(isObject(response.node.headers) ? response.node.headers : {}).map((name) => ({
        name,
        at: pointer(...response.at, "headers", name),
      }));
      const contents = Object.entries<Node>(isObject(response.node.content) ? response.node.content : {});
      const responseAt = response.node["x-docs-at"] ?? pointer(...response.at);
      if (contents.length === 0) responses.push({ status, at: responseAt, headers, fields: [], examples: [] });
      for (const [mediaType, media] of contents) {
        const mediaAt = [...response.at, "content", mediaType];
        responses.push({
          status,
          at: response.node["x-docs-at"] ?? pointer(...mediaAt),
          mediaType: bareMediaType(mediaType),
          headers,
          fields: schemaFields(document, media?.schema, [...mediaAt, "schema"]),
          declared: true,
          examples: examplesOf(document, media ?? {}, pointer(...mediaAt)),
        });
      }
    }
    operations.push({
      method,
      path,
      url: path,
      at,
      title: operation.operationId ?? `${method} ${path}`,
      parameters: parametersOf(document, path, lower, document.paths[path] ?? {}, operation),
      bodies,
      responses,
    });
  }
  return operations;
}

/** The server URLs of an OpenAPI 3.x document. */
export const serversOf = (document: Node): string[] =>
  (Array.isArray(document.servers) ? document.servers : []).map((server: Node) => String(server?.url ?? ""));
