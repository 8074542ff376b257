// How a provider lays out its token and error answers: data, checked by the compiler, read by one reader.
import type { OAuthErrorCode } from "./errors.js";

/** A dotted path into a JSON body: `error_description`, `message.description`, `errors.0.message`. */
export type FieldPath = string;

/** How a scope list is written: a space- or comma-separated string, either, or a JSON array. */
export type ScopeFormat = "space" | "comma" | "space-or-comma" | "array";

/** One provider field kept on the token: a string, or a count (a whole number ≥ 0, also as a numeric string). */
export interface ExtraField {
  path: FieldPath;
  type: "string" | "count";
}

/** Where each field of a provider's token answer lives. Defaults are RFC 6749 §5.1's names. */
export interface TokenShape {
  /** Where the token object sits: the body itself, or a wrapper field, with a success flag beside it. */
  envelope?: { data: FieldPath; success?: FieldPath };
  /** The access token's field (RFC 6749: `access_token`). */
  accessToken: FieldPath;
  /** The refresh token's field. Default `refresh_token`. */
  refreshToken?: FieldPath;
  /** The token type's field. Default `token_type`; an answer without it is a Bearer token. */
  tokenType?: FieldPath;
  /** The token types accepted (compared without case). Default `["Bearer"]`: a `mac` or `DPoP` token is refused. */
  tokenTypes?: readonly string[];
  /** Where the scopes are and how they are written. Default `{ path: "scope", format: "space" }`. */
  scope?: { path?: FieldPath; format: ScopeFormat };
  /** The lifetime in seconds from now. Default `{ path: "expires_in" }`; `numericStrings`: also as a string such as "3600". */
  expiresIn?: { path?: FieldPath; numericStrings?: boolean };
  /** A field with the absolute expiry in Unix seconds, used when the lifetime is absent. */
  expiresAt?: FieldPath;
  /** The provider always sends an expiry: a token without one is malformed. */
  expiryRequired?: boolean;
  /** Provider fields that become the token's `extras`, by the name they get there. */
  extras?: Readonly<Record<string, ExtraField>>;
}

/** The type of the `extras` a token shape declares. */
export type ExtrasOf<E> = { readonly [K in keyof E]?: E[K] extends { type: "count" } ? number : string };

/** The calls an error answer can come from, for {@link ErrorShape.byStatus}: each token grant, and revocation. */
export type ErrorFlow = "authorization_code" | "client_credentials" | "password" | "refresh_token" | "revoke";

/** Where a provider puts the parts of an error body. Each list is tried in order. */
export interface ErrorShape {
  /** Fields holding an RFC 6749 code (`error`). Present in a 2xx answer, they make it an error. */
  code: readonly FieldPath[];
  /** Fields holding the provider's own code. Present in a 2xx answer without an access token, they make it an error. */
  providerCode: readonly FieldPath[];
  /** Fields holding a human description. */
  description: readonly FieldPath[];
  /** The provider's own codes that mean an RFC 6749 code (its code for a spent refresh token → `invalid_grant`). */
  codes?: Readonly<Record<string, OAuthErrorCode>>;
  /**
   * RFC 6749 codes by call and HTTP status, for a provider whose error body carries no code to map (only a
   * title or a message): `{ refresh_token: { 401: "invalid_grant" }, client_credentials: { 401: "invalid_client" } }`.
   * Used only when the body holds neither an RFC 6749 code nor one of {@link ErrorShape.codes}.
   */
  byStatus?: Readonly<Partial<Record<ErrorFlow, Readonly<Record<number, OAuthErrorCode>>>>> | undefined;
  /** Statuses that announce the next step of a multi-step flow (HTTP 202): neither a token nor an error. */
  pendingStatuses?: readonly number[];
}

/** The RFC 6749 §5.2 error layout, which most providers follow. */
export const RFC6749_ERRORS: ErrorShape = { code: ["error"], providerCode: [], description: ["error_description"] };

/** Reads a dotted path from a JSON value. */
export function pick(body: unknown, path: FieldPath): unknown {
  // Most paths are one field: read it without splitting (this runs several times per token answer).
  if (!path.includes("."))
    return body !== null && typeof body === "object" ? (body as Record<string, unknown>)[path] : undefined;
  let current = body;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
