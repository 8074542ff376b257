// Small pieces request builders share: body fields, scopes, HTTP Basic client authentication.

/**
 * Drops `undefined` fields. openapi-fetch form-encodes a body with `new URLSearchParams(body)`, which
 * would send an absent optional field as the string "undefined".
 */
export function compact<T extends object>(body: T): T {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as T;
}

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
