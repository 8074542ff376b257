// A new token the store failed to take: handed out all the same (its refresh token may be the only valid
// one), written again in the background, and preferred over the store's copy of the token it replaced.

import { errorFields, type ManagerContext, writeToken } from "./manager-context.js";
import { isStaleFenceError } from "./store.js";
import { PENDING_RETRY_DELAYS_MS } from "./token-manager-options.js";
import type { TokenSet } from "./token-set.js";

interface Pending {
  token: TokenSet;
  /** The access token of the token it replaced: while the store still holds that one, this one is newer. */
  replaced?: string | undefined;
  fence?: number | undefined;
  retries: number;
  timer?: ReturnType<typeof setTimeout> | undefined;
}

/** The token a manager could not store, its background retries, and its last write on `flush`. */
export class PendingWrite {
  readonly #ctx: ManagerContext;
  #pending: Pending | undefined;

  constructor(ctx: ManagerContext) {
    this.#ctx = ctx;
  }

  /** Whether a token waits to be stored. */
  get waiting(): boolean {
    return this.#pending !== undefined;
  }

  /**
   * The newest of `stored` and the unstored token: the unstored one while the store is empty or still
   * holds the token it replaced; `stored` otherwise (the unstored one is then dropped: a newer one is stored).
   */
  newest(stored: TokenSet | undefined): TokenSet | undefined {
    const pending = this.#pending;
    if (!pending) return stored;
    if (stored === undefined || stored.accessToken === pending.replaced) return pending.token;
    this.#ctx.log("the store holds a newer token than the one it failed to take; dropping that one");
    this.drop();
    return stored;
  }

  /** Keeps `token`, which the store refused with `error`, and starts writing it again in the background. */
  keep(token: TokenSet, replaced: TokenSet | undefined, fence: number | undefined, error: unknown): void {
    this.drop();
    this.#pending = { token, replaced: replaced?.accessToken, fence, retries: 0 };
    this.#ctx.warn(
      "storing the new token failed; it is handed out, kept in memory and written again",
      errorFields(error),
    );
    this.#scheduleRetry();
  }

  /** Forgets the unstored token (a newer one was stored, set or the grant invalidated). */
  drop(): void {
    if (this.#pending?.timer) clearTimeout(this.#pending.timer);
    this.#pending = undefined;
  }

  /** Writes the unstored token (under its fence). A refusal for an older fence means a newer token is stored. */
  async write(): Promise<void> {
    const current = this.#pending;
    if (!current) return;
    try {
      await writeToken(this.#ctx, current.token, current.fence);
      if (this.#pending === current) this.drop();
      this.#ctx.log("token stored on a later attempt");
    } catch (error) {
      if (!isStaleFenceError(error)) throw error;
      if (this.#pending === current) this.drop();
      this.#ctx.log("a newer token was stored meanwhile; the unstored one is dropped");
    }
  }

  #scheduleRetry(): void {
    const current = this.#pending;
    if (!current || current.timer || current.retries >= PENDING_RETRY_DELAYS_MS.length) return;
    current.timer = setTimeout(() => {
      current.timer = undefined;
      current.retries++;
      this.write().catch((error: unknown) => {
        this.#ctx.warn("storing the new token failed again; it stays in memory", errorFields(error));
        this.#scheduleRetry();
      });
    }, PENDING_RETRY_DELAYS_MS[current.retries]);
    (current.timer as { unref?: () => void }).unref?.();
  }
}
