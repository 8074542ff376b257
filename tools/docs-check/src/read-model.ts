// From a parsed docs document to the one DocsModel: the format's reader, then each documented path made
// relative to the spec's servers (or the docs' own, or a `{{baseUrl}}`).
import type { SpecNode } from "@finoauth/spec";
import { DocsCheckError } from "./errors.js";
import { pathOfUrl } from "./match.js";
import type { DocsFormat, DocsModel } from "./model.js";
import { readOpenApi, serversOf } from "./openapi.js";
import { type ItemClass, loadPostman, readCollection, variablesOf } from "./postman.js";
import { detectFormat } from "./read-docs.js";
import { fromSwagger } from "./swagger.js";
import { mentionsOf } from "./text.js";

type Node = SpecNode;

function fromCollection(
  ItemOf: ItemClass,
  format: DocsFormat,
  collection: Node,
  base: string,
  extra: Node[],
  specServers: string[],
): DocsModel {
  const variables = Object.assign({}, ...extra.map(variablesOf), variablesOf(collection.variable));
  const servers = [...specServers, ...Object.values<string>(variables)];
  const { operations, descriptions } = readCollection(ItemOf, collection, base, variables);
  for (const operation of operations) {
    operation.path = pathOfUrl(operation.url, servers).path;
    // Path variables (`:user_id`, `{{user_id}}`) are the request's path parameters.
    for (const [, name] of operation.path.matchAll(/\{([^{}]+)\}/g))
      operation.parameters.push({ in: "path", name: name!, at: `${operation.at}/request/url`, type: "string" });
  }
  if (operations.length > 0) return { format, kind: "requests", operations, mentions: [], servers };
  const mentions = descriptions.flatMap(({ text, at }) => mentionsOf(text, at, servers));
  return { format, kind: "text", operations, mentions, servers };
}

function fromOpenApi(format: DocsFormat, document: Node, specServers: string[]): DocsModel {
  const servers = serversOf(document);
  const operations = readOpenApi(document);
  for (const operation of operations) {
    // The docs' path on the docs' first server, made relative to the spec's servers.
    const full = servers[0] ? `${servers[0].replace(/\/+$/, "")}${operation.url}` : operation.url;
    operation.path = pathOfUrl(full, specServers).path;
  }
  return { format, kind: "requests", operations, mentions: [], document, servers };
}

/** Reads parsed docs of any supported format against the spec's server URLs. */
export async function readModel(docs: unknown, label: string, specServers: string[]): Promise<DocsModel> {
  const format = detectFormat(docs, label);
  const node = docs as Node;
  switch (format) {
    case "postman-2.0":
    case "postman-2.1":
      return fromCollection(await loadPostman(), format, node, "#", [], specServers);
    case "postman-documenter": {
      const environments: Node[] = Array.isArray(node.environments) ? node.environments : [];
      return fromCollection(
        await loadPostman(),
        format,
        node.collection,
        "#/collection",
        environments.map((env) => env?.values),
        specServers,
      );
    }
    case "openapi-3.0":
    case "openapi-3.1":
      if (typeof node.paths !== "object" || !node.paths) throw new DocsCheckError(`${label} has no "paths"`);
      return fromOpenApi(format, node, specServers);
    case "swagger-2.0":
      return fromOpenApi(format, fromSwagger(node), specServers);
  }
}
