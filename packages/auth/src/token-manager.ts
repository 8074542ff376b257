// The token manager: hands out a grant's token from memory while fresh, and joins one renewal when not.

import { coarseNow } from "./coarse-clock.js";
import { aborted, invalidOptions } from "./errors.js";
import { checkBound } from "./fapi/binding.js";
import type { ManagerContext } from "./manager-context.js";
import { PendingWrite } from "./pending-write.js";
import { Renewal } from "./renewal.js";
import { MemoryTokenStore } from "./store.js";
import { bounded, waitFor } from "./store-calls.js";
import { ManagerTelemetry, type RenewalTrace } from "./telemetry/manager-trace.js";
import { Telemetry } from "./telemetry/telemetry.js";
import {
  DEFAULTS,
  type TokenManager,
  type TokenManagerOptions,
  type TokenRequestOptions,
  validate,
} from "./token-manager-options.js";
import { type TokenBinding, TokenSet } from "./token-set.js";

export type {
  TokenManager,
  TokenManagerLogger,
  TokenManagerOptions,
  TokenRequestOptions,
} from "./token-manager-options.js";

/** The manager's shared context, from its options. */
function contextOf(options: TokenManagerOptions): ManagerContext {
  const { key, logger } = options;
  const telemetry = new ManagerTelemetry(Telemetry.of(options.telemetry, options.onEvent), key);
  // The logger is one consumer of the manager's log lines; `onEvent` gets them as `log` events.
  const log = (message: string, fields: Record<string, unknown> = {}) => {
    telemetry.log("debug", message, fields);
    logger?.debug(message, { key, ...fields });
  };
  const warn = (message: string, fields: Record<string, unknown> = {}) => {
    telemetry.log("warn", message, fields);
    if (logger?.warn) logger.warn(message, { key, ...fields });
    else logger?.debug(message, { key, ...fields });
  };
  return {
    key,
    now: options.now ?? Date.now,
    telemetry,
    store: options.store ?? new MemoryTokenStore(),
    storeTimeoutMs: options.storeTimeoutMs ?? DEFAULTS.storeTimeoutMs,
    log,
    warn,
    bound: boundCheck(options.binding),
  };
}

/** The manager's binding check (see {@link ManagerContext.bound}); its `binding` is awaited once, when a bound token first comes. */
function boundCheck(binding: TokenManagerOptions["binding"]): ManagerContext["bound"] {
  let expected: Promise<TokenBinding | undefined> | undefined;
  return async (token, where) => {
    if (token.cnf === undefined) return token;
    expected ??= Promise.resolve(binding);
    checkBound(token, await expected, where);
    return token;
  };
}

/** Whether a token is fresh: stale within the margin; a token that lives shorter than the margin is stale at half its life. */
function freshness(options: TokenManagerOptions): (token: TokenSet) => boolean {
  const now = options.now ?? Date.now;
  const coarse = options.now === undefined;
  const margin = (options.refreshMarginMs ?? DEFAULTS.refreshMarginMs) + (options.clockSkewMs ?? DEFAULTS.clockSkewMs);
  return (token) => {
    const expiresAt = token.expiresAt;
    if (expiresAt === undefined) return true;
    const staleAt = expiresAt - Math.max(0, Math.min(margin, (expiresAt - token.obtainedAt) / 2));
    // On the default clock, a coarse reading that is never early proves most reads fresh without a clock
    // call; near the deadline (or with an injected clock) the exact clock decides.
    return (coarse && coarseNow() < staleAt) || now() < staleAt;
  };
}

/** A renewal in flight: the promise every caller shares, and how a caller that joins it is linked (telemetry). */
interface Flight {
  flight: Promise<TokenSet>;
  join(): void;
}

/** Starts one renewal with its telemetry (a span linked to every caller that joins it, ended with the renewal). */
function startFlight(telemetry: ManagerTelemetry, renew: (trace?: RenewalTrace) => Promise<TokenSet>): Flight {
  const trace = telemetry.renewal();
  const flight = trace ? trace.run(() => renew(trace)) : renew();
  if (trace)
    flight.then(
      () => trace.end(),
      (error: unknown) => trace.end(error ?? new Error("renewal failed")),
    );
  return { flight, join: () => trace?.join() };
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
  const ctx = contextOf(options);
  const { key, store, storeTimeoutMs, log, telemetry } = ctx;
  const isFresh = freshness(options);
  const pending = new PendingWrite(ctx);

  /** The token this manager last read, stored or handed out: served without a store read while fresh. */
  let local: TokenSet | undefined;
  /** The one renewal in flight for this key: every caller that finds the token stale joins it. */
  let inflight: Flight | undefined;
  /** Its access token, one promise shared by every getAccessToken() caller (made on first need). */
  let inflightAccessToken: { flight: Promise<TokenSet>; accessToken: Promise<string> } | undefined;

  const renewal = new Renewal(ctx, {
    obtain: options.obtain,
    refresh: options.refresh,
    onInvalidGrant: options.onInvalidGrant ?? DEFAULTS.onInvalidGrant,
    lockTtlMs: options.lockTtlMs ?? DEFAULTS.lockTtlMs,
    pending,
    local: () => local,
    adopt: (token) => (local = token),
    isFresh,
  });

  /** Joins the renewal in flight, or starts it; set synchronously, so that every concurrent caller joins. */
  const renewOnce = (force: boolean): Promise<TokenSet> => {
    if (inflight) {
      inflight.join();
      return inflight.flight;
    }
    const started = startFlight(telemetry, (trace) => renewal.renew(force, trace));
    const done = () => {
      if (inflight === started) inflight = undefined;
      if (inflightAccessToken?.flight === started.flight) inflightAccessToken = undefined;
    };
    started.flight.then(done, done);
    inflight = started;
    return started.flight;
  };

  /** The fresh local token, if this call can be answered without waiting. */
  const cached = (): TokenSet | undefined =>
    inflight === undefined && local !== undefined && isFresh(local) ? local : undefined;

  return {
    getTokenSet(call) {
      if (call?.signal?.aborted) return Promise.reject(aborted());
      const token = cached();
      if (telemetry.telemetry.enabled) telemetry.cache(token !== undefined);
      return token ? Promise.resolve(token) : waitFor(renewOnce(false), call?.signal);
    },
    getAccessToken(call?: TokenRequestOptions) {
      if (call?.signal?.aborted) return Promise.reject(aborted());
      const token = cached();
      if (telemetry.telemetry.enabled) telemetry.cache(token !== undefined);
      if (token) return Promise.resolve(token.accessToken);
      const flight = renewOnce(false);
      if (inflightAccessToken?.flight !== flight)
        inflightAccessToken = { flight, accessToken: flight.then((t) => t.accessToken) };
      return waitFor(inflightAccessToken.accessToken, call?.signal);
    },
    async set(tokenSet) {
      if (!(tokenSet instanceof TokenSet)) throw invalidOptions("set needs a TokenSet");
      await ctx.bound(tokenSet, "the token given to set");
      await telemetry.store("set", () => bounded("set", store.set(key, tokenSet.toData()), storeTimeoutMs));
      pending.drop();
      local = tokenSet;
      log("token set");
    },
    async invalidate() {
      local = undefined;
      pending.drop();
      await telemetry.store("delete", () => bounded("delete", store.delete(key), storeTimeoutMs));
      log("token invalidated");
    },
    forceRefresh(call) {
      if (call?.signal?.aborted) return Promise.reject(aborted());
      return waitFor(renewOnce(true), call?.signal);
    },
    flush: () => pending.write(),
  };
}
