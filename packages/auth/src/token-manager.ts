import { FinoauthError, invalidOptions } from "./errors.js";
import { MemoryTokenStore, type ReleaseLock, type TokenStore } from "./store.js";
import { TokenSet } from "./token-set.js";

/** Where the manager writes what it does. It never passes a token, secret or masked, to the logger. */
export interface TokenManagerLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
}

/** Options of {@link createTokenManager}. */
export interface TokenManagerOptions {
  /** The store key of this grant, e.g. `finapi:client:<clientId>` or `financial-cents:user:<id>`. */
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
  refresh?: (current: TokenSet) => Promise<TokenSet>;
  /** Where tokens are kept. Default: a new {@link MemoryTokenStore}. Share a store (with a lock) to share tokens. */
  store?: TokenStore;
  /** Refresh this long before expiry. Default 60 000 ms. */
  refreshMarginMs?: number;
  /** Allowance for the provider's clock being ahead of ours, added to the margin. Default 5 000 ms. */
  clockSkewMs?: number;
  /**
   * When a refresh fails with `invalid_grant` (refresh token expired, revoked or already used): `"throw"`
   * (default) rejects; `"obtain"` runs {@link obtain} instead.
   */
  onInvalidGrant?: "obtain" | "throw";
  /** How long the store's lock is held at most; must exceed the longest refresh, retries included. Default 60 000 ms. */
  lockTtlMs?: number;
  /** The clock, in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  logger?: TokenManagerLogger;
}

/** Per-call options of the manager's methods. */
export interface TokenRequestOptions {
  /**
   * Stops this caller's wait (it rejects with an `aborted` error). A refresh that other callers share, or
   * whose answer may carry a rotated refresh token, is not cancelled: it finishes and is stored.
   */
  signal?: AbortSignal;
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
}

const DEFAULTS = { refreshMarginMs: 60_000, clockSkewMs: 5_000, lockTtlMs: 60_000, onInvalidGrant: "throw" } as const;

function validate(options: TokenManagerOptions): void {
  if (options === null || typeof options !== "object") throw invalidOptions("token manager options must be an object");
  if (typeof options.key !== "string" || options.key.trim() === "") throw invalidOptions("key must be a non-empty string naming the grant in the store");
  if (typeof options.obtain !== "function") throw invalidOptions("obtain must be a function that returns a new TokenSet");
  if (options.refresh !== undefined && typeof options.refresh !== "function") throw invalidOptions("refresh must be a function, or absent to re-run obtain");
  for (const name of ["refreshMarginMs", "clockSkewMs"] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) throw invalidOptions(`${name} must be a number of milliseconds ≥ 0, got ${value}`);
  }
  if (options.lockTtlMs !== undefined && !(Number.isFinite(options.lockTtlMs) && options.lockTtlMs > 0)) {
    throw invalidOptions(`lockTtlMs must be a positive number of milliseconds, got ${options.lockTtlMs}`);
  }
  if (options.onInvalidGrant !== undefined && options.onInvalidGrant !== "obtain" && options.onInvalidGrant !== "throw") {
    throw invalidOptions(`onInvalidGrant must be "obtain" or "throw", got "${String(options.onInvalidGrant)}"`);
  }
  const store = options.store;
  if (store !== undefined && !(store && ["get", "set", "delete"].every((m) => typeof (store as unknown as Record<string, unknown>)[m] === "function"))) {
    throw invalidOptions("store must implement get, set and delete (see TokenStore)");
  }
  if (options.now !== undefined && typeof options.now !== "function") throw invalidOptions("now must be a function returning epoch milliseconds");
  if (options.logger !== undefined && typeof options.logger?.debug !== "function") throw invalidOptions("logger must have a debug(message, fields) method");
}

const aborted = () => new FinoauthError({ kind: "aborted", description: "aborted by the caller" });

/** `promise`, unless `signal` fires first: then this caller alone stops waiting. */
function waitFor<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
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

/**
 * Creates a token manager for one grant. For example, client credentials through a provider:
 *
 * ```ts
 * const finapi = createProvider("finapi", { clientId, clientSecret });
 * const tokens = createTokenManager({
 *   key: `finapi:${clientId}`,
 *   obtain: () => finapi.clientCredentials(),
 *   refresh: (current) => finapi.refresh({ refreshToken: current.refreshToken! }),
 * });
 * const accessToken = await tokens.getAccessToken();
 * ```
 */
export function createTokenManager(options: TokenManagerOptions): TokenManager {
  validate(options);
  const { key, obtain, refresh } = options;
  const store = options.store ?? new MemoryTokenStore();
  const now = options.now ?? Date.now;
  const margin = (options.refreshMarginMs ?? DEFAULTS.refreshMarginMs) + (options.clockSkewMs ?? DEFAULTS.clockSkewMs);
  const lockTtlMs = options.lockTtlMs ?? DEFAULTS.lockTtlMs;
  const onInvalidGrant = options.onInvalidGrant ?? DEFAULTS.onInvalidGrant;
  const log = (message: string, fields: Record<string, unknown> = {}) => options.logger?.debug(message, { key, ...fields });

  /** The token this manager last read, stored or handed out: served without a store read while fresh. */
  let local: TokenSet | undefined;
  /** The one renewal in flight for this key: every caller that finds the token stale joins it. */
  let inflight: Promise<TokenSet> | undefined;
  /** Its access token, one promise shared by every getAccessToken() caller (made on first need). */
  let inflightAccessToken: { flight: Promise<TokenSet>; accessToken: Promise<string> } | undefined;

  /** Stale within the margin; a token that lives shorter than the margin is renewed at half its life. */
  const isFresh = (token: TokenSet): boolean => {
    const expiresAt = token.expiresAt;
    if (expiresAt === undefined) return true;
    return expiresAt - now() > Math.max(0, Math.min(margin, (expiresAt - token.obtainedAt) / 2));
  };

  const adopt = (token: TokenSet): TokenSet => (local = token);

  const read = async (): Promise<TokenSet | undefined> => {
    const data = await store.get(key);
    if (data === undefined) return undefined;
    try {
      return TokenSet.fromData(data);
    } catch (error) {
      log("stored token unreadable; treating it as absent", { error: (error as Error).message });
      return undefined;
    }
  };

  const isInvalidGrant = (error: unknown) => error instanceof FinoauthError && error.code === "invalid_grant" && !error.retryable;

  /** Gets the next token from the provider: refresh when there is a refresh token (and a way), else obtain. */
  const fetchNext = async (current: TokenSet | undefined): Promise<TokenSet> => {
    if (current?.refreshToken === undefined || refresh === undefined) {
      log(current ? "re-running the grant (no refresh token)" : "obtaining a token");
      return obtain();
    }
    log("refreshing");
    try {
      return (await refresh(current)).keepingRefreshToken(current.refreshToken);
    } catch (error) {
      if (onInvalidGrant !== "obtain" || !isInvalidGrant(error)) throw error;
      log("refresh token refused (invalid_grant); obtaining a new token");
      return obtain();
    }
  };

  /**
   * One renewal. Reads the store first: another manager sharing it may have renewed already. Otherwise
   * takes the store's lock, reads again (someone may have renewed while we waited), gets the next token and
   * stores it (so a rotated refresh token) before anyone gets it. On failure nothing is written.
   * `force`: the token this manager handed out was refused, so a stored token equal to it is not taken.
   */
  const renew = async (force: boolean): Promise<TokenSet> => {
    const refused = force ? (local ?? (await read()))?.accessToken : undefined;
    const usable = (token: TokenSet | undefined) => token !== undefined && isFresh(token) && token.accessToken !== refused;
    let current = await read();
    if (current && usable(current)) return adopt(current);
    const release: ReleaseLock | undefined = await store.lock?.(key, lockTtlMs);
    try {
      if (release) current = await read();
      if (current && usable(current)) {
        log("another manager renewed the token already");
        return adopt(current);
      }
      const next = await fetchNext(current);
      await store.set(key, next.toData());
      log("token stored", { expiresAt: next.expiresAt, rotated: next.refreshToken !== current?.refreshToken });
      return adopt(next);
    } catch (error) {
      log("renewal failed; stored token left as it was", error instanceof FinoauthError ? { kind: error.kind, code: error.code, status: error.status } : {});
      throw error;
    } finally {
      await release?.().catch((error: unknown) => log("releasing the store lock failed", { error: (error as Error)?.message }));
    }
  };

  /** Joins the renewal in flight, or starts it; set synchronously, so that every concurrent caller joins. */
  const renewOnce = (force: boolean): Promise<TokenSet> => {
    if (inflight) return inflight;
    const flight = renew(force);
    const done = () => {
      if (inflight === flight) inflight = undefined;
      if (inflightAccessToken?.flight === flight) inflightAccessToken = undefined;
    };
    flight.then(done, done);
    inflight = flight;
    return flight;
  };

  /** The fresh local token, if this call can be answered without waiting. */
  const cached = (): TokenSet | undefined => (inflight === undefined && local !== undefined && isFresh(local) ? local : undefined);

  const getTokenSet = (call?: TokenRequestOptions): Promise<TokenSet> => {
    if (call?.signal?.aborted) return Promise.reject(aborted());
    const token = cached();
    return token ? Promise.resolve(token) : waitFor(renewOnce(false), call?.signal);
  };

  return {
    getTokenSet,
    getAccessToken(call) {
      if (call?.signal?.aborted) return Promise.reject(aborted());
      const token = cached();
      if (token) return Promise.resolve(token.accessToken);
      const flight = renewOnce(false);
      if (inflightAccessToken?.flight !== flight) inflightAccessToken = { flight, accessToken: flight.then((t) => t.accessToken) };
      return waitFor(inflightAccessToken.accessToken, call?.signal);
    },
    async set(tokenSet) {
      if (!(tokenSet instanceof TokenSet)) throw invalidOptions("set needs a TokenSet");
      await store.set(key, tokenSet.toData());
      adopt(tokenSet);
      log("token set");
    },
    async invalidate() {
      local = undefined;
      await store.delete(key);
      log("token invalidated");
    },
    forceRefresh(call) {
      if (call?.signal?.aborted) return Promise.reject(aborted());
      return waitFor(renewOnce(true), call?.signal);
    },
  };
}
