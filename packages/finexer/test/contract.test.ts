import { bodyOr, describeContract } from "@finoauth/testkit";
import { expectTypeOf } from "vitest";
import { createFinexerClient, FINEXER_PRODUCTION_URL, type FinexerClient, type operations } from "../src/index.js";

const credentials = { client_id: "app_XBl7BcXJAXYK3", client_secret: "sk_test_secret" };

describeContract<FinexerClient, keyof operations>({
  spec: "finexer",
  createClient: createFinexerClient,
  defaultBaseUrl: FINEXER_PRODUCTION_URL,
  calls: {
    authorize: (api, { headers }) =>
      api.GET("/", {
        params: {
          query: {
            client_id: credentials.client_id,
            response_type: "code",
            redirect_uri: "https://yourplatformwebsite.com/authorize",
            scope: "customer_read,customer_write",
            state: "6f1c2b9e8d",
          },
        },
        headers,
      }),
    async token(api, init) {
      const result = await api.POST("/token", {
        body: bodyOr(init, { grant_type: "authorization_code", code: "AUTHORIZATION_CODE", ...credentials } as const),
        headers: init.headers,
      });
      if (result.data) expectTypeOf(result.data.account_id).toEqualTypeOf<string>();
      return result;
    },
    revoke: (api, init) =>
      api.POST("/1", { body: bodyOr(init, { ...credentials, refresh_token: "REFRESH_TOKEN" }), headers: init.headers }),
  },
});
