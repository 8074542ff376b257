import {
  constantTimeEqual,
  createPkce,
  MemoryStateStore,
  randomToken,
  sha256,
  STATE_TTL_MS,
  type StateStore,
} from "./authorization.js";
import { send, type CallOptions, type ClientResult, type ProviderResponse, type SendInit } from "./call.js";
import { asOAuthCode, FinoauthError, invalidOptions, type CallbackReason } from "./errors.js";
import { normalizeToken, pick, providerError, type ErrorShape, type NormalizeContext, type TokenResponseShape } from "./normalize.js";
import { basicAuthorization } from "./providers/shared.js";
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from "./retry.js";
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

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Checks a URL option: absolute, and https unless the host is loopback. */
export function checkUrl(name: string, value: string, provider: ProviderId): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidOptions(`${name} must be an absolute URL, got "${value}"`, provider);
  }
  const loopback = LOOPBACK.has(url.hostname) || url.hostname.startsWith("127.");
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw invalidOptions(`${name} must use https (plain http only on a loopback host), got "${url.protocol}//${url.host}"`, provider);
  }
}

function validateBase(options: BaseOptions, definition: ProviderDefinition<any, any, any, any>): void {
  const id = definition.id;
  if (options === null || typeof options !== "object") throw invalidOptions("options must be an object", id);
  if (typeof options.clientId !== "string" || options.clientId.trim() === "") throw invalidOptions("clientId must be a non-empty string", id);
  if (definition.requiresClientSecret && (typeof options.clientSecret !== "string" || options.clientSecret === "")) {
    throw invalidOptions(`clientSecret is required for ${definition.displayName}`, id);
  }
  if (options.baseUrl !== undefined) checkUrl("baseUrl", options.baseUrl, id);
  if (options.authorizeBaseUrl !== undefined) checkUrl("authorizeBaseUrl", options.authorizeBaseUrl, id);
  if (options.redirectUri !== undefined) {
    try {
      new URL(options.redirectUri);
    } catch {
      throw invalidOptions(`redirectUri must be an absolute URL, got "${options.redirectUri}"`, id);
    }
  }
  if (options.timeoutMs !== undefined && !(Number.isFinite(options.timeoutMs) && options.timeoutMs > 0)) {
    throw invalidOptions(`timeoutMs must be a positive number of milliseconds, got ${options.timeoutMs}`, id);
  }
  if (options.retry?.retries !== undefined && !(Number.isInteger(options.retry.retries) && options.retry.retries >= 0)) {
    throw invalidOptions(`retry.retries must be a whole number ≥ 0, got ${options.retry.retries}`, id);
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") throw invalidOptions("fetch must be a function", id);
}

/**
 * The global fetch, called with a URL and an init instead of the Request openapi-fetch builds: on Node 20,
 * `fetch(request)` costs 0.1–0.2 ms more per call than `fetch(url, init)` (measured in bench/).
 */
async function directFetch(request: Request): Promise<Response> {
  const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.text();
  return fetch(request.url, { method: request.method, headers: request.headers, body, signal: request.signal, redirect: request.redirect });
}

const SECRET_PARAMS = ["code", "codeVerifier", "refreshToken", "password", "token", "validationPin", "clientAccessToken"] as const;

/**
 * Builds a provider's flows from its definition: one engine for every provider, which sends through the
 * generated client with a timeout, retries only what is safe to repeat, and normalises every answer.
 */
export function createFlows<D extends AnyDefinition>(definition: D, providerOptions: OptionsOf<D>): ProviderFlows<D> {
  const options = providerOptions as BaseOptions;
  validateBase(options, definition);
  definition.validate?.(options);
  const { id } = definition;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const client = definition.createClient({ baseUrl: options.baseUrl ?? definition.defaultBaseUrl, fetch: options.fetch ?? directFetch }, options);
  const stateStore = options.stateStore ?? new MemoryStateStore(now);

  // The client secret also travels as an RFC 6749 §2.3.1 Basic credential: scrub that form too.
  const basicCredential = options.clientSecret === undefined ? undefined : basicAuthorization(options.clientId, options.clientSecret).slice("Basic ".length);
  const secretsOf = (params: unknown): (string | undefined)[] => [
    options.clientSecret,
    basicCredential,
    ...SECRET_PARAMS.map((key) => (params as Record<string, unknown> | undefined)?.[key]).filter((v): v is string => typeof v === "string"),
  ];
  const context = (params: unknown): NormalizeContext => ({ provider: id, errors: definition.errors, secrets: secretsOf(params), now: now() });
  const sendOnce = (request: Send, call: CallOptions = {}): Promise<ProviderResponse> =>
    send(id, request, { timeoutMs: call.timeoutMs ?? timeoutMs, signal: call.signal, secrets: [options.clientSecret, basicCredential] });

  const tokenCall = async <P>(builder: RequestBuilder<unknown, BaseOptions, P> | undefined, params: P, call: CallOptions | undefined, retrySafe: boolean) => {
    if (!builder) throw new FinoauthError({ kind: "unsupported", provider: id, description: `${definition.displayName} does not offer this grant` });
    const attempt = async () => normalizeToken(await sendOnce(builder(client, options, params), call), definition.token, context(params));
    return retrySafe ? withRetry(retry, call?.signal, attempt) : attempt();
  };

  const grants = definition.grants as GrantBuilders<unknown, BaseOptions>;
  const flows: Record<string, unknown> = { id, displayName: definition.displayName };

  if (grants.authorization_code) {
    flows.exchangeCode = (params: CodeParams, call?: CallOptions) => {
      if (typeof params?.code !== "string" || params.code === "") throw invalidOptions("code must be a non-empty string", id);
      return tokenCall(grants.authorization_code, { ...params, redirectUri: params.redirectUri ?? options.redirectUri }, call, false);
    };
  }
  const authorize = definition.authorize;
  if (grants.authorization_code && authorize) {
    flows.authorizationUrl = async (params: AuthorizationUrlParams = {}) => {
      const redirectUri = params.redirectUri ?? options.redirectUri;
      if (authorize.requiresRedirectUri && !redirectUri) throw invalidOptions(`${definition.displayName} needs a redirectUri`, id);
      if (params.prompt !== undefined && !authorize.prompts?.includes(params.prompt)) {
        throw invalidOptions(`prompt must be one of ${authorize.prompts?.join(", ") || "(none: this provider has no prompt)"}`, id);
      }
      const state = randomToken(32);
      const pkce = authorize.pkce ? await createPkce() : undefined;
      await stateStore.put(await sha256(state), { state, codeVerifier: pkce?.codeVerifier, redirectUri, expiresAt: now() + STATE_TTL_MS });
      const base = (options.authorizeBaseUrl ?? options.baseUrl ?? definition.defaultBaseUrl).replace(/\/$/, "");
      const url = new URL(authorize.endpoint?.(options) ?? `${base}${authorize.path}`);
      const query = authorize.query({
        clientId: options.clientId,
        state,
        redirectUri,
        scope: params.scopes?.join(authorize.scopeSeparator),
        prompt: params.prompt,
        codeChallenge: pkce?.codeChallenge,
      });
      for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
      return { url: url.toString(), state };
    };
    flows.handleCallback = async (callbackUrl: string | URL, call?: CallbackOptions) => {
      let query: URLSearchParams;
      try {
        query = new URL(callbackUrl).searchParams;
      } catch {
        throw invalidOptions("handleCallback needs the absolute callback URL", id);
      }
      const refuse = (reason: CallbackReason, description: string, code?: string) =>
        new FinoauthError({ kind: "callback", reason, provider: id, code: asOAuthCode(code), providerCode: code, description });
      const state = query.get("state");
      const error = query.get("error");
      // The state is checked before anything else the query says: an `error=` with a forged state is a forgery.
      if (!state) {
        // Some providers (Finexer) redirect a denial without the state: report it, without repeating the query's text.
        if (error) throw refuse("provider_error", `the provider redirected back with error=${error} (and no state to verify it)`, error);
        throw refuse("missing_state", "the callback has no state");
      }
      const pending = await stateStore.take(await sha256(state));
      const expected = call?.expectedState;
      if (!pending || !constantTimeEqual(pending.state, state) || (expected !== undefined && !constantTimeEqual(expected, state))) {
        throw refuse("unknown_state", "unknown or already used state");
      }
      if (pending.expiresAt <= now()) throw refuse("expired_state", "the state has expired (10 minutes)");
      if (error) throw refuse("provider_error", query.get("error_description") ?? `the provider redirected back with error=${error}`, error);
      const code = query.get("code");
      if (!code) throw refuse("missing_code", "the callback has no code");
      return tokenCall(grants.authorization_code, { code, redirectUri: pending.redirectUri, codeVerifier: pending.codeVerifier }, call, false);
    };
  }
  if (grants.client_credentials) flows.clientCredentials = (params: ClientCredentialsParams = {}, call?: CallOptions) => tokenCall(grants.client_credentials, params, call, true);
  if (grants.password) {
    flows.password = (params: PasswordParams, call?: CallOptions) => {
      if (!params?.username || !params.password) throw invalidOptions("password needs a username and a password", id);
      return tokenCall(grants.password, params, call, false);
    };
  }
  if (grants.refresh_token) {
    flows.refresh = (params: RefreshParams, call?: CallOptions) => {
      if (typeof params?.refreshToken !== "string" || params.refreshToken === "") throw invalidOptions("refresh needs a non-empty refreshToken", id);
      return tokenCall(grants.refresh_token, params, call, true);
    };
  }
  const revoke = definition.revoke as RequestBuilder<unknown, BaseOptions, unknown> | undefined;
  if (revoke) {
    flows.revoke = async (params: unknown, call?: CallOptions): Promise<RevokeResult> => {
      const response = await sendOnce(revoke(client, options, params), call);
      const errorUnder2xx = definition.errors.code.some((path: string) => pick(response.json, path) !== undefined);
      if (response.status < 200 || response.status >= 300 || errorUnder2xx) throw providerError(response, context(params));
      const requestId = response.headers.get("x-request-id") ?? undefined;
      return requestId === undefined ? {} : { requestId };
    };
  }
  if (definition.extend) {
    const engine: Engine<unknown, BaseOptions> = {
      client,
      options,
      send: sendOnce,
      token: (response, params) => normalizeToken(response, definition.token, context(params)),
      error: (response, params) => providerError(response, context(params)),
      retry: (call, attempt) => withRetry(retry, call?.signal, attempt),
    };
    Object.assign(flows, definition.extend(engine));
  }
  return flows as ProviderFlows<D>;
}
