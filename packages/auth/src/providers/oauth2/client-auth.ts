// How the generic RFC 6749 provider authenticates its client at the token, PAR, revocation and
// introspection endpoints: the seven methods of RFC 8414 / OpenID Connect's registry.
import type { BaseOptions, ProviderRequest } from "../../definition.js";
import { invalidOptions } from "../../errors.js";
import {
  type AssertionSigner,
  type ClientKey,
  checkClientKey,
  clientSecretSigner,
  JWT_BEARER,
  privateKeySigner,
  privateMembersOf,
} from "../../fapi/client-assertion.js";
import { basicAuthorization } from "../../request-parts.js";
import type { ClientResult, SendInit } from "../../transport.js";

/** The client authentication methods the generic provider speaks (RFC 6749 §2.3.1, RFC 7523, RFC 8705; RFC 8414 names). */
export const CLIENT_AUTH_METHODS = [
  "client_secret_basic",
  "client_secret_post",
  "client_secret_jwt",
  "private_key_jwt",
  "tls_client_auth",
  "self_signed_tls_client_auth",
  "none",
] as const;

/** A client authentication method the generic provider speaks. */
export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number];

/** The options client authentication reads. */
export type ClientAuthOptions = BaseOptions & {
  clientAuth?: ClientAuthMethod | undefined;
  clientKey?: ClientKey | undefined;
  clientKeyId?: string | undefined;
  issuer?: string | undefined;
};

/** The headers and body fields that authenticate the client on one request. */
export interface ClientAuth {
  headers: Record<string, string>;
  body: Record<string, string | undefined>;
}

/** The method these options use: `clientAuth`, else `private_key_jwt` when a `clientKey` is given, else Basic. */
export const methodOf = (options: ClientAuthOptions): ClientAuthMethod =>
  options.clientAuth ?? (options.clientKey !== undefined ? "private_key_jwt" : "client_secret_basic");

/**
 * Checks the client authentication options together, at creation: a known method, and each method with
 * exactly what it needs (a key for `private_key_jwt`, a secret for `client_secret_jwt`, no key where
 * none is used, no secret where none is sent).
 */
export function checkClientAuth(options: ClientAuthOptions, provider: string): void {
  const method = options.clientAuth;
  if (method !== undefined && !CLIENT_AUTH_METHODS.includes(method))
    throw invalidOptions(
      `clientAuth must be one of ${CLIENT_AUTH_METHODS.join(", ")}, got "${String(method)}"`,
      provider,
    );
  const effective = methodOf(options);
  if (effective === "private_key_jwt") {
    if (options.clientKey === undefined)
      throw invalidOptions('clientAuth "private_key_jwt" needs clientKey (a private JWK or CryptoKey)', provider);
    checkClientKey(options.clientKey, options.clientKeyId, provider);
    return;
  }
  if (options.clientKey !== undefined)
    throw invalidOptions(`clientKey is used only by clientAuth "private_key_jwt", not "${effective}"`, provider);
  if (options.clientKeyId !== undefined)
    throw invalidOptions('clientKeyId is used only with clientKey (clientAuth "private_key_jwt")', provider);
  if (effective === "client_secret_jwt" && options.clientSecret === undefined)
    throw invalidOptions('clientAuth "client_secret_jwt" needs clientSecret (the HS256 key)', provider);
  if (effective === "none" && options.clientSecret !== undefined)
    throw invalidOptions(
      'clientAuth "none" sends no secret: remove clientSecret, or choose a client_secret_* method',
      provider,
    );
}

/** What authenticates one options object, worked out once: fixed parts, or a signer for a fresh assertion per request. */
type Authenticator = { fixed: ClientAuth; sign?: undefined } | { fixed?: undefined; sign: AssertionSigner };

const authenticators = new WeakMap<object, Authenticator>();

function authenticatorOf(options: ClientAuthOptions): Authenticator {
  let found = authenticators.get(options);
  if (found) return found;
  const method = methodOf(options);
  const now = options.now ?? Date.now;
  const { clientId, clientSecret } = options;
  if (method === "private_key_jwt") {
    const info = checkClientKey(options.clientKey, options.clientKeyId, "oauth2");
    found = { sign: privateKeySigner(clientId, options.clientKey!, info, now, "oauth2") };
  } else if (method === "client_secret_jwt") {
    found = { sign: clientSecretSigner(clientId, clientSecret!, now) };
  } else if (method === "client_secret_basic" && clientSecret !== undefined) {
    found = { fixed: { headers: { Authorization: basicAuthorization(clientId, clientSecret) }, body: {} } };
  } else if (method === "client_secret_basic" || method === "client_secret_post") {
    // A public client (no secret) sends its id in the body.
    found = { fixed: { headers: {}, body: { client_id: clientId, client_secret: clientSecret } } };
  } else {
    // tls_client_auth, self_signed_tls_client_auth (RFC 8705 §2: the certificate is on the connection) and none.
    found = { fixed: { headers: {}, body: { client_id: clientId } } };
  }
  authenticators.set(options, found);
  return found;
}

/**
 * Client authentication for one request to `endpoint` (its URL): the fixed header or body fields, or a
 * fresh RFC 7523 assertion, `aud` = the issuer when the options name one (FAPI 2.0 §5.3.2.1; oidc-provider
 * 8 takes the issuer, the token endpoint or the endpoint itself), else the endpoint. An assertion is added
 * to `secrets`, the request's list, so that it is scrubbed from any error about it.
 */
export async function clientAuth(
  options: ClientAuthOptions,
  endpoint: string,
  secrets?: (string | undefined)[],
): Promise<ClientAuth> {
  const auth = authenticatorOf(options);
  if (auth.fixed) return auth.fixed;
  const assertion = await auth.sign(options.issuer ?? endpoint);
  secrets?.push(assertion);
  return {
    headers: {},
    body: { client_id: options.clientId, client_assertion_type: JWT_BEARER, client_assertion: assertion },
  };
}

/**
 * A request that authenticates the client afresh on every send (every attempt: a retry never reuses an
 * assertion's `jti`). `send` gets the client authentication; the request's secrets carry the per-call
 * ones, the assertions made, and a JWK key's private members.
 */
export function authenticatedRequest(
  options: ClientAuthOptions,
  endpoint: string,
  callSecrets: readonly (string | undefined)[],
  send: (auth: ClientAuth, init: SendInit) => Promise<ClientResult>,
): ProviderRequest {
  const secrets = [...callSecrets, ...privateMembersOf(options.clientKey)];
  return {
    // Fixed client authentication (a secret, or none) is at hand: no turn of the event loop for it.
    send: (init) => {
      const fixed = authenticatorOf(options).fixed;
      return fixed ? send(fixed, init) : clientAuth(options, endpoint, secrets).then((auth) => send(auth, init));
    },
    secrets,
  };
}
