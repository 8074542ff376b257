// The token manager's options, its public interface, and the checks of its options.
import { invalidOptions } from "./errors.js";
import type { MemoryTokenStore, TokenStore } from "./store.js";
import type { TokenBinding, TokenSet } from "./token-set.js";

/** Where the manager writes what it does. It never passes a token, secret or masked, to the logger. */
export interface TokenManagerLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  /** Failures the manager recovered from for now but that need attention (a token it could not store). Default: `debug`. */
  warn?(message: string, fields?: Record<string, unknown>): void;
}

/** Options of {@link createTokenManager}. */
export interface TokenManagerOptions {
  /** The store key of this grant, e.g. `acme:client:<clientId>` or `acme:user:<id>`. */
  key: string;
  /**
   * Gets a new token without a refresh token: runs the grant again (client credentials), or throws when
   * there is no way to (an authorization-code grant whose user must consent again).
   */
  obtain: () => Promise<TokenSet>;
  /**
   * Refreshes `current`, which has a refresh token. Absent: the manager runs {@link obtain} instead.
   * A response that omits the refresh token keeps the current one.
   */
  refresh?: ((current: TokenSet) => Promise<TokenSet>) | undefined;
  /** Where tokens are kept. Default: a new {@link MemoryTokenStore}. Share a store (with a lock) to share tokens. */
  store?: TokenStore | undefined;
  /** Refresh this long before expiry. Default 60 000 ms. */
  refreshMarginMs?: number | undefined;
  /** Allowance for the provider's clock being ahead of ours, added to the margin. Default 5 000 ms. */
  clockSkewMs?: number | undefined;
  /**
   * When a refresh fails with `invalid_grant` (refresh token expired, revoked or already used): `"throw"`
   * (default) rejects; `"obtain"` runs {@link obtain} instead.
   */
  onInvalidGrant?: "obtain" | "throw" | undefined;
  /** How long the store's lock is held at most; must exceed the longest refresh, retries included. Default 60 000 ms. */
  lockTtlMs?: number | undefined;
  /**
   * How long a `store.get`, `store.set` or `store.delete` may take before the call fails with a retryable
   * `timeout` error; `store.lock` may take twice `lockTtlMs` more (it waits for holders). Default 5 000 ms.
   */
  storeTimeoutMs?: number | undefined;
  /**
   * The clock, in epoch milliseconds. Default `Date.now`, which a cached read calls at most once a second while
   * the token is more than a second from stale (a test that fakes time should pass its clock here).
   */
  now?: (() => number) | undefined;
  logger?: TokenManagerLogger | undefined;
  /**
   * What this process's provider binds tokens to: `provider.binding()` (its DPoP key's thumbprint, its
   * client certificate's). A token bound (`cnf`) to anything else, stored by another process or handed
   * to `set`, is refused with a `binding_mismatch` error before use, and never sent. Without it, every
   * bound token is refused: a manager must be told which key it holds.
   */
  binding?: TokenBinding | Promise<TokenBinding> | undefined;
}

/** Per-call options of the manager's methods. */
export interface TokenRequestOptions {
  /**
   * Stops this caller's wait (it rejects with an `aborted` error). A refresh that other callers share, or
   * whose answer may carry a rotated refresh token, is not cancelled: it finishes and is stored.
   */
  signal?: AbortSignal | undefined;
}

/**
 * Hands out a grant's access token, cached in a {@link TokenStore} and renewed before it expires.
 * Concurrent callers share one renewal; managers sharing a store with a lock renew once between them.
 * A manager serves its own fresh token from memory and goes to the store only when it has none or it
 * nears expiry: there it picks up a token another manager stored, or renews.
 */
export interface TokenManager {
  /** A valid access token, renewed first if it expires within the margin. */
  getAccessToken(options?: TokenRequestOptions): Promise<string>;
  /** The whole valid TokenSet, renewed first if it expires within the margin. */
  getTokenSet(options?: TokenRequestOptions): Promise<TokenSet>;
  /** Stores a token obtained elsewhere, e.g. from an authorization-code exchange. */
  set(tokenSet: TokenSet): Promise<void>;
  /**
   * Forgets the token, here and in the store: the next call obtains a new one. Other managers sharing the
   * store keep theirs until it nears expiry (or until their {@link TokenManager.forceRefresh}).
   */
  invalidate(): Promise<void>;
  /**
   * Renews now, even if the token looks valid: the API refused the access token this manager last handed
   * out. If another manager sharing the store has replaced that token meanwhile, its token is taken
   * instead of renewing again; a renewal already in flight is joined.
   */
  forceRefresh(options?: TokenRequestOptions): Promise<TokenSet>;
  /**
   * Writes a token the store failed to take (the manager hands it out and retries the write in the
   * background): resolves at once when there is none, and rejects with the store's error when the write
   * still fails. Call it before a graceful shutdown.
   */
  flush(): Promise<void>;
}

export const DEFAULTS = {
  refreshMarginMs: 60_000,
  clockSkewMs: 5_000,
  lockTtlMs: 60_000,
  storeTimeoutMs: 5_000,
  onInvalidGrant: "throw",
} as const;
/** Lock acquisitions per renewal: a lock that expired, or a race lost to another process, is retried this often in all. */
export const MAX_ATTEMPTS = 3;
/** Background retries of a token the store failed to take (then on the next renewal or `flush()`). */
export const PENDING_RETRY_DELAYS_MS = [250, 500, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

/** Checks the options: a bad one is `invalid_options` at once, before any store or provider call. */
export function validate(options: TokenManagerOptions): void {
  if (options === null || typeof options !== "object") throw invalidOptions("token manager options must be an object");
  if (typeof options.key !== "string" || options.key.trim() === "")
    throw invalidOptions("key must be a non-empty string naming the grant in the store");
  if (typeof options.obtain !== "function")
    throw invalidOptions("obtain must be a function that returns a new TokenSet");
  if (options.refresh !== undefined && typeof options.refresh !== "function")
    throw invalidOptions("refresh must be a function, or absent to re-run obtain");
  for (const name of ["refreshMarginMs", "clockSkewMs"] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0))
      throw invalidOptions(`${name} must be a number of milliseconds ≥ 0, got ${value}`);
  }
  for (const name of ["lockTtlMs", "storeTimeoutMs"] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isFinite(value) && value > 0))
      throw invalidOptions(`${name} must be a positive number of milliseconds, got ${value}`);
  }
  if (
    options.onInvalidGrant !== undefined &&
    options.onInvalidGrant !== "obtain" &&
    options.onInvalidGrant !== "throw"
  ) {
    throw invalidOptions(`onInvalidGrant must be "obtain" or "throw", got "${String(options.onInvalidGrant)}"`);
  }
  const store = options.store;
  if (
    store !== undefined &&
    !(
      store &&
      ["get", "set", "delete"].every((m) => typeof (store as unknown as Record<string, unknown>)[m] === "function")
    )
  ) {
    throw invalidOptions("store must implement get, set and delete (see TokenStore)");
  }
  if (options.now !== undefined && typeof options.now !== "function")
    throw invalidOptions("now must be a function returning epoch milliseconds");
  checkBindingOption(options.binding);
  if (options.logger !== undefined && typeof options.logger?.debug !== "function")
    throw invalidOptions("logger must have a debug(message, fields) method");
}

/** `binding`: absent, a promise (marked handled here: the manager awaits it when a bound token comes), or `{ jkt?, "x5t#S256"? }`. */
function checkBindingOption(binding: unknown): void {
  if (binding === undefined) return;
  if (binding instanceof Promise) {
    binding.catch(() => {});
    return;
  }
  const fields = binding as Record<string, unknown> | null;
  if (
    fields === null ||
    typeof fields !== "object" ||
    !Object.entries(fields).every(
      ([name, value]) => (name === "jkt" || name === "x5t#S256") && (value === undefined || typeof value === "string"),
    )
  )
    throw invalidOptions('binding must be provider.binding() or { jkt?, "x5t#S256"? } with string thumbprints');
}
