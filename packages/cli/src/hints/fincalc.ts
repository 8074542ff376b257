import type { ProviderHints } from "./types.js";

/** FinCalc: the login's e-mail address (required) and the default scopes. */
export const fincalcHints: ProviderHints<"emailAddress" | "defaultScopes"> = {
  options: {
    emailAddress: {
      flag: "email-address",
      value: "<email>",
      help: "the e-mail address of your FinCalc login",
      required: true,
      example: "hello@example.com",
    },
    defaultScopes: {
      flag: "default-scope",
      value: "<scopes>",
      help: "the scopes to ask for when a call names none (default api_scope)",
      parse: (text) => text.split(/[\s,]+/).filter(Boolean),
    },
  },
  demo: {
    values: { clientId: "12345", clientSecret: "bVc8ztJq3N92uUM4mRSoDkE6Wx5fnGhXlPaPyTg7", scopes: ["api_scope"] },
    prefer: { clientCredentials: "code=200, example=success" },
  },
};
