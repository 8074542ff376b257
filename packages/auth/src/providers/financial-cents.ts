import {
  type components,
  createFinancialCentsClient,
  FINANCIAL_CENTS_PRODUCTION_URL,
  type FinancialCentsClient,
  type operations,
} from "@finoauth/financial-cents";
import { type BaseOptions, defineProvider } from "../definition.js";
import { nameProvider, type ProviderFlows } from "../provider-flows.js";
import { compact, joinScopes, type Loose } from "../request-parts.js";

type Schemas = components["schemas"];
type AuthorizeQuery = operations["authorize"]["parameters"]["query"];

/** Options of Financial Cents: a confidential client (id and secret) with a registered redirect URI. */
export interface FinancialCentsOptions extends BaseOptions {
  redirectUri: string;
}

const definition = defineProvider<FinancialCentsClient, FinancialCentsOptions>()({
  id: "financial-cents",
  displayName: "Financial Cents",
  defaultBaseUrl: FINANCIAL_CENTS_PRODUCTION_URL,
  requiresClientSecret: true,
  options: {},
  createClient: (clientOptions) => createFinancialCentsClient(clientOptions),
  token: { accessToken: "access_token" },
  errors: { code: ["error"], providerCode: [], description: ["error_description", "message", "hint"] },
  authorize: {
    path: "/oauth/authorize",
    pkce: true,
    scopeSeparator: " ",
    requiresRedirectUri: true,
    prompts: ["none", "consent", "login"],
    query: (v) =>
      ({
        client_id: v.clientId,
        redirect_uri: v.redirectUri ?? "",
        response_type: "code",
        scope: v.scope ?? "",
        state: v.state,
        prompt: v.prompt as AuthorizeQuery["prompt"],
        code_challenge: v.codeChallenge,
        code_challenge_method: v.codeChallenge ? "S256" : undefined,
      }) satisfies Loose<AuthorizeQuery>,
  },
  grants: {
    authorization_code: (client, options, p) => {
      const body: Loose<Schemas["AuthorizationCodeGrantRequest"]> = {
        grant_type: "authorization_code",
        client_id: options.clientId,
        client_secret: options.clientSecret!,
        redirect_uri: p.redirectUri ?? options.redirectUri,
        code: p.code,
        code_verifier: p.codeVerifier,
      };
      return {
        send: (init) => client.POST("/oauth/token", { ...init, body: compact(body) }),
        secrets: [p.code, p.codeVerifier],
      };
    },
    refresh_token: (client, options, p) => {
      const body: Loose<Schemas["RefreshTokenGrantRequest"]> = {
        grant_type: "refresh_token",
        refresh_token: p.refreshToken,
        client_id: options.clientId,
        client_secret: options.clientSecret!,
        scope: joinScopes(p.scopes, " "),
      };
      return {
        send: (init) => client.POST("/oauth/token", { ...init, body: compact(body) }),
        secrets: [p.refreshToken],
      };
    },
  },
});

/** A Financial Cents provider, as `createProvider(financialCents, …)` returns it: the name compiler messages show. */
export interface FinancialCentsProvider extends ProviderFlows<typeof definition> {}

/**
 * Financial Cents (Laravel Passport): authorization code with `prompt`, refresh. Fields go in a form body,
 * although the document shows a query string (see specs/financial-cents.yaml). PKCE is sent: Passport
 * supports it, the document does not mention it. No revoke is documented.
 */
export const financialCents = nameProvider<FinancialCentsProvider>()(definition);
