// Which headers are the docs' business: request headers other than the ones HTTP, content negotiation and
// authentication set (those are compared as media types and security), response headers other than the
// ones every server sends.

/** Request headers not compared as parameters: the body's media type, negotiation, credentials, transport. */
const REQUEST_HEADERS = new Set([
  "content-type",
  "accept",
  "authorization",
  "user-agent",
  "host",
  "content-length",
  "connection",
  "accept-encoding",
  "cache-control",
  "cookie",
]);

/** Response headers every server sends, not part of an API's contract. */
const RESPONSE_HEADERS = new Set([
  "content-type",
  "content-length",
  "date",
  "server",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "cache-control",
  "pragma",
  "expires",
  "vary",
  "etag",
  "set-cookie",
  "strict-transport-security",
  "x-content-type-options",
  "x-frame-options",
  "x-xss-protection",
  "content-encoding",
  "referrer-policy",
]);

/** Whether a request header is compared with the spec's header parameters. */
export const isContractRequestHeader = (name: string): boolean => !REQUEST_HEADERS.has(name.toLowerCase());

/** Whether a response header is compared with the spec's response headers. */
export const isContractResponseHeader = (name: string): boolean => !RESPONSE_HEADERS.has(name.toLowerCase());

/** A media type without its parameters, lower case (`application/json; charset=utf-8` → `application/json`). */
export const bareMediaType = (value: string): string => value.split(";")[0]!.trim().toLowerCase();

/** Whether a media type carries JSON (`application/json`, `application/problem+json`). */
export const isJsonMediaType = (mediaType: string): boolean => /^application\/(?:[\w.-]+\+)?json$/.test(mediaType);
