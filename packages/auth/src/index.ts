/**
 * @finoauth/auth: one way to run every provider's OAuth flows over the generated @finoauth clients,
 * with one normalised TokenSet, one error type and a token manager.
 * @packageDocumentation
 */
export { createProvider, providers, type Provider, type ProviderName, type ProviderOptions } from "./providers/index.js";
export type {
  AuthorizationUrlParams,
  BaseOptions,
  CallbackOptions,
  ClientCredentialsParams,
  CodeParams,
  PasswordParams,
  RefreshParams,
  RevokeParams,
  RevokeResult,
} from "./definition.js";
export type { CallOptions } from "./call.js";
export { FinoauthError, type CallbackReason, type FinoauthErrorKind, type OAuthErrorCode } from "./errors.js";
export { TokenSet, type ProviderId, type TokenExtras, type TokenSetData } from "./token-set.js";
export { MemoryStateStore, type PendingAuthorization, type StateStore } from "./authorization.js";
export type { RetryPolicy } from "./retry.js";
export { mask } from "./redact.js";
export { createTokenManager, type TokenManager, type TokenManagerLogger, type TokenManagerOptions, type TokenRequestOptions } from "./token-manager.js";
export { MemoryTokenStore, type ReleaseLock, type TokenStore } from "./store.js";
export { isStaleFenceError, StaleFenceError, type FencedLock, type TokenStoreSetOptions } from "./store.js";
export type { OAuth2Options } from "./providers/oauth2.js";
export type { FinancialCentsOptions } from "./providers/financial-cents.js";
export type { FinexerOptions } from "./providers/finexer.js";
export type { FincalcOptions } from "./providers/fincalc.js";
export type { FinapiOptions, FinapiRevokeParams } from "./providers/finapi.js";
export type { OAuthKeyParams, OAuthKeyResult, SynapsefiFlows, SynapsefiOptions } from "./providers/synapsefi.js";
