import { FinoauthError, invalidOptions } from "./errors.js";
import { isStaleFenceError, isUntrustedRecordError, MemoryTokenStore, type FencedLock, type TokenStore } from "./store.js";
import { TokenSet } from "./token-set.js";
import { coarseNow } from "./coarse-clock.js";

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

const DEFAULTS = { refreshMarginMs: 60_000, clockSkewMs: 5_000, lockTtlMs: 60_000, storeTimeoutMs: 5_000, onInvalidGrant: "throw" } as const;
/** Lock acquisitions per renewal: a lock that expired, or a race lost to another process, is retried this often in all. */
const MAX_ATTEMPTS = 3;
/** Background retries of a token the store failed to take (then on the next renewal or `flush()`). */
const PENDING_RETRY_DELAYS_MS = [250, 500, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

function validate(options: TokenManagerOptions): void {
  if (options === null || typeof options !== "object") throw invalidOptions("token manager options must be an object");
  if (typeof options.key !== "string" || options.key.trim() === "") throw invalidOptions("key must be a non-empty string naming the grant in the store");
  if (typeof options.obtain !== "function") throw invalidOptions("obtain must be a function that returns a new TokenSet");
  if (options.refresh !== undefined && typeof options.refresh !== "function") throw invalidOptions("refresh must be a function, or absent to re-run obtain");
  for (const name of ["refreshMarginMs", "clockSkewMs"] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) throw invalidOptions(`${name} must be a number of milliseconds ≥ 0, got ${value}`);
  }
  for (const name of ["lockTtlMs", "storeTimeoutMs"] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) throw invalidOptions(`${name} must be a positive number of milliseconds, got ${value}`);
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

/** A store call that failed: a retryable FinoauthError (unless the store's error says it is not), the cause kept. */
function storeFailure(op: string, error: unknown): FinoauthError {
  if (error instanceof FinoauthError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const retryable = (error as { retryable?: unknown } | null)?.retryable !== false;
  const wrapped = new FinoauthError({ kind: "network", retryable, description: `token store ${op} failed: ${message}` });
  wrapped.cause = error;
  return wrapped;
}

/** `promise`, or a retryable `timeout` FinoauthError after `ms`: a store that never answers cannot wedge the manager. */
function bounded<T>(op: string, promise: Promise<T>, ms: number, onLate?: (value: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let late = false;
    const timer = setTimeout(() => {
      late = true;
      reject(new FinoauthError({ kind: "timeout", retryable: true, description: `token store ${op} did not answer within ${ms} ms` }));
    }, ms);
    promise.then(
      (value) => (clearTimeout(timer), late ? onLate?.(value) : resolve(value)),
      (error: unknown) => (clearTimeout(timer), late || reject(isStaleFenceError(error) || isUntrustedRecordError(error) ? error : storeFailure(op, error))),
    );
  });
}

/** A lock as the manager uses it, whatever the store returned. */
interface Held {
  release(): Promise<void>;
  fence?: number;
  held?(): Promise<boolean>;
}
const asHeld = (lock: (() => Promise<void>) | FencedLock): Held =>
  typeof (lock as FencedLock).release === "function" ? (lock as FencedLock) : { release: lock as () => Promise<void> };

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
 * const acme = createProvider(acmeDefinition, { clientId, clientSecret });
 * const tokens = createTokenManager({
 *   key: `acme:${clientId}`,
 *   obtain: () => acme.clientCredentials(),
 *   refresh: (current) => acme.refresh({ refreshToken: current.refreshToken! }),
 * });
 * const accessToken = await tokens.getAccessToken();
 * ```
 */
export function createTokenManager(options: TokenManagerOptions): TokenManager {
  validate(options);
  const { key, obtain, refresh } = options;
  const store = options.store ?? new MemoryTokenStore();
  const now = options.now ?? Date.now;
  const coarse = options.now === undefined;
  const margin = (options.refreshMarginMs ?? DEFAULTS.refreshMarginMs) + (options.clockSkewMs ?? DEFAULTS.clockSkewMs);
  const lockTtlMs = options.lockTtlMs ?? DEFAULTS.lockTtlMs;
  const onInvalidGrant = options.onInvalidGrant ?? DEFAULTS.onInvalidGrant;
  const storeTimeoutMs = options.storeTimeoutMs ?? DEFAULTS.storeTimeoutMs;
  const log = (message: string, fields: Record<string, unknown> = {}) => options.logger?.debug(message, { key, ...fields });
  const warn = (message: string, fields: Record<string, unknown> = {}) =>
    options.logger?.warn ? options.logger.warn(message, { key, ...fields }) : log(message, fields);
  const errorFields = (error: unknown) =>
    error instanceof FinoauthError ? { kind: error.kind, code: error.code, status: error.status, retryable: error.retryable } : { error: (error as Error)?.message };

  /** The token this manager last read, stored or handed out: served without a store read while fresh. */
  let local: TokenSet | undefined;
  /** The one renewal in flight for this key: every caller that finds the token stale joins it. */
  let inflight: Promise<TokenSet> | undefined;
  /** Its access token, one promise shared by every getAccessToken() caller (made on first need). */
  let inflightAccessToken: { flight: Promise<TokenSet>; accessToken: Promise<string> } | undefined;
  /**
   * A new token the store failed to take: handed out all the same (its refresh token may be the only valid
   * one), written again in the background, and preferred over the store's copy of the token it replaced.
   */
  let pending: { token: TokenSet; replaced?: string | undefined; fence?: number | undefined; retries: number; timer?: ReturnType<typeof setTimeout> | undefined } | undefined;

  /** Stale within the margin; a token that lives shorter than the margin is renewed at half its life. */
  const isFresh = (token: TokenSet): boolean => {
    const expiresAt = token.expiresAt;
    if (expiresAt === undefined) return true;
    const staleAt = expiresAt - Math.max(0, Math.min(margin, (expiresAt - token.obtainedAt) / 2));
    // On the default clock, a coarse reading that is never early proves most reads fresh without a clock
    // call; near the deadline (or with an injected clock) the exact clock decides.
    return (coarse && coarseNow() < staleAt) || now() < staleAt;
  };

  const adopt = (token: TokenSet): TokenSet => (local = token);

  const read = async (): Promise<TokenSet | undefined> => {
    const data = await bounded("get", store.get(key), storeTimeoutMs).catch((error: unknown) => {
      // A record the store refuses to trust (planted in clear, tampered, unknown key) is no grant: absent, so
      // the renewal obtains anew and overwrites it. The warning carries the error's fields, not its text.
      if (!isUntrustedRecordError(error)) throw error;
      warn("the stored token is not trusted by the store (tampered, or written without its key); treating it as absent", errorFields(error));
      return undefined;
    });
    if (data === undefined) return undefined;
    try {
      return TokenSet.fromData(data);
    } catch (error) {
      log("stored token unreadable; treating it as absent", { error: (error as Error).message });
      return undefined;
    }
  };

  /**
   * The newest token this manager can know of: the store's, unless it still holds the token a pending
   * (unstored) one replaced. An empty store does not make the manager forget its own token: a store that
   * lost its data (a restarted Redis without persistence) loses no grant.
   */
  const latest = async (): Promise<TokenSet | undefined> => {
    const stored = await read();
    if (pending) {
      if (stored === undefined || stored.accessToken === pending.replaced) return pending.token;
      log("the store holds a newer token than the one it failed to take; dropping that one");
      dropPending();
    }
    return stored ?? local;
  };

  const dropPending = () => {
    if (pending?.timer) clearTimeout(pending.timer);
    pending = undefined;
  };

  /** Writes the pending token (under its fence). A refusal for an older fence means a newer token is stored. */
  const writePending = async (): Promise<void> => {
    const current = pending;
    if (!current) return;
    try {
      await bounded("set", current.fence === undefined ? store.set(key, current.token.toData()) : store.set(key, current.token.toData(), { fence: current.fence }), storeTimeoutMs);
      if (pending === current) dropPending();
      log("token stored on a later attempt");
    } catch (error) {
      if (isStaleFenceError(error)) {
        if (pending === current) dropPending();
        log("a newer token was stored meanwhile; the unstored one is dropped");
        return;
      }
      throw error;
    }
  };

  const scheduleRetry = () => {
    const current = pending;
    if (!current || current.timer || current.retries >= PENDING_RETRY_DELAYS_MS.length) return;
    current.timer = setTimeout(() => {
      current.timer = undefined;
      current.retries++;
      writePending().catch((error: unknown) => {
        warn("storing the new token failed again; it stays in memory", errorFields(error));
        scheduleRetry();
      });
    }, PENDING_RETRY_DELAYS_MS[current.retries]);
    (current.timer as { unref?: () => void }).unref?.();
  };

  const isInvalidGrant = (error: unknown) => error instanceof FinoauthError && error.code === "invalid_grant" && !error.retryable;

  /** Gets the next token from the provider: refresh when there is a refresh token (and a way), else obtain. */
  const fetchNext = async (current: TokenSet | undefined): Promise<TokenSet> => {
    if (current?.refreshToken === undefined || refresh === undefined) {
      log(current ? "re-running the grant (no refresh token)" : "obtaining a token");
      return obtain();
    }
    log("refreshing");
    return (await refresh(current)).keepingRefreshToken(current.refreshToken);
  };

  /** Takes the store's lock, if it has one, bounded in time; a lock granted too late is given back. */
  const acquire = async (): Promise<Held | undefined> => {
    if (!store.lock) return undefined;
    const late = (lock: (() => Promise<void>) | FencedLock) => void asHeld(lock).release().catch(() => {});
    // A waiter may wait out a holder that died (up to one TTL) and then the holder after it (up to another).
    return asHeld(await bounded("lock", store.lock(key, lockTtlMs), 2 * lockTtlMs + storeTimeoutMs, late));
  };
  const stillHeld = async (lock: Held | undefined): Promise<boolean> => (lock?.held ? bounded("lock check", lock.held(), storeTimeoutMs) : true);

  /**
   * Stores `next` (under `lock`'s fence) and hands it out. A refusal for an older fence (this manager's lock
   * expired and a newer holder stored a token) hands out the stored token instead, or `next` itself when
   * the stored one is not usable; a failing store keeps `next` in memory, hands it out and retries.
   */
  const store_ = async (next: TokenSet, lock: Held | undefined, replaced: TokenSet | undefined, usable: (t: TokenSet | undefined) => boolean): Promise<TokenSet> => {
    const fence = lock?.fence;
    try {
      await bounded("set", fence === undefined ? store.set(key, next.toData()) : store.set(key, next.toData(), { fence }), storeTimeoutMs);
      dropPending();
      log("token stored", { expiresAt: next.expiresAt, rotated: next.refreshToken !== replaced?.refreshToken, fence });
      return adopt(next);
    } catch (error) {
      if (isStaleFenceError(error)) {
        const stored = await read().catch(() => undefined);
        log("this manager's lock expired and a newer token was stored meanwhile: its own answer is not stored", { fence });
        return adopt(stored && usable(stored) ? stored : next);
      }
      dropPending();
      pending = { token: next, replaced: replaced?.accessToken, fence, retries: 0 };
      warn("storing the new token failed; it is handed out, kept in memory and written again", errorFields(error));
      scheduleRetry();
      return adopt(next);
    }
  };

  /**
   * One renewal. Reads the store first: another manager sharing it may have renewed already. Otherwise
   * takes the store's lock, reads again (someone may have renewed while we waited), checks the lock is
   * still held, gets the next token and stores it under the lock's fence (so a rotated refresh token)
   * before anyone gets it. A refresh refused with `invalid_grant` re-reads the store first: a newer token
   * another process stored is a race lost, not an error. `force`: the token this manager handed out was
   * refused, so a stored token equal to it is not taken.
   */
  const renew = async (force: boolean): Promise<TokenSet> => {
    const refused = force ? (local ?? (await read()))?.accessToken : undefined;
    const usable = (token: TokenSet | undefined): boolean => token !== undefined && isFresh(token) && token.accessToken !== refused;
    if (pending) await writePending().catch(() => {}); // a store back up takes the unstored token first
    let current = await latest();
    if (current && usable(current)) return adopt(current);
    /** Refresh tokens the provider refused during this renewal: never sent again. */
    const spent = new Set<string>();
    for (let attempt = 1; ; attempt++) {
      const lock = await acquire();
      try {
        if (lock) current = await latest();
        if (current && usable(current)) {
          log("another manager renewed the token already");
          return adopt(current);
        }
        if (!(await stillHeld(lock))) {
          if (attempt < MAX_ATTEMPTS) {
            log("the store lock expired before the refresh was sent; taking it again", { attempt });
            continue;
          }
          throw new FinoauthError({ kind: "timeout", retryable: true, description: `the store lock on this grant expired before the refresh was sent, ${attempt} times: raise lockTtlMs` });
        }
        if (current?.refreshToken !== undefined && spent.has(current.refreshToken)) {
          throw new FinoauthError({ kind: "provider", code: "invalid_grant", description: "the stored refresh token was refused (invalid_grant)" });
        }
        let next: TokenSet;
        try {
          next = await fetchNext(current);
        } catch (error) {
          if (!isInvalidGrant(error) || current?.refreshToken === undefined) throw error;
          spent.add(current.refreshToken);
          const after = await latest();
          if (after && after.refreshToken !== current.refreshToken) {
            if (usable(after)) {
              log("refresh token refused (invalid_grant), but another manager stored a newer token: using it");
              return adopt(after);
            }
            if (attempt < MAX_ATTEMPTS && after.refreshToken !== undefined && !spent.has(after.refreshToken)) {
              log("refresh token refused (invalid_grant); another manager stored a newer one: renewing with it");
              current = after;
              continue;
            }
          } else if (attempt < MAX_ATTEMPTS && !(await stillHeld(lock))) {
            log("refresh token refused (invalid_grant) after this manager's lock expired: waiting for the new holder's token");
            continue;
          }
          if (onInvalidGrant !== "obtain") throw error;
          log("refresh token refused (invalid_grant); obtaining a new token");
          next = await obtain();
        }
        return await store_(next, lock, current, usable);
      } catch (error) {
        log("renewal failed; stored token left as it was", errorFields(error));
        throw error;
      } finally {
        await lock?.release().catch((error: unknown) => log("releasing the store lock failed", { error: (error as Error)?.message }));
      }
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
      await bounded("set", store.set(key, tokenSet.toData()), storeTimeoutMs);
      dropPending();
      adopt(tokenSet);
      log("token set");
    },
    async invalidate() {
      local = undefined;
      dropPending();
      await bounded("delete", store.delete(key), storeTimeoutMs);
      log("token invalidated");
    },
    forceRefresh(call) {
      if (call?.signal?.aborted) return Promise.reject(aborted());
      return waitFor(renewOnce(true), call?.signal);
    },
    async flush() {
      if (!pending) return;
      await writePending();
    },
  };
}
