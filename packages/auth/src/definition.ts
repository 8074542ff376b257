// What a provider is to the engine: its options, the uniform flow parameters, and the definition
// (quirks as data plus typed request builders) from which createProvider builds its flows.

import type { Answer } from "./classify.js";
import type { FinoauthError } from "./errors.js";
import type { RetryPolicy } from "./retry.js";
import type { StateStore } from "./state-store.js";
import type { TokenSet } from "./token-set.js";
import type { ErrorShape, ExtrasOf, TokenShape } from "./token-shape.js";
import type { CallOptions, ClientResult, SendInit } from "./transport.js";

/** Options every provider takes. */
export interface BaseOptions {
  clientId: string;
  /** Needed by the flows that send it (token and revoke calls); an authorization URL never carries it. */
  clientSecret?: string | undefined;
  /** The provider's server; defaults to its production server. https, or http on a loopback host. */
  baseUrl?: string | undefined;
  /** Where the provider sends the user back after consent. */
  redirectUri?: string | undefined;
  /** The base URL of the consent page when it is not on `baseUrl` (a sandbox or a stand-in login server). */
  authorizeBaseUrl?: string | undefined;
  /** A fetch to use instead of the global one. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** Per-request timeout. Default 10 s. */
  timeoutMs?: number | undefined;
  /**
   * The most a whole call may take, retries and `Retry-After` waits included: a wait that would end past
   * it is not started. Default `timeoutMs` × (retries + 1).
   */
  deadlineMs?: number | undefined;
  /** Retrying of refresh and client-credentials calls. */
  retry?: Partial<RetryPolicy> | undefined;
  /** Where pending authorizations (state, PKCE verifier) wait for their callback. Default: in memory. */
  stateStore?: StateStore | undefined;
  /** The clock, for tests. */
  now?: (() => number) | undefined;
}

/**
 * The openapi-fetch options an adapter passes on to its generated client, unchanged. `Request` is the
 * engine's light request class: a middleware that replaces the request builds one with `new Request(url, request)`.
 */
export interface ClientFactoryOptions {
  baseUrl: string;
  fetch: (request: Request) => Promise<Response>;
  Request: typeof Request;
}

/** One request, ready to send through a generated client. */
export type Send = (init: SendInit) => Promise<ClientResult>;

/** What a request builder makes: how to send the request, and the secrets it carries (scrubbed from every error). */
export interface ProviderRequest {
  send: Send;
  /** The per-call secrets this request sends (codes, verifiers, tokens, passwords, pins); the client secret is known already. */
  secrets?: readonly (string | undefined)[];
}

/** Maps a uniform call onto a provider's generated operation. */
export type RequestBuilder<Client, Options, Params> = (
  client: Client,
  options: Options,
  params: Params,
) => ProviderRequest;

/** Parameters of an authorization-code exchange. */
export interface CodeParams {
  code: string;
  redirectUri?: string | undefined;
  codeVerifier?: string | undefined;
}

/** Parameters of a refresh. */
export interface RefreshParams {
  refreshToken: string;
  scopes?: readonly string[] | undefined;
}

/** Parameters of a password grant. */
export interface PasswordParams {
  username: string;
  password: string;
  scopes?: readonly string[] | undefined;
}

/** Parameters of a client-credentials grant. */
export interface ClientCredentialsParams {
  scopes?: readonly string[] | undefined;
}

/** Parameters of a revocation. */
export interface RevokeParams {
  token: string;
  tokenTypeHint?: "access_token" | "refresh_token" | undefined;
}

/** What a revocation returns. */
export interface RevokeResult {
  /** The id the provider echoed back in its request-id header, when it has one. */
  requestId?: string | undefined;
}

/** Options of `handleCallback`. */
export interface CallbackOptions extends CallOptions {
  /**
   * The state you kept in the user's session (a cookie) when you sent them to `authorizationUrl`: the
   * callback is then accepted only in the browser that started it (RFC 6749 §10.12).
   */
  expectedState?: string | undefined;
}

/**
 * The authorize query parameters a caller's `parameters` can never carry (a compile error, and refused
 * at runtime): the ones the library sets itself, and the ones that would undo them or leak a secret.
 */
export const RESERVED_AUTHORIZE_PARAMETERS = [
  // Set by the library from the options and the call (RFC 6749 §4.1.1, RFC 7636 §4.3, OpenID Connect Core §3.1.2.1).
  "client_id",
  "redirect_uri",
  "response_type",
  "scope",
  "state",
  "prompt",
  "code_challenge",
  "code_challenge_method",
  // RFC 9101 §5, §6.3: a request object (by value or by reference) takes precedence over the query, so it
  // would replace redirect_uri, state and the PKCE challenge the library made.
  "request",
  "request_uri",
  // OAuth 2.0 Multiple Response Type Encoding Practices §2.1, OAuth 2.0 Form Post Response Mode, JARM:
  // moves the answer out of the query that handleCallback reads (into the fragment, a POST body or a JWT).
  "response_mode",
  // RFC 6749 §2.3.1, RFC 7521 §4.2: client credentials never go in a URL the browser sees and logs.
  "client_secret",
  "client_assertion",
  "client_assertion_type",
  // RFC 7636 §4.5: the verifier goes only to the token endpoint; in the front channel it defeats PKCE.
  "code_verifier",
] as const;

/** The name of an authorize query parameter the library sets itself. */
export type ReservedAuthorizeParameter = (typeof RESERVED_AUTHORIZE_PARAMETERS)[number];

/** The value of an extra authorize parameter: one string, or several (the parameter is then repeated); `undefined` leaves it out. */
export type AuthorizeParameterValue = string | readonly string[] | undefined;

/**
 * Query parameters of an authorization URL beyond the ones the library sets, for a provider whose
 * definition accepts them (`authorize.extraParameters`). The common ones are typed; any other name is the
 * escape hatch (a string, or a list to repeat it). A name the library sets is a compile error here and a
 * runtime error too.
 */
export type AuthorizeParameters = {
  /** OpenID Connect Core 1.0 §3.1.2.1: a random value the ID token must carry back (replay defence). */
  readonly nonce?: string | undefined;
  /** OpenID Connect Core 1.0 §3.1.2.1: who is expected to log in (an email address, say), to prefill the login page. */
  readonly login_hint?: string | undefined;
  /** The API the token is for, as some servers (Auth0, …) name it; the standard form is `resource`. */
  readonly audience?: string | undefined;
  /** RFC 8707 resource indicators: absolute URIs of the resources the token is for; a list repeats the parameter. */
  readonly resource?: string | readonly string[] | undefined;
} & { readonly [K in ReservedAuthorizeParameter]?: never } & { readonly [name: string]: AuthorizeParameterValue };

/** Parameters of an authorization URL; `Prompt` is the provider's `authorize.prompts`. */
export interface AuthorizationUrlParams<Prompt extends string = string> {
  scopes?: readonly string[] | undefined;
  redirectUri?: string | undefined;
  /** One of the provider's `authorize.prompts` (OpenID Connect's `none`, `login`, `consent`, `select_account`…). */
  prompt?: Prompt | undefined;
  /**
   * More query parameters, for a provider whose definition accepts them (`authorize.extraParameters`):
   * `nonce`, `login_hint`, `audience`, `resource` (several: a list), or any other. They can never replace
   * one the library sets (state, PKCE, client id, redirect URI, response type, scope, prompt) nor undo it
   * (`request`, `request_uri`, `response_mode`), nor carry a secret (see {@link RESERVED_AUTHORIZE_PARAMETERS}).
   */
  parameters?: AuthorizeParameters | undefined;
}

/** The values an authorize definition turns into the query string. */
export interface AuthorizeValues {
  clientId: string;
  state: string;
  redirectUri?: string | undefined;
  scope?: string | undefined;
  prompt?: string | undefined;
  codeChallenge?: string | undefined;
}

/** How a provider's authorization endpoint is called: data plus a typed query builder. */
export interface AuthorizeDefinition {
  /** The path below `baseUrl` (or `authorizeBaseUrl`). */
  path: string;
  /** A full authorization URL from the options, when the provider lets users name one (generic RFC 6749). */
  endpoint?(options: BaseOptions): string | undefined;
  /** The token endpoint's URL when the options put it apart from `baseUrl`: a pending state is bound to it. */
  tokenEndpoint?(options: BaseOptions): string | undefined;
  /** Whether the provider takes PKCE (S256); when it does, it is sent unless `skipPkce` says otherwise. */
  pkce: boolean;
  /** Whether these options turn PKCE off (a server that refuses parameters it does not know). Default: never. */
  skipPkce?(options: BaseOptions): boolean;
  /** How scopes are joined in the query. */
  scopeSeparator: " " | ",";
  /** Whether a `redirect_uri` must be given. */
  requiresRedirectUri: boolean;
  /** The allowed `prompt` values, if the provider has `prompt`. */
  prompts?: readonly string[];
  /** Whether callers may add query parameters of their own (`AuthorizationUrlParams.parameters`). */
  extraParameters?: boolean;
  /** Builds the query, typed against the spec's authorize parameters. */
  query(values: AuthorizeValues): Record<string, string | undefined>;
}

/** The grants a provider may offer, each a typed request builder. */
export interface GrantBuilders<Client, Options> {
  authorization_code?: RequestBuilder<Client, Options, CodeParams>;
  client_credentials?: RequestBuilder<Client, Options, ClientCredentialsParams>;
  password?: RequestBuilder<Client, Options, PasswordParams>;
  refresh_token?: RequestBuilder<Client, Options, RefreshParams>;
}

/** The grant names, as RFC 6749 spells them. */
export type GrantName = keyof GrantBuilders<unknown, unknown>;

/** The uniform flows, by the names createProvider gives them. */
export type FlowName = "authorizationUrl" | "exchangeCode" | "clientCredentials" | "password" | "refresh" | "revoke";

/**
 * What the engine knows of one provider-specific option: whether it holds a secret (scrubbed from every
 * error). How tools read it from text (flags, help, examples) is theirs to describe, not the engine's.
 */
export interface OptionInfo {
  /** Holds a secret: scrubbed from every error message. */
  secret?: boolean | undefined;
}

/** The provider's own options (those beyond {@link BaseOptions}), each described. */
export type OptionInfos<Options> = { readonly [K in Exclude<keyof Options, keyof BaseOptions>]-?: OptionInfo };

/** Everything the engine knows about one provider: its quirks as data, and typed request builders. */
export interface ProviderDefinition<
  Client,
  Options extends BaseOptions,
  Grants extends GrantBuilders<Client, Options>,
  RevokeParamsOf = RevokeParams,
> {
  /** The provider's name: `createProvider`'s name, the TokenSet's `provider`, error messages. */
  id: string;
  displayName: string;
  /** The server used when `baseUrl` is not given ("" when there is none: then `baseUrl` is required). */
  defaultBaseUrl: string;
  createClient(clientOptions: ClientFactoryOptions, options: Options): Client;
  /**
   * Whether the calls send `clientSecret`. `true`: the token and revoke calls send it and check it is there
   * (an authorization URL needs none, so a provider may be created without it). `"always"`: every flow
   * this provider has sends it, so the options type requires it and `createProvider` refuses options
   * without it. `false`: never required (a public client, or another way to authenticate).
   */
  requiresClientSecret: boolean | "always";
  /** The provider's own options, each with whether it holds a secret (scrubbed from every error). */
  options: OptionInfos<Options>;
  /** Provider-specific option checks; throw `invalidOptions`. */
  validate?(options: Options): void;
  token: TokenShape;
  errors: ErrorShape;
  /** The header in which the provider echoes a request id (`X-Request-Id`): it becomes `requestId`. */
  requestIdHeader?: string;
  /**
   * The authorization server's issuer, when the options name one: a pending authorization records it, and
   * the callback's `iss` parameter (RFC 9207) must match it; `required`: the server always sends `iss`.
   */
  issuer?(options: Options): { issuer: string; required: boolean } | undefined;
  authorize?: AuthorizeDefinition;
  grants: Grants;
  revoke?: RequestBuilder<Client, Options, RevokeParamsOf>;
  /** Flows that fit no standard grant (multi-step key issuance), built on the engine's primitives. */
  extend?(engine: Engine<Client, Options>): object;
}

/** The engine's primitives, for a definition's {@link ProviderDefinition.extend}. */
export interface Engine<Client, Options> {
  client: Client;
  options: Options;
  /** Sends one request (timeout, the caller's signal) and classifies the answer; an error answer rejects. */
  call(request: ProviderRequest, call?: CallOptions): Promise<Answer>;
  /** Reads a classified answer as a token, strictly (anything else is a provider or malformed-response error). */
  token(answer: Answer): TokenSet;
  /** A `malformed_response` error about this answer, scrubbed of its request's secrets. */
  malformed(answer: Answer, why: string): FinoauthError;
  /** The provider error this answer's body describes (for a pending answer that carries an error code). */
  error(answer: Answer): FinoauthError;
  /** Runs a call that is safe to repeat with the retry policy, within the call's deadline: each attempt gets its timeout as `call.timeoutMs`. */
  retry<T>(call: CallOptions | undefined, attempt: (call: CallOptions) => Promise<T>): Promise<T>;
}

type Method<Params, Result, Optional extends boolean = false> = Optional extends true
  ? (params?: Params, call?: CallOptions) => Promise<Result>
  : (params: Params, call?: CallOptions) => Promise<Result>;

/** Any provider definition. */
export type AnyDefinition = ProviderDefinition<any, any, any, any>;

/** The options type of a definition (carried by {@link defineProvider}). */
export type OptionsOf<D> = D extends { readonly "~options"?: infer O } ? O : never;

/**
 * The options `createProvider` takes for a definition: {@link OptionsOf}, with `clientSecret` required
 * where the definition says every flow sends it (`requiresClientSecret: "always"`).
 */
export type CreateOptionsOf<D> = OptionsOf<D> &
  (D extends { requiresClientSecret: "always" } ? { clientSecret: string } : unknown);

/**
 * The provider `createProvider` returns for a definition: the interface the definition names (such as
 * `FinapiProvider`, see {@link nameProvider}), which the compiler prints by name in its messages, or else
 * the {@link ProviderFlows} of the definition.
 */
export type ProviderOf<D> = D extends { readonly "~provider"?: infer P }
  ? unknown extends P
    ? ProviderFlows<D>
    : P
  : ProviderFlows<D>;

/**
 * Names the provider type of a definition, so that compiler messages say `AcmeProvider` instead of spelling
 * out every flow: `const definition = defineProvider<…>()({ … })`, then
 * `export interface AcmeProvider extends ProviderFlows<typeof definition> {}` and
 * `export const acme = nameProvider<AcmeProvider>()(definition)`; `createProvider(acme, …)` returns `AcmeProvider`.
 */
export function nameProvider<P>() {
  return <const D extends AnyDefinition>(definition: D): D & { readonly "~provider"?: P } => definition;
}

/** The token extras of a definition: its `token.extras`, plus `requestId` when it has a request-id header. */
export type TokenExtrasOf<D> = (D extends { token: { extras: infer E } } ? ExtrasOf<E> : {}) &
  (D extends { requestIdHeader: string } ? { readonly requestId?: string } : {});

/** The TokenSet a definition's flows resolve to. */
export type TokenOf<D> = TokenSet<TokenExtrasOf<D>>;

/**
 * Declares a provider: `defineProvider<Client, Options>()({ … })`. Checks the definition against its
 * client and options types, keeps its literal type (id, which flows it offers, its extras), and records
 * the options type.
 */
export function defineProvider<Client, Options extends BaseOptions, RevokeParamsOf = RevokeParams>() {
  return <const D extends ProviderDefinition<Client, Options, GrantBuilders<Client, Options>, RevokeParamsOf>>(
    definition: D,
  ): D & { readonly "~options"?: Options } => definition;
}

/** The `prompt` values a definition's authorization endpoint takes (`never` when it has none). */
export type PromptOf<D> = D extends { authorize: { prompts?: infer L } }
  ? L extends readonly (infer P extends string)[]
    ? P
    : never
  : never;

/** The flows of a provider, present only where its definition offers them. */
export type ProviderFlows<D> =
  D extends ProviderDefinition<any, any, infer G, infer R>
    ? { readonly id: D["id"]; readonly displayName: string; readonly definition: D } & (G extends {
        authorization_code: any;
      }
        ? {
            /** Exchanges an authorization code. Never retried: a code is single-use. */
            exchangeCode: Method<CodeParams, TokenOf<D>>;
          } & (D extends { authorize: AuthorizeDefinition }
            ? {
                /** Builds the URL to send the user to, with a fresh random state (and PKCE where supported). */
                authorizationUrl(params?: AuthorizationUrlParams<PromptOf<D>>): Promise<{ url: string; state: string }>;
                /** Checks the callback (state single-use, 10 minutes, constant time; `error=` → typed error) and exchanges its code. */
                handleCallback(callbackUrl: string | URL, call?: CallbackOptions): Promise<TokenOf<D>>;
              }
            : unknown)
        : unknown) &
        (G extends { client_credentials: any }
          ? { clientCredentials: Method<ClientCredentialsParams, TokenOf<D>, true> }
          : unknown) &
        (G extends { password: any } ? { password: Method<PasswordParams, TokenOf<D>> } : unknown) &
        (G extends { refresh_token: any } ? { refresh: Method<RefreshParams, TokenOf<D>> } : unknown) &
        (D extends { revoke: any } ? { revoke: Method<R, RevokeResult> } : unknown) &
        (D extends { extend(engine: any): infer E } ? E : unknown)
    : never;
