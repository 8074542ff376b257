// The engine: builds a provider's flows from its definition, for every provider alike.
import { constantTimeEqual, createPkce, MemoryStateStore, randomToken, sha256, STATE_TTL_MS } from "./authorization.js";
import { send, type CallOptions, type ProviderResponse } from "./call.js";
import type {
  AnyDefinition,
  AuthorizationUrlParams,
  BaseOptions,
  CallbackOptions,
  ClientCredentialsParams,
  CodeParams,
  Engine,
  GrantBuilders,
  OptionsOf,
  PasswordParams,
  ProviderFlows,
  RefreshParams,
  RequestBuilder,
  RevokeResult,
  Send,
} from "./definition.js";
import { asOAuthCode, FinoauthError, invalidOptions, type CallbackReason } from "./errors.js";
import { normalizeToken, pick, providerError, type NormalizeContext } from "./normalize.js";
import { validateBase } from "./options.js";
import { basicAuthorization } from "./providers/shared.js";
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from "./retry.js";

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
