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
 * The signal the engine gives a light transport's request (see {@link LIGHT_FETCH}) and Node's global
 * fetch: an `EventTarget` with what they read of an `AbortSignal` (`aborted`, `reason`, the `abort`
 * event) and the engine's slots, without a real one. On Node 20 an `AbortSignal` costs about 4.5 µs of CPU
 * to make (it is a transferable host object; an `EventTarget` costs 0.05 µs), and adding the engine's
 * slots to one about as much again: together as much as the rest of the engine's work for a kept-alive
 * request. Node's `fetch` and `Request` take any signal with these members (undici checks them, not the
 * class); a runtime or client that wants a real `AbortSignal` refuses it with a TypeError before anything
 * is sent, and the engine then sends real ones (see `send`).
 */
export class LightSignal extends EventTarget {
  aborted = false;
  reason: unknown = undefined;
  onabort: ((event: Event) => void) | null = null;
  [ABORT_HOOK]: (() => void) | null = null;
  [REBUILD]: boolean | undefined = false;
  [REQUEST_SEEN]: ((method: string, url: string) => void) | undefined = undefined;

  /** Aborts, once: the hooked request first, then the `abort` event's listeners, then `onabort`. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this[ABORT_HOOK]?.();
    const event = new Event("abort");
    this.dispatchEvent(event);
    this.onabort?.call(this, event);
  }

  throwIfAborted(): void {
    if (this.aborted) throw this.reason;
  }
}

/** True for the TypeError a WHATWG `Request` (or fetch) throws when its `signal` is not a real `AbortSignal`. */
export const refusesLightSignal = (error: unknown): boolean =>
  error instanceof TypeError && /\bsignal\b/i.test(error.message) && /AbortSignal/.test(error.message);

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
 * Headers given as a plain object (what the generated clients' lean call passes) stay one until someone
 * asks for `headers`: the keep-alive transport writes {@link LightRequest.fields} as they are.
 */
export class LightRequest {
  readonly url: string;
  readonly method: string;
  readonly body: string | null;
  readonly signal: AbortSignal | null;
  readonly redirect = "manual";
  #fields: Record<string, string> | undefined;
  #headers: Headers | undefined;

  constructor(
    input: string | { url: string },
    init: { method?: string; headers?: HeadersInit; body?: unknown; signal?: AbortSignal | null } = {},
  ) {
    this.url = typeof input === "string" ? input : input.url;
    this.method = (init.method ?? "GET").toUpperCase();
    const given = init.headers;
    if (given instanceof Headers) this.#headers = given;
    else if (isRecord(given)) this.#fields = fieldsOf(given);
    else this.#headers = headersOf(given);
    if (init.body !== undefined && init.body !== null && typeof init.body !== "string")
      throw new TypeError("a provider request body must be a string (a form or JSON body)");
    this.body = init.body ?? null;
    this.signal = init.signal ?? null;
  }

  /** The headers as a WHATWG `Headers` (made on first use; from then on the one copy, changes included). */
  get headers(): Headers {
    if (this.#headers === undefined) {
      this.#headers = new Headers(this.#fields);
      this.#fields = undefined;
    }
    return this.#headers;
  }

  /** The headers as a record of lower-case names, for a transport that writes them itself. */
  fields(): Readonly<Record<string, string>> {
    return this.#fields ?? recordOf(this.#headers!);
  }
}

/**
 * A light request's headers as a record of lower-case names. A transport may be handed a light request by
 * another copy of this package (`LIGHT_FETCH` is a registered symbol), one without `fields`: read its Headers.
 */
export const requestFields = (request: LightRequest): Readonly<Record<string, string>> =>
  typeof request.fields === "function"
    ? request.fields()
    : recordOf(request.headers instanceof Headers ? request.headers : headersOf(request.headers as HeadersInit));

const recordOf = (headers: Headers): Record<string, string> => {
  const fields: Record<string, string> = {};
  for (const [name, value] of headers) fields[name] = value;
  return fields;
};

const isRecord = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== "object") return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/** A header name (RFC 9110 §5.1 token), and a value's edge whitespace (which `Headers` drops). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const EDGES = /^[\t\n\r ]+|[\t\n\r ]+$/g;

/**
 * A plain header object as `Headers` would hold it (lower-case names, values without edge whitespace, an
 * `undefined` value left out), checked as {@link headersOf} checks it: a bad name or value is `invalid_options`.
 */
function fieldsOf(given: Record<string, unknown>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const name in given) {
    if (!Object.hasOwn(given, name)) continue;
    const raw = given[name];
    if (raw === undefined) continue;
    // A symbol is no header value: Headers refuses it, and headersOf says so.
    if (typeof raw === "symbol") return recordOf(headersOf(given as HeadersInit));
    const value = typeof raw === "string" ? raw : String(raw);
    // One test for the common case (no edge whitespace, no CR, LF or NUL); then what Headers does.
    const suspect = SUSPECT.test(value);
    const clean = suspect ? value.replace(EDGES, "") : value;
    // What Headers would refuse: headersOf throws the error naming the header.
    if (!goodName(name) || (suspect && /[\0\r\n]/.test(clean))) return recordOf(headersOf(given as HeadersInit));
    const lower = name.toLowerCase();
    fields[lower] = lower in fields ? `${fields[lower]}, ${clean}` : clean;
  }
  return fields;
}

/** A value that needs a closer look: edge whitespace, or a CR, LF or NUL anywhere. */
const SUSPECT = /^[\t\n\r ]|[\t\n\r ]$|[\0\r\n]/;

/** Header names seen valid: a provider sends the same few on every request (bounded, for hostile input). */
const goodNames = new Set<string>();
const goodName = (name: string): boolean => {
  if (goodNames.has(name)) return true;
  if (!TOKEN.test(name)) return false;
  if (goodNames.size < 256) goodNames.add(name);
  return true;
};

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
