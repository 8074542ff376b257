import { type components, createOAuth2Client, type OAuth2Client, type operations } from "@finoauth/oauth2";
import { type BaseOptions, defineProvider, type ProviderRequest } from "../definition.js";
import { invalidOptions } from "../errors.js";
import { endpointsFor, type MtlsEndpoints } from "../fapi/mtls-endpoints.js";
import { checkUrl } from "../option-checks.js";
import { nameProvider, type ProviderFlows } from "../provider-flows.js";
import { compact, joinScopes, type Loose } from "../request-parts.js";
import { RFC6749_ERRORS } from "../token-shape.js";
import type { CallOptions } from "../transport.js";
import { CLIENT_AUTH_METHODS, type ClientAuthMethod, clientAuth } from "./oauth2/client-auth.js";
import { type IntrospectionResult, type IntrospectParams, introspect } from "./oauth2/introspection.js";

export {
  type DiscoveredOptions,
  type DiscoveryOptions,
  discover,
  discoverMetadata,
  optionsFromMetadata,
  type ServerMetadata,
} from "./oauth2/discovery.js";
export type { ClientAuthMethod, IntrospectionResult, IntrospectParams };

/** Options of the generic RFC 6749 provider. */
export interface OAuth2Options extends BaseOptions {
  /** The server's base URL; `/authorize`, `/token`, `/revoke` and `/introspect` are below it unless `endpoints` says otherwise. */
  baseUrl: string;
  /** Endpoints at other URLs than `baseUrl` + `/authorize`, `/token`, `/revoke`, `/introspect` (what {@link discover} finds). */
  endpoints?:
    | {
        authorize?: string | undefined;
        token?: string | undefined;
        revoke?: string | undefined;
        introspect?: string | undefined;
      }
    | undefined;
  /**
   * The server's mutual-TLS endpoint aliases (RFC 8705 §5, its `mtls_endpoint_aliases`; {@link discover}
   * gives them): used instead of `endpoints` when the client authenticates with its certificate
   * (`tls_client_auth`, `self_signed_tls_client_auth`) or presents one with `tls` (certificate-bound tokens).
   */
  mtlsEndpoints?: MtlsEndpoints | undefined;
  /** How the client authenticates (RFC 6749 §2.3.1): HTTP Basic (default) or id and secret in the body. */
  clientAuth?: ClientAuthMethod | undefined;
  /** Send PKCE (S256) with the authorization request. Default true. */
  pkce?: boolean | undefined;
  /**
   * The server's issuer identifier (RFC 8414 §2): an authorization records it, and a callback whose `iss`
   * differs is refused (RFC 9207, mix-up defence). {@link discover} gives it.
   */
  issuer?: string | undefined;
  /**
   * The server always sends `iss` in its authorization responses (RFC 9207
   * `authorization_response_iss_parameter_supported`): a callback without it is refused. Needs `issuer`.
   */
  requireIssuerParameter?: boolean | undefined;
  /**
   * DPoP (RFC 9449): a key pair (ES256, PS256, RS256 or EdDSA) whose proof goes with every request to the
   * server; its tokens come back bound to the key (`token_type: "DPoP"`, `cnf.jkt`). Use the same key in
   * every process that shares a grant (load it from a secret store; never put it in the token store).
   */
  dpop?: CryptoKeyPair | undefined;
}

const PATHS = { authorize: "/authorize", token: "/token", revoke: "/revoke", introspect: "/introspect" } as const;

type Schemas = components["schemas"];
type AuthorizeQuery = operations["authorize"]["parameters"]["query"];

const token = (
  client: OAuth2Client,
  options: OAuth2Options,
  body: Loose<Schemas["TokenRequest"]>,
  secrets: (string | undefined)[],
): ProviderRequest => {
  const auth = clientAuth(options);
  const form = compact({ ...body, ...auth.body });
  return { send: (init) => client.POST("/token", { ...init, body: form, headers: auth.headers }), secrets };
};

const definition = defineProvider<OAuth2Client, OAuth2Options>()({
  id: "oauth2",
  displayName: "OAuth 2.0 server",
  defaultBaseUrl: "",
  requiresClientSecret: false,
  options: {
    endpoints: {},
    mtlsEndpoints: {},
    clientAuth: {},
    pkce: {},
    issuer: {},
    requireIssuerParameter: {},
    dpop: {},
  },
  boundTokens: true,
  createClient(clientOptions, options) {
    const client = createOAuth2Client(clientOptions);
    // The mutual-TLS aliases when a certificate is presented (RFC 8705 §5), else `endpoints`.
    const endpoints = endpointsFor(options);
    if (Object.values(endpoints).every((url) => url === undefined)) return client;
    // A server whose endpoints are not at baseUrl + /token etc.: send the client's request there instead
    // (a middleware only then: it costs every call).
    client.use({
      onRequest({ request, schemaPath }) {
        const name = (Object.keys(PATHS) as (keyof typeof PATHS)[]).find((key) => PATHS[key] === schemaPath);
        const target = name && endpoints[name];
        return target ? new clientOptions.Request(target + new URL(request.url).search, request) : undefined;
      },
    });
    return client;
  },
  validate(options) {
    if (typeof options.baseUrl !== "string")
      throw invalidOptions("baseUrl is required: the authorization server's URL", "oauth2");
    for (const [name, url] of Object.entries(options.endpoints ?? {}))
      if (url !== undefined) checkUrl(`endpoints.${name}`, url, "oauth2");
    for (const [name, url] of Object.entries(options.mtlsEndpoints ?? {}))
      if (url !== undefined) checkUrl(`mtlsEndpoints.${name}`, url, "oauth2");
    if (options.clientAuth !== undefined && !CLIENT_AUTH_METHODS.includes(options.clientAuth)) {
      throw invalidOptions(
        `clientAuth must be "client_secret_basic" or "client_secret_post", got "${options.clientAuth}"`,
        "oauth2",
      );
    }
    if (options.issuer !== undefined) checkUrl("issuer", options.issuer, "oauth2");
    if (options.requireIssuerParameter && options.issuer === undefined)
      throw invalidOptions("requireIssuerParameter needs the issuer to compare iss with", "oauth2");
  },
  issuer: (options) =>
    options.issuer === undefined
      ? undefined
      : { issuer: options.issuer, required: options.requireIssuerParameter ?? false },
  token: { accessToken: "access_token" },
  errors: RFC6749_ERRORS,
  authorize: {
    path: PATHS.authorize,
    endpoint: (options) => (options as OAuth2Options).endpoints?.authorize,
    tokenEndpoint: (options) => endpointsFor(options as OAuth2Options).token,
    pkce: true,
    skipPkce: (options) => (options as OAuth2Options).pkce === false,
    scopeSeparator: " ",
    requiresRedirectUri: false,
    // OpenID Connect Core 1.0 §3.1.2.1, and `create` (Initiating User Registration via OpenID Connect 1.0).
    prompts: ["none", "login", "consent", "select_account", "create"],
    // nonce, login_hint, audience, resource, … (the server decides what it understands).
    extraParameters: true,
    query: (v) =>
      ({
        response_type: "code",
        client_id: v.clientId,
        redirect_uri: v.redirectUri,
        scope: v.scope,
        state: v.state,
        prompt: v.prompt as AuthorizeQuery["prompt"],
        code_challenge: v.codeChallenge,
        code_challenge_method: v.codeChallenge ? "S256" : undefined,
      }) satisfies Loose<Omit<AuthorizeQuery, "resource">>,
  },
  grants: {
    authorization_code: (client, options, p) =>
      token(
        client,
        options,
        { grant_type: "authorization_code", code: p.code, redirect_uri: p.redirectUri, code_verifier: p.codeVerifier },
        [p.code, p.codeVerifier],
      ),
    client_credentials: (client, options, p) =>
      token(client, options, { grant_type: "client_credentials", scope: joinScopes(p.scopes, " ") }, []),
    password: (client, options, p) =>
      token(
        client,
        options,
        { grant_type: "password", username: p.username, password: p.password, scope: joinScopes(p.scopes, " ") },
        [p.password],
      ),
    refresh_token: (client, options, p) =>
      token(
        client,
        options,
        { grant_type: "refresh_token", refresh_token: p.refreshToken, scope: joinScopes(p.scopes, " ") },
        [p.refreshToken],
      ),
  },
  revoke: (client, options, p) => {
    const auth = clientAuth(options);
    const body: Schemas["RevokeRequest"] = compact({ token: p.token, token_type_hint: p.tokenTypeHint, ...auth.body });
    return { send: (init) => client.POST("/revoke", { ...init, body, headers: auth.headers }), secrets: [p.token] };
  },
  extend: (engine) => ({
    /**
     * Asks the server whether a token is active, and what it grants (RFC 7662), at `/introspect` or
     * `endpoints.introspect`. Retried like any call that only reads; the token is scrubbed from every error.
     */
    introspect: (params: IntrospectParams, call?: CallOptions): Promise<IntrospectionResult> =>
      introspect(engine, params, call),
  }),
});

/** A RFC 6749 provider, as `createProvider(oauth2, …)` returns it: the name compiler messages show. */
export interface OAuth2Provider extends ProviderFlows<typeof definition> {}

/**
 * Any standards-compliant authorization server: RFC 6749, RFC 7009 revocation, RFC 7636 PKCE, RFC 7662
 * introspection (`introspect`), RFC 9207 `iss` checks (`issuer`); its options from RFC 8414 metadata with {@link discover}.
 */
export const oauth2 = nameProvider<OAuth2Provider>()(definition);
