import { isRetryableStatus, retryAfterOf, type ProviderResponse } from "./call.js";
import { asOAuthCode, FinoauthError } from "./errors.js";
import { TokenSet, type ProviderId, type TokenExtras } from "./token-set.js";

type Json = Record<string, unknown>;

/** A dotted path into a JSON body: `error_description`, `message.description`, `errors.0.message`. */
export type FieldPath = string;

/** How a provider's token response is laid out: data, checked by the compiler, read by one normaliser. */
export interface TokenResponseShape {
  /** Where the token object sits: the body itself, or a wrapper field (FinCalc: `data`). */
  envelope?: { data: FieldPath; success: FieldPath };
  /** The access token's field (`access_token`; SynapseFI: `oauth_key`). */
  accessToken: FieldPath;
  /** How `scope` is written: a space- or comma-separated string, either, or a JSON array. */
  scopes: "space" | "comma" | "space-or-comma" | "array";
  /** How `expires_in` is written: seconds as a number, or also as a numeric string (SynapseFI). */
  expiresIn: "number" | "number-or-string";
  /** A field with the absolute expiry in Unix seconds, used when `expires_in` is absent. */
  expiresAt?: FieldPath;
  /** The provider always sends an expiry: a token without one is malformed (SynapseFI). */
  expiryRequired?: boolean;
  /** Provider fields that become {@link TokenExtras}. */
  extras?: { [K in keyof TokenExtras]?: FieldPath };
}

/** Where a provider puts the parts of an error body. Each list is tried in order. */
export interface ErrorShape {
  /** Fields holding an RFC 6749 code (`error`). */
  code: FieldPath[];
  /** Fields holding the provider's own code (SynapseFI `error_code`, finAPI `errors.0.code`). */
  providerCode: FieldPath[];
  /** Fields holding a human description. */
  description: FieldPath[];
}

/** The RFC 6749 §5.2 error layout, which most providers follow. */
export const RFC6749_ERRORS: ErrorShape = { code: ["error"], providerCode: [], description: ["error_description"] };

/** Reads a dotted path from a JSON value. */
export function pick(body: unknown, path: FieldPath): unknown {
  let current = body;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Json)[key];
  }
  return current;
}

const firstString = (body: unknown, paths: FieldPath[]): string | undefined => {
  for (const path of paths) {
    const value = pick(body, path);
    if (typeof value === "string" && value !== "") return value;
    if (typeof value === "number") return String(value);
  }
  return undefined;
};

const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);

/** What every normaliser needs besides the response: who, when, and which values are secret. */
export interface NormalizeContext {
  provider: ProviderId;
  errors: ErrorShape;
  /** Credentials sent with the request: scrubbed from anything we put in an error. */
  secrets: readonly (string | undefined)[];
  now: number;
}

/** A {@link FinoauthError} from a provider's error answer (any status), read through its {@link ErrorShape}. */
export function providerError(response: ProviderResponse, context: NormalizeContext): FinoauthError {
  const body = response.json;
  const code = firstString(body, context.errors.code);
  const looksHtml = /^\s*</.test(response.text);
  const description =
    firstString(body, context.errors.description) ??
    (looksHtml ? "the provider answered with an HTML page" : body === undefined && response.text ? "the provider answered with a body that is not JSON" : undefined);
  return new FinoauthError({
    kind: "provider",
    provider: context.provider,
    status: response.status,
    code: asOAuthCode(code),
    providerCode: firstString(body, context.errors.providerCode) ?? (asOAuthCode(code) ? undefined : code),
    description,
    retryable: isRetryableStatus(response.status),
    retryAfterMs: retryAfterOf(response),
    requestId: response.headers.get("x-request-id") ?? undefined,
    secrets: context.secrets,
  });
}

function malformed(context: NormalizeContext, response: ProviderResponse, why: string): FinoauthError {
  return new FinoauthError({ kind: "malformed_response", provider: context.provider, status: response.status, description: why, secrets: context.secrets });
}

function readScopes(value: unknown, format: TokenResponseShape["scopes"]): string[] | undefined {
  if (value === undefined || value === null) return [];
  if (format === "array") return Array.isArray(value) && value.every((s) => typeof s === "string") ? value.filter((s) => s !== "") : undefined;
  if (typeof value !== "string") return undefined;
  const separator = { space: / +/, comma: / *, */, "space-or-comma": /[ ,]+/ }[format];
  return value.split(separator).filter((scope) => scope !== "");
}

function readSeconds(value: unknown, format: TokenResponseShape["expiresIn"]): number | undefined | null {
  if (value === undefined || value === null) return undefined;
  const seconds = typeof value === "number" ? value : format === "number-or-string" && typeof value === "string" && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : Number.NaN;
  // Finite after scaling to milliseconds too: "9" × 400 parses, but is no expiry.
  return Number.isFinite(seconds) && seconds >= 0 && Number.isFinite(seconds * 1000) ? seconds : null;
}

/**
 * Reads a token response strictly: an error status, an error body under 200, a body that is not a JSON
 * object, a missing access token, a non-numeric expiry or mistyped fields each become a typed
 * {@link FinoauthError}; only a complete token becomes a {@link TokenSet}.
 */
export function normalizeToken(response: ProviderResponse, shape: TokenResponseShape, context: NormalizeContext): TokenSet {
  if (response.status < 200 || response.status >= 300) throw providerError(response, context);
  const body = response.json;
  if (!isObject(body)) {
    throw malformed(context, response, response.text.trim() === "" ? "empty response body" : /^\s*</.test(response.text) ? "HTML instead of JSON" : "the body is not a JSON object");
  }
  if (shape.envelope && pick(body, shape.envelope.success) === false) throw providerError(response, context);
  const errorCode = firstString(body, [...context.errors.code, ...context.errors.providerCode]);
  if (errorCode !== undefined && pick(body, shape.envelope ? `${shape.envelope.data}.${shape.accessToken}` : shape.accessToken) === undefined) {
    throw providerError(response, context);
  }
  const token = shape.envelope ? pick(body, shape.envelope.data) : body;
  if (!isObject(token)) throw malformed(context, response, `no token object at "${shape.envelope?.data}"`);

  const accessToken = pick(token, shape.accessToken);
  if (typeof accessToken !== "string" || accessToken === "") throw malformed(context, response, `no access token ("${shape.accessToken}")`);
  const tokenType = token.token_type ?? "Bearer";
  if (typeof tokenType !== "string") throw malformed(context, response, "token_type is not a string");
  const refreshToken = token.refresh_token;
  if (refreshToken !== undefined && refreshToken !== null && typeof refreshToken !== "string") throw malformed(context, response, "refresh_token is not a string");
  const scopes = readScopes(token.scope, shape.scopes);
  if (scopes === undefined) throw malformed(context, response, `scope is not a ${shape.scopes === "array" ? "list of strings" : "string"}`);

  const expiresIn = readSeconds(token.expires_in, shape.expiresIn);
  if (expiresIn === null) throw malformed(context, response, "expires_in is not a number of seconds");
  const expiresAtSeconds = shape.expiresAt ? readSeconds(pick(token, shape.expiresAt), "number-or-string") : undefined;
  if (expiresAtSeconds === null) throw malformed(context, response, `${shape.expiresAt} is not a Unix time`);
  const expiresAt = expiresIn !== undefined ? context.now + expiresIn * 1000 : expiresAtSeconds !== undefined ? expiresAtSeconds * 1000 : undefined;
  if (expiresAt === undefined && shape.expiryRequired) throw malformed(context, response, "no expiry (expires_in)");
  if (expiresAt !== undefined && !Number.isFinite(expiresAt)) throw malformed(context, response, "the expiry is out of range");

  const extras: TokenExtras = {};
  for (const [name, path] of Object.entries(shape.extras ?? {}) as [keyof TokenExtras, FieldPath][]) {
    const value = pick(token, path);
    if (value === undefined || value === null) continue;
    if (name === "refreshUsesLeft") {
      const uses = readSeconds(value, "number-or-string");
      if (uses === null || uses === undefined) throw malformed(context, response, `${path} is not a number`);
      extras.refreshUsesLeft = uses;
    } else if (typeof value === "string" || typeof value === "number") extras[name] = String(value);
    else throw malformed(context, response, `${path} is not a string`);
  }
  const requestId = response.headers.get("x-request-id");
  if (requestId) extras.requestId = requestId;

  return new TokenSet({
    provider: context.provider,
    accessToken,
    tokenType: tokenType.toLowerCase() === "bearer" ? "Bearer" : tokenType,
    expiresAt,
    refreshToken: typeof refreshToken === "string" && refreshToken !== "" ? refreshToken : undefined,
    scopes,
    extras,
    obtainedAt: context.now,
    raw: body,
  });
}
