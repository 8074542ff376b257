import type { ProviderHints } from "./types.js";

/** Financial Cents: no options of its own; the demo's values and answers come from specs/financial-cents.yaml. */
export const financialCentsHints: ProviderHints<never> = {
  options: {},
  demo: {
    values: {
      clientId: "7956",
      clientSecret: "demo-client-secret",
      redirectUri: "https://app.example.com/callback",
      prompt: "consent",
    },
    prefer: {
      authorizationUrl: "code=302",
      exchangeCode: "code=200, example=authorizationCode",
      refresh: "code=200, example=refreshToken",
    },
  },
};
