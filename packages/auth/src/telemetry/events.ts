// The events finoauth reports to an `onEvent` hook: the same facts its spans and metrics carry, for those
// who feed their own logger or metrics library. No event ever holds a secret, a token, a code or a URL query.
import type { FinoauthErrorKind, OAuthErrorCode } from "../errors.js";

/** How an operation ended. */
export type Outcome = "ok" | "error";

/** One HTTP request to a provider (one attempt: a retried call reports each). */
export interface RequestEvent {
  type: "request";
  provider: string;
  /** The flow: a grant name (`client_credentials`, `refresh_token`, …), `revoke`, or an extension's name (`introspect`, `discovery`…). */
  flow: string;
  method?: string | undefined;
  /** The server's host and port (never the path or query). */
  server?: string | undefined;
  port?: number | undefined;
  status?: number | undefined;
  durationMs: number;
  /** 0 for the first attempt, 1 for the first retry, … */
  resendCount: number;
  outcome: Outcome;
  errorKind?: FinoauthErrorKind | undefined;
  oauthError?: OAuthErrorCode | undefined;
  /** The id the provider echoed in its request-id header (scrubbed of every secret of the call). */
  requestId?: string | undefined;
}

/** One renewal by a token manager (obtain or refresh, under the store's lock), shared by `callers` callers. */
export interface RenewalEvent {
  type: "renewal";
  key: string;
  outcome: Outcome;
  durationMs: number;
  /** How many callers waited on this renewal. */
  callers: number;
  /** How long the renewal waited for the store's lock, in total. */
  lockWaitMs: number;
  /** What was left of the replaced token's lifetime when the renewal started (negative: it had expired). */
  remainingLifetimeMs?: number | undefined;
  errorKind?: FinoauthErrorKind | undefined;
  oauthError?: OAuthErrorCode | undefined;
}

/** A read of a token manager's cached token: a hit answers at once, a miss joins a renewal. */
export interface CacheEvent {
  type: "cache";
  key: string;
  hit: boolean;
}

/** One call to a token store (bounded in time by the manager). */
export interface StoreEvent {
  type: "store";
  key: string;
  operation: string;
  durationMs: number;
  outcome: Outcome;
  errorKind?: FinoauthErrorKind | undefined;
}

/** A token manager's log line (what its `logger` receives): never a token or secret, masked or not. */
export interface LogEvent {
  type: "log";
  level: "debug" | "warn";
  key: string;
  message: string;
  fields: Record<string, unknown>;
}

/** Everything `onEvent` may receive. */
export type FinoauthEvent = RequestEvent | RenewalEvent | CacheEvent | StoreEvent | LogEvent;

/** A consumer of finoauth's events. It runs synchronously: an exception it throws is swallowed (telemetry never fails a call). */
export type OnEvent = (event: FinoauthEvent) => void;
