// One renewal of a grant's token under the store's lock: re-read, refresh or obtain, store under the fence.
import { FinoauthError, lockExpired, refreshTokenRefused } from "./errors.js";
import { errorFields, type ManagerContext, readToken, writeToken } from "./manager-context.js";
import type { PendingWrite } from "./pending-write.js";
import { type FencedLock, isStaleFenceError } from "./store.js";
import { bounded } from "./store-calls.js";
import type { RenewalTrace } from "./telemetry/manager-trace.js";
import { MAX_ATTEMPTS, type TokenManagerOptions } from "./token-manager-options.js";
import type { TokenSet } from "./token-set.js";

/** What a renewal needs from its manager beyond the shared context. */
export interface RenewalParts {
  obtain: TokenManagerOptions["obtain"];
  refresh: TokenManagerOptions["refresh"];
  onInvalidGrant: "obtain" | "throw";
  lockTtlMs: number;
  pending: PendingWrite;
  /** The token this manager last read, stored or handed out. */
  local(): TokenSet | undefined;
  /** Makes `token` the manager's own and returns it. */
  adopt(token: TokenSet): TokenSet;
  isFresh(token: TokenSet): boolean;
}

/** A token `usable` accepts, for this renewal: fresh, and not the one the API refused. */
type Usable = (token: TokenSet | undefined) => boolean;

/** What one attempt under the lock ended with: a token, or another attempt with this current token. */
type Attempt = { token: TokenSet } | { again: TokenSet | undefined };

/** Where a refresh was refused: the attempt, the token whose refresh token it was, and the attempt's lock. */
interface RefusedAt {
  attempt: number;
  current: TokenSet;
  refreshToken: string;
  lock: FencedLock | undefined;
  usable: Usable;
  /** Refresh tokens refused during this renewal. */
  spent: Set<string>;
}

const isInvalidGrant = (error: unknown) =>
  error instanceof FinoauthError && error.code === "invalid_grant" && !error.retryable;

/** Renews a grant's token: one instance per manager, one {@link Renewal.renew} per renewal. */
export class Renewal {
  readonly #ctx: ManagerContext;
  readonly #parts: RenewalParts;
  /** The telemetry of the renewal in flight (one at a time per manager). */
  #trace: RenewalTrace | undefined;

  constructor(ctx: ManagerContext, parts: RenewalParts) {
    this.#ctx = ctx;
    this.#parts = parts;
  }

  /**
   * One renewal. Reads the store first: another manager sharing it may have renewed already. Otherwise
   * takes the store's lock, reads again (someone may have renewed while we waited), checks the lock is
   * still held, gets the next token and stores it under the lock's fence (so a rotated refresh token)
   * before anyone gets it. A refresh refused with `invalid_grant` re-reads the store first: a newer token
   * another process stored is a race lost, not an error. `force`: the token this manager handed out was
   * refused, so a stored token equal to it is not taken.
   */
  async renew(force: boolean, trace?: RenewalTrace): Promise<TokenSet> {
    this.#trace = trace;
    const { pending, adopt, isFresh } = this.#parts;
    const refused = force ? (this.#parts.local() ?? (await readToken(this.#ctx)))?.accessToken : undefined;
    const usable: Usable = (token) => token !== undefined && isFresh(token) && token.accessToken !== refused;
    if (pending.waiting) await pending.write().catch(() => {}); // a store back up takes the unstored token first
    let current = await this.#latest();
    if (current && usable(current)) return adopt(current);
    /** Refresh tokens the provider refused during this renewal: never sent again. */
    const spent = new Set<string>();
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#underLock(attempt, current, usable, spent);
      if ("token" in outcome) return outcome.token;
      current = outcome.again;
    }
  }

  /** One attempt: takes the lock, re-reads, and fetches and stores the next token, or asks for another attempt. */
  async #underLock(
    attempt: number,
    current: TokenSet | undefined,
    usable: Usable,
    spent: Set<string>,
  ): Promise<Attempt> {
    const ctx = this.#ctx;
    const lock = await this.#acquire();
    try {
      if (lock) current = await this.#latest();
      if (current && usable(current)) {
        ctx.log("another manager renewed the token already");
        return { token: this.#parts.adopt(current) };
      }
      if (!(await this.#stillHeld(lock))) {
        if (attempt >= MAX_ATTEMPTS) throw lockExpired(attempt);
        ctx.log("the store lock expired before the refresh was sent; taking it again", { attempt });
        return { again: current };
      }
      if (current?.refreshToken !== undefined && spent.has(current.refreshToken)) throw refreshTokenRefused();
      let next: TokenSet;
      try {
        next = await this.#fetchNext(current);
      } catch (error) {
        const refreshToken = current?.refreshToken;
        if (!isInvalidGrant(error) || current === undefined || refreshToken === undefined) throw error;
        const recovered = await this.#afterInvalidGrant(error, { attempt, current, refreshToken, lock, usable, spent });
        if (!("obtained" in recovered)) return recovered;
        next = recovered.obtained;
      }
      return { token: await this.#storeNext(next, lock, current, usable) };
    } catch (error) {
      ctx.log("renewal failed; stored token left as it was", errorFields(error));
      throw error;
    } finally {
      await lock?.release().catch((error: unknown) => ctx.log("releasing the store lock failed", errorFields(error)));
    }
  }

  /**
   * After the provider refused `current`'s refresh token: a newer token another manager stored is taken
   * (or renewed with), a lock that expired meanwhile waits for the new holder; else `onInvalidGrant` decides.
   */
  async #afterInvalidGrant(error: unknown, at: RefusedAt): Promise<Attempt | { obtained: TokenSet }> {
    const { attempt, current, refreshToken, lock, usable, spent } = at;
    const ctx = this.#ctx;
    spent.add(refreshToken);
    const after = await this.#latest();
    if (after && after.refreshToken !== refreshToken) {
      if (usable(after)) {
        ctx.log("refresh token refused (invalid_grant), but another manager stored a newer token: using it");
        return { token: this.#parts.adopt(after) };
      }
      if (attempt < MAX_ATTEMPTS && after.refreshToken !== undefined && !spent.has(after.refreshToken)) {
        ctx.log("refresh token refused (invalid_grant); another manager stored a newer one: renewing with it");
        return { again: after };
      }
    } else if (attempt < MAX_ATTEMPTS && !(await this.#stillHeld(lock))) {
      ctx.log(
        "refresh token refused (invalid_grant) after this manager's lock expired: waiting for the new holder's token",
      );
      return { again: current };
    }
    if (this.#parts.onInvalidGrant !== "obtain") throw error;
    ctx.log("refresh token refused (invalid_grant); obtaining a new token");
    return { obtained: await ctx.bound(await this.#parts.obtain(), "the token obtain returned") };
  }

  /**
   * The newest token this manager can know of: the store's, unless it still holds the token a pending
   * (unstored) one replaced. An empty store does not make the manager forget its own token: a store that
   * lost its data (a restarted Redis without persistence) loses no grant.
   */
  async #latest(): Promise<TokenSet | undefined> {
    return this.#parts.pending.newest(await readToken(this.#ctx)) ?? this.#parts.local();
  }

  /** Gets the next token from the provider: refresh when there is a refresh token (and a way), else obtain. */
  async #fetchNext(current: TokenSet | undefined): Promise<TokenSet> {
    const { obtain, refresh } = this.#parts;
    if (this.#trace && current?.expiresAt !== undefined)
      this.#trace.remainingLifetimeMs = current.expiresAt - this.#ctx.now();
    if (current?.refreshToken === undefined || refresh === undefined) {
      this.#ctx.log(current ? "re-running the grant (no refresh token)" : "obtaining a token");
      return this.#ctx.bound(await obtain(), "the token obtain returned");
    }
    this.#ctx.log("refreshing");
    const next = (await refresh(current)).keepingRefreshToken(current.refreshToken);
    return this.#ctx.bound(next, "the token refresh returned");
  }

  /** Takes the store's lock, if it has one, bounded in time; a lock granted too late is given back. */
  async #acquire(): Promise<FencedLock | undefined> {
    const { store, key, storeTimeoutMs } = this.#ctx;
    if (!store.lock) return undefined;
    const ttl = this.#parts.lockTtlMs;
    const late = (lock: FencedLock) => void lock.release().catch(() => {});
    // A waiter may wait out a holder that died (up to one TTL) and then the holder after it (up to another).
    const start = performance.now();
    try {
      return await this.#ctx.telemetry.store("lock", () =>
        bounded("lock", store.lock!(key, ttl), 2 * ttl + storeTimeoutMs, late),
      );
    } finally {
      if (this.#trace) this.#trace.lockWaitMs += performance.now() - start;
    }
  }

  async #stillHeld(lock: FencedLock | undefined): Promise<boolean> {
    const held = lock?.held?.bind(lock);
    return held
      ? this.#ctx.telemetry.store("lock check", () => bounded("lock check", held(), this.#ctx.storeTimeoutMs))
      : true;
  }

  /**
   * Stores `next` (under `lock`'s fence) and hands it out. A refusal for an older fence (this manager's lock
   * expired and a newer holder stored a token) hands out the stored token instead, or `next` itself when
   * the stored one is not usable; a failing store keeps `next` in memory, hands it out and retries.
   */
  async #storeNext(
    next: TokenSet,
    lock: FencedLock | undefined,
    replaced: TokenSet | undefined,
    usable: Usable,
  ): Promise<TokenSet> {
    const { pending, adopt } = this.#parts;
    const fence = lock?.fence;
    try {
      await writeToken(this.#ctx, next, fence);
      pending.drop();
      this.#ctx.log("token stored", {
        expiresAt: next.expiresAt,
        rotated: next.refreshToken !== replaced?.refreshToken,
        fence,
      });
      return adopt(next);
    } catch (error) {
      if (isStaleFenceError(error)) {
        const stored = await readToken(this.#ctx).catch(() => undefined);
        this.#ctx.log(
          "this manager's lock expired and a newer token was stored meanwhile: its own answer is not stored",
          { fence },
        );
        return adopt(stored && usable(stored) ? stored : next);
      }
      pending.keep(next, replaced, fence, error);
      return adopt(next);
    }
  }
}
