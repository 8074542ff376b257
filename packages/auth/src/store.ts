import { FinoauthError } from "./errors.js";
import type { TokenSetData } from "./token-set.js";

/**
 * A lock taken with {@link TokenStore.lock}, with its fence: a number that grows with every acquisition of
 * the key's lock, so a write made under an older acquisition can be told apart from a newer one.
 */
export interface FencedLock {
  /** Gives the lock back, if this holder still has it (an expired lock taken by another is left alone). */
  release(): Promise<void>;
  /** This acquisition's fence number: greater than every earlier acquisition's for the same key. */
  readonly fence: number;
  /** Whether this holder still has the lock (its TTL has not run out and no one else took it). */
  held?(): Promise<boolean>;
}

/** Options of {@link TokenStore.set}. */
export interface TokenStoreSetOptions {
  /**
   * The fence of the lock the writer holds: the store refuses the write, with a {@link StaleFenceError},
   * when the stored token was written under a newer fence. Absent: the write is unconditional.
   */
  fence?: number | undefined;
}

/**
 * Thrown by {@link TokenStore.set} when the write's fence is older than the stored token's: the writer's
 * lock expired and a newer holder stored a token since. Recognise it by `code === "stale_fence"` (works
 * across copies of this package).
 */
export class StaleFenceError extends Error {
  override readonly name = "StaleFenceError";
  readonly code = "stale_fence";
  readonly retryable = false;
  /** The fence the write carried, and the newer one the stored token was written under. */
  constructor(
    readonly fence: number,
    readonly storedFence: number,
  ) {
    super(`refused a write under fence ${fence}: the stored token was written under the newer fence ${storedFence}`);
  }
}

/** Whether `error` is a {@link StaleFenceError}, from this copy of the package or another. */
export function isStaleFenceError(error: unknown): error is StaleFenceError {
  return (
    error instanceof StaleFenceError ||
    (typeof error === "object" && error !== null && (error as { code?: unknown }).code === "stale_fence")
  );
}

/**
 * Thrown by {@link TokenStore.get} when a record is stored for the key but the store refuses to trust it:
 * with encryption on, a record in clear, under a key id the store does not have, or that fails
 * authentication (tampered or planted by someone who can write to the store but lacks the key); or a
 * record that is not one the store writes. A `malformed_response` {@link FinoauthError}, never retryable,
 * whose message says which and never holds the record. The token manager treats the grant as absent (it
 * obtains anew, overwriting the record) and logs a warning. Recognise it with {@link isUntrustedRecordError}.
 */
export class UntrustedRecordError extends FinoauthError {
  /** The marker {@link isUntrustedRecordError} looks for (works across copies of this package). */
  readonly untrustedRecord = true;
  constructor(description: string) {
    super({ kind: "malformed_response", retryable: false, description });
  }
}

/** Whether `error` is an {@link UntrustedRecordError}, from this copy of the package or another. */
export function isUntrustedRecordError(error: unknown): error is UntrustedRecordError {
  return (
    error instanceof UntrustedRecordError ||
    (typeof error === "object" && error !== null && (error as { untrustedRecord?: unknown }).untrustedRecord === true)
  );
}

/**
 * Where a token manager keeps each grant's token, by key, so that managers (or processes) sharing a store
 * share the token. A manager reads the store when it has no token of its own or its token nears expiry
 * (not on every call), and writes every new token to it before handing it out.
 *
 * A store shared between processes (Redis, a database) should also implement {@link TokenStore.lock}, so
 * that only one process refreshes a grant at a time: with rotating refresh tokens, two concurrent refreshes
 * with the same refresh token lose one of the new ones. Without `lock`, a manager still refreshes once per
 * key among its own callers, but not across managers. A lock that returns a {@link FencedLock}, with a
 * `set` that honours {@link TokenStoreSetOptions.fence}, also keeps a holder whose lock expired from
 * overwriting a newer token (`@finoauth/redis-store` does both).
 *
 * The data holds secrets (access and refresh tokens): a persistent store must protect them at rest.
 */
export interface TokenStore {
  /**
   * The stored token data for `key`, or `undefined` when there is none. Treat the result as read-only. A
   * record the store does not trust (see {@link UntrustedRecordError}) rejects with that error.
   */
  get(key: string): Promise<TokenSetData | undefined>;
  /**
   * Stores `data` for `key`, replacing what was there. Resolves once the data is durably stored. With
   * `options.fence`, rejects with a {@link StaleFenceError} instead when the stored token's fence is newer.
   */
  set(key: string, data: TokenSetData, options?: TokenStoreSetOptions): Promise<void>;
  /** Removes the token for `key`, if any. */
  delete(key: string): Promise<void>;
  /**
   * Acquires an exclusive lock on `key`, waiting while another holder has it, and resolves to the lock, a
   * {@link FencedLock}. The lock releases itself after
   * `ttlMs`, so a holder that crashed cannot block the key forever; a holder must finish (and store its
   * result) within `ttlMs`.
   */
  lock?(key: string, ttlMs: number): Promise<FencedLock>;
}

interface HeldLock {
  /** Resolves when the lock is released (or its TTL ran out). */
  released: Promise<void>;
}

/**
 * The default {@link TokenStore}: a `Map` in this process, with a per-key fenced lock, so managers in the
 * same process that share one instance refresh each key once. Tokens do not survive a restart.
 */
export class MemoryTokenStore implements TokenStore {
  readonly #tokens = new Map<string, TokenSetData>();
  readonly #locks = new Map<string, HeldLock>();
  /** Per key: the last fence handed out, and the fence the stored token (or its deletion) was written under. */
  readonly #issued = new Map<string, number>();
  readonly #written = new Map<string, number>();

  /** The stored data (frozen: the same object until the next {@link MemoryTokenStore.set}). */
  async get(key: string): Promise<TokenSetData | undefined> {
    return this.#tokens.get(key);
  }

  /**
   * Stores a frozen copy of `data`, so later changes to the caller's object do not leak in. With a fence
   * older than the stored token's, rejects with a {@link StaleFenceError} and keeps the stored token.
   */
  async set(key: string, data: TokenSetData, options: TokenStoreSetOptions = {}): Promise<void> {
    const fence = this.#writeFence(key, options.fence);
    const copy: TokenSetData = {
      ...data,
      scopes: Object.freeze([...data.scopes]) as string[],
      extras: Object.freeze({ ...data.extras }),
    };
    this.#tokens.set(key, Object.freeze(copy));
    this.#written.set(key, fence);
  }

  /** Removes the token; a holder of an older lock can no longer write it back. */
  async delete(key: string): Promise<void> {
    this.#written.set(key, this.#writeFence(key, undefined));
    this.#tokens.delete(key);
  }

  /** The fence a write is recorded under; throws when a fenced write is older than the stored token. */
  #writeFence(key: string, fence: number | undefined): number {
    const stored = this.#written.get(key) ?? 0;
    if (fence === undefined) return Math.max(stored, this.#issued.get(key) ?? 0); // unfenced: as new as the newest lock
    if (fence < stored) throw new StaleFenceError(fence, stored);
    return fence;
  }

  /**
   * Waits until no one holds `key`'s lock, takes it with the next fence number, and resolves to the lock.
   * Releasing it again, or after its TTL ran out, does nothing.
   */
  async lock(key: string, ttlMs: number): Promise<FencedLock> {
    if (!(Number.isFinite(ttlMs) && ttlMs > 0))
      throw new RangeError(`lock ttlMs must be a positive number, got ${ttlMs}`);
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
    const fence = (this.#issued.get(key) ?? 0) + 1;
    this.#issued.set(key, fence);
    return { release: async () => free(), fence, held: async () => this.#locks.get(key) === entry };
  }
}
