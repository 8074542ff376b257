import { bodyOr, describeContract } from "@finoauth/testkit";
import { expectTypeOf } from "vitest";
import { createFinapiClient, FINAPI_PRODUCTION_URL, type FinapiClient, type operations } from "../src/index.js";

const client = { client_id: "clientId_example", client_secret: "clientSecret_example" };

describeContract<FinapiClient, keyof operations>({
  spec: "finapi",
  createClient: createFinapiClient,
  defaultBaseUrl: FINAPI_PRODUCTION_URL,
  calls: {
    async token(api, init) {
      const result = await api.POST("/oauth/token", {
        params: { header: { "X-Request-Id": "req-42" } },
        body: bodyOr(init, {
          grant_type: "password",
          ...client,
          username: "username_example",
          password: "password_example",
        } as const),
        headers: init.headers,
      });
      if (result.data) expectTypeOf(result.data.access_token).toEqualTypeOf<string>();
      return result;
    },
    revoke: (api, { headers }) =>
      api.POST("/oauth/revoke", {
        params: {
          query: { token: "refresh-token", token_type_hint: "refresh_token" },
          header: { "X-Request-Id": "req-43" },
        },
        headers: { ...headers, Authorization: "Bearer client-token" },
      }),
  },
});
