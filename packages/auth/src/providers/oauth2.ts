import { type components, createOAuth2Client, type OAuth2Client, type operations } from "@finoauth/oauth2";
import { type BaseOptions, defineProvider, type ProviderRequest } from "../definition.js";
import { invalidOptions } from "../errors.js";
import type { ClientKey } from "../fapi/client-assertion.js";
import { endpointsFor, type MtlsEndpoints } from "../fapi/mtls-endpoints.js";
import type { PushParams } from "../fapi/par.js";
import { checkProfile, type Profile } from "../fapi/profile.js";
import { checkUrl } from "../option-checks.js";
import { nameProvider, type ProviderFlows } from "../provider-flows.js";
import { compact, joinScopes, type Loose } from "../request-parts.js";
import { RFC6749_ERRORS } from "../token-shape.js";
import type { CallOptions } from "../transport.js";
import { authenticatedRequest, type ClientAuthMethod, checkClientAuth } from "./oauth2/client-auth.js";
import { endpointOf, PATHS } from "./oauth2/endpoints.js";
import { type IntrospectionResult, type IntrospectParams, introspect } from "./oauth2/introspection.js";

export {
  type DiscoveredOptions,
  type DiscoveryOptions,
  discover,
  discoverMetadata,
  optionsFromMetadata,
  type ServerMetadata,
} from "./oauth2/discovery.js";
export type { ClientAuthMethod, ClientKey, IntrospectionResult, IntrospectParams, Profile };

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
        par?: string | undefined;
      }
    | undefined;
  /**
   * The server's mutual-TLS endpoint aliases (RFC 8705 §5, its `mtls_endpoint_aliases`; {@link discover}
   * gives them): used instead of `endpoints` when the client authenticates with its certificate
   * (`tls_client_auth`, `self_signed_tls_client_auth`) or presents one with `tls` (certificate-bound tokens).
   */
  mtlsEndpoints?: MtlsEndpoints | undefined;
  /**
   * How the client authenticates at the token, PAR, revocation and introspection endpoints: HTTP Basic
   * (`client_secret_basic`, the default; `private_key_jwt` when `clientKey` is given), id and secret in the
   * body (`client_secret_post`), an RFC 7523 assertion signed with `clientKey` (`private_key_jwt`) or with
   * the secret (`client_secret_jwt`, HS256), the TLS client certificate (`tls_client_auth`,
   * `self_signed_tls_client_auth`, RFC 8705: `client_id` in the body), or `none` (a public client).
   */
  clientAuth?: ClientAuthMethod | undefined;
  /**
   * The private key of `private_key_jwt`: a private JWK (with `kid`; `alg`, or an EC/Ed25519 curve that
   * implies it) or a private `CryptoKey` with `clientKeyId`. ES256, PS256, EdDSA (and RS256…). Each
   * request gets a fresh assertion (iss = sub = clientId, aud = `issuer` when given, else the endpoint,
   * a unique jti, 60 s). Never logged, never in an error.
   */
  clientKey?: ClientKey | undefined;
  /** The key id (`kid`) sent with each assertion: required with a CryptoKey `clientKey`, optional with a JWK (its `kid`). */
  clientKeyId?: string | undefined;
  /**
   * Push the authorization request (RFC 9126): `authorizationUrl` first posts its parameters, with client
   * authentication, to `endpoints.par` (default `baseUrl` + `/par`), and returns a URL carrying only
   * `client_id` and the `request_uri` the server gave. {@link discover} turns it on when the server requires it.
   */
  par?: boolean | undefined;
  /**
   * Hold the client to a security profile. `"fapi2"`: the FAPI 2.0 Security Profile. `createProvider`
   * refuses any weaker option, naming the rule (PAR, PKCE S256, `issuer` with `iss` required,
   * `private_key_jwt` or mutual-TLS client authentication, DPoP (`dpop`) or mutual TLS (`tls`) sender-constrained
   * tokens, PS256/ES256/EdDSA keys), and turns on what it implies (`par`, `requireIssuerParameter`).
   */
  profile?: Profile | undefined;
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

type Schemas = components["schemas"];
type AuthorizeQuery = operations["authorize"]["parameters"]["query"];

const token = (
  client: OAuth2Client,
  options: OAuth2Options,
  body: Loose<Schemas["TokenRequest"]>,
  secrets: (string | undefined)[],
): ProviderRequest =>
  authenticatedRequest(options, endpointOf(options, "token"), secrets, (auth, init) =>
    client.POST("/token", { ...init, body: compact({ ...body, ...auth.body }), headers: auth.headers }),
  );

const definition = defineProvider<OAuth2Client, OAuth2Options>()({
  id: "oauth2",
  displayName: "OAuth 2.0 server",
  defaultBaseUrl: "",
  requiresClientSecret: false,
  options: {
    endpoints: {},
    mtlsEndpoints: {},
    clientAuth: {},
    // Not a string the engine can scrub: client authentication scrubs its private members itself (and the CLI reads a file path for it).
    clientKey: {},
    clientKeyId: {},
    par: {},
    profile: {},
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
    checkClientAuth(options, "oauth2");
    if (options.par !== undefined && typeof options.par !== "boolean")
      throw invalidOptions("par must be true or false", "oauth2");
    // The sender-constraint options (dpop, tls) are read by name: other units declare them.
    checkProfile(options, "oauth2");
    if (options.issuer !== undefined) checkUrl("issuer", options.issuer, "oauth2");
    if (options.requireIssuerParameter && options.issuer === undefined)
      throw invalidOptions("requireIssuerParameter needs the issuer to compare iss with", "oauth2");
  },
  issuer: (options) =>
    options.issuer === undefined
      ? undefined
      : { issuer: options.issuer, required: options.requireIssuerParameter ?? options.profile === "fapi2" },
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
    push: {
      enabled: (options) => {
        const { par, profile } = options as OAuth2Options;
        return par ?? profile === "fapi2";
      },
      request: (client: OAuth2Client, options: OAuth2Options, { parameters }: PushParams) => {
        const request = authenticatedRequest(options, endpointOf(options, "par"), [], (auth, init) => {
          const form = new URLSearchParams(parameters as [string, string][]);
          for (const [name, value] of Object.entries(auth.body)) if (value !== undefined) form.set(name, value);
          // The typed body is what the spec checks; the form (a name repeated for a list) is what is sent.
          const body = Object.fromEntries(form) as Schemas["PushedAuthorizationRequest"];
          return client.POST("/par", { ...init, body, bodySerializer: () => form.toString(), headers: auth.headers });
        });
        request.flow = "par"; // telemetry's finoauth.flow
        return request;
      },
    },
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
  revoke: (client, options, p) =>
    authenticatedRequest(options, endpointOf(options, "revoke"), [p.token], (auth, init) => {
      const body: Schemas["RevokeRequest"] = compact({
        token: p.token,
        token_type_hint: p.tokenTypeHint,
        ...auth.body,
      });
      return client.POST("/revoke", { ...init, body, headers: auth.headers });
    }),
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
