// How the generic RFC 6749 provider authenticates its client at the token, revocation and introspection endpoints.
import type { BaseOptions } from "../../definition.js";
import { basicAuthorization } from "../../request-parts.js";

/** The client authentication methods the generic provider speaks (RFC 6749 §2.3.1, RFC 8414 §2 names). */
export const CLIENT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"] as const;

/** A client authentication method the generic provider speaks. */
export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number];

/** The headers and body fields that authenticate the client. */
interface ClientAuth {
  headers: Record<string, string>;
  body: Record<string, string | undefined>;
}

/** Client authentication, worked out once per options object (the Basic credential is not rebuilt per call). */
const authOf = new WeakMap<object, ClientAuth>();

/**
 * Client authentication as the options ask: an HTTP Basic header (`client_secret_basic`, the default), or
 * id and secret as body fields (`client_secret_post`); a public client (no secret) sends its id in the body.
 */
export function clientAuth(options: BaseOptions & { clientAuth?: ClientAuthMethod | undefined }): ClientAuth {
  let auth = authOf.get(options);
  if (auth) return auth;
  const basic =
    (options.clientAuth ?? "client_secret_basic") === "client_secret_basic" && options.clientSecret !== undefined;
  auth = basic
    ? { headers: { Authorization: basicAuthorization(options.clientId, options.clientSecret!) }, body: {} }
    : { headers: {}, body: { client_id: options.clientId, client_secret: options.clientSecret } };
  authOf.set(options, auth);
  return auth;
}
