/**
 * @finoauth/runtime: the small runtime every generated finoauth client shares (one package, not a copy per
 * client; see docs/decisions.md): openapi-fetch, with each operation's body sent in the spec's media type.
 * @packageDocumentation
 */
import createClient, { type Client, type ClientOptions, type Middleware, mergeHeaders } from "openapi-fetch";
import { hasContentType, type LeanInit, leanCall, leanSettings } from "./lean-call.js";

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

/** A plain object (an object literal, or one made with `Object.create(null)`), whose `null`s unset a header. */
const isPlain = (headers: HeadersLike): boolean => {
  if (headers === null || typeof headers !== "object") return false;
  const prototype = Object.getPrototypeOf(headers);
  return prototype === Object.prototype || prototype === null;
};

/**
 * Creates an openapi-fetch client whose calls send each operation's body in the spec's media type.
 * openapi-fetch form-encodes a body only when the request's Content-Type is exactly
 * `application/x-www-form-urlencoded` and never reads the spec at run time, so the generator hands the
 * spec's media types in here. A Content-Type given by the caller always wins.
 *
 * A plain call (no middleware, no path or query parameters, no serializer of the caller's) is built and
 * read here, as openapi-fetch would, without its per-call `Headers` objects (see `lean-call.ts`): the
 * same request, the same `{ data | error, response }`. Anything else is openapi-fetch's own.
 */
export function createSpecClient<Paths extends {}>(
  options: SpecClientOptions,
  requestMediaTypes: Readonly<Record<string, string>>,
): SpecClient<Paths> {
  const client = createClient<Paths, `${string}/${string}`>(options as ClientOptions);
  const clientWideType = hasContentType(options.headers);
  const lean = leanSettings(options as ClientOptions);
  // The client's middleware, as openapi-fetch keeps it: with any, every call is openapi-fetch's.
  const middleware: Middleware[] = [];
  const withMediaType = (method: string, path: string, init: AnyInit = {}): AnyInit => {
    const mediaType = requestMediaTypes[`${method} ${path}`];
    // A Content-Type of the caller's, client-wide or per call, wins: openapi-fetch then does as it is told.
    if (mediaType === undefined || init.body === undefined || clientWideType || hasContentType(init.headers))
      return init;
    // The spec's media type goes first among the call's headers. A plain object keeps its nulls, which
    // unset a client-wide header, and costs no Headers per call.
    const headers =
      init.headers === undefined || isPlain(init.headers)
        ? { "Content-Type": mediaType, ...(init.headers as Record<string, string> | undefined) }
        : mergeHeaders({ "Content-Type": mediaType }, init.headers);
    return { ...init, headers };
  };
  const send = (method: string, path: string, init: AnyInit | undefined, call: AnyCall): Promise<unknown> =>
    (lean !== undefined && middleware.length === 0
      ? leanCall(lean, method, path, init as LeanInit | undefined, requestMediaTypes[`${method} ${path}`])
      : undefined) ?? call(path, withMediaType(method, path, init));
  const typed: Record<string, unknown> = { ...client };
  for (const method of METHODS) {
    const call = client[method] as unknown as AnyCall;
    typed[method] = (path: string, init?: AnyInit) => send(method, path, init, call);
  }
  const request = client.request as unknown as (method: string, path: string, init?: AnyInit) => Promise<unknown>;
  typed.request = (method: string, path: string, init?: AnyInit) => {
    const upper = method.toUpperCase();
    return send(upper, path, init, (p, i) => request(method, p, i));
  };
  typed.use = (...added: Middleware[]) => {
    client.use(...added);
    for (const one of added) if (one) middleware.push(one);
  };
  typed.eject = (...removed: Middleware[]) => {
    client.eject(...removed);
    for (const one of removed) {
      const at = middleware.indexOf(one);
      if (at !== -1) middleware.splice(at, 1);
    }
  };
  return typed as unknown as SpecClient<Paths>;
}
