// What a provider's published docs say, in one shape whatever the format (Postman collection, Postman
// documenter page, OpenAPI 3.x, Swagger 2.0): the operations they document, each with its parameters,
// request bodies and saved responses, every part with its place in the docs (`at`, a JSON pointer into the
// docs file, and `title`, the item names a reader sees).

import type { SpecNode } from "@finoauth/spec";

/** A JSON value as parsed from the docs. */
export type Json = unknown;

/** The formats docs-check reads. */
export type DocsFormat =
  | "postman-2.0"
  | "postman-2.1"
  | "postman-documenter"
  | "openapi-3.0"
  | "openapi-3.1"
  | "swagger-2.0";

/** A place in the docs: a JSON pointer into the docs file and, for a Postman item, its names (`A › B`). */
export interface DocsPlace {
  at: string;
  title?: string | undefined;
}

/** One documented field of a request or response body (a form field, a JSON property, a schema property). */
export interface DocsField extends DocsPlace {
  name: string;
  /** Its JSON type when the docs show one (`string` for a form field). */
  type?: string | undefined;
  required?: boolean | undefined;
}

/** One documented request parameter (`query`, `header`, `path`, `cookie`). */
export interface DocsParameter extends DocsField {
  in: "query" | "header" | "path" | "cookie";
}

/** One example value the docs show, with its place. */
export interface DocsExample {
  value: Json;
  at: string;
}

/** One documented request body: its media type, fields and example values. */
export interface DocsBody extends DocsPlace {
  mediaType: string;
  fields: DocsField[];
  /** The example bodies the docs hold (a form body as an object of strings). */
  examples: DocsExample[];
  /** Whether the examples' values are form strings (so numbers and booleans arrive as text). */
  form?: boolean | undefined;
}

/** One documented response: a status, optionally a body (media type, fields, example) and headers. */
export interface DocsResponse extends DocsPlace {
  status: string;
  mediaType?: string | undefined;
  headers: DocsField[];
  fields: DocsField[];
  /** Whether `fields` are the response schema's declared properties (OpenAPI), not an example's keys. */
  declared?: boolean | undefined;
  examples: DocsExample[];
}

/** One documented request (a Postman request) or operation (an OpenAPI operation). */
export interface DocsOperation extends DocsPlace {
  method: string;
  /** The path as documented, variables written `{name}`, with the server or `{{baseUrl}}` removed. */
  path: string;
  /** The URL as written in the docs (for the report). */
  url: string;
  parameters: DocsParameter[];
  bodies: DocsBody[];
  responses: DocsResponse[];
}

/** A URL or path the prose of the docs mentions, with the names its text attaches to it. */
export interface TextMention extends DocsPlace {
  url: string;
  /** The path part, server removed; undefined for a URL on a host that is no server of the spec. */
  path?: string | undefined;
  host?: string | undefined;
  /** The names the text gives for it, each with its line in the text. */
  names: { name: string; at: string; line: number }[];
}

/** The docs, read: their format, their operations, and for docs that are prose only, what the text mentions. */
export interface DocsModel {
  format: DocsFormat;
  /** `requests`: the docs hold requests or operations; `text`: prose only (the weaker check). */
  kind: "requests" | "text";
  operations: DocsOperation[];
  mentions: TextMention[];
  /** For OpenAPI and Swagger docs: the document as OpenAPI 3.1-shaped, for the keyword comparison. */
  document?: SpecNode | undefined;
  /** The docs' server URLs or base URL variables (`{{baseUrl}}` → its value), when they declare some. */
  servers: string[];
}
