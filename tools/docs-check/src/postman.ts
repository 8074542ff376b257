// A Postman collection (v2.0 or v2.1) read with the official `postman-collection` library: every request
// with its URL, query, headers, body and saved example responses, each with its JSON pointer in the file.
// Folders are walked without recursion and the item count is bounded (MAX_ITEMS). The library is loaded
// only when the docs are a collection (loadPostman): it is large (lodash, faker, iconv), so the CLI keeps
// it out of its bundle, and OpenAPI docs never need it.
import type { SpecNode } from "@finoauth/spec";
import type { Item, Response } from "postman-collection";
import { DocsCheckError } from "./errors.js";
import { bareMediaType, isContractRequestHeader, isContractResponseHeader, isJsonMediaType } from "./headers.js";
import type { DocsBody, DocsField, DocsOperation, DocsParameter, DocsResponse } from "./model.js";
import { MAX_ITEMS } from "./read-docs.js";

type Raw = SpecNode;

/** The `Item` class of `postman-collection`. */
export type ItemClass = typeof Item;

/** Loads `postman-collection` (CommonJS) and returns its `Item` class; a missing package is a clear error. */
export async function loadPostman(): Promise<ItemClass> {
  try {
    const module = await import("postman-collection");
    return (module.default ?? module).Item;
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_MODULE_NOT_FOUND")
      throw new DocsCheckError(
        "reading a Postman collection needs the postman-collection package, which is not installed: npm i -D postman-collection@5.3.1",
      );
    throw error;
  }
}

/** A JSON pointer token (RFC 6901). */
const token = (key: string | number) => String(key).replace(/~/g, "~0").replace(/\//g, "~1");

/** The JSON type of a value as JSON Schema names it. */
export function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** The top-level fields of an example object, each at `at/<name>`. */
export function fieldsOfValue(value: unknown, at: string): DocsField[] {
  if (!value || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value).map(([name, field]) => ({ name, at: `${at}/${token(name)}`, type: jsonType(field) }));
}

/** Parses a JSON example body; undefined when it is not JSON (a Postman `{{variable}}` outside a string). */
function parseJson(text: string | undefined): unknown {
  if (!text?.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Substitutes the `{{name}}`s a collection or environment defines. */
const substitute = (text: string, variables: Record<string, string>) =>
  text.replace(/\{\{([^{}]+)\}\}/g, (whole, name: string) => variables[name.trim()] ?? whole);

function requestBody(item: Item, raw: Raw, at: string, contentType: string | undefined): DocsBody[] {
  const body = item.request.body;
  if (!body || body.isEmpty()) return [];
  const bodyAt = `${at}/request/body`;
  const form = (mode: "urlencoded" | "formdata", mediaType: string): DocsBody => {
    const list = (raw.request?.body?.[mode] ?? []) as Raw[];
    const fields: DocsField[] = [];
    const example: Record<string, string> = {};
    list.forEach((param, index) => {
      if (param?.disabled === true || typeof param?.key !== "string") return;
      fields.push({ name: param.key, at: `${bodyAt}/${mode}/${index}`, type: "string" });
      example[param.key] = String(param.value ?? "");
    });
    return {
      mediaType: contentType ?? mediaType,
      at: `${bodyAt}/${mode}`,
      fields,
      examples: [{ value: example, at: `${bodyAt}/${mode}` }],
      form: true,
    };
  };
  if (body.mode === "urlencoded") return [form("urlencoded", "application/x-www-form-urlencoded")];
  if (body.mode === "formdata") return [form("formdata", "multipart/form-data")];
  if (body.mode === "raw") {
    const language = raw.request?.body?.options?.raw?.language;
    const mediaType = contentType ?? (language === "json" ? "application/json" : "text/plain");
    const example = isJsonMediaType(mediaType) ? parseJson(body.raw) : body.raw;
    const examples = example === undefined ? [] : [{ value: example, at: `${bodyAt}/raw` }];
    return [{ mediaType, at: `${bodyAt}/raw`, fields: fieldsOfValue(example, `${bodyAt}/raw`), examples }];
  }
  return [];
}

function savedResponse(response: Response, at: string): DocsResponse {
  const headers: DocsField[] = [];
  let mediaType: string | undefined;
  response.headers.all().forEach((header, index) => {
    if (header.disabled || !header.key) return;
    if (header.key.toLowerCase() === "content-type") mediaType = bareMediaType(String(header.value));
    else if (isContractResponseHeader(header.key)) headers.push({ name: header.key, at: `${at}/header/${index}` });
  });
  const text = response.body ?? "";
  // No body, no media type: exporters label an empty saved response `text/plain`.
  if (!text.trim()) mediaType = undefined;
  else if (!mediaType) mediaType = parseJson(text) === undefined ? "text/plain" : "application/json";
  const example = mediaType && isJsonMediaType(mediaType) ? parseJson(text) : text || undefined;
  return {
    status: String(response.code),
    at,
    title: response.name,
    mediaType,
    headers,
    fields: fieldsOfValue(example, `${at}/body`),
    examples: example === undefined ? [] : [{ value: example, at: `${at}/body` }],
  };
}

/** One request item of a collection as a documented operation. */
function operationOf(
  ItemOf: ItemClass,
  raw: Raw,
  at: string,
  title: string,
  variables: Record<string, string>,
): DocsOperation {
  const item = new ItemOf(raw as ConstructorParameters<typeof Item>[0]);
  const request = item.request;
  // The URL with its path variables unresolved (`:user_id`, not the example value the export stores).
  const { protocol, port } = request.url;
  const origin = `${protocol ? `${protocol}://` : ""}${request.url.getHost()}${port ? `:${port}` : ""}`;
  const query = request.url.getQueryString();
  const url = substitute(`${origin}${request.url.getPath({ unresolved: true })}${query ? `?${query}` : ""}`, variables);
  const parameters: DocsParameter[] = [];
  const rawUrl = raw.request?.url;
  const queryAt = typeof rawUrl === "object" && Array.isArray(rawUrl?.query) ? `${at}/request/url/query` : undefined;
  request.url.query.all().forEach((param, index) => {
    if (param.disabled || !param.key) return;
    parameters.push({
      in: "query",
      name: param.key,
      at: queryAt ? `${queryAt}/${index}` : `${at}/request/url`,
      type: "string",
    });
  });
  let contentType: string | undefined;
  request.headers.all().forEach((header, index) => {
    if (header.disabled || !header.key) return;
    if (header.key.toLowerCase() === "content-type") contentType = bareMediaType(String(header.value));
    else if (isContractRequestHeader(header.key))
      parameters.push({ in: "header", name: header.key, at: `${at}/request/header/${index}`, type: "string" });
  });
  const responses = item.responses.all().map((response, index) => savedResponse(response, `${at}/response/${index}`));
  return {
    method: request.method.toUpperCase(),
    path: "",
    url,
    at,
    title,
    parameters,
    bodies: requestBody(item, raw, at, contentType),
    responses,
  };
}

/** The text of a Postman description (a string, or `{ content }`). */
export const descriptionText = (description: unknown): string =>
  typeof description === "string"
    ? description
    : typeof (description as Raw)?.content === "string"
      ? (description as Raw).content
      : "";

/**
 * Every request of a collection, in document order, with the collection's own descriptions (for a
 * collection that holds no requests: the text check). `base` is the collection's pointer in the file.
 */
export function readCollection(
  ItemOf: ItemClass,
  collection: Raw,
  base: string,
  variables: Record<string, string>,
): { operations: DocsOperation[]; descriptions: { text: string; at: string }[] } {
  const operations: DocsOperation[] = [];
  const descriptions: { text: string; at: string }[] = [];
  const infoText = descriptionText(collection.info?.description);
  if (infoText) descriptions.push({ text: infoText, at: `${base}/info/description` });
  const stack: { items: unknown; at: string; titles: string[] }[] = [{ items: collection.item, at: base, titles: [] }];
  let count = 0;
  while (stack.length > 0) {
    const { items, at, titles } = stack.pop()!;
    if (items === undefined) continue;
    if (!Array.isArray(items)) throw new DocsCheckError(`the collection's ${at}/item is not a list`);
    // Pushed in reverse so that items come out in document order.
    for (let index = items.length - 1; index >= 0; index--) {
      if (++count > MAX_ITEMS)
        throw new DocsCheckError(
          `the collection holds more than ${MAX_ITEMS} items (requests and folders): too large to check`,
        );
      const raw = items[index] as Raw;
      const itemAt = `${at}/item/${index}`;
      const name = typeof raw?.name === "string" ? raw.name : `#${index}`;
      const text = descriptionText(raw?.description ?? raw?.request?.description);
      if (text) descriptions.push({ text, at: `${itemAt}/description` });
      if (Array.isArray(raw?.item)) stack.push({ items: raw.item, at: itemAt, titles: [...titles, name] });
      else if (raw?.request)
        operations.push(operationOf(ItemOf, raw, itemAt, [...titles, name].join(" › "), variables));
    }
  }
  operations.sort((a, b) => a.at.localeCompare(b.at, "en", { numeric: true }));
  return { operations, descriptions };
}

/**
 * The URL-valued variables a collection or environment defines (`variable: [{key, value}]`), for
 * `{{baseUrl}}` in its URLs. Only URLs: an environment also holds tokens and ids, which never reach a report.
 */
export function variablesOf(list: unknown): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const entry of Array.isArray(list) ? (list as Raw[]) : []) {
    if (entry?.disabled === true || entry?.enabled === false) continue;
    if (typeof entry?.key === "string" && typeof entry.value === "string" && /^https?:\/\//.test(entry.value))
      variables[entry.key] = entry.value;
  }
  return variables;
}
