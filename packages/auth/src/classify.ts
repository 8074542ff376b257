// One reading of every provider answer: `classify` decides whether it is an error, the next step of a
// multi-step flow, a token or an answer without one, and `readToken` reads a token strictly. Every flow
// (token grants, revoke, multi-step extensions) goes through here.

import { isInstant, MAX_COUNT, MAX_LIFETIME_SECONDS } from "./bounds.js";
import { asOAuthCode, FinoauthError, malformedResponse, type OAuthErrorCode, refusedAnswer } from "./errors.js";
import { type TokenExtras, type TokenSet, trustedTokenSet } from "./token-set.js";
import {
  type ErrorFlow,
  type ErrorShape,
  type FieldPath,
  pick,
  type ScopeFormat,
  type TokenShape,
} from "./token-shape.js";
import { isRetryableStatus, type ProviderResponse, retryAfterOf } from "./transport.js";

type Json = Record<string, unknown>;

/** The RFC 6749 code an error shape gives `flow`'s answers with `status` (own properties only: data may come from JSON). */
function codeByStatus(errors: ErrorShape, flow: ErrorFlow, status: number): OAuthErrorCode | undefined {
  const statuses =
    errors.byStatus !== undefined && Object.hasOwn(errors.byStatus, flow) ? errors.byStatus[flow] : undefined;
  return statuses !== undefined && Object.hasOwn(statuses, status) ? statuses[status] : undefined;
}

/** Everything classifying and reading an answer needs besides the answer: whose it is, its shapes, its secrets. */
export interface AnswerContext {
  provider: string;
  token: TokenShape;
  errors: ErrorShape;
  /** The header carrying an echoed request id, if the provider has one. */
  requestIdHeader?: string | undefined;
  /** Every secret the request carried: scrubbed from anything put in an error. */
  secrets: readonly (string | undefined)[];
  /** When the answer arrived, epoch milliseconds. */
  now: number;
  /** The call the answer is to (a grant, or `revoke`), for {@link ErrorShape.byStatus}; absent for other calls. */
  flow?: ErrorFlow | undefined;
}

/** A classified answer that is not an error (an error answer rejects instead). */
export interface Answer {
  /** `token`: a 2xx carrying an access token; `pending`: a next-step status; `empty`: a 2xx without a token. */
  kind: "token" | "pending" | "empty";
  response: ProviderResponse;
  context: AnswerContext;
}

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const firstString = (body: unknown, paths: readonly FieldPath[]): string | undefined => {
  for (const path of paths) {
    const value = pick(body, path);
    if (typeof value === "string" && value !== "") return value;
    if (typeof value === "number") return String(value);
  }
  return undefined;
};

const requestIdOf = (response: ProviderResponse, context: AnswerContext) =>
  context.requestIdHeader === undefined ? undefined : (response.headers.get(context.requestIdHeader) ?? undefined);

/** A {@link FinoauthError} from a provider's error answer (any status), read through its {@link ErrorShape}. */
export function providerError(response: ProviderResponse, context: AnswerContext): FinoauthError {
  const body = response.json;
  const rawCode = firstString(body, context.errors.code);
  const ownCode = firstString(body, context.errors.providerCode);
  const code =
    asOAuthCode(rawCode) ??
    (ownCode !== undefined && context.errors.codes !== undefined && Object.hasOwn(context.errors.codes, ownCode)
      ? context.errors.codes[ownCode]
      : undefined) ??
    (context.flow === undefined ? undefined : codeByStatus(context.errors, context.flow, response.status));
  const looksHtml = /^\s*</.test(response.text);
  const description =
    firstString(body, context.errors.description) ??
    (looksHtml
      ? "the provider answered with an HTML page"
      : body === undefined && response.text
        ? "the provider answered with a body that is not JSON"
        : undefined);
  return new FinoauthError({
    kind: "provider",
    provider: context.provider,
    status: response.status,
    code,
    providerCode: ownCode ?? (asOAuthCode(rawCode) ? undefined : rawCode),
    description,
    retryable: isRetryableStatus(response.status),
    retryAfterMs: retryAfterOf(response),
    requestId: requestIdOf(response, context),
    secrets: context.secrets,
  });
}

/** The token object of a body: the body itself, or what its envelope wraps. */
const tokenObjectOf = (body: unknown, shape: TokenShape): unknown =>
  shape.envelope ? pick(body, shape.envelope.data) : body;

/**
 * Decides what an answer is. Rejects with a {@link FinoauthError} for an error: a redirect (never followed:
 * it would take the credentials elsewhere), a non-2xx status, an envelope whose success flag is false, an
 * RFC 6749 `error` under 2xx, or the provider's own error code under 2xx without an access token.
 */
export function classify(response: ProviderResponse, context: AnswerContext): Answer {
  const { status } = response;
  if (status >= 300 && status < 400) {
    const location = response.headers.get("location");
    let where = "";
    try {
      where = location ? ` to ${new URL(location).origin}` : "";
    } catch {
      where = " to an unreadable location";
    }
    throw refusedAnswer(
      context.provider,
      status,
      `the endpoint answered with a redirect${where}; redirects are never followed, so no credential is sent on`,
    );
  }
  if (status < 200 || status >= 300) throw providerError(response, context);
  if (context.errors.pendingStatuses?.includes(status)) return { kind: "pending", response, context };
  const body = response.json;
  const { token: shape, errors } = context;
  if (shape.envelope?.success !== undefined && pick(body, shape.envelope.success) === false)
    throw providerError(response, context);
  if (firstString(body, errors.code) !== undefined) throw providerError(response, context);
  const accessToken = pick(tokenObjectOf(body, shape), shape.accessToken);
  if (accessToken === undefined && firstString(body, errors.providerCode) !== undefined)
    throw providerError(response, context);
  return { kind: isObject(body) && accessToken !== undefined ? "token" : "empty", response, context };
}

/** A `malformed_response` error about `answer`, scrubbed of its request's secrets. */
export function malformed(answer: Answer, why: string): FinoauthError {
  return malformedResponse(answer.context.provider, answer.response.status, why, answer.context.secrets);
}

function readScopes(value: unknown, format: ScopeFormat): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (format === "array")
    return Array.isArray(value) && value.every((s) => typeof s === "string")
      ? value.filter((s) => s !== "")
      : undefined;
  if (typeof value !== "string") return undefined;
  return value.split(SCOPE_SEPARATORS[format]).filter((scope) => scope !== "");
}

const SCOPE_SEPARATORS = { space: / +/, comma: / *, */, "space-or-comma": /[ ,]+/ } as const;

/** A non-negative number (also a numeric string when `strings`); `undefined` when absent, `null` when unreadable. */
function readNumber(value: unknown, strings: boolean): number | undefined | null {
  if (value === undefined || value === null) return undefined;
  const n =
    typeof value === "number"
      ? value
      : strings && typeof value === "string" && /^\d+(\.\d+)?$/.test(value.trim())
        ? Number(value)
        : Number.NaN;
  // Finite after scaling to milliseconds too: "9" × 400 parses, but is no expiry.
  return Number.isFinite(n) && n >= 0 && Number.isFinite(n * 1000) ? n : null;
}

/**
 * The token's absolute expiry (epoch ms) from its lifetime or, without one, its absolute expiry: each
 * bounded (a lifetime of at most {@link MAX_LIFETIME_SECONDS}, an instant before year 10000), and in the
 * future. A token already expired when it arrives (`expires_in: 0`, an `expires_at` in the past) is
 * refused: handing it out would only have every caller renew it at once.
 */
function readExpiry(answer: Answer, token: unknown): number | undefined {
  const { context } = answer;
  const shape = context.token;
  const lifetimePath = shape.expiresIn?.path ?? "expires_in";
  const expiresIn = readNumber(pick(token, lifetimePath), shape.expiresIn?.numericStrings ?? false);
  if (expiresIn === null) throw malformed(answer, `${lifetimePath} is not a number of seconds`);
  if (expiresIn !== undefined && expiresIn > MAX_LIFETIME_SECONDS)
    throw malformed(answer, `${lifetimePath} is out of range (a lifetime is at most 100 years)`);
  const expiresAtSeconds = shape.expiresAt ? readNumber(pick(token, shape.expiresAt), true) : undefined;
  if (expiresAtSeconds === null) throw malformed(answer, `${shape.expiresAt} is not a Unix time`);
  // Checked even when the lifetime decides: a field out of range is a malformed answer either way.
  if (expiresAtSeconds !== undefined && !isInstant(expiresAtSeconds * 1000))
    throw malformed(answer, `${shape.expiresAt} is out of range (a Unix time before the year 10000)`);
  const expiresAt =
    expiresIn !== undefined
      ? context.now + expiresIn * 1000
      : expiresAtSeconds !== undefined
        ? expiresAtSeconds * 1000
        : undefined;
  if (expiresAt === undefined) {
    if (shape.expiryRequired) throw malformed(answer, `no expiry (${lifetimePath})`);
    return undefined;
  }
  if (!isInstant(expiresAt)) throw malformed(answer, "the expiry is out of range");
  if (expiresAt <= context.now) {
    throw malformed(
      answer,
      expiresIn !== undefined
        ? `the token arrived already expired (${lifetimePath}: ${expiresIn})`
        : `the token arrived already expired (${shape.expiresAt} is not in the future)`,
    );
  }
  return expiresAt;
}

/** Token types spelled as their RFC does, whatever case the server used (RFC 6749 §5.1: compared without case). */
const CANONICAL_TYPES: Readonly<Record<string, string>> = { bearer: "Bearer", dpop: "DPoP" };
const canonicalType = (type: string): string => {
  const lower = type.toLowerCase();
  return Object.hasOwn(CANONICAL_TYPES, lower) ? (CANONICAL_TYPES[lower] as string) : type;
};

/**
 * Reads a classified answer as a token, strictly: a next-step answer is a provider error; an answer without
 * a JSON object or an access token, an expiry that is not a number, out of range or already past (see
 * {@link readExpiry}), a count out of range, a token type the provider does not use, or a mistyped field
 * is a `malformed_response` error. Only a complete token becomes a {@link TokenSet}.
 */
export function readToken(answer: Answer): TokenSet {
  const { response, context } = answer;
  const shape = context.token;
  if (answer.kind === "pending") throw providerError(response, context);
  const body = response.json;
  if (!isObject(body)) {
    throw malformed(
      answer,
      response.text.trim() === ""
        ? "empty response body"
        : /^\s*</.test(response.text)
          ? "HTML instead of JSON"
          : "the body is not a JSON object",
    );
  }
  const token = tokenObjectOf(body, shape);
  if (!isObject(token)) throw malformed(answer, `no token object at "${shape.envelope?.data}"`);

  const accessToken = pick(token, shape.accessToken);
  if (typeof accessToken !== "string" || accessToken === "")
    throw malformed(answer, `no access token ("${shape.accessToken}")`);
  const tokenType = pick(token, shape.tokenType ?? "token_type") ?? "Bearer";
  if (typeof tokenType !== "string") throw malformed(answer, "token_type is not a string");
  const accepted = shape.tokenTypes ?? ["Bearer"];
  if (!accepted.some((type) => type.toLowerCase() === tokenType.toLowerCase())) {
    if (tokenType.toLowerCase() === "dpop")
      throw malformed(
        answer,
        'token_type "DPoP": the token is bound to a DPoP key (RFC 9449), but no DPoP proof was sent (no dpop option), so it could not be used',
      );
    throw malformed(
      answer,
      `token_type "${tokenType.slice(0, 40)}" is not one this provider's tokens use (${accepted.join(", ")})`,
    );
  }
  const refreshToken = pick(token, shape.refreshToken ?? "refresh_token");
  if (refreshToken !== undefined && refreshToken !== null && typeof refreshToken !== "string")
    throw malformed(answer, "refresh_token is not a string");
  const scopeFormat = shape.scope?.format ?? "space";
  const scopes = readScopes(pick(token, shape.scope?.path ?? "scope"), scopeFormat);
  if (scopes === undefined)
    throw malformed(answer, `scope is not a ${scopeFormat === "array" ? "list of strings" : "string"}`);

  const expiresAt = readExpiry(answer, token);

  const extras: Record<string, string | number> = {};
  for (const [name, field] of Object.entries(shape.extras ?? {})) {
    const value = pick(token, field.path);
    if (value === undefined || value === null) continue;
    if (field.type === "count") {
      const count = readNumber(value, true);
      if (count === null || count === undefined || !Number.isInteger(count))
        throw malformed(answer, `${field.path} is not a count`);
      if (count > MAX_COUNT) throw malformed(answer, `${field.path} is out of range (a count is at most ${MAX_COUNT})`);
      extras[name] = count;
    } else if (typeof value === "string" || typeof value === "number") extras[name] = String(value);
    else throw malformed(answer, `${field.path} is not a string`);
  }
  const requestId = requestIdOf(response, context);
  if (requestId) extras.requestId = requestId;

  return trustedTokenSet<TokenExtras>({
    provider: context.provider,
    accessToken,
    tokenType: canonicalType(tokenType),
    expiresAt,
    refreshToken: typeof refreshToken === "string" && refreshToken !== "" ? refreshToken : undefined,
    scopes,
    extras,
    obtainedAt: context.now,
    raw: body,
  });
}
