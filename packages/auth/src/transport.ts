// The one transport: every provider request goes through `send`, which bounds it in time and size,
// never follows a redirect, and turns a missing answer into a typed, scrubbed error.
import { aborted, FinoauthError, invalidOptions, networkError, refusedAnswer, timedOut } from "./errors.js";
import { parseRetryAfter } from "./retry.js";

/** Per-call options every flow accepts. */
export interface CallOptions {
  /** Aborts the call (and any retry wait). */
  signal?: AbortSignal | undefined;
  /** Overrides the provider's `timeoutMs` (per request) for this call. */
  timeoutMs?: number | undefined;
  /** Overrides the provider's `deadlineMs` (the whole call, retries included) for this call. */
  deadlineMs?: number | undefined;
}

/** What the generated clients' calls resolve to, read as text (`parseAs: "text"`), so that we parse strictly. */
export interface ClientResult {
  response: Pick<Response, "status" | "ok" | "headers">;
  data?: unknown;
  error?: unknown;
}

/** The init every adapter passes to its generated client call. */
export interface SendInit {
  signal: AbortSignal;
  parseAs: "text";
}

/** A provider's answer: status, headers, the body text and, when it is JSON, the parsed body. */
export interface ProviderResponse {
  status: number;
  headers: Pick<Headers, "get">;
  text: string;
  /** The parsed JSON body; `undefined` when the body is empty or not JSON. */
  json: unknown;
}

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

type HookedSignal = AbortSignal & { [ABORT_HOOK]?: (() => void) | null };

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

const lightOf = (fetch: Fetch | undefined) => (fetch as Partial<LightFetch> | undefined)?.[LIGHT_FETCH];

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
function headersOf(init: HeadersInit | undefined): Headers {
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

/** A WHATWG Request for a user's fetch: same URL, method, headers, body and signal, and redirects never followed. */
const toRequest = (request: LightRequest | Request): Request =>
  request instanceof Request
    ? new Request(request, { redirect: "manual" })
    : new Request(request.url, {
        method: request.method,
        headers: request.headers,
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
function capped(response: Response, limit: number, trustLength: boolean): Response {
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
 * decoded bytes (see {@link capped}; a light transport counts them itself).
 */
export function transport(
  userFetch: Fetch | undefined,
  maxBytes: number,
): (request: LightRequest | Request) => Promise<Response | LightResponse> {
  const light = lightOf(userFetch);
  if (light)
    return (request) =>
      light(request instanceof LightRequest ? request : new LightRequest(request.url, request as never), maxBytes);
  return async (request) => {
    const response = userFetch
      ? await userFetch(toRequest(request))
      : await fetch(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          signal: request.signal,
          redirect: "manual",
        });
    return capped(response, maxBytes, userFetch === undefined);
  };
}

/** What {@link send} needs besides the request. */
export interface SendOptions {
  provider: string;
  timeoutMs: number;
  /** What the timeout error names when `timeoutMs` is not the limit the user set (the call's deadline). */
  limit?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Scrubbed from the description of a network error. */
  secrets: readonly (string | undefined)[];
  /**
   * The transport is a light one ({@link LIGHT_FETCH}), which ends its request when the signal aborts: no
   * race is needed. Any other fetch may ignore the signal (a stubbed global fetch in a test does), so by
   * default the call also races it.
   */
  honoursSignal?: boolean | undefined;
}

/** True when `fetch` (a provider's `fetch` option) is a light transport, whose requests end when their signal aborts. */
export const honoursSignal = (fetch: Fetch | undefined): boolean => lightOf(fetch) !== undefined;

/**
 * Sends one request through a generated client with a timeout and the caller's signal, and reads the whole
 * body as text. Turns a failure to get an answer into a {@link FinoauthError}: `timeout` and `network`
 * (both retryable), `aborted` (the caller's signal; not retryable), or a `provider` error for an answer
 * larger than the cap (not retryable: it would be as large again).
 */
export async function send(
  call: (init: SendInit) => Promise<ClientResult>,
  options: SendOptions,
): Promise<ProviderResponse> {
  const { provider, signal: callerSignal } = options;
  // One controller per call, aborted by our timer or the caller's signal; the timer is cleared when the
  // call ends (AbortSignal.timeout's timer cannot be, and would linger for the whole timeout).
  const controller = new AbortController();
  const signal = controller.signal as HookedSignal;
  // A light transport ends its request through the hook (see ABORT_HOOK), not a listener.
  if (options.honoursSignal) signal[ABORT_HOOK] = null;
  // An injected fetch may ignore the signal: the call is raced against a promise that the abort itself
  // rejects (no listener: on Node 20 one costs as much as the rest of the call's JavaScript).
  let rejectRace: ((reason: unknown) => void) | undefined;
  const abort = (reason: unknown) => {
    controller.abort(reason);
    signal[ABORT_HOOK]?.();
    rejectRace?.(reason);
  };
  let timedOutFlag = false;
  const timer = setTimeout(() => {
    timedOutFlag = true;
    abort(new DOMException("timeout", "TimeoutError"));
  }, options.timeoutMs);
  const onCallerAbort = () => abort(callerSignal?.reason);
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  const abortion = () =>
    new Promise<never>((_, reject) => {
      if (signal.aborted) reject(signal.reason);
      else rejectRace = reject;
    });
  // A request provably never written (see NotSent) is sent once more, on a fresh connection.
  const attempt = () =>
    call({ signal, parseAs: "text" }).catch((error: unknown) => {
      if (signal.aborted || !findCause(error, (c): c is NotSent => c instanceof NotSent)) throw error;
      return call({ signal, parseAs: "text" });
    });
  try {
    const pending = attempt();
    const { response, data, error } = await (options.honoursSignal ? pending : Promise.race([pending, abortion()]));
    const body = response.ok ? data : error;
    const text = typeof body === "string" ? body : body === undefined ? "" : JSON.stringify(body);
    return { status: response.status, headers: response.headers, text, json: parseJson(text) };
  } catch (cause) {
    // A check made inside the send step (an adapter's, or the transport's) is already the right error:
    // an `invalid_options` stays itself, never a retryable network error.
    if (cause instanceof FinoauthError)
      throw cause.kind === "invalid_options" && cause.provider === undefined
        ? invalidOptions(cause.description ?? "invalid options", provider)
        : cause;
    // openapi-fetch (an outside definition's client), undici and node:http refuse such a header themselves,
    // with a TypeError: it is still a bad option, not a failure to get an answer.
    if (isForbiddenHeader(cause))
      throw invalidOptions(
        "a request header has a name or value HTTP forbids (CR, LF or NUL; RFC 9110 §5.5): refused before anything was sent",
        provider,
      );
    if (callerSignal?.aborted) throw aborted(provider);
    if (timedOutFlag) throw timedOut(provider, options.limit ?? `${options.timeoutMs} ms`);
    const tooLarge = findCause(cause, (c): c is TooLarge => c instanceof TooLarge);
    if (tooLarge)
      throw refusedAnswer(
        provider,
        undefined,
        `${tooLarge.message}: refused (raise maxResponseBytes if this is expected)`,
      );
    // undici says "fetch failed" and puts the reason (ECONNREFUSED, "bad port", …) on its cause.
    const inner = cause instanceof Error ? (cause.cause as { code?: string; message?: string } | undefined) : undefined;
    const own = cause as { code?: string; message?: string } | undefined;
    const reason = inner?.code ?? inner?.message ?? own?.code ?? own?.message ?? "unknown";
    throw networkError(provider, reason, options.secrets);
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener("abort", onCallerAbort);
  }
}

/** True for the error a Headers object, undici or node:http throws for a header name or value HTTP forbids. */
function isForbiddenHeader(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === "ERR_INVALID_CHAR" ||
    code === "ERR_INVALID_HTTP_TOKEN" ||
    (error instanceof TypeError && typeof message === "string" && /invalid header (value|name)/i.test(message))
  );
}

/** The first error in a chain of causes that satisfies `test`. */
function findCause<T>(error: unknown, test: (cause: unknown) => cause is T): T | undefined {
  for (
    let current = error, depth = 0;
    current !== undefined && depth < 5;
    current = (current as { cause?: unknown })?.cause, depth++
  ) {
    if (test(current)) return current;
  }
  return undefined;
}

function parseJson(text: string): unknown {
  if (!/\S/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** True when an HTTP status means a retry may help: 408, 429 and 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** The `Retry-After` delay of a response, in milliseconds. */
export function retryAfterOf(response: ProviderResponse): number | undefined {
  return parseRetryAfter(response.headers.get("retry-after"));
}
