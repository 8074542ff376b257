import { MAX_RETRY_AFTER_MS } from "./bounds.js";
import { aborted, FinoauthError } from "./errors.js";

/** How a retry-safe call (refresh, client credentials) is retried. */
export interface RetryPolicy {
  /** Further attempts after the first (0 disables retrying). Default 2. */
  retries: number;
  /** First backoff delay; doubled per attempt, with full jitter. Default 200 ms. */
  baseDelayMs: number;
  /** Largest backoff delay. Default 5 s. */
  maxDelayMs: number;
  /** Largest `Retry-After` we wait for; a longer one ends the retries. Default 30 s. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 2, baseDelayMs: 200, maxDelayMs: 5_000, maxRetryAfterMs: 30_000 };

/** Resolves after `ms`, or rejects with an `aborted` error as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(aborted());
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Runs `attempt` and retries it while it throws a retryable {@link FinoauthError}: network errors,
 * timeouts, 429 and 5xx. Waits `Retry-After` when the provider sent one, else exponential backoff with
 * full jitter. Only for calls that are safe to repeat: never an authorization code exchange.
 *
 * Everything happens before `deadline` (a `performance.now()` time): each attempt gets at most
 * `attemptMs` and never more than the time left, and a wait that would end past the deadline is not
 * started (the last error is thrown instead).
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  {
    signal,
    deadline,
    attemptMs = Number.POSITIVE_INFINITY,
  }: { signal?: AbortSignal | undefined; deadline: number; attemptMs?: number | undefined },
  attempt: (timeoutMs: number) => Promise<T>,
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt(Math.max(1, Math.ceil(Math.min(attemptMs, deadline - performance.now()))));
    } catch (error) {
      // Bad options are the caller's to fix: never retried, whatever an error says of itself.
      if (
        !(error instanceof FinoauthError) ||
        !error.retryable ||
        error.kind === "invalid_options" ||
        n >= policy.retries
      )
        throw error;
      if (error.retryAfterMs !== undefined && error.retryAfterMs > policy.maxRetryAfterMs) throw error;
      const wait = error.retryAfterMs ?? Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** n);
      // Waiting, then sending with no time left, would only turn this answer into a timeout.
      if (performance.now() + wait >= deadline - 1) throw error;
      await sleep(wait, signal);
    }
  }
}

/**
 * Parses `Retry-After` (delta-seconds or an HTTP date, RFC 9110 §10.2.3) into milliseconds from `now`,
 * at most {@link MAX_RETRY_AFTER_MS}: a longer wait is kept as that (still longer than any sensible
 * `maxRetryAfterMs`, so it ends the retries), never as a number a timer cannot hold or Infinity.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  if (/^\d+$/.test(value.trim())) return Math.min(MAX_RETRY_AFTER_MS, Number(value.trim()) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, date - now));
}
