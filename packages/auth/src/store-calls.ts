// How the token manager calls its store and waits: every store call bounded in time, every wait abortable.
import { aborted, storeFailed, storeTimedOut } from "./errors.js";
import { isStaleFenceError, isUntrustedRecordError } from "./store.js";

/**
 * `promise`, or a retryable `timeout` FinoauthError after `ms`: a store that never answers cannot wedge the
 * manager. A store's own failure becomes a retryable `network` error (see {@link storeFailed}), except the
 * two the manager acts on (a stale fence, an untrusted record). `onLate` gets a value that came too late.
 */
export function bounded<T>(op: string, promise: Promise<T>, ms: number, onLate?: (value: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(storeTimedOut(op, ms));
    }, ms);
    promise.then(
      (value) => (clearTimeout(timer), late ? onLate?.(value) : resolve(value)),
      (error: unknown) => (
        clearTimeout(timer),
        late || reject(isStaleFenceError(error) || isUntrustedRecordError(error) ? error : storeFailed(op, error))
      ),
    );
  });
}

/** `promise`, unless `signal` fires first: then this caller alone stops waiting. */
export function waitFor<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => (signal.removeEventListener("abort", onAbort), resolve(value)),
      (error: unknown) => (signal.removeEventListener("abort", onAbort), reject(error)),
    );
  });
}
