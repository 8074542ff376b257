// The engine: builds a provider's flows from its definition, for every provider alike.
import { authorizeFlows } from "./authorize-flow.js";
import type { AuthorizeDefinition } from "./authorize-params.js";
import { readToken } from "./classify.js";
import { transport } from "./client-fetch.js";
import type {
  AnyDefinition,
  BaseOptions,
  ClientFactoryOptions,
  Engine,
  GrantBuilders,
  GrantName,
  ProviderRequest,
  RequestBuilder,
} from "./definition.js";
import { type Caller, createCaller } from "./engine-call.js";
import { invalidOptions, unsupported } from "./errors.js";
import { type SenderConstraint, senderConstraint } from "./fapi/binding.js";
import type { ClientFetch } from "./fapi/dpop-fetch.js";
import { type PushedRequest, type PushParams, readPushed } from "./fapi/par.js";
import { fetchProtectedResource, type ResourceRequestInit } from "./fapi/protected-resource.js";
import { type TlsTransport, tlsTransport } from "./fapi/tls.js";
import type {
  ClientCredentialsParams,
  CodeParams,
  PasswordParams,
  RefreshParams,
  RevokeResult,
} from "./flow-params.js";
import { honoursSignal, LightRequest } from "./light-request.js";
import { checkRedirectUri, checkScopes, validateBase } from "./option-checks.js";
import type { CreateOptionsOf, ProviderOf } from "./provider-flows.js";
import { keySecrets } from "./redact.js";
import { basicAuthorization } from "./request-parts.js";
import { DEFAULT_RETRY, type RetryPolicy } from "./retry.js";
import { Telemetry } from "./telemetry/telemetry.js";
import { checkTelemetry, type TelemetryOptions } from "./telemetry/telemetry-options.js";
import type { TokenSet } from "./token-set.js";
import type { CallOptions } from "./transport.js";

/** Default cap on a provider's answer: 1 MiB (token answers are a few hundred bytes). */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

/** Options the engine adds to every provider's. */
export interface EngineOptions extends TelemetryOptions {
  /** The largest answer read from the provider, in bytes; a larger one is refused. Default 1 MiB. */
  maxResponseBytes?: number | undefined;
}

const isDefinition = (value: unknown): value is AnyDefinition =>
  value !== null &&
  typeof value === "object" &&
  typeof (value as AnyDefinition).id === "string" &&
  typeof (value as AnyDefinition).createClient === "function";

/** Runs one token grant: builds its request, sends it (retried when `retrySafe`) and reads the token. */
type TokenCall = (
  grant: GrantName,
  params: unknown,
  call: CallOptions | undefined,
  retrySafe: boolean,
) => Promise<TokenSet>;

/**
 * The secrets of the provider itself, known once: the client secret (also as an RFC 6749 §2.3.1 Basic
 * credential) and every option its definition marks secret. A request adds its own.
 */
function secretsOf(definition: AnyDefinition, options: BaseOptions): (string | undefined)[] {
  const optionSecrets = Object.entries(definition.options as Record<string, { secret?: boolean }>)
    .filter(([, info]) => info.secret)
    .map(([name]) => (options as unknown as Record<string, unknown>)[name])
    .filter((value): value is string => typeof value === "string");
  return [
    options.clientSecret,
    options.clientSecret === undefined
      ? undefined
      : basicAuthorization(options.clientId, options.clientSecret).slice("Basic ".length),
    ...optionSecrets,
    // Key material: the TLS key, and a private JWK given as the client-authentication key.
    ...keySecrets(options.tls?.key),
    ...keySecrets((options as { clientKey?: unknown }).clientKey),
  ];
}

/** The token grants a definition offers, each checking its parameters before anything is built or sent. */
function grantFlows(
  id: string,
  options: BaseOptions,
  grants: GrantBuilders<unknown, BaseOptions>,
  tokenCall: TokenCall,
): Record<string, unknown> {
  const flows: Record<string, unknown> = {};
  if (grants.authorization_code) {
    flows.exchangeCode = (params: CodeParams, call?: CallOptions) => {
      if (typeof params?.code !== "string" || params.code === "")
        throw invalidOptions("code must be a non-empty string", id);
      if (params.redirectUri !== undefined) checkRedirectUri("redirectUri", params.redirectUri, id);
      return tokenCall(
        "authorization_code",
        { ...params, redirectUri: params.redirectUri ?? options.redirectUri },
        call,
        false,
      );
    };
  }
  if (grants.client_credentials) {
    flows.clientCredentials = (params: ClientCredentialsParams = {}, call?: CallOptions) => {
      checkScopes(params?.scopes, id);
      return tokenCall("client_credentials", params, call, true);
    };
  }
  if (grants.password) {
    flows.password = (params: PasswordParams, call?: CallOptions) => {
      if (!params?.username || !params.password) throw invalidOptions("password needs a username and a password", id);
      checkScopes(params.scopes, id);
      return tokenCall("password", params, call, false);
    };
  }
  if (grants.refresh_token) {
    flows.refresh = (params: RefreshParams, call?: CallOptions) => {
      if (typeof params?.refreshToken !== "string" || params.refreshToken === "")
        throw invalidOptions("refresh needs a non-empty refreshToken", id);
      checkScopes(params.scopes, id);
      return tokenCall("refresh_token", params, call, true);
    };
  }
  return flows;
}

/** Checks the options every provider takes and the definition's own; returns the answer size cap and the transport. */
function checkOptions(
  definition: AnyDefinition,
  options: BaseOptions & EngineOptions,
): { maxResponseBytes: number; wire: TlsTransport } {
  validateBase(options, definition);
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (!(Number.isInteger(maxResponseBytes) && maxResponseBytes > 0)) {
    throw invalidOptions(
      `maxResponseBytes must be a whole number of bytes > 0, got ${String(maxResponseBytes)}`,
      definition.id,
    );
  }
  checkTelemetry(options, definition.id);
  definition.validate?.(options);
  return { maxResponseBytes, wire: tlsTransport(options, definition.id) };
}

/**
 * The push of an authorization request (RFC 9126) when the definition offers it and the options turn it on:
 * built by the definition, sent through the one call path as a token request is (client authentication,
 * and whatever the transport adds to every request), read strictly. Safe to repeat: each try stores a new request.
 */
function pushFlow(
  authorize: AuthorizeDefinition,
  options: BaseOptions,
  caller: Caller,
  build: <P>(builder: RequestBuilder<unknown, BaseOptions, P>, params: P) => ProviderRequest,
) {
  const push = authorize.push;
  if (!push?.enabled(options)) return undefined;
  const builder = push.request as RequestBuilder<unknown, BaseOptions, PushParams>;
  return (parameters: [string, string][]): Promise<PushedRequest> => {
    const request = build(builder, { parameters });
    return caller.run(undefined, true, async (ms) => readPushed(await caller.once(request, undefined, ms)));
  };
}

/** The revocation flow: sent once (not retried), resolving to the request id the provider echoed back. */
function revokeFlow(definition: AnyDefinition, caller: Caller, build: (params: unknown) => ProviderRequest) {
  return async (params: unknown, call?: CallOptions): Promise<RevokeResult> => {
    const request = build(params);
    const answer = await caller.run(call, false, (ms, resend) => caller.once(request, call, ms, "revoke", resend));
    const header = definition.requestIdHeader;
    const requestId = header === undefined ? undefined : (answer.response.headers.get(header) ?? undefined);
    return requestId === undefined ? {} : { requestId };
  };
}

/** The flows of a provider whose tokens may be sender-constrained (its definition's `boundTokens`). */
function boundTokenFlows(
  constraint: SenderConstraint,
  parts: {
    id: string;
    caller: Caller;
    clientFetch: ClientFetch;
    fixedSecrets: (string | undefined)[];
    wire: TlsTransport;
  },
) {
  const context = {
    provider: parts.id,
    fetch: parts.clientFetch,
    caller: parts.caller,
    secrets: parts.fixedSecrets,
    honoursSignal: honoursSignal(parts.wire.fetch),
    binding: constraint.binding,
    dpop: constraint.signer !== undefined,
  };
  return {
    binding: constraint.binding,
    fetchProtectedResource: (token: TokenSet, url: string | URL, init?: ResourceRequestInit) =>
      fetchProtectedResource(context, token, url, init),
  };
}

/**
 * Creates a provider's flows from its definition: `createProvider(acme, { clientId, clientSecret })`,
 * with `acme` from `@finoauth/auth/acme` (or your own `defineProvider`). The result offers exactly the flows the definition does
 * (the compiler knows which). Options are checked here, so a bad one fails at once with a message that
 * says what to fix. Every call goes through the generated client with a deadline, a size cap, no
 * redirects, retries only where safe, and one strict reading of the answer.
 */
export function createProvider<const D extends AnyDefinition>(
  definition: D,
  providerOptions: CreateOptionsOf<D> & EngineOptions,
): ProviderOf<D> {
  if (!isDefinition(definition)) {
    throw invalidOptions(
      'createProvider needs a provider definition, e.g. import { <name> } from "@finoauth/auth/<name>"; by name: @finoauth/auth/all',
    );
  }
  const options = providerOptions as unknown as BaseOptions & EngineOptions;
  const { maxResponseBytes, wire } = checkOptions(definition, options);
  const { id, displayName } = definition;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const constraint = senderConstraint(definition, options);
  const sent = transport(wire.fetch, maxResponseBytes, wire.base);
  // Every request through the generated client (token, PAR, revoke, …) carries a DPoP proof when there is a key.
  const clientFetch = constraint ? constraint.wrap(sent) : sent;
  // Both given, so that openapi-fetch never reads the global fetch or Request: nothing loads undici before the first call.
  const client = definition.createClient(
    {
      baseUrl: options.baseUrl ?? definition.defaultBaseUrl,
      fetch: clientFetch as unknown as ClientFactoryOptions["fetch"],
      Request: LightRequest as unknown as typeof Request,
    },
    options,
  );

  const fixedSecrets = secretsOf(definition, options);

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

  const caller = createCaller({
    provider: id,
    token: constraint ? constraint.tokenShape(definition.token) : definition.token,
    errors: definition.errors,
    requestIdHeader: definition.requestIdHeader,
    fetch: wire.fetch,
    timeoutMs,
    deadlineMs: options.deadlineMs,
    retry,
    secrets: fixedSecrets,
    now,
    beforeSend: requireSecret,
    telemetry: Telemetry.of(options.telemetry, options.onEvent),
  });

  const grants = definition.grants as GrantBuilders<unknown, BaseOptions>;
  const tokenCall: TokenCall = async (grant, params, call, retrySafe) => {
    const builder = grants[grant] as RequestBuilder<unknown, BaseOptions, unknown> | undefined;
    if (!builder) throw unsupported(id, `${displayName} does not offer this grant`);
    const request = build(builder, params);
    const token = await caller.run(call, retrySafe, async (ms, resend) =>
      readToken(await caller.once(request, call, ms, grant, resend)),
    );
    return constraint ? constraint.bind(token) : token;
  };

  const flows: Record<string, unknown> = { id, displayName, definition };

  Object.assign(flows, grantFlows(id, options, grants, tokenCall));
  const authorize = definition.authorize;
  if (grants.authorization_code && authorize) {
    const exchange = (params: CodeParams, call: CallOptions | undefined) =>
      tokenCall("authorization_code", params, call, false);
    const push = pushFlow(authorize, options, caller, build);
    Object.assign(flows, authorizeFlows({ definition, authorize, options, now, exchange, push }));
  }
  const revoke = definition.revoke as RequestBuilder<unknown, BaseOptions, unknown> | undefined;
  if (revoke) flows.revoke = revokeFlow(definition, caller, (params) => build(revoke, params));
  if (constraint) Object.assign(flows, boundTokenFlows(constraint, { id, caller, clientFetch, fixedSecrets, wire }));
  if (definition.extend) {
    const engine: Engine<unknown, BaseOptions> = caller.engine(client, options);
    Object.assign(flows, definition.extend(engine));
  }
  return flows as ProviderOf<D>;
}
