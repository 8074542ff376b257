import type { ClientAuthMethod } from "@finoauth/auth/oauth2";
import { readClientKey } from "../client-key.js";
import type { ProviderHints } from "./types.js";

const CLIENT_AUTH_METHODS = [
  "client_secret_basic",
  "client_secret_post",
  "client_secret_jwt",
  "private_key_jwt",
  "tls_client_auth",
  "self_signed_tls_client_auth",
  "none",
] as const satisfies readonly ClientAuthMethod[];

/** The DPoP key of this run (`--dpop true`), made before the provider is built (WebCrypto makes keys asynchronously). */
let runKey: CryptoKeyPair | undefined;

/**
 * Makes this run's DPoP key pair: ES256, its private key not extractable, held in memory for this run only
 * (never printed, logged or stored). `main` calls it when the arguments ask for `--dpop`.
 */
export async function prepareDpopKey(): Promise<void> {
  runKey ??= (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
}

/** The generic RFC 6749 provider: endpoints, client authentication, PKCE and RFC 9207 issuer checks; the demo's values are RFC 6749's own examples. */
export const oauth2Hints: ProviderHints<
  | "endpoints"
  | "mtlsEndpoints"
  | "clientAuth"
  | "clientKey"
  | "clientKeyId"
  | "par"
  | "profile"
  | "pkce"
  | "issuer"
  | "requireIssuerParameter"
  | "dpop"
> = {
  options: {
    endpoints: {
      flag: "endpoint",
      value: "<name=url>",
      help: "an endpoint at another URL than base-url + /authorize, /token, /revoke, /introspect or /par, e.g. token=https://id.example.com/oauth2/token",
      parse: (text) => {
        const at = text.indexOf("=");
        return at < 0 ? undefined : { [text.slice(0, at)]: text.slice(at + 1) };
      },
    },
    mtlsEndpoints: {
      flag: "mtls-endpoint",
      value: "<name=url>",
      help: "the server's mutual-TLS alias of an endpoint (RFC 8705 §5), used with --tls-cert, e.g. token=https://mtls.example.com/token",
      parse: (text) => {
        const at = text.indexOf("=");
        return at < 0 ? undefined : { [text.slice(0, at)]: text.slice(at + 1) };
      },
    },
    clientAuth: {
      flag: "client-auth",
      value: "<method>",
      help: "client_secret_basic (default; private_key_jwt with --client-key), client_secret_post, client_secret_jwt, private_key_jwt, tls_client_auth, self_signed_tls_client_auth or none",
      choices: CLIENT_AUTH_METHODS,
    },
    clientKey: {
      flag: "client-key",
      value: "<jwk-or-pem-file>",
      help: "the private key of private_key_jwt: a file holding a private JWK (with alg, kid) or a PKCS#8 PEM key (alg from the key type: ES256 for P-256, EdDSA, PS256 for RSA); never printed",
      parse: readClientKey,
    },
    clientKeyId: {
      flag: "client-key-id",
      value: "<kid>",
      help: "the key id (kid) the server knows --client-key by (default: the JWK's kid)",
    },
    par: {
      flag: "par",
      value: "",
      boolean: true,
      help: "push the authorization request first (RFC 9126); the URL then carries only client_id and request_uri",
      parse: (text) => text === "true",
    },
    profile: {
      flag: "profile",
      value: "<fapi2>",
      help: "hold the client to the FAPI 2.0 Security Profile: weaker options are refused (PAR, PKCE, iss, private_key_jwt or mTLS, DPoP or mTLS)",
      choices: ["fapi2"],
    },
    pkce: {
      flag: "pkce",
      value: "<true|false>",
      help: "send PKCE (S256) with the authorization request (default true)",
      choices: ["true", "false"],
      parse: (text) => text === "true",
    },
    issuer: {
      flag: "issuer",
      value: "<url>",
      help: "the server's issuer identifier: a callback whose iss differs is refused (RFC 9207)",
    },
    requireIssuerParameter: {
      flag: "require-iss",
      value: "<true|false>",
      help: "the server always sends iss in authorization responses: refuse a callback without it (RFC 9207)",
      choices: ["true", "false"],
      parse: (text) => text === "true",
    },
    dpop: {
      flag: "dpop",
      value: "<true|false>",
      help: "DPoP (RFC 9449): a proof with every request, signed by an ES256 key pair generated for this run (never printed or stored); the tokens are bound to it, so a later run cannot use or refresh them",
      choices: ["true", "false"],
      parse: (text) => {
        if (text !== "true") return undefined;
        if (runKey === undefined)
          throw new Error("the run's DPoP key was not made before the provider (prepareDpopKey)");
        return runKey;
      },
    },
  },
  demo: {
    values: {
      clientId: "s6BhdRkqt3",
      clientSecret: "7Fjfp0ZBr1KtDRbnfVdmIw",
      redirectUri: "https://client.example.com/cb",
      scopes: ["read", "write"],
      username: "johndoe",
      password: "A3ddj3w",
    },
    prefer: {
      authorizationUrl: "code=302",
      exchangeCode: "code=200, example=withRefreshToken",
      clientCredentials: "code=200, example=clientCredentials",
      password: "code=200, example=withRefreshToken",
      refresh: "code=200, example=withRefreshToken",
      revoke: "code=200",
    },
  },
};
