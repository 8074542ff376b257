// What a provider is to the engine: its options, the request builders' contract, and the definition
// (quirks as data plus typed request builders) from which createProvider builds its flows.

import type { AuthorizeDefinition } from "./authorize-params.js";
import type { Answer } from "./classify.js";
import type { FinoauthError } from "./errors.js";
import type { TlsOptions } from "./fapi/tls.js";
import type {
  ClientCredentialsParams,
  CodeParams,
  PasswordParams,
  RefreshParams,
  RevokeParams,
} from "./flow-params.js";
import type { RetryPolicy } from "./retry.js";
import type { StateStore } from "./state-store.js";
import type { TokenSet } from "./token-set.js";
import type { ErrorShape, TokenShape } from "./token-shape.js";
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
  /**
   * A fetch to use instead of the global one (it gets a WHATWG `Request`; its answer is counted against
   * the cap). Without it, on Node, while the global fetch is Node's own, requests go straight to the
   * dispatcher that fetch uses (undici's global one: `setGlobalDispatcher` applies); a replaced global
   * fetch, and every other runtime's, is called. `createNodeTransport()` from `@finoauth/auth/node` gives
   * pools of your own.
   */
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
  /**
   * Mutual TLS (RFC 8705): the client certificate every call presents, its private key and, optionally,
   * the CAs that replace the system roots for the server's certificate (PEM). Node (the default fetch or
   * `@finoauth/auth/node`'s transport) and Bun; refused where no client certificate can be presented.
   */
  tls?: TlsOptions | undefined;
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
  /**
   * The per-call secrets this request sends (codes, verifiers, tokens, passwords, pins); the client secret is
   * known already. Read again after each send: `send` may add one it made (a fresh client assertion).
   */
  secrets?: readonly (string | undefined)[];
  /** What the call is, for telemetry (`introspect`, `discovery`…); a grant's or revoke's request needs none. */
  flow?: string | undefined;
}

/** Maps a uniform call onto a provider's generated operation. */
export type RequestBuilder<Client, Options, Params> = (
  client: Client,
  options: Options,
  params: Params,
) => ProviderRequest;

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
  /**
   * The provider's tokens may be sender-constrained: the engine takes the `dpop` option (a DPoP proof on
   * every request, RFC 9449), records each token's binding (`cnf`: the DPoP key's or the `tls` client
   * certificate's thumbprint), and adds `binding()` and `fetchProtectedResource`.
   */
  boundTokens?: boolean;
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

/** Any provider definition. */
export type AnyDefinition = ProviderDefinition<any, any, any, any>;

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
