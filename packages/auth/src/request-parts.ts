// Small pieces request builders share: body fields, scopes, HTTP Basic client authentication.
import { invalidOptions } from "./errors.js";

/**
 * Drops `undefined` fields. openapi-fetch form-encodes a body with `new URLSearchParams(body)`, which
 * would send an absent optional field as the string "undefined".
 */
export function compact<T extends object>(body: T): Compact<T> {
  const out: Record<string, unknown> = {};
  for (const key in body) if (Object.hasOwn(body, key) && body[key] !== undefined) out[key] = body[key];
  return out as Compact<T>;
}

/** The keys of `T` whose values may be `undefined`. */
type UndefinedKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? K : never }[keyof T];

/** What {@link compact} returns: the fields that may be `undefined` become optional, without `undefined` (each member of a union alike). */
export type Compact<T> = T extends unknown
  ? { [K in Exclude<keyof T, UndefinedKeys<T>>]: T[K] } & { [K in UndefinedKeys<T>]?: Exclude<T[K], undefined> }
  : never;

/** The keys of `T` that are optional. */
type OptionalKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? K : never }[keyof T];

/**
 * `T` whose optional fields also take `undefined`: a body or query built from optional inputs, before
 * {@link compact} drops them (the generated types, under `exactOptionalPropertyTypes`, rightly refuse `undefined`).
 */
export type Loose<T> = { [K in keyof T]: K extends OptionalKeys<T> ? T[K] | undefined : T[K] };

/** Joins scopes with a provider's separator; `undefined` when there are none. */
export function joinScopes(scopes: readonly string[] | undefined, separator: string): string | undefined {
  return scopes && scopes.length > 0 ? scopes.join(separator) : undefined;
}

/**
 * The `Authorization: Basic` value of RFC 6749 §2.3.1: id and secret are form-encoded (Appendix B)
 * before base64, so that `:` and non-ASCII characters survive.
 */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  const formEncode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  return `Basic ${btoa(`${formEncode(clientId)}:${formEncode(clientSecret)}`)}`;
}

/** What an HTTP header value sent from an option or parameter may hold: visible ASCII and inner spaces. */
const HEADER_VALUE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/**
 * Throws `invalid_options` unless `value` is a non-empty header value of visible ASCII (spaces inside
 * only) of at most `maxLength` characters. A CR or LF would split the header (request smuggling,
 * RFC 9110 §5.5); other control characters and non-ASCII are refused by one HTTP client and sent by
 * another, so every adapter checks the header values it takes from options and parameters while it builds
 * the request: nothing is sent, and nothing is retried.
 */
export function checkHeaderValue(header: string, value: unknown, provider: string, maxLength = 8192): string {
  if (typeof value !== "string" || value === "") throw invalidOptions(`${header} must be a non-empty string`, provider);
  if (value.length > maxLength) throw invalidOptions(`${header} must be at most ${maxLength} characters`, provider);
  if (!HEADER_VALUE.test(value)) {
    throw invalidOptions(
      `${header} must be visible ASCII (no CR, LF or other control characters, no leading or trailing space): it is sent as an HTTP header`,
      provider,
    );
  }
  return value;
}
