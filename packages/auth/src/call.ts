import { FinoauthError } from "./errors.js";
import { parseRetryAfter } from "./retry.js";
import type { ProviderId } from "./token-set.js";

/** Per-call options every flow accepts. */
export interface CallOptions {
  /** Aborts the call (and any retry wait). */
  signal?: AbortSignal;
  /** Overrides the provider's `timeoutMs` for this call. */
  timeoutMs?: number;
}

/** What the generated clients' calls resolve to, read as text (`parseAs: "text"`), so that we parse strictly. */
export interface ClientResult {
  response: Response;
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
  headers: Headers;
  text: string;
  /** The parsed JSON body; `undefined` when the body is empty or not JSON. */
  json: unknown;
}

/**
 * Sends one request through a generated client with a timeout and the caller's signal, and reads the whole
 * body as text. Turns a failure to get an answer into a {@link FinoauthError}: `timeout` and `network`
 * (both retryable) or `aborted` (the caller's signal; not retryable).
 */
export async function send(
  provider: ProviderId,
  call: (init: SendInit) => Promise<ClientResult>,
  options: { timeoutMs: number; signal?: AbortSignal; secrets?: readonly (string | undefined)[] },
): Promise<ProviderResponse> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  // Race the call against the signal too: an injected fetch may ignore the signal, and a request whose
  // signal is only weakly held can be collected before it fires; the timeout must hold regardless.
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    const { response, data, error } = await Promise.race([call({ signal, parseAs: "text" }), aborted]);
    const body = response.ok ? data : error;
    const text = typeof body === "string" ? body : body === undefined ? "" : JSON.stringify(body);
    return { status: response.status, headers: response.headers, text, json: parseJson(text) };
  } catch (cause) {
    if (options.signal?.aborted) throw new FinoauthError({ kind: "aborted", provider, description: "aborted by the caller" });
    if (timeout.aborted) {
      throw new FinoauthError({ kind: "timeout", provider, retryable: true, description: `no answer within ${options.timeoutMs} ms` });
    }
    // undici says "fetch failed" and puts the reason (ECONNREFUSED, "bad port", …) on its cause.
    const inner = cause instanceof Error ? (cause.cause as { code?: string; message?: string } | undefined) : undefined;
    const reason = inner?.code ?? inner?.message ?? (cause instanceof Error ? cause.message : "unknown");
    throw new FinoauthError({ kind: "network", provider, retryable: true, description: `request failed (${reason})`, secrets: options.secrets });
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
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
