import {
  type components,
  createFinexerClient,
  FINEXER_PRODUCTION_URL,
  type FinexerClient,
  type operations,
} from "@finoauth/finexer";
import { type BaseOptions, defineProvider } from "../definition.js";
import { invalidOptions } from "../errors.js";
import { nameProvider, type ProviderFlows } from "../provider-flows.js";
import { compact, type Loose } from "../request-parts.js";

type Schemas = components["schemas"];

/** Options of Finexer: the platform's client id (`app_…`) and secret API key (`clientSecret`). */
export type FinexerOptions = BaseOptions;

/** Revoking at Finexer, which revokes refresh tokens only: `{ token }` with `tokenTypeHint` absent or `refresh_token`. */
export interface FinexerRevokeParams {
  token: string;
  tokenTypeHint?: "refresh_token" | undefined;
}

const definition = defineProvider<FinexerClient, FinexerOptions, FinexerRevokeParams>()({
  id: "finexer",
  displayName: "Finexer",
  defaultBaseUrl: FINEXER_PRODUCTION_URL,
  requiresClientSecret: true,
  options: {},
  createClient: (clientOptions) => createFinexerClient(clientOptions),
  token: {
    accessToken: "access_token",
    scope: { format: "space-or-comma" },
    extras: { accountId: { path: "account_id", type: "string" } },
  },
  errors: { code: ["error"], providerCode: ["error_code"], description: ["error_description"] },
  authorize: {
    path: "/",
    pkce: false,
    scopeSeparator: ",",
    requiresRedirectUri: false,
    query: (v) =>
      ({
        client_id: v.clientId,
        response_type: "code",
        redirect_uri: v.redirectUri,
        scope: v.scope,
        state: v.state,
      }) satisfies Loose<operations["authorize"]["parameters"]["query"]>,
  },
  grants: {
    authorization_code: (client, options, p) => {
      const body: Schemas["AuthorizationCodeTokenRequest"] = {
        grant_type: "authorization_code",
        code: p.code,
        client_id: options.clientId,
        client_secret: options.clientSecret!,
      };
      return { send: (init) => client.POST("/token", { ...init, body }), secrets: [p.code] };
    },
  },
  /** Finexer revokes by refresh token only. */
  revoke: (client, options, p: FinexerRevokeParams) => {
    const refreshToken = p?.token;
    if (typeof refreshToken !== "string" || refreshToken === "")
      throw invalidOptions("Finexer's revoke needs the refresh token: revoke({ token: refreshToken })", "finexer");
    if (p.tokenTypeHint !== undefined && p.tokenTypeHint !== "refresh_token") {
      throw invalidOptions(
        "Finexer revokes refresh tokens only: pass the refresh token, with tokenTypeHint refresh_token or none",
        "finexer",
      );
    }
    const body: Schemas["RevokeRequest"] = compact({
      client_id: options.clientId,
      client_secret: options.clientSecret!,
      refresh_token: refreshToken,
    });
    return { send: (init) => client.POST("/1", { ...init, body }), secrets: [refreshToken] };
  },
});

/** A Finexer provider, as `createProvider(finexer, …)` returns it: the name compiler messages show. */
export interface FinexerProvider extends ProviderFlows<typeof definition> {}

/**
 * Finexer: authorization code (no PKCE, no refresh grant documented), revoke by refresh token (204).
 * The token response has `account_id` and a comma-separated `scope`, and no `expires_in`.
 */
export const finexer = nameProvider<FinexerProvider>()(definition);
