// The light request path: the request class openapi-fetch builds for the engine, the marker of a transport
// that takes it as it is (`@finoauth/auth/node`), and the errors such a transport reports to `send`.
import { invalidOptions } from "./errors.js";

/** A fetch as the generated clients call it. */
export type Fetch = (request: Request) => Promise<Response>;

/** The answer a light fetch gives: what openapi-fetch and the engine read of a `Response`, nothing more. */
export interface LightResponse {
  status: number;
  ok: boolean;
  headers: Pick<Headers, "get">;
  text(): Promise<string>;
}

/**
 * The marker of a transport that takes the engine's {@link LightRequest} as it is, enforces the size cap
 * itself and never follows redirects (`@finoauth/auth/node`): no WHATWG Request or Response is built.
 */
export const LIGHT_FETCH = Symbol.for("finoauth.lightFetch");

/** A transport that speaks light requests (see {@link LIGHT_FETCH}). */
export interface LightFetch {
  [LIGHT_FETCH]: (request: LightRequest, maxBytes: number) => Promise<LightResponse>;
}

/**
 * The slot where a light transport hangs the function that ends its request, on a signal the engine made
 * for it: the engine calls it right after aborting. On Node 20 an abort listener costs a kept-alive request
 * about as much as the rest of its JavaScript; a signal without the slot (a caller's) is listened to as usual.
 */
export const ABORT_HOOK = Symbol.for("finoauth.abortHook");

/**
 * The slot where the engine hangs what telemetry wants to know of the request the generated client built
 * (its method and URL): the fetch every client is given calls it. The signal is the one thing that travels
 * from the engine's call, through openapi-fetch, to the transport.
 */
export const REQUEST_SEEN = Symbol.for("finoauth.requestSeen");

/**
 * The slot where the engine's `send` says it can build the request again from scratch (a fresh client
 * assertion, a fresh proof): `false` until a wrapper asks for that with {@link Rebuild}, then `true`.
 * A DPoP nonce challenge is answered that way, so that nothing single-use is ever sent twice.
 */
export const REBUILD = Symbol.for("finoauth.rebuild");

export type HookedSignal = AbortSignal & {
  [REBUILD]?: boolean | undefined;
  [ABORT_HOOK]?: (() => void) | null;
  [REQUEST_SEEN]?: ((method: string, url: string) => void) | undefined;
};

/**
 * Runs `onAbort` when `signal` aborts: through the engine's hook slot when the signal has one, else as an
 * abort listener. Returns what undoes it (call it when the request ends).
 */
export function whenAborted(signal: AbortSignal, onAbort: () => void): () => void {
  const hooked = signal as HookedSignal;
  // The slot holds one function: a second request on the same signal (an adapter sending two at once)
  // listens instead, so that an abort still ends both.
  if (ABORT_HOOK in hooked && hooked[ABORT_HOOK] === null) {
    hooked[ABORT_HOOK] = onAbort;
    return () => {
      if (hooked[ABORT_HOOK] === onAbort) hooked[ABORT_HOOK] = null;
    };
  }
  signal.addEventListener("abort", onAbort, { once: true });
  return () => signal.removeEventListener("abort", onAbort);
}

export const lightOf = (fetch: Fetch | undefined) => (fetch as Partial<LightFetch> | undefined)?.[LIGHT_FETCH];

/** Thrown when an answer grows past the size cap; `send` turns it into a provider error. */
export class TooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the answer is larger than ${limit} bytes`);
  }
}

/**
 * Thrown by a transport that can prove a request was never written: the kept-alive connection it was given
 * had been closed by the server before any byte of the request went out (`@finoauth/auth/node` proves it;
 * see there). Such a request cannot have reached the server, so {@link send} sends it once more, whatever
 * the flow, a code exchange or a pin included. Anything else that fails is never re-sent by the engine:
 * the server may have read it (only retry-safe flows are retried, by policy).
 */
export class NotSent extends Error {
  /** The underlying error's code (`EPIPE`, `ECONNRESET`), for the network error's reason. */
  readonly code: string | undefined;
  constructor(override readonly cause: unknown) {
    super("the kept-alive connection was closed by the server before the request was written");
    this.code = (cause as { code?: string } | undefined)?.code;
  }
}

/**
 * Thrown by a fetch wrapper (DPoP's nonce challenge) that needs the request built again rather than sent
 * again: a client assertion's `jti` is single-use (RFC 7523 §3), so replaying its body would be refused
 * as a replay. {@link send} builds and sends the request once more, on the same signal and deadline.
 */
export class Rebuild extends Error {
  constructor() {
    super("the request must be built again (a DPoP nonce challenge)");
  }
}

/**
 * The request openapi-fetch builds for us (given as its `Request` class): the fields the transport reads,
 * without the cost of a WHATWG `Request` (a stream for the body, a signal that follows another). The one
 * real `Request` of a call is the one `fetch` makes; only a user's injected fetch gets a `Request` of its own.
 */
export class LightRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | null;
  readonly signal: AbortSignal | null;
  readonly redirect = "manual";

  constructor(
    input: string | { url: string },
    init: { method?: string; headers?: HeadersInit; body?: unknown; signal?: AbortSignal | null } = {},
  ) {
    this.url = typeof input === "string" ? input : input.url;
    this.method = (init.method ?? "GET").toUpperCase();
    this.headers = init.headers instanceof Headers ? init.headers : headersOf(init.headers);
    if (init.body !== undefined && init.body !== null && typeof init.body !== "string")
      throw new TypeError("a provider request body must be a string (a form or JSON body)");
    this.body = init.body ?? null;
    this.signal = init.signal ?? null;
  }
}

/**
 * The request's headers, or an `invalid_options` error when a value is one HTTP forbids (CR, LF or NUL:
 * RFC 9110 §5.5): the engine-wide guard behind each adapter's own checks, so that a header value from an
 * option or parameter an adapter forgot to check is refused before anything is sent, and never retried.
 * The error names the header, never the value (it may be a credential).
 */
export function headersOf(init: HeadersInit | undefined): Headers {
  try {
    return new Headers(init);
  } catch {
    const entries: [string, unknown][] = Array.isArray(init)
      ? init.map(([name, value]) => [name, value] as [string, unknown])
      : Object.entries(init ?? {});
    const bad = entries.find(([, value]) => typeof value === "string" && /[\r\n\0]/.test(value))?.[0];
    throw invalidOptions(
      bad === undefined
        ? "a request header has a name or value HTTP forbids (RFC 9110 §5.5): refused before anything was sent"
        : `the request header ${JSON.stringify(bad)} has a value with CR, LF or NUL, which HTTP forbids (RFC 9110 §5.5): refused before anything was sent`,
    );
  }
}

/** True when `fetch` (a provider's `fetch` option) is a light transport, whose requests end when their signal aborts. */
export const honoursSignal = (fetch: Fetch | undefined): boolean => lightOf(fetch) !== undefined;
