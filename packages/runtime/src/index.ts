/**
 * @finoauth/runtime: the small runtime every generated finoauth client shares (one package, not a copy per
 * client; see docs/decisions.md): openapi-fetch, with each operation's body sent in the spec's media type.
 * @packageDocumentation
 */
import createClient, { type Client, type ClientOptions, mergeHeaders } from "openapi-fetch";

/** A typed openapi-fetch client over a spec's `paths`. */
export type SpecClient<Paths extends {}> = Client<Paths, `${string}/${string}`>;

/**
 * openapi-fetch's client options: `baseUrl`, `fetch`, default `headers`, serializers and any `RequestInit`
 * field. Each may be `undefined` (its default then applies), so that `baseUrl: process.env.API_URL`
 * type-checks under `exactOptionalPropertyTypes`.
 */
export type SpecClientOptions = { [K in keyof ClientOptions]?: ClientOptions[K] | undefined };

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

type AnyInit = { headers?: Parameters<typeof mergeHeaders>[number] } & Record<string, unknown>;
type AnyCall = (path: string, init?: AnyInit) => Promise<unknown>;

type HeadersLike = AnyInit["headers"];

const isPlain = (headers: HeadersLike): boolean =>
  headers !== null && typeof headers === "object" && Object.getPrototypeOf(headers) === Object.prototype;

/** Whether `headers` (a Headers, a list of pairs or a plain object) names a Content-Type, in any letter case. */
function hasContentType(headers: HeadersLike): boolean {
  if (headers === undefined || headers === null) return false;
  if (headers instanceof Headers) return headers.has("content-type");
  const names = Array.isArray(headers) ? headers.map(([name]) => name) : Object.keys(headers);
  return names.some((name) => name.length === 12 && name.toLowerCase() === "content-type");
}

/**
 * Creates an openapi-fetch client whose calls send each operation's body in the spec's media type.
 * openapi-fetch form-encodes a body only when the request's Content-Type is exactly
 * `application/x-www-form-urlencoded` and never reads the spec at run time, so the generator hands the
 * spec's media types in here. A Content-Type given by the caller always wins.
 */
export function createSpecClient<Paths extends {}>(
  options: SpecClientOptions,
  requestMediaTypes: Readonly<Record<string, string>>,
): SpecClient<Paths> {
  const client = createClient<Paths, `${string}/${string}`>(options as ClientOptions);
  const clientWideType = hasContentType(options.headers);
  const withMediaType = (method: string, path: string, init: AnyInit = {}): AnyInit => {
    const mediaType = requestMediaTypes[`${method} ${path}`];
    // A Content-Type of the caller's, client-wide or per call, wins: openapi-fetch then does as it is told.
    if (mediaType === undefined || init.body === undefined || clientWideType || hasContentType(init.headers))
      return init;
    // The spec's media type goes first among the call's headers. A plain object (what the engine passes)
    // keeps its nulls, which unset a client-wide header, and costs no Headers per call.
    const headers =
      init.headers === undefined || isPlain(init.headers)
        ? { "Content-Type": mediaType, ...(init.headers as Record<string, string> | undefined) }
        : mergeHeaders({ "Content-Type": mediaType }, init.headers);
    return { ...init, headers };
  };
  const typed: Record<string, unknown> = { ...client };
  for (const method of METHODS) {
    const call = client[method] as unknown as AnyCall;
    typed[method] = (path: string, init?: AnyInit) => call(path, withMediaType(method, path, init));
  }
  const request = client.request as unknown as (method: string, path: string, init?: AnyInit) => Promise<unknown>;
  typed.request = (method: string, path: string, init?: AnyInit) =>
    request(method, path, withMediaType(method.toUpperCase(), path, init));
  return typed as unknown as SpecClient<Paths>;
}
