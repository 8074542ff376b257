import type { ProviderHints } from "./types.js";

/** Finexer: revokes refresh tokens only, and only its authorization URL takes scopes. */
export const finexerHints: ProviderHints<never> = {
  options: {},
  revokes: ["refresh_token"],
  scopes: ["authorizationUrl"],
  demo: {
    values: {
      clientId: "app_demo",
      clientSecret: "sk_demo_secret_api_key",
      redirectUri: "https://app.example.com/finexer/callback",
      scopes: ["customer_read", "customer_write"],
    },
    prefer: { authorizationUrl: "code=302", exchangeCode: "code=200, example=success", revoke: "code=204" },
  },
};
