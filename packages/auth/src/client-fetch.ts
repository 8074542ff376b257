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
 * The answer as the engine reads it (status, headers, the body as text), its body read within `limit`
 * bytes as the reader sees them, decoded: past it the read fails and the source is cancelled, so memory
 * stays flat whatever the coding (a 175-byte brotli answer can decode to 64 MiB). A declared
 * `Content-Length` over the cap is refused at once. Counting is skipped only for the global fetch
 * (`trustLength`) on an answer without a coding whose length is declared: undici reads exactly that many
 * bytes. A user's fetch may decode, or build its Response from anything: its body is always counted, read
 * from its stream here (no second stream and Response built around it).
 */
export function capped(response: Response, limit: number, trustLength: boolean): Response | LightResponse {
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
  const body = response.body;
  if (!body) return response;
  const { status, ok, headers } = response;
  return { status, ok, headers, text: () => readText(body, limit) };
}

/** A body read to the end as UTF-8 text (as `Response.text()` decodes it), failing past `limit` bytes. */
async function readText(body: ReadableStream<Uint8Array>, limit: number): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let seen = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    seen += value.byteLength;
    if (seen > limit) {
      void reader.cancel().catch(() => {});
      throw new TooLarge(limit);
    }
    text += decoder.decode(value, { stream: true });
  }
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
