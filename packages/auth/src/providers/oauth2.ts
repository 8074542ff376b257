import { createOAuth2Client, type components, type OAuth2Client } from "@finoauth/oauth2";
import { invalidOptions } from "../errors.js";
import { RFC6749_ERRORS } from "../token-shape.js";
import { defineProvider, type BaseOptions, type ProviderRequest } from "../definition.js";
import { checkUrl } from "../options.js";
import { basicAuthorization, compact, joinScopes } from "../request-parts.js";

/** Options of the generic RFC 6749 provider. */
export interface OAuth2Options extends BaseOptions {
  /** The server's base URL; `/authorize`, `/token` and `/revoke` are below it unless `endpoints` says otherwise. */
  baseUrl: string;
  /** Endpoints at other URLs than `baseUrl` + `/authorize`, `/token`, `/revoke`. */
  endpoints?: { authorize?: string; token?: string; revoke?: string };
  /** How the client authenticates (RFC 6749 §2.3.1): HTTP Basic (default) or id and secret in the body. */
  clientAuth?: "client_secret_basic" | "client_secret_post";
  /** Send PKCE (S256) with the authorization request. Default true. */
  pkce?: boolean;
}

const PATHS = { authorize: "/authorize", token: "/token", revoke: "/revoke" } as const;

/** Client authentication as the options ask: a Basic header, or id and secret as body fields. */
function clientAuth(options: OAuth2Options): { headers: Record<string, string>; body: Record<string, string | undefined> } {
  let auth = authOf.get(options);
  if (auth) return auth;
  const basic = (options.clientAuth ?? "client_secret_basic") === "client_secret_basic" && options.clientSecret !== undefined;
  auth = basic
    ? { headers: { Authorization: basicAuthorization(options.clientId, options.clientSecret!) }, body: {} }
    : { headers: {}, body: { client_id: options.clientId, client_secret: options.clientSecret } };
  authOf.set(options, auth);
  return auth;
}

/** Client authentication, worked out once per options object (the Basic credential is not rebuilt per call). */
const authOf = new WeakMap<OAuth2Options, ReturnType<typeof clientAuth>>();

type Schemas = components["schemas"];

const token = (client: OAuth2Client, options: OAuth2Options, body: Schemas["TokenRequest"], secrets: (string | undefined)[]): ProviderRequest => {
  const auth = clientAuth(options);
  return { send: (init) => client.POST("/token", { ...init, body: compact({ ...body, ...auth.body }), headers: auth.headers }), secrets };
};

/** Any standards-compliant authorization server: RFC 6749, RFC 7009 revocation, RFC 7636 PKCE. */
export const oauth2 = defineProvider<OAuth2Client, OAuth2Options>()({
  id: "oauth2",
  displayName: "OAuth 2.0 server",
  defaultBaseUrl: "",
  requiresClientSecret: false,
  options: {
    endpoints: {
      flag: "endpoint",
      value: "<name=url>",
      help: "an endpoint at another URL than base-url + /authorize, /token or /revoke, e.g. token=https://id.example.com/oauth2/token",
      parse: (text) => {
        const at = text.indexOf("=");
        return at < 0 ? undefined : { [text.slice(0, at)]: text.slice(at + 1) };
      },
    },
    clientAuth: { flag: "client-auth", value: "<method>", help: "client_secret_basic (default) or client_secret_post", choices: ["client_secret_basic", "client_secret_post"] },
    pkce: { flag: "pkce", value: "<true|false>", help: "send PKCE (S256) with the authorization request (default true)", choices: ["true", "false"], parse: (text) => text === "true" },
  },
  createClient(clientOptions, options) {
    const client = createOAuth2Client(clientOptions);
    const endpoints = options.endpoints;
    if (!endpoints || Object.values(endpoints).every((url) => url === undefined)) return client;
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
    if (typeof options.baseUrl !== "string") throw invalidOptions("baseUrl is required: the authorization server's URL", "oauth2");
    for (const [name, url] of Object.entries(options.endpoints ?? {})) if (url !== undefined) checkUrl(`endpoints.${name}`, url, "oauth2");
    if (options.clientAuth !== undefined && !["client_secret_basic", "client_secret_post"].includes(options.clientAuth)) {
      throw invalidOptions(`clientAuth must be "client_secret_basic" or "client_secret_post", got "${options.clientAuth}"`, "oauth2");
    }
  },
  token: { accessToken: "access_token" },
  errors: RFC6749_ERRORS,
  authorize: {
    path: PATHS.authorize,
    endpoint: (options) => (options as OAuth2Options).endpoints?.authorize,
    pkce: true,
    scopeSeparator: " ",
    requiresRedirectUri: false,
    // nonce, login_hint, audience, resource, … (the server decides what it understands).
    extraParameters: true,
    query: (v) => ({
      response_type: "code",
      client_id: v.clientId,
      redirect_uri: v.redirectUri,
      scope: v.scope,
      state: v.state,
      code_challenge: v.codeChallenge,
      code_challenge_method: v.codeChallenge ? "S256" : undefined,
    }),
  },
  grants: {
    authorization_code: (client, options, p) =>
      token(client, options, { grant_type: "authorization_code", code: p.code, redirect_uri: p.redirectUri, code_verifier: p.codeVerifier }, [p.code, p.codeVerifier]),
    client_credentials: (client, options, p) => token(client, options, { grant_type: "client_credentials", scope: joinScopes(p.scopes, " ") }, []),
    password: (client, options, p) =>
      token(client, options, { grant_type: "password", username: p.username, password: p.password, scope: joinScopes(p.scopes, " ") }, [p.password]),
    refresh_token: (client, options, p) =>
      token(client, options, { grant_type: "refresh_token", refresh_token: p.refreshToken, scope: joinScopes(p.scopes, " ") }, [p.refreshToken]),
  },
  revoke: (client, options, p) => {
    const auth = clientAuth(options);
    const body: Schemas["RevokeRequest"] = compact({ token: p.token, token_type_hint: p.tokenTypeHint, ...auth.body });
    return { send: (init) => client.POST("/revoke", { ...init, body, headers: auth.headers }), secrets: [p.token] };
  },
  tools: {
    demo: {
      values: { clientId: "s6BhdRkqt3", clientSecret: "7Fjfp0ZBr1KtDRbnfVdmIw", redirectUri: "https://client.example.com/cb", scopes: ["read", "write"], username: "johndoe", password: "A3ddj3w" },
      prefer: {
        authorizationUrl: "code=302",
        exchangeCode: "code=200, example=withRefreshToken",
        clientCredentials: "code=200, example=clientCredentials",
        password: "code=200, example=withRefreshToken",
        refresh: "code=200, example=withRefreshToken",
        revoke: "code=200",
      },
    },
  },
});
