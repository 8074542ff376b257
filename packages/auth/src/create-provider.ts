// The engine: builds a provider's flows from its definition, for every provider alike.
import { constantTimeEqual, createPkce, MemoryStateStore, randomToken, sha256, STATE_TTL_MS } from "./authorization.js";
import { honoursSignal, LightRequest, send, transport, type CallOptions } from "./call.js";
import { classify, malformed, providerError, readToken, type Answer, type AnswerContext } from "./classify.js";
import type {
  AnyDefinition,
  AuthorizationUrlParams,
  BaseOptions,
  CallbackOptions,
  ClientCredentialsParams,
  ClientFactoryOptions,
  CodeParams,
  AuthorizeParameterValue,
  Engine,
  GrantBuilders,
  CreateOptionsOf,
  PasswordParams,
  ProviderOf,
  ProviderRequest,
  RefreshParams,
  RequestBuilder,
  RevokeResult,
} from "./definition.js";
import { RESERVED_AUTHORIZE_PARAMETERS } from "./definition.js";
import { callbackRefused, invalidOptions, unsupported } from "./errors.js";
import { checkScopes, validateBase } from "./options.js";
import { basicAuthorization } from "./request-parts.js";
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from "./retry.js";

/** Default cap on a provider's answer: 1 MiB (token answers are a few hundred bytes). */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

/** Options the engine adds to every provider's. */
export interface EngineOptions {
  /** The largest answer read from the provider, in bytes; a larger one is refused. Default 1 MiB. */
  maxResponseBytes?: number | undefined;
}

/** Query parameters the engine or the definition sets, which `parameters` may never replace. */
const RESERVED = new Set<string>(RESERVED_AUTHORIZE_PARAMETERS);

const isDefinition = (value: unknown): value is AnyDefinition =>
  value !== null && typeof value === "object" && typeof (value as AnyDefinition).id === "string" && typeof (value as AnyDefinition).createClient === "function";

/**
 * Creates a provider's flows from its definition: `createProvider(acme, { clientId, clientSecret })`,
 * with `acme` from `@finoauth/auth/acme` (or your own `defineProvider`). The result offers exactly the flows the definition does
 * (the compiler knows which). Options are checked here, so a bad one fails at once with a message that
 * says what to fix. Every call goes through the generated client with a deadline, a size cap, no
 * redirects, retries only where safe, and one strict reading of the answer.
 */
export function createProvider<const D extends AnyDefinition>(definition: D, providerOptions: CreateOptionsOf<D> & EngineOptions): ProviderOf<D> {
  if (!isDefinition(definition)) {
    throw invalidOptions('createProvider needs a provider definition, e.g. import { <name> } from "@finoauth/auth/<name>"; by name: @finoauth/auth/all');
  }
  const options = providerOptions as unknown as BaseOptions & EngineOptions;
  validateBase(options, definition);
  const { id, displayName } = definition;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (!(Number.isInteger(maxResponseBytes) && maxResponseBytes > 0)) {
    throw invalidOptions(`maxResponseBytes must be a whole number of bytes > 0, got ${String(maxResponseBytes)}`, id);
  }
  definition.validate?.(options);
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  // Both given, so that openapi-fetch never reads the global fetch or Request: nothing loads undici before the first call.
  const client = definition.createClient(
    {
      baseUrl: options.baseUrl ?? definition.defaultBaseUrl,
      fetch: transport(options.fetch, maxResponseBytes) as unknown as ClientFactoryOptions["fetch"],
      Request: LightRequest as unknown as typeof Request,
    },
    options,
  );
  const lightTransport = honoursSignal(options.fetch);
  const stateStore = options.stateStore ?? new MemoryStateStore(now);
  // Keyed by provider and state, so that providers sharing a store never find each other's states.
  const stateKey = (state: string) => sha256(`${id}\n${state}`);

  // The secrets of the provider itself, known once: the client secret (also as an RFC 6749 §2.3.1 Basic
  // credential) and every option its definition marks secret. A request adds its own.
  const optionSecrets = Object.entries(definition.options as Record<string, { secret?: boolean }>)
    .filter(([, info]) => info.secret)
    .map(([name]) => (options as unknown as Record<string, unknown>)[name])
    .filter((value): value is string => typeof value === "string");
  const fixedSecrets = [
    options.clientSecret,
    options.clientSecret === undefined ? undefined : basicAuthorization(options.clientId, options.clientSecret).slice("Basic ".length),
    ...optionSecrets,
  ];

  /** The flows that send the client secret check it is there, before building anything. */
  const requireSecret = () => {
    if (definition.requiresClientSecret && options.clientSecret === undefined) {
      throw invalidOptions(`clientSecret is required for ${displayName}'s token and revoke calls`, id);
    }
  };
  const build = <P>(builder: RequestBuilder<unknown, BaseOptions, P>, params: P): ProviderRequest => {
    requireSecret();
    return builder(client, options, params);
  };

  /** Sends once within `ms` and classifies the answer (an error answer rejects). */
  const callOnce = async (request: ProviderRequest, call: CallOptions | undefined, ms: number): Promise<Answer> => {
    requireSecret();
    const secrets = request.secrets ? [...fixedSecrets, ...request.secrets] : fixedSecrets;
    // An attempt clearly shorter than the per-request timeout was cut by the call's deadline: say which limit
    // it hit (a few ms less is only the time spent since the deadline was set, not a cut).
    const attemptMs = call?.timeoutMs ?? timeoutMs;
    const limit = ms < attemptMs - Math.max(10, attemptMs / 100) ? `the call's deadline (${call?.deadlineMs ?? options.deadlineMs ?? attemptMs * (retry.retries + 1)} ms, retries included)` : undefined;
    const response = await send(request.send, { provider: id, timeoutMs: ms, limit, signal: call?.signal, secrets, honoursSignal: lightTransport });
    const context: AnswerContext = { provider: id, token: definition.token, errors: definition.errors, requestIdHeader: definition.requestIdHeader, secrets, now: now() };
    return classify(response, context);
  };

  /** One deadline for the whole call, retries and waits included; each attempt within it gets `timeoutMs`. */
  const bounds = (call: CallOptions | undefined) => {
    const attemptMs = call?.timeoutMs ?? timeoutMs;
    const deadline = performance.now() + (call?.deadlineMs ?? options.deadlineMs ?? attemptMs * (retry.retries + 1));
    return { signal: call?.signal, deadline, attemptMs };
  };
  const runCall = <T>(call: CallOptions | undefined, retrySafe: boolean, attempt: (ms: number) => Promise<T>): Promise<T> =>
    withRetry(retrySafe ? retry : { ...retry, retries: 0 }, bounds(call), attempt);

  const tokenCall = async <P>(builder: RequestBuilder<unknown, BaseOptions, P> | undefined, params: P, call: CallOptions | undefined, retrySafe: boolean) => {
    if (!builder) throw unsupported(id, `${displayName} does not offer this grant`);
    const request = build(builder, params);
    return runCall(call, retrySafe, async (ms) => readToken(await callOnce(request, call, ms)));
  };

  const grants = definition.grants as GrantBuilders<unknown, BaseOptions>;
  const flows: Record<string, unknown> = { id, displayName, definition };

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
      if (authorize.requiresRedirectUri && !redirectUri) throw invalidOptions(`${displayName} needs a redirectUri`, id);
      if (params.prompt !== undefined && !authorize.prompts?.includes(params.prompt)) {
        throw invalidOptions(`prompt must be one of ${authorize.prompts?.join(", ") || "(none: this provider has no prompt)"}`, id);
      }
      checkScopes(params.scopes, id);
      const extra = Object.entries(params.parameters ?? {}).filter((entry): entry is [string, Exclude<AuthorizeParameterValue, undefined>] => entry[1] !== undefined);
      if (extra.length > 0 && !authorize.extraParameters) throw invalidOptions(`${displayName} takes no authorize parameters beyond scopes, redirectUri and prompt`, id);
      const state = randomToken(32);
      const pkce = authorize.pkce && !authorize.skipPkce?.(options) ? await createPkce() : undefined;
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
      for (const [key, value] of extra) {
        if (RESERVED.has(key) || url.searchParams.has(key)) throw invalidOptions(`the authorize parameter "${key}" is set by the library and cannot be replaced`, id);
        // A list repeats the parameter (RFC 8707 `resource`).
        for (const one of typeof value === "string" ? [value] : value) {
          if (typeof one !== "string") throw invalidOptions(`the authorize parameter "${key}" must be a string or a list of strings`, id);
          url.searchParams.append(key, one);
        }
      }
      const issuer = definition.issuer?.(options);
      await stateStore.put(await stateKey(state), {
        state,
        provider: id,
        issuer: issuer?.issuer,
        issuerRequired: issuer?.required,
        codeVerifier: pkce?.codeVerifier,
        redirectUri,
        expiresAt: now() + STATE_TTL_MS,
      });
      return { url: url.toString(), state };
    };
    flows.handleCallback = async (callbackUrl: string | URL, call?: CallbackOptions) => {
      let query: URLSearchParams;
      try {
        query = new URL(callbackUrl).searchParams;
      } catch {
        throw invalidOptions("handleCallback needs the absolute callback URL", id);
      }
      const state = query.get("state");
      const error = query.get("error");
      // The state is checked before anything else the query says: an `error=` with a forged state is a forgery.
      if (!state) {
        // Some providers redirect a denial without the state: report it, without repeating the query's text.
        if (error) throw callbackRefused(id, "provider_error", `the provider redirected back with error=${error} (and no state to verify it)`, error);
        throw callbackRefused(id, "missing_state", "the callback has no state");
      }
      // Another browser's state is refused before the store is touched, so the rightful user can still finish.
      const expected = call?.expectedState;
      if (expected !== undefined && !constantTimeEqual(expected, state)) throw callbackRefused(id, "session_mismatch", "the state belongs to another browser session");
      const pending = await stateStore.take(await stateKey(state));
      if (!pending || !constantTimeEqual(pending.state, state)) throw callbackRefused(id, "unknown_state", "unknown or already used state");
      if (pending.provider !== undefined && pending.provider !== id) throw callbackRefused(id, "wrong_provider", "the state was issued for another provider");
      if (pending.expiresAt <= now()) throw callbackRefused(id, "expired_state", "the state has expired (10 minutes)");
      const iss = query.get("iss");
      if (pending.issuer !== undefined && (iss !== null ? iss !== pending.issuer : pending.issuerRequired)) {
        throw callbackRefused(id, "issuer_mismatch", iss === null ? "the callback has no iss, which this server always sends (RFC 9207)" : "the callback's iss is not the issuer this authorization was sent to (RFC 9207)");
      }
      if (error) throw callbackRefused(id, "provider_error", query.get("error_description") ?? `the provider redirected back with error=${error}`, error);
      const code = query.get("code");
      if (!code) throw callbackRefused(id, "missing_code", "the callback has no code");
      return tokenCall(grants.authorization_code, { code, redirectUri: pending.redirectUri, codeVerifier: pending.codeVerifier }, call, false);
    };
  }
  if (grants.client_credentials) {
    flows.clientCredentials = (params: ClientCredentialsParams = {}, call?: CallOptions) => {
      checkScopes(params?.scopes, id);
      return tokenCall(grants.client_credentials, params, call, true);
    };
  }
  if (grants.password) {
    flows.password = (params: PasswordParams, call?: CallOptions) => {
      if (!params?.username || !params.password) throw invalidOptions("password needs a username and a password", id);
      checkScopes(params.scopes, id);
      return tokenCall(grants.password, params, call, false);
    };
  }
  if (grants.refresh_token) {
    flows.refresh = (params: RefreshParams, call?: CallOptions) => {
      if (typeof params?.refreshToken !== "string" || params.refreshToken === "") throw invalidOptions("refresh needs a non-empty refreshToken", id);
      checkScopes(params.scopes, id);
      return tokenCall(grants.refresh_token, params, call, true);
    };
  }
  const revoke = definition.revoke as RequestBuilder<unknown, BaseOptions, unknown> | undefined;
  if (revoke) {
    flows.revoke = async (params: unknown, call?: CallOptions): Promise<RevokeResult> => {
      const request = build(revoke, params);
      const answer = await runCall(call, false, (ms) => callOnce(request, call, ms));
      const header = definition.requestIdHeader;
      const requestId = header === undefined ? undefined : (answer.response.headers.get(header) ?? undefined);
      return requestId === undefined ? {} : { requestId };
    };
  }
  if (definition.extend) {
    const engine: Engine<unknown, BaseOptions> = {
      client,
      options,
      call: (request, call) => runCall(call, false, (ms) => callOnce(request, call, ms)),
      token: readToken,
      malformed,
      error: (answer) => providerError(answer.response, answer.context),
      retry: (call, attempt) => withRetry(retry, bounds(call), (ms) => attempt({ ...call, timeoutMs: ms, deadlineMs: ms })),
    };
    Object.assign(flows, definition.extend(engine));
  }
  return flows as ProviderOf<D>;
}
