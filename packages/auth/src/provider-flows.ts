// The types `createProvider` derives from a definition: its options, the provider it returns (named or
// spelled out flow by flow), and the TokenSet its flows resolve to.
import type { AuthorizationUrlParams, AuthorizeDefinition } from "./authorize-params.js";
import type { AnyDefinition, ProviderDefinition } from "./definition.js";
import type { ResourceRequestInit, ResourceResponse } from "./fapi/protected-resource.js";
import type {
  CallbackOptions,
  ClientCredentialsParams,
  CodeParams,
  PasswordParams,
  RefreshParams,
  RevokeResult,
} from "./flow-params.js";
import type { TokenBinding, TokenSet } from "./token-set.js";
import type { ExtrasOf } from "./token-shape.js";
import type { CallOptions } from "./transport.js";

type Method<Params, Result, Optional extends boolean = false> = Optional extends true
  ? (params?: Params, call?: CallOptions) => Promise<Result>
  : (params: Params, call?: CallOptions) => Promise<Result>;

/** The options type of a definition (carried by {@link defineProvider}). */
export type OptionsOf<D> = D extends { readonly "~options"?: infer O } ? O : never;

/**
 * The options `createProvider` takes for a definition: {@link OptionsOf}, with `clientSecret` required
 * where the definition says every flow sends it (`requiresClientSecret: "always"`).
 */
export type CreateOptionsOf<D> = OptionsOf<D> &
  (D extends { requiresClientSecret: "always" } ? { clientSecret: string } : unknown);

/**
 * The provider `createProvider` returns for a definition: the interface the definition names (such as
 * `FinapiProvider`, see {@link nameProvider}), which the compiler prints by name in its messages, or else
 * the {@link ProviderFlows} of the definition.
 */
export type ProviderOf<D> = D extends { readonly "~provider"?: infer P }
  ? unknown extends P
    ? ProviderFlows<D>
    : P
  : ProviderFlows<D>;

/**
 * Names the provider type of a definition, so that compiler messages say `AcmeProvider` instead of spelling
 * out every flow: `const definition = defineProvider<…>()({ … })`, then
 * `export interface AcmeProvider extends ProviderFlows<typeof definition> {}` and
 * `export const acme = nameProvider<AcmeProvider>()(definition)`; `createProvider(acme, …)` returns `AcmeProvider`.
 */
export function nameProvider<P>() {
  return <const D extends AnyDefinition>(definition: D): D & { readonly "~provider"?: P } => definition;
}

/** The token extras of a definition: its `token.extras`, plus `requestId` when it has a request-id header. */
export type TokenExtrasOf<D> = (D extends { token: { extras: infer E } } ? ExtrasOf<E> : {}) &
  (D extends { requestIdHeader: string } ? { readonly requestId?: string } : {});

/** The TokenSet a definition's flows resolve to. */
export type TokenOf<D> = TokenSet<TokenExtrasOf<D>>;

/** The `prompt` values a definition's authorization endpoint takes (`never` when it has none). */
export type PromptOf<D> = D extends { authorize: { prompts?: infer L } }
  ? L extends readonly (infer P extends string)[]
    ? P
    : never
  : never;

/** The flows of a provider, present only where its definition offers them. */
export type ProviderFlows<D> =
  D extends ProviderDefinition<any, any, infer G, infer R>
    ? { readonly id: D["id"]; readonly displayName: string; readonly definition: D } & (G extends {
        authorization_code: any;
      }
        ? {
            /** Exchanges an authorization code. Never retried: a code is single-use. */
            exchangeCode: Method<CodeParams, TokenOf<D>>;
          } & (D extends { authorize: AuthorizeDefinition }
            ? {
                /** Builds the URL to send the user to, with a fresh random state (and PKCE where supported). */
                authorizationUrl(params?: AuthorizationUrlParams<PromptOf<D>>): Promise<{ url: string; state: string }>;
                /** Checks the callback (state single-use, 10 minutes, constant time; `error=` → typed error) and exchanges its code. */
                handleCallback(callbackUrl: string | URL, call?: CallbackOptions): Promise<TokenOf<D>>;
              }
            : unknown)
        : unknown) &
        (G extends { client_credentials: any }
          ? { clientCredentials: Method<ClientCredentialsParams, TokenOf<D>, true> }
          : unknown) &
        (G extends { password: any } ? { password: Method<PasswordParams, TokenOf<D>> } : unknown) &
        (G extends { refresh_token: any } ? { refresh: Method<RefreshParams, TokenOf<D>> } : unknown) &
        (D extends { revoke: any } ? { revoke: Method<R, RevokeResult> } : unknown) &
        (D extends { boundTokens: true } ? BoundTokenFlows<TokenOf<D>> : unknown) &
        (D extends { extend(engine: any): infer E } ? E : unknown)
    : never;

/** The flows of a provider whose tokens may be sender-constrained (DPoP, certificate-bound). */
export interface BoundTokenFlows<Token extends TokenSet = TokenSet> {
  /**
   * What this provider's tokens are bound to: the RFC 7638 thumbprint of its DPoP key (`jkt`) and of its
   * client certificate (`x5t#S256`). Give it to `createTokenManager({ binding })`: a stored token bound to
   * anything else is refused before use.
   */
  binding(): Promise<TokenBinding>;
  /**
   * Calls a resource server with `token` (`Authorization: DPoP` and a proof with `ath` for a DPoP token,
   * `Bearer` otherwise), on the provider's wire: no redirect followed, the size cap, the deadline, the
   * client certificate when there is one; a DPoP nonce challenge answered once. The body is read whole.
   */
  fetchProtectedResource(token: Token, url: string | URL, init?: ResourceRequestInit): Promise<ResourceResponse>;
}
