/**
 * @finoauth/auth: the engine that runs OAuth flows over the generated @finoauth clients, with one
 * normalised TokenSet, one error type and a token manager. It knows no provider: each is a definition
 * on its own subpath (`@finoauth/auth/<name>`), and `@finoauth/auth/all` has them all, by name.
 * @packageDocumentation
 */

export type { Answer } from "./classify.js";
export { createProvider, DEFAULT_MAX_RESPONSE_BYTES, type EngineOptions } from "./create-provider.js";
export {
  type AnyDefinition,
  type AuthorizationUrlParams,
  type AuthorizeDefinition,
  type AuthorizeParameters,
  type AuthorizeParameterValue,
  type AuthorizeValues,
  type BaseOptions,
  type CallbackOptions,
  type ClientCredentialsParams,
  type ClientFactoryOptions,
  type CodeParams,
  type CreateOptionsOf,
  defineProvider,
  type Engine,
  type FlowName,
  type GrantBuilders,
  type GrantName,
  nameProvider,
  type OptionInfo,
  type OptionInfos,
  type OptionsOf,
  type PasswordParams,
  type PromptOf,
  type ProviderDefinition,
  type ProviderFlows,
  type ProviderOf,
  type ProviderRequest,
  RESERVED_AUTHORIZE_PARAMETERS,
  type RefreshParams,
  type RequestBuilder,
  type ReservedAuthorizeParameter,
  type RevokeParams,
  type RevokeResult,
  type Send,
  type TokenExtrasOf,
  type TokenOf,
} from "./definition.js";
export { closestName, didYouMean } from "./did-you-mean.js";
export {
  type CallbackReason,
  FinoauthError,
  type FinoauthErrorKind,
  invalidOptions,
  type OAuthErrorCode,
} from "./errors.js";
export { checkRedirectUri, checkUrl, isLoopbackHost } from "./option-checks.js";
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
export { type TokenExtras, TokenSet, type TokenSetData } from "./token-set.js";
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
