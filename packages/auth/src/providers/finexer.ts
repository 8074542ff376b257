import { createFinexerClient, FINEXER_PRODUCTION_URL, type components, type FinexerClient, type operations } from "@finoauth/finexer";
import { defineProvider, type BaseOptions } from "../definition.js";
import { compact } from "./shared.js";

type Schemas = components["schemas"];

/** Options of Finexer: the platform's client id (`app_…`) and secret API key. */
export interface FinexerOptions extends BaseOptions {
  clientSecret: string;
}

/**
 * Finexer: authorization code (no PKCE, no refresh grant documented), revoke by refresh token (204).
 * The token response has `account_id` and a comma-separated `scope`, and no `expires_in`.
 */
export const finexer = defineProvider<FinexerClient, FinexerOptions, { refreshToken: string }>()({
  id: "finexer",
  displayName: "Finexer",
  defaultBaseUrl: FINEXER_PRODUCTION_URL,
  requiresClientSecret: true,
  createClient: (clientOptions) => createFinexerClient(clientOptions),
  token: { accessToken: "access_token", scopes: "space-or-comma", expiresIn: "number", extras: { accountId: "account_id" } },
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
      }) satisfies operations["authorize"]["parameters"]["query"],
  },
  grants: {
    authorization_code: (client, options, p) => {
      const body: Schemas["AuthorizationCodeTokenRequest"] = {
        grant_type: "authorization_code",
        code: p.code,
        client_id: options.clientId,
        client_secret: options.clientSecret,
      };
      return (init) => client.POST("/token", { ...init, body });
    },
  },
  /** Finexer revokes by refresh token only. */
  revoke: (client, options, p: { refreshToken: string }) => {
    const body: Schemas["RevokeRequest"] = compact({ client_id: options.clientId, client_secret: options.clientSecret, refresh_token: p.refreshToken });
    return (init) => client.POST("/1", { ...init, body });
  },
});
