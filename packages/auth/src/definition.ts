// What a provider is to @finoauth/auth: its options, the uniform flow parameters, and the definition
// (quirks as data plus typed request builders) from which the engine in flows.ts builds its flows.
import type { StateStore } from "./authorization.js";
import type { CallOptions, ClientResult, ProviderResponse, SendInit } from "./call.js";
import type { FinoauthError } from "./errors.js";
import type { ErrorShape, TokenResponseShape } from "./normalize.js";
import type { RetryPolicy } from "./retry.js";
import type { ProviderId, TokenSet } from "./token-set.js";

/** Options every provider takes. */
export interface BaseOptions {
  clientId: string;
  clientSecret?: string;
  /** The provider's server; defaults to its production server. https, or http on a loopback host. */
  baseUrl?: string;
  /** Where the provider sends the user back after consent. */
  redirectUri?: string;
  /** The base URL of the consent page when it is not on `baseUrl` (a sandbox or a stand-in login server). */
  authorizeBaseUrl?: string;
  /** A fetch to use instead of the global one. */
  fetch?: (request: Request) => Promise<Response>;
  /** Per-request timeout. Default 10 s. */
  timeoutMs?: number;
  /** Retrying of refresh and client-credentials calls. */
  retry?: Partial<RetryPolicy>;
  /** Where pending authorizations (state, PKCE verifier) wait for their callback. Default: in memory. */
  stateStore?: StateStore;
  /** The clock, for tests. */
  now?: () => number;
}

/** The openapi-fetch options an adapter passes on to its generated client. */
export interface ClientFactoryOptions {
  baseUrl?: string;
  fetch?: (request: Request) => Promise<Response>;
}

/** One request, ready to send through a generated client. */
export type Send = (init: SendInit) => Promise<ClientResult>;

/** Maps a uniform call onto a provider's generated operation. */
export type RequestBuilder<Client, Options, Params> = (client: Client, options: Options, params: Params) => Send;

/** Parameters of an authorization-code exchange. */
export interface CodeParams {
  code: string;
  redirectUri?: string;
  codeVerifier?: string;
}

/** Parameters of a refresh. */
export interface RefreshParams {
  refreshToken: string;
  scopes?: readonly string[];
}

/** Parameters of a password grant. */
export interface PasswordParams {
  username: string;
  password: string;
  scopes?: readonly string[];
}

/** Parameters of a client-credentials grant. */
export interface ClientCredentialsParams {
  scopes?: readonly string[];
}

/** Parameters of a revocation. */
export interface RevokeParams {
  token: string;
  tokenTypeHint?: "access_token" | "refresh_token";
}

/** What a revocation returns. */
export interface RevokeResult {
  /** The id the provider echoed back (finAPI's `X-Request-Id`). */
  requestId?: string;
}

/** Options of `handleCallback`. */
export interface CallbackOptions extends CallOptions {
  /**
   * The state you kept in the user's session (a cookie) when you sent them to `authorizationUrl`: the
   * callback is then accepted only in the browser that started it (RFC 6749 §10.12).
   */
  expectedState?: string;
}

/** Parameters of an authorization URL. */
export interface AuthorizationUrlParams {
  scopes?: readonly string[];
  redirectUri?: string;
  /** Financial Cents: `none`, `consent` or `login`. */
  prompt?: string;
}

/** The values an authorize definition turns into the query string. */
export interface AuthorizeValues {
  clientId: string;
  state: string;
  redirectUri?: string;
  scope?: string;
  prompt?: string;
  codeChallenge?: string;
}

/** How a provider's authorization endpoint is called: data plus a typed query builder. */
export interface AuthorizeDefinition {
  /** The path below `baseUrl` (or `authorizeBaseUrl`). */
  path: string;
  /** A full authorization URL from the options, when the provider lets users name one (generic RFC 6749). */
  endpoint?(options: BaseOptions): string | undefined;
  /** Whether the provider takes PKCE (S256); when it does, it is always sent. */
  pkce: boolean;
  /** How scopes are joined in the query. */
  scopeSeparator: " " | ",";
  /** Whether a `redirect_uri` must be given. */
  requiresRedirectUri: boolean;
  /** The allowed `prompt` values, if the provider has `prompt`. */
  prompts?: readonly string[];
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

/** Everything @finoauth/auth knows about one provider: its quirks as data, and typed request builders. */
export interface ProviderDefinition<Client, Options extends BaseOptions, Grants extends GrantBuilders<Client, Options>, RevokeParamsOf = RevokeParams> {
  id: ProviderId;
  displayName: string;
  defaultBaseUrl: string;
  createClient(clientOptions: ClientFactoryOptions, options: Options): Client;
  /** Whether calls need `clientSecret`. */
  requiresClientSecret: boolean;
  /** Provider-specific option checks; throw {@link invalidOptions}. */
  validate?(options: Options): void;
  token: TokenResponseShape;
  errors: ErrorShape;
  authorize?: AuthorizeDefinition;
  grants: Grants;
  revoke?: RequestBuilder<Client, Options, RevokeParamsOf>;
  /** Flows that fit no standard grant (SynapseFI's 2FA steps), built on the engine's primitives. */
  extend?(engine: Engine<Client, Options>): object;
}

/** The engine's primitives, for a definition's {@link ProviderDefinition.extend}. */
export interface Engine<Client, Options> {
  client: Client;
  options: Options;
  /** Sends one request with the timeout and the caller's signal. */
  send(request: Send, call?: CallOptions): Promise<ProviderResponse>;
  /** Reads a token response strictly; `params` names the secrets to scrub from errors. */
  token(response: ProviderResponse, params: unknown): TokenSet;
  /** A FinoauthError for an error answer. */
  error(response: ProviderResponse, params: unknown): FinoauthError;
  /** Runs a call that is safe to repeat with the retry policy. */
  retry<T>(call: CallOptions | undefined, attempt: () => Promise<T>): Promise<T>;
}

type Method<Params, Result, Optional extends boolean = false> = Optional extends true
  ? (params?: Params, call?: CallOptions) => Promise<Result>
  : (params: Params, call?: CallOptions) => Promise<Result>;

/** Any provider definition. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDefinition = ProviderDefinition<any, any, any, any>;

/** The options type of a definition (carried by {@link defineProvider}). */
export type OptionsOf<D> = D extends { readonly "~options"?: infer O } ? O : never;

/**
 * Declares a provider: `defineProvider<Client, Options>()({ … })`. Checks the definition against its
 * client and options types, keeps its literal type (which flows it offers), and records the options type.
 */
export function defineProvider<Client, Options extends BaseOptions, RevokeParamsOf = RevokeParams>() {
  return <D extends ProviderDefinition<Client, Options, GrantBuilders<Client, Options>, RevokeParamsOf>>(
    definition: D,
  ): D & { readonly "~options"?: Options } => definition;
}

/** The flows of a provider, present only where its definition offers them. */
export type ProviderFlows<D> = D extends ProviderDefinition<any, any, infer G, infer R>
  ? { readonly id: ProviderId; readonly displayName: string } & (G extends { authorization_code: any }
      ? {
          /** Exchanges an authorization code. Never retried: a code is single-use. */
          exchangeCode: Method<CodeParams, TokenSet>;
        } & (D extends { authorize: AuthorizeDefinition }
          ? {
              /** Builds the URL to send the user to, with a fresh random state (and PKCE where supported). */
              authorizationUrl(params?: AuthorizationUrlParams): Promise<{ url: string; state: string }>;
              /** Checks the callback (state single-use, 10 minutes, constant time; `error=` → typed error) and exchanges its code. */
              handleCallback(callbackUrl: string | URL, call?: CallbackOptions): Promise<TokenSet>;
            }
          : unknown)
      : unknown) &
      (G extends { client_credentials: any } ? { clientCredentials: Method<ClientCredentialsParams, TokenSet, true> } : unknown) &
      (G extends { password: any } ? { password: Method<PasswordParams, TokenSet> } : unknown) &
      (G extends { refresh_token: any } ? { refresh: Method<RefreshParams, TokenSet> } : unknown) &
      (D extends { revoke: any } ? { revoke: Method<R, RevokeResult> } : unknown) &
      (D extends { extend(engine: any): infer E } ? E : unknown)
  : never;
