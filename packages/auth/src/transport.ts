// The one transport: every provider request goes through `send`, which bounds it in time and size,
// never follows a redirect, and turns a missing answer into a typed, scrubbed error.
import { aborted, FinoauthError, invalidOptions, networkError, refusedAnswer, timedOut } from "./errors.js";
import {
  ABORT_HOOK,
  type HookedSignal,
  LightSignal,
  REBUILD,
  REQUEST_SEEN,
  Rebuild,
  refusesLightSignal,
  TooLarge,
} from "./light-request.js";
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
  /** Told the method and URL the transport sends (telemetry), through the request's signal. */
  onRequest?: ((method: string, url: string) => void) | undefined;
  /**
   * The fetch takes a LightSignal although it is not a light transport (Node's global fetch, which reads a
   * signal's members); with `realSignal` the engine learnt otherwise.
   */
  lightSignal?: boolean | undefined;
  /** Give the transport a real AbortSignal (the client or fetch refused a LightSignal). */
  realSignal?: boolean | undefined;
  /** Told when the definition's client refused a LightSignal, so that the caller sends real ones from then on. */
  onLightSignalRefused?: (() => void) | undefined;
}

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
  // One signal per call, aborted by our timer or the caller's signal; the timer is cleared when the
  // call ends (AbortSignal.timeout's timer cannot be, and would linger for the whole timeout). A light
  // transport gets a LightSignal (a real AbortSignal costs about 5 µs on Node 20) and ends its request
  // through the hook (see ABORT_HOOK), not a listener.
  const light = (options.honoursSignal === true || options.lightSignal === true) && options.realSignal !== true;
  const controller = light ? undefined : new AbortController();
  const signal = (light ? new LightSignal() : controller!.signal) as HookedSignal;
  if (options.honoursSignal && !light) signal[ABORT_HOOK] = null;
  if (options.onRequest) signal[REQUEST_SEEN] = options.onRequest;
  // An injected fetch may ignore the signal: the call is raced against a promise that the abort itself
  // rejects (no listener: on Node 20 one costs as much as the rest of the call's JavaScript).
  let rejectRace: ((reason: unknown) => void) | undefined;
  const abort = (reason: unknown) => {
    if (light) (signal as unknown as LightSignal).abort(reason);
    else {
      controller!.abort(reason);
      signal[ABORT_HOOK]?.();
    }
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
  // A wrapper that needs the request built anew (a DPoP nonce challenge, see Rebuild) gets that once. (A
  // request never written is re-dispatched by undici itself, on the default path and the keep-alive one.)
  signal[REBUILD] = false;
  const again = (error: unknown) => !signal.aborted && findCause(error, (c): c is Rebuild => c instanceof Rebuild);
  const attempt = () =>
    call({ signal, parseAs: "text" }).catch((error: unknown) => {
      if (!again(error)) throw error;
      return call({ signal, parseAs: "text" });
    });
  try {
    const pending = attempt();
    const { response, data, error } = await (options.honoursSignal ? pending : Promise.race([pending, abortion()]));
    const body = response.ok ? data : error;
    const text = typeof body === "string" ? body : body === undefined ? "" : JSON.stringify(body);
    return { status: response.status, headers: response.headers, text, json: parseJson(text) };
  } catch (cause) {
    // A client that puts the signal in a WHATWG Request (an outside definition's, ignoring the engine's
    // Request class) refuses a LightSignal before anything is sent: send with a real one, from now on.
    if (light && !signal.aborted && refusesLightSignal(cause)) {
      options.onLightSignalRefused?.();
      return send(call, { ...options, realSignal: true });
    }
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
