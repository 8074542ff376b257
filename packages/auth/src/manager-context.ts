// What the token manager's units share: the grant's key and store, its store-call bound, and its log.
import { FinoauthError } from "./errors.js";
import { isUntrustedRecordError, type TokenStore } from "./store.js";
import { bounded } from "./store-calls.js";
import type { ManagerTelemetry } from "./telemetry/manager-trace.js";
import { TokenSet } from "./token-set.js";

/** The grant one manager looks after, and where it writes what it does. */
export interface ManagerContext {
  readonly key: string;
  readonly store: TokenStore;
  /** The bound on a store get, set or delete. */
  readonly storeTimeoutMs: number;
  log(message: string, fields?: Record<string, unknown>): void;
  /** Failures recovered from for now that need attention. */
  warn(message: string, fields?: Record<string, unknown>): void;
  /**
   * `token`, unless it is bound (its `cnf`) to another DPoP key or client certificate than the manager's
   * `binding`: then a `binding_mismatch` error, before anyone uses or sends it. `where` names the token.
   */
  bound(token: TokenSet, where: string): Promise<TokenSet>;
  /** The manager's clock, epoch milliseconds. */
  now(): number;
  /** Where the manager's spans, metrics and events go (store calls are timed through it). */
  readonly telemetry: ManagerTelemetry;
}

/** An error's loggable fields: never its text when it is a FinoauthError (kind, code, status, retryable). */
export const errorFields = (error: unknown): Record<string, unknown> =>
  error instanceof FinoauthError
    ? { kind: error.kind, code: error.code, status: error.status, retryable: error.retryable }
    : foreignError(error);

/**
 * What a log line says of an error that is not finoauth's (thrown by your `obtain`, `refresh` or store):
 * its name and code, never its message, which finoauth did not write and cannot know free of secrets (a
 * callback may put a token in it). The caller that awaited the call gets the error itself.
 */
function foreignError(error: unknown): Record<string, unknown> {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  return {
    error: typeof name === "string" ? name.slice(0, 64) : typeof error,
    ...(typeof code === "string" || typeof code === "number" ? { code: String(code).slice(0, 64) } : {}),
  };
}

/** Writes `token` for the grant, under `fence` when there is one, bounded in time. */
export function writeToken(ctx: ManagerContext, token: TokenSet, fence: number | undefined): Promise<void> {
  const write = () =>
    fence === undefined ? ctx.store.set(ctx.key, token.toData()) : ctx.store.set(ctx.key, token.toData(), { fence });
  return ctx.telemetry.store("set", () => bounded("set", write(), ctx.storeTimeoutMs));
}

/**
 * The stored token, or `undefined` when there is none or it cannot be used. A record the store refuses to
 * trust (planted in clear, tampered, unknown key) is no grant: absent, so the renewal obtains anew and
 * overwrites it. The warning carries the error's fields, not its text.
 */
export async function readToken(ctx: ManagerContext): Promise<TokenSet | undefined> {
  const get = () => bounded("get", ctx.store.get(ctx.key), ctx.storeTimeoutMs);
  const data = await ctx.telemetry.store("get", get).catch((error: unknown) => {
    if (!isUntrustedRecordError(error)) throw error;
    ctx.warn(
      "the stored token is not trusted by the store (tampered, or written without its key); treating it as absent",
      errorFields(error),
    );
    return undefined;
  });
  if (data === undefined) return undefined;
  let token: TokenSet;
  try {
    token = new TokenSet(data);
  } catch (error) {
    ctx.log("stored token unreadable; treating it as absent", { error: (error as Error).message });
    return undefined;
  }
  return ctx.bound(token, "the stored token");
}
