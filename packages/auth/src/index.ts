/**
 * @finoauth/auth: the engine that runs OAuth flows over the generated @finoauth clients, with one
 * normalised TokenSet, one error type and a token manager. It knows no provider: each is a definition
 * on its own subpath (`@finoauth/auth/<name>`), and `@finoauth/auth/all` has them all, by name.
 * @packageDocumentation
 */

export {
  type AuthorizationUrlParams,
  type AuthorizeDefinition,
  type AuthorizeParameters,
  type AuthorizeParameterValue,
  type AuthorizeValues,
  RESERVED_AUTHORIZE_PARAMETERS,
  type ReservedAuthorizeParameter,
} from "./authorize-params.js";
export type { Answer } from "./classify.js";
export { createProvider, DEFAULT_MAX_RESPONSE_BYTES, type EngineOptions } from "./create-provider.js";
export {
  type AnyDefinition,
  type BaseOptions,
  type ClientFactoryOptions,
  defineProvider,
  type Engine,
  type FlowName,
  type GrantBuilders,
  type GrantName,
  type OptionInfo,
  type OptionInfos,
  type ProviderDefinition,
  type ProviderRequest,
  type RequestBuilder,
  type Send,
} from "./definition.js";
export { closestName, didYouMean } from "./did-you-mean.js";
export {
  type CallbackReason,
  FinoauthError,
  type FinoauthErrorKind,
  invalidOptions,
  type OAuthErrorCode,
} from "./errors.js";
export type { ResourceRequestInit, ResourceResponse } from "./fapi/protected-resource.js";
export type {
  CallbackOptions,
  ClientCredentialsParams,
  CodeParams,
  PasswordParams,
  RefreshParams,
  RevokeParams,
  RevokeResult,
} from "./flow-params.js";
export { checkRedirectUri, checkUrl, isLoopbackHost } from "./option-checks.js";
export {
  type BoundTokenFlows,
  type CreateOptionsOf,
  nameProvider,
  type OptionsOf,
  type PromptOf,
  type ProviderFlows,
  type ProviderOf,
  type TokenExtrasOf,
  type TokenOf,
} from "./provider-flows.js";
export { mask, scrub } from "./redact.js";
export { basicAuthorization, type Compact, compact, joinScopes, type Loose } from "./request-parts.js";
export type { RetryPolicy } from "./retry.js";
export { MemoryStateStore, type PendingAuthorization, type StateStore } from "./state-store.js";
export {
  type FencedLock,
  isStaleFenceError,
  isUntrustedRecordError,
  MemoryTokenStore,
  StaleFenceError,
  type TokenStore,
  type TokenStoreSetOptions,
  UntrustedRecordError,
} from "./store.js";
export {
  createTokenManager,
  type TokenManager,
  type TokenManagerLogger,
  type TokenManagerOptions,
  type TokenRequestOptions,
} from "./token-manager.js";
export { type TokenBinding, type TokenExtras, TokenSet, type TokenSetData } from "./token-set.js";
export {
  type ErrorFlow,
  type ErrorShape,
  type ExtraField,
  type ExtrasOf,
  type FieldPath,
  RFC6749_ERRORS,
  type ScopeFormat,
  type TokenShape,
} from "./token-shape.js";
export type { CallOptions, ClientResult, SendInit } from "./transport.js";
