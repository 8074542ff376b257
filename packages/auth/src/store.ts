import type { TokenSetData } from "./token-set.js";

/** Gives a lock back. Calling it again, or after the lock's TTL ran out, does nothing. */
export type ReleaseLock = () => Promise<void>;

/**
 * Where a token manager keeps each grant's token, by key, so that managers (or processes) sharing a store
 * share the token. A manager reads the store when it has no token of its own or its token nears expiry
 * (not on every call), and writes every new token to it before handing it out.
 *
 * A store shared between processes (Redis, a database) should also implement {@link TokenStore.lock}, so
 * that only one process refreshes a grant at a time: with rotating refresh tokens, two concurrent refreshes
 * with the same refresh token lose one of the new ones. Without `lock`, a manager still refreshes once per
 * key among its own callers, but not across managers.
 *
 * The data holds secrets (access and refresh tokens): a persistent store must protect them at rest.
 */
export interface TokenStore {
  /** The stored token data for `key`, or `undefined` when there is none. Treat the result as read-only. */
  get(key: string): Promise<TokenSetData | undefined>;
  /** Stores `data` for `key`, replacing what was there. Resolves once the data is durably stored. */
  set(key: string, data: TokenSetData): Promise<void>;
  /** Removes the token for `key`, if any. */
  delete(key: string): Promise<void>;
  /**
   * Acquires an exclusive lock on `key`, waiting while another holder has it, and resolves to the function
   * that releases it. The lock releases itself after `ttlMs`, so a holder that crashed cannot block the key
   * forever; a holder must finish (and store its result) within `ttlMs`.
   */
  lock?(key: string, ttlMs: number): Promise<ReleaseLock>;
}

interface HeldLock {
  /** Resolves when the lock is released (or its TTL ran out). */
  released: Promise<void>;
}

/**
 * The default {@link TokenStore}: a `Map` in this process, with a per-key lock, so managers in the same
 * process that share one instance refresh each key once. Tokens do not survive a restart.
 */
export class MemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, TokenSetData>();
  readonly #locks = new Map<string, HeldLock>();

  /** The stored data (frozen: the same object until the next {@link MemoryTokenStore.set}). */
  async get(key: string): Promise<TokenSetData | undefined> {
    return this.#tokens.get(key);
  }

  /** Stores a frozen copy of `data`, so later changes to the caller's object do not leak in. */
  async set(key: string, data: TokenSetData): Promise<void> {
    const copy: TokenSetData = { ...data, scopes: Object.freeze([...data.scopes]) as string[], extras: Object.freeze({ ...data.extras }) };
    this.#tokens.set(key, Object.freeze(copy));
  }

  async delete(key: string): Promise<void> {
    this.#tokens.delete(key);
  }

  /** Waits until no one holds `key`'s lock, takes it, and resolves to its release function. */
  async lock(key: string, ttlMs: number): Promise<ReleaseLock> {
    if (!(Number.isFinite(ttlMs) && ttlMs > 0)) throw new RangeError(`lock ttlMs must be a positive number, got ${ttlMs}`);
    for (let held = this.#locks.get(key); held !== undefined; held = this.#locks.get(key)) await held.released;
    let resolve!: () => void;
    const entry: HeldLock = { released: new Promise<void>((r) => (resolve = r)) };
    const free = () => {
      clearTimeout(timer);
      if (this.#locks.get(key) === entry) this.#locks.delete(key);
      resolve();
    };
    const timer = setTimeout(free, ttlMs);
    (timer as { unref?: () => void }).unref?.();
    this.#locks.set(key, entry);
    return async () => free();
  }
}
