// The lean call: what openapi-fetch's `coreFetch` does for a plain call (no middleware, no path or query
// parameters, no custom serializers), without its per-call Headers objects, serializer closures and
// object copies. Anything else goes to openapi-fetch itself. `test/lean-call.test.ts` holds the two to the
// same request and the same result over generated calls; `docs/decisions.md` and ARCHITECTURE.md say why.
import type { ClientOptions } from "openapi-fetch";

/** What a call may pass: openapi-fetch's `FetchOptions`, read loosely. */
export type LeanInit = Record<string, unknown>;

/** A header record as openapi-fetch's `mergeHeaders` would leave it: lower-case names, last value wins. */
type HeaderRecord = Record<string, string>;

/** The keys of a call's init that openapi-fetch reads itself; the rest is `RequestInit` for the Request. */
const OWN = new Set([
  "baseUrl",
  "fetch",
  "Request",
  "headers",
  "params",
  "parseAs",
  "querySerializer",
  "bodySerializer",
  "pathSerializer",
  "body",
  "middleware",
]);

const FORM = "application/x-www-form-urlencoded";
/** A header name (RFC 9110 §5.1 token) and what no header value may hold (NUL, CR, LF), as undici checks them. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const FORBIDDEN = /[\0\r\n]/;

/** Set by {@link merge} when a `null` unset the Content-Type (read right after, in the same call). */
let unsetContentType = false;

/**
 * Merges header sources into `into` as `mergeHeaders` does (a `null` value unsets, `undefined` is skipped,
 * a later source wins); `false` for what only openapi-fetch should handle (a list of pairs, a value list).
 */
function merge(into: HeaderRecord, source: unknown): boolean {
  if (source === null || typeof source !== "object") return true;
  if (Array.isArray(source)) return false;
  if (source instanceof Headers) {
    for (const [name, value] of source) into[name] = value;
    return true;
  }
  for (const name in source) {
    // Own fields only, as Object.entries reads them (an enumerable field on a prototype is not a header).
    if (!Object.hasOwn(source, name)) continue;
    const value = (source as Record<string, unknown>)[name];
    if (value === undefined) continue;
    if (Array.isArray(value)) return false;
    // Checked as each is merged, as `Headers.set` checks it, even when a later source replaces it.
    if (!TOKEN.test(name)) throw new TypeError(`invalid header name ${JSON.stringify(name)}`);
    const lower = name.toLowerCase();
    if (value === null) {
      delete into[lower];
      if (lower === "content-type") unsetContentType = true;
      continue;
    }
    // A symbol is no header value (Headers' ByteString conversion refuses it, String() would not).
    if (typeof value === "symbol") throw new TypeError(`invalid header value for ${JSON.stringify(name)}`);
    const text = normalize(String(value));
    // The value is never quoted: it may be a credential.
    if (FORBIDDEN.test(text)) throw new TypeError(`invalid header value for ${JSON.stringify(name)}`);
    into[lower] = text;
  }
  return true;
}

/** Whether `headers` (a Headers, a list of pairs or a plain object) names a Content-Type, in any letter case. */
export function hasContentType(headers: unknown): boolean {
  if (headers === undefined || headers === null || typeof headers !== "object") return false;
  if (headers instanceof Headers) return headers.has("content-type");
  const named = (name: unknown) =>
    typeof name === "string" && name.length === 12 && name.toLowerCase() === "content-type";
  if (Array.isArray(headers)) return headers.some(([name]) => named(name));
  for (const name in headers) if (named(name) && Object.hasOwn(headers, name)) return true;
  return false;
}

/** A header value without its leading and trailing HTTP whitespace, as `Headers` keeps it (Fetch §2.2). */
function normalize(value: string): string {
  const edge = (code: number) => code === 9 || code === 10 || code === 13 || code === 32;
  return value.length > 0 && (edge(value.charCodeAt(0)) || edge(value.charCodeAt(value.length - 1)))
    ? value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "")
    : value;
}

/** True when a parameter group holds nothing openapi-fetch would put in the URL. */
const empty = (group: unknown): boolean => {
  if (group === undefined || group === null) return true;
  if (typeof group !== "object") return false;
  for (const name in group) if ((group as Record<string, unknown>)[name] != null) return false;
  return true;
};

/** openapi-fetch's default body serializer, reading a header record. */
function serialize(body: unknown, headers: HeaderRecord): unknown {
  if (body instanceof FormData) return body;
  return headers["content-type"] === FORM
    ? (formOf(body) ?? new URLSearchParams(body as Record<string, string>).toString())
    : JSON.stringify(body);
}

/** What `encodeURIComponent` leaves that the form serializer encodes, and its `%20` (a `+` in a form). */
const FORM_MISFITS = /[!'()~]|%20/g;

/**
 * A string as the application/x-www-form-urlencoded serializer writes it (WHATWG URL §5.2). A lone
 * surrogate makes `encodeURIComponent` throw (URLSearchParams writes U+FFFD): the caller then leaves the
 * whole body to URLSearchParams.
 */
function formPart(text: string): string {
  const encoded = encodeURIComponent(text);
  return encoded.search(FORM_MISFITS) === -1
    ? encoded
    : encoded.replace(FORM_MISFITS, (c) => (c === "%20" ? "+" : `%${c.charCodeAt(0).toString(16).toUpperCase()}`));
}

/**
 * `new URLSearchParams(body).toString()` for a plain object of strings, numbers and booleans (a token
 * request's body), a few times faster; `undefined` for anything else, which URLSearchParams then reads.
 */
function formOf(body: unknown): string | undefined {
  if (body === null || typeof body !== "object") return undefined;
  const prototype = Object.getPrototypeOf(body);
  if ((prototype !== Object.prototype && prototype !== null) || Object.getOwnPropertySymbols(body).length > 0)
    return undefined;
  let out = "";
  try {
    for (const key in body) {
      if (!Object.hasOwn(body, key)) continue;
      const value = (body as Record<string, unknown>)[key];
      const text =
        typeof value === "string"
          ? value
          : typeof value === "number" || typeof value === "boolean"
            ? String(value)
            : null;
      if (text === null) return undefined;
      out += `${out === "" ? "" : "&"}${formPart(key)}=${formPart(text)}`;
    }
  } catch {
    return undefined;
  }
  return out;
}

/** The client-wide settings a lean call reads, fixed when the client is made. */
export interface LeanSettings {
  baseUrl: string;
  fetch: (request: Request) => Promise<Response>;
  Request: typeof Request;
  headers: unknown;
  /** The client-wide headers name a Content-Type (even a `null` one): the spec's media type is then never added. */
  contentType: boolean;
  bodySerializer: ((body: unknown, headers?: unknown) => unknown) | undefined;
  /** `RequestInit` fields given client-wide, if any. */
  requestInit: Record<string, unknown> | undefined;
}

/**
 * The client-wide settings, or `undefined` when the client's options ask for something only openapi-fetch
 * does (its own query or path serializer, undici's `requestInitExt`).
 */
export function leanSettings(options: ClientOptions): LeanSettings | undefined {
  const {
    baseUrl = "",
    fetch = globalThis.fetch,
    Request: RequestClass = globalThis.Request,
    querySerializer,
    bodySerializer,
    pathSerializer,
    headers,
    requestInitExt,
    ...requestInit
  } = options as ClientOptions & { pathSerializer?: unknown; requestInitExt?: unknown };
  if (querySerializer !== undefined || pathSerializer !== undefined || requestInitExt !== undefined) return undefined;
  return {
    baseUrl: baseUrl.endsWith("/") ? baseUrl.slice(0, -1) : baseUrl,
    // Read when called, as openapi-fetch does not: it reads them once, as here.
    fetch: fetch as LeanSettings["fetch"],
    Request: RequestClass,
    headers,
    contentType: hasContentType(headers),
    bodySerializer: bodySerializer as LeanSettings["bodySerializer"],
    requestInit: Object.keys(requestInit).length > 0 ? requestInit : undefined,
  };
}

/**
 * Sends `method path` as openapi-fetch would and resolves to the same `{ data | error, response }`, or
 * returns `undefined` (nothing done) when the call needs openapi-fetch: middleware, path or query
 * parameters, its own serializers, or a header given as a list.
 */
export function leanCall(
  settings: LeanSettings,
  method: string,
  path: string,
  init: LeanInit | undefined,
  mediaType: string | undefined,
): Promise<unknown> | undefined {
  try {
    return build(settings, method, path, init ?? {}, mediaType);
  } catch (error) {
    // As openapi-fetch's async call: a bad header or an unserializable body rejects, never throws.
    return Promise.reject(error);
  }
}

function build(
  settings: LeanSettings,
  method: string,
  path: string,
  call: LeanInit,
  mediaType: string | undefined,
): Promise<unknown> | undefined {
  const params = call.params as Record<string, unknown> | undefined;
  if (
    (call.middleware as unknown[] | undefined)?.length ||
    call.querySerializer !== undefined ||
    call.pathSerializer !== undefined ||
    (params !== undefined && (!empty(params.path) || !empty(params.query)))
  )
    return undefined;
  // The headers the body serializer sees (the client's, the spec's media type, the call's, the parameters').
  const { body } = call;
  // The spec's media type goes between the client's headers and the call's, unless either names a Content-Type.
  const spec =
    mediaType !== undefined && body !== undefined && !settings.contentType && !hasContentType(call.headers)
      ? mediaType
      : undefined;
  const given: HeaderRecord = {};
  unsetContentType = false;
  if (!merge(given, settings.headers)) return undefined;
  if (spec !== undefined) given["content-type"] = spec;
  if (!merge(given, call.headers) || !merge(given, params?.header)) return undefined;
  const serializer = (call.bodySerializer ?? settings.bodySerializer) as LeanSettings["bodySerializer"];
  const serialized =
    body === undefined ? undefined : serializer ? serializer(body, new Headers(given)) : serialize(body, given);
  // openapi-fetch puts a JSON Content-Type under every source when there is a body (not FormData): it
  // stays unless a source set one, or unset it with a null.
  if (serialized !== undefined && !(serialized instanceof FormData) && !("content-type" in given) && !unsetContentType)
    given["content-type"] = "application/json";
  const requestInit: Record<string, unknown> = settings.requestInit
    ? { redirect: "follow", ...settings.requestInit }
    : { redirect: "follow" };
  let extra = false;
  for (const key in call)
    if (!OWN.has(key) && Object.hasOwn(call, key)) {
      requestInit[key] = call[key];
      extra = true;
    }
  requestInit.method = method;
  requestInit.body = serialized;
  requestInit.headers = given;
  const base =
    typeof call.baseUrl === "string" && call.baseUrl !== "" ? call.baseUrl.replace(/\/$/, "") : settings.baseUrl;
  const RequestClass = (call.Request ?? settings.Request) as typeof Request;
  const request = new RequestClass(`${base}${path}`, requestInit as RequestInit);
  // openapi-fetch copies a call's own fields the Request does not know onto it.
  if (extra)
    for (const key in call)
      if (!OWN.has(key) && Object.hasOwn(call, key) && !(key in request))
        (request as unknown as Record<string, unknown>)[key] = call[key];
  const fetch = (call.fetch ?? settings.fetch) as LeanSettings["fetch"];
  const parseAs = (call.parseAs ?? "json") as string;
  return fetch(request).then((response) => read(response, request.method, parseAs));
}

/** openapi-fetch's reading of an answer: `{ data }` when it is ok, `{ error }` (JSON when it parses) when not. */
async function read(response: Response, method: string, parseAs: string): Promise<unknown> {
  const contentLength = response.headers.get("Content-Length");
  if (
    response.status === 204 ||
    method === "HEAD" ||
    (contentLength === "0" && !response.headers.get("Transfer-Encoding")?.includes("chunked"))
  )
    return response.ok ? { data: undefined, response } : { error: undefined, response };
  if (response.ok) {
    if (parseAs === "stream") return { data: response.body, response };
    if (parseAs === "json" && !contentLength) {
      const raw = await response.text();
      return { data: raw ? JSON.parse(raw) : undefined, response };
    }
    return { data: await (response as unknown as Record<string, () => Promise<unknown>>)[parseAs]!(), response };
  }
  let error: unknown = await response.text();
  try {
    error = JSON.parse(error as string);
  } catch {
    // Not JSON: the text as it came.
  }
  return { error, response };
}
