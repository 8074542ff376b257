import { type components, createFincalcClient, FINCALC_PRODUCTION_URL, type FincalcClient } from "@finoauth/fincalc";
import { type BaseOptions, defineProvider } from "../definition.js";
import { invalidOptions } from "../errors.js";
import { nameProvider, type ProviderFlows } from "../provider-flows.js";
import { joinScopes } from "../request-parts.js";

/** Options of FinCalc: client credentials plus the e-mail address you log in to FinCalc with. */
export interface FincalcOptions extends BaseOptions {
  /** Must be the e-mail address of your FinCalc login. */
  emailAddress: string;
  /** FinCalc requires a scope; default `api_scope` (the document's example). */
  defaultScopes?: readonly string[] | undefined;
}

const definition = defineProvider<FincalcClient, FincalcOptions>()({
  id: "fincalc",
  displayName: "FinCalc",
  defaultBaseUrl: FINCALC_PRODUCTION_URL,
  requiresClientSecret: "always",
  options: { emailAddress: {}, defaultScopes: {} },
  createClient: (clientOptions) => createFincalcClient(clientOptions),
  validate(options) {
    if (typeof options.emailAddress !== "string" || !/^[^@\s]+@[^@\s]+$/.test(options.emailAddress)) {
      throw invalidOptions("emailAddress must be the e-mail address of your FinCalc login", "fincalc");
    }
  },
  token: { envelope: { data: "data", success: "success" }, accessToken: "access_token" },
  errors: { code: ["error"], providerCode: [], description: ["message.description", "message"] },
  grants: {
    client_credentials: (client, options, p) => {
      const body: components["schemas"]["TokenRequest"] = {
        grant_type: "client_credentials",
        client_id: options.clientId,
        client_secret: options.clientSecret!,
        scope: joinScopes(p.scopes ?? options.defaultScopes ?? ["api_scope"], " ")!,
        email_address: options.emailAddress,
      };
      return { send: (init) => client.POST("/api/oauth/token", { ...init, body }) };
    },
  },
});

/** A FinCalc provider, as `createProvider(fincalc, …)` returns it: the name compiler messages show. */
export interface FincalcProvider extends ProviderFlows<typeof definition> {}

/**
 * FinCalc: client credentials only, JSON body with a required `email_address`, responses wrapped in
 * `{ success, data }` / `{ success: false, message }`. Tokens last 24 h and cannot be refreshed.
 */
export const fincalc = nameProvider<FincalcProvider>()(definition);
