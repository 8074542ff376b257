/**
 * @finoauth/auth: the engine that runs OAuth flows over the generated @finoauth clients, with one
 * normalised TokenSet, one error type and a token manager. It knows no provider: each is a definition
 * on its own subpath (`@finoauth/auth/<name>`), and `@finoauth/auth/all` has them all, by name.
 * @packageDocumentation
 */
export { createProvider, DEFAULT_MAX_RESPONSE_BYTES, type EngineOptions } from "./create-provider.js";
export {
  defineProvider,
  RESERVED_AUTHORIZE_PARAMETERS,
  type AnyDefinition,
  type AuthorizationUrlParams,
  type AuthorizeParameters,
  type AuthorizeParameterValue,
  type AuthorizeDefinition,
  type AuthorizeValues,
  type BaseOptions,
  type CallbackOptions,
  type ClientCredentialsParams,
  type ClientFactoryOptions,
  type CodeParams,
  type Engine,
  type FlowName,
  type GrantBuilders,
  type GrantName,
  type OptionInfo,
  type OptionInfos,
  type OptionsOf,
  type CreateOptionsOf,
  nameProvider,
  type ProviderOf,
  type PasswordParams,
  type PromptOf,
  type ProviderDefinition,
  type ProviderFlows,
  type ProviderRequest,
  type RefreshParams,
  type RequestBuilder,
  type ReservedAuthorizeParameter,
  type RevokeParams,
  type RevokeResult,
  type Send,
  type TokenExtrasOf,
  type TokenOf,
} from "./definition.js";
export type { CallOptions, ClientResult, SendInit } from "./transport.js";
export type { Answer } from "./classify.js";
export { RFC6749_ERRORS, type ErrorFlow, type ErrorShape, type ExtraField, type ExtrasOf, type FieldPath, type ScopeFormat, type TokenShape } from "./token-shape.js";
export { FinoauthError, invalidOptions, type CallbackReason, type FinoauthErrorKind, type OAuthErrorCode } from "./errors.js";
export { TokenSet, type TokenExtras, type TokenSetData } from "./token-set.js";
export { MemoryStateStore, type PendingAuthorization, type StateStore } from "./state-store.js";
export type { RetryPolicy } from "./retry.js";
export { mask, scrub } from "./redact.js";
export { closestName, didYouMean } from "./did-you-mean.js";
export { checkRedirectUri, checkUrl, isLoopbackHost } from "./option-checks.js";
export { basicAuthorization, compact, joinScopes, type Compact, type Loose } from "./request-parts.js";
export { createTokenManager, type TokenManager, type TokenManagerLogger, type TokenManagerOptions, type TokenRequestOptions } from "./token-manager.js";
export { MemoryTokenStore, type TokenStore } from "./store.js";
export { isStaleFenceError, StaleFenceError, type FencedLock, type TokenStoreSetOptions } from "./store.js";
export { isUntrustedRecordError, UntrustedRecordError } from "./store.js";
