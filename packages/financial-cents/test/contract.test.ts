import { bodyOr, describeContract } from "@finoauth/testkit";
import { expectTypeOf } from "vitest";
import {
  createFinancialCentsClient,
  FINANCIAL_CENTS_PRODUCTION_URL,
  type FinancialCentsClient,
  type operations,
} from "../src/index.js";

const credentials = { client_id: "7956", client_secret: "YOUR_CLIENT_SECRET" };

describeContract<FinancialCentsClient, keyof operations>({
  spec: "financial-cents",
  createClient: createFinancialCentsClient,
  defaultBaseUrl: FINANCIAL_CENTS_PRODUCTION_URL,
  calls: {
    authorize: (api, { headers }) =>
      api.GET("/oauth/authorize", {
        params: {
          query: {
            client_id: credentials.client_id,
            redirect_uri: "http://third-party-app.com/callback",
            response_type: "code",
            scope: "",
            state: "RANDOM_STRING",
            prompt: "consent",
          },
        },
        // The consent page (200) is HTML, not JSON.
        parseAs: "text",
        headers,
      }),
    async token(api, init) {
      const result = await api.POST("/oauth/token", {
        body: bodyOr(init, {
          grant_type: "authorization_code",
          ...credentials,
          redirect_uri: "http://third-party-app.com/callback",
          code: "AUTHORIZATION_CODE",
        } as const),
        headers: init.headers,
      });
      if (result.data) expectTypeOf(result.data.expires_in).toEqualTypeOf<number>();
      return result;
    },
  },
});
