// The fetch every generated client is given: the user's fetch or the global one, with redirects never
// followed and the answer capped at the provider's size limit, decoded bytes counted.
import { dispatchDefault, globalFetchIsNodes } from "./default-dispatch.js";
import type { InitFetch } from "./fapi/tls.js";
import {
  type Fetch,
  type HookedSignal,
  LightRequest,
  type LightResponse,
  lightOf,
  REQUEST_SEEN,
  TooLarge,
} from "./light-request.js";

/** Tells the engine's telemetry which method and URL this request went to (see {@link REQUEST_SEEN}). */
const seen = (request: LightRequest | Request) =>
  (request.signal as HookedSignal | null)?.[REQUEST_SEEN]?.(request.method, request.url);

/** A WHATWG Request for a user's fetch: same URL, method, headers, body and signal, and redirects never followed. */
/** The headers to hand a fetch: a light request's record as it is (the fetch makes its own Headers of it). */
const headersOf = (request: LightRequest | Request): HeadersInit =>
  request instanceof LightRequest ? request.fields() : request.headers;

const toRequest = (request: LightRequest | Request): Request =>
  request instanceof Request
    ? new Request(request, { redirect: "manual" })
    : new Request(request.url, {
        method: request.method,
        headers: headersOf(request),
        body: request.body,
        signal: request.signal,
        redirect: "manual",
      });

/** True when the answer declares a content coding (`gzip`, `br`, …): its bytes on the wire are not its body. */
const isEncoded = (headers: Headers): boolean => {
  const coding = headers.get("content-encoding");
  return (
    coding !== null && coding.split(",").some((one) => one.trim() !== "" && one.trim().toLowerCase() !== "identity")
  );
};

/**
 * A body that errors (and cancels the source) once it has passed `limit` bytes as the reader sees them,
 * decoded: memory stays flat, whatever the coding (a 175-byte brotli answer can decode to 64 MiB). A
 * declared `Content-Length` over the cap is refused at once. Counting is skipped only for the global fetch
 * (`trustLength`) on an answer without a coding whose length is declared: undici reads exactly that many
 * bytes. A user's fetch may decode, or build its Response from anything: its body is always counted.
 */
export function capped(response: Response, limit: number, trustLength: boolean): Response {
  const length = response.headers.get("content-length");
  if (length !== null) {
    const declared = Number(length);
    if (declared > limit) {
      void response.body?.cancel().catch(() => {});
      throw new TooLarge(limit);
    }
    if (
      trustLength &&
      Number.isInteger(declared) &&
      declared >= 0 &&
      response.headers.get("transfer-encoding") === null &&
      !isEncoded(response.headers)
    )
      return response;
  }
  if (!response.body) return response;
  let seen = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > limit) controller.error(new TooLarge(limit));
      else controller.enqueue(chunk);
    },
  });
  const { status, statusText, headers } = response;
  return new Response(response.body.pipeThrough(counter), { status, statusText, headers });
}

/**
 * The fetch handed to every generated client: the user's fetch (or the global one), with redirects never
 * followed (a 3xx comes back as it is, and `classify` refuses it) and the body capped at `maxBytes`
 * decoded bytes (see {@link capped}; a light transport counts them itself). `base` replaces the global
 * fetch on the default path (one presenting a client certificate: see `fapi/tls.ts`). While the global
 * fetch is Node's own, the default path sends through its dispatcher directly (see default-dispatch.ts).
 */
export function transport(
  userFetch: Fetch | undefined,
  maxBytes: number,
  base?: InitFetch | undefined,
): (request: LightRequest | Request) => Promise<Response | LightResponse> {
  const light = lightOf(userFetch);
  if (light)
    return (request) => {
      seen(request);
      if (request instanceof LightRequest) return light(request, maxBytes);
      // A light request of another copy of this package.
      if (!(request instanceof Request)) {
        const foreign = request as { url: string };
        return light(new LightRequest(foreign.url, foreign as never), maxBytes);
      }
      // A WHATWG Request (an outside definition's client may build one): its body is a stream, read first.
      return request.text().then((text) =>
        light(
          new LightRequest(request.url, {
            method: request.method,
            headers: request.headers,
            body: text === "" ? null : text,
            signal: request.signal,
          }),
          maxBytes,
        ),
      );
    };
  return async (request) => {
    seen(request);
    // Node's own global fetch: the request goes to the dispatcher it would use, without its WHATWG wrapping.
    if (userFetch === undefined && base === undefined && request instanceof LightRequest && globalFetchIsNodes())
      return dispatchDefault(request, maxBytes);
    const response = userFetch
      ? await userFetch(toRequest(request))
      : await (base ?? fetch)(request.url, {
          method: request.method,
          headers: headersOf(request),
          body: request.body,
          signal: request.signal,
          redirect: "manual",
        });
    return capped(response, maxBytes, userFetch === undefined);
  };
}
