import { INSPECT, scrub } from "./redact.js";

/** What went wrong, in the terms a caller acts on. */
export type FinoauthErrorKind =
  /** The provider answered with an error (HTTP 4xx/5xx, or an error body under 200). */
  | "provider"
  /** The provider answered something we cannot read as a token: no access token, bad expiry, HTML, truncated JSON. */
  | "malformed_response"
  /** The request never got an answer: connection refused or reset, DNS failure. */
  | "network"
  /** No answer within the call's timeout. */
  | "timeout"
  /** The caller's AbortSignal fired. */
  | "aborted"
  /** A bad option or argument, caught before any request. */
  | "invalid_options"
  /** The provider does not offer this flow. */
  | "unsupported"
  /** An authorization callback that must be refused: unknown, replayed or expired state, or an `error=` redirect. */
  | "callback"
  /**
   * A sender-constrained token bound to another DPoP key or client certificate than the one this process
   * holds (its `cnf`): refused before use, never sent. Every process sharing a grant must hold the same key.
   */
  | "binding_mismatch";

/** RFC 6749 (§4.1.2.1, §5.2) and RFC 7009 error codes. */
export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope"
  | "access_denied"
  | "unsupported_response_type"
  | "server_error"
  | "temporarily_unavailable"
  | "unsupported_token_type";

const OAUTH_CODES: ReadonlySet<string> = new Set<OAuthErrorCode>([
  "invalid_request",
  "invalid_client",
  "invalid_grant",
  "unauthorized_client",
  "unsupported_grant_type",
  "invalid_scope",
  "access_denied",
  "unsupported_response_type",
  "server_error",
  "temporarily_unavailable",
  "unsupported_token_type",
]);

/** Narrows a provider's error string to an RFC 6749 code, when it is one. */
export function asOAuthCode(value: unknown): OAuthErrorCode | undefined {
  return typeof value === "string" && OAUTH_CODES.has(value) ? (value as OAuthErrorCode) : undefined;
}

/** Why a callback was refused (kind `callback`), for code that shows the user a page. */
export type CallbackReason =
  | "provider_error"
  | "missing_state"
  | "unknown_state"
  | "expired_state"
  | "missing_code"
  /** The state belongs to another browser session than the one handling the callback. */
  | "session_mismatch"
  /** The state was issued for another provider (a mix-up). */
  | "wrong_provider"
  /** The callback's `iss` is not the issuer the state was issued for, or is missing where the server always sends it (RFC 9207). */
  | "issuer_mismatch"
  /** A response parameter (`code`, `state`, `iss`, `error`, …) appears more than once (RFC 6749 §3.1 forbids it). */
  | "repeated_parameter"
  /** The callback is not an authorization response the library can trust: too long, parameters in the fragment, characters RFC 6749 Appendix A does not allow. */
  | "malformed_callback";

/** The fields of a {@link FinoauthError}. */
export interface FinoauthErrorInit {
  kind: FinoauthErrorKind;
  provider?: string | undefined;
  status?: number | undefined;
  code?: OAuthErrorCode | undefined;
  providerCode?: string | undefined;
  description?: string | undefined;
  retryable?: boolean | undefined;
  retryAfterMs?: number | undefined;
  requestId?: string | undefined;
  reason?: CallbackReason | undefined;
  /** Values that must not appear in the message or description (they are scrubbed, not stored). */
  secrets?: readonly (string | undefined)[];
}

/** The fields {@link FinoauthError.toJSON} gives a log, in its order (after `name`): none holds a secret. */
const LOGGED_FIELDS = [
  "message",
  "kind",
  "reason",
  "provider",
  "status",
  "code",
  "providerCode",
  "description",
  "retryable",
  "retryAfterMs",
  "requestId",
] as const;

/**
 * The one error type of @finoauth/auth. It says which provider, the HTTP status, the RFC 6749 code
 * where one applies, the provider's own code and description, and whether a retry can help.
 * It never carries a secret: descriptions are scrubbed of every credential the call sent, and
 * `inspect`, `JSON.stringify` and `toString` show only these fields.
 */
export class FinoauthError extends Error {
  override readonly name = "FinoauthError";
  readonly kind: FinoauthErrorKind;
  readonly provider?: string | undefined;
  readonly status?: number | undefined;
  readonly code?: OAuthErrorCode | undefined;
  readonly providerCode?: string | undefined;
  readonly description?: string | undefined;
  /** True when the same call may succeed later: network errors, timeouts, 429 and 5xx. */
  readonly retryable: boolean;
  /** How long the provider asked us to wait (`Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number | undefined;
  /** The request id the provider echoed (its definition's `requestIdHeader`), when there is one. */
  readonly requestId?: string | undefined;
  /** Why a callback was refused (kind `callback` only): `provider_error` is a denial such as `access_denied`. */
  readonly reason?: CallbackReason | undefined;

  constructor(init: FinoauthErrorInit) {
    const secrets = init.secrets ?? [];
    const description = init.description === undefined ? undefined : scrub(init.description, secrets);
    const providerCode = init.providerCode === undefined ? undefined : scrub(init.providerCode, secrets);
    const where = [
      init.provider,
      init.status === undefined ? undefined : `HTTP ${init.status}`,
      init.code ?? providerCode,
    ]
      .filter(Boolean)
      .join(" ");
    super(`${where ? `${where}: ` : ""}${description ?? init.kind}`);
    this.kind = init.kind;
    this.retryable = init.retryable ?? false;
    this.provider = init.provider;
    this.status = init.status;
    this.code = init.code;
    this.providerCode = providerCode;
    this.description = description;
    this.retryAfterMs = init.retryAfterMs;
    this.requestId = init.requestId;
    this.reason = init.reason;
  }

  /** The error's fields, for logs: never a secret. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, ...Object.fromEntries(LOGGED_FIELDS.map((field) => [field, this[field]])) };
  }

  [INSPECT](): string {
    return `${this.name}: ${this.message} ${JSON.stringify({ kind: this.kind, retryable: this.retryable })}\n${this.stack?.split("\n").slice(1).join("\n") ?? ""}`;
  }
}

// Every error kind is built here, and only here: one message per kind, the same fields everywhere.

/** An `invalid_options` error: what is wrong and what to do. Raised before any request. */
export function invalidOptions(message: string, provider?: string): FinoauthError {
  return new FinoauthError({ kind: "invalid_options", provider, description: message });
}

/** An `unsupported` error: the provider does not offer this flow. */
export function unsupported(provider: string, description: string): FinoauthError {
  return new FinoauthError({ kind: "unsupported", provider, description });
}

/** An `aborted` error: the caller's signal fired. Not retryable. */
export function aborted(provider?: string): FinoauthError {
  return new FinoauthError({ kind: "aborted", provider, description: "aborted by the caller" });
}

/** A `timeout` error: no answer within `limit` (`"2000 ms"`, or the call's deadline). Retryable. */
export function timedOut(provider: string, limit: string): FinoauthError {
  return new FinoauthError({ kind: "timeout", provider, retryable: true, description: `no answer within ${limit}` });
}

/** A `network` error: no answer at all (refused, reset, DNS). Retryable. `reason` is scrubbed of `secrets`. */
export function networkError(
  provider: string,
  reason: string,
  secrets: readonly (string | undefined)[],
): FinoauthError {
  return new FinoauthError({
    kind: "network",
    provider,
    retryable: true,
    description: `request failed (${reason})`,
    secrets,
  });
}

/** A `malformed_response` error: an answer that is neither a usable token nor a provider error. */
export function malformedResponse(
  provider: string,
  status: number | undefined,
  why: string,
  secrets: readonly (string | undefined)[],
): FinoauthError {
  return new FinoauthError({ kind: "malformed_response", provider, status, description: why, secrets });
}

/** A `callback` error: an authorization callback refused for `reason`. */
export function callbackRefused(
  provider: string,
  reason: CallbackReason,
  description: string,
  code?: string,
): FinoauthError {
  return new FinoauthError({
    kind: "callback",
    reason,
    provider,
    code: asOAuthCode(code),
    providerCode: code,
    description,
  });
}

/**
 * A `provider` error the engine itself decides on, not the provider's body: a redirect it will not follow,
 * an answer over the size cap. Not retryable: the same request would get the same answer.
 */
export function refusedAnswer(provider: string, status: number | undefined, description: string): FinoauthError {
  return new FinoauthError({ kind: "provider", provider, status, description });
}

/**
 * A token store call that failed: a `network` error, retryable unless the store's error says `retryable: false`,
 * with the store's error kept as `cause`. A FinoauthError the store threw is passed through as it is.
 */
export function storeFailed(op: string, error: unknown): FinoauthError {
  if (error instanceof FinoauthError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const retryable = (error as { retryable?: unknown } | null)?.retryable !== false;
  const wrapped = new FinoauthError({
    kind: "network",
    retryable,
    description: `token store ${op} failed: ${message}`,
  });
  wrapped.cause = error;
  return wrapped;
}

/** A `timeout` error: a token store call that did not answer within `ms`. Retryable. */
export function storeTimedOut(op: string, ms: number): FinoauthError {
  return new FinoauthError({
    kind: "timeout",
    retryable: true,
    description: `token store ${op} did not answer within ${ms} ms`,
  });
}

/** A `timeout` error: the store lock on a grant expired before the refresh was sent, `attempts` times. Retryable. */
export function lockExpired(attempts: number): FinoauthError {
  return new FinoauthError({
    kind: "timeout",
    retryable: true,
    description: `the store lock on this grant expired before the refresh was sent, ${attempts} times: raise lockTtlMs`,
  });
}

/** A `provider` `invalid_grant` error: the stored refresh token was refused already during this renewal. */
export function refreshTokenRefused(): FinoauthError {
  return new FinoauthError({
    kind: "provider",
    code: "invalid_grant",
    description: "the stored refresh token was refused (invalid_grant)",
  });
}

/**
 * A `binding_mismatch` error: a token bound (its `cnf`) to another DPoP key or client certificate than the
 * one `expected` names. Not retryable: the same key gets the same refusal. Thumbprints only, never a key.
 */
export function bindingMismatch(
  what: "DPoP key" | "client certificate",
  where: string,
  provider?: string,
): FinoauthError {
  const fix =
    what === "DPoP key"
      ? "every process sharing a grant must hold the same DPoP key (from a secret store; see the README, Financial-grade APIs)"
      : "every process sharing a grant must present the same client certificate";
  return new FinoauthError({
    kind: "binding_mismatch",
    provider,
    description: `${where} is bound to another ${what} than this one (its cnf differs): refused before use, not sent; ${fix}`,
  });
}
