import { bodyOr, describeContract } from "@finoauth/testkit";
import { expectTypeOf } from "vitest";
import { createFincalcClient, FINCALC_PRODUCTION_URL, type FincalcClient, type operations } from "../src/index.js";

describeContract<FincalcClient, keyof operations>({
  spec: "fincalc",
  createClient: createFincalcClient,
  defaultBaseUrl: FINCALC_PRODUCTION_URL,
  calls: {
    async token(api, init) {
      const result = await api.POST("/api/oauth/token", {
        body: bodyOr(init, {
          grant_type: "client_credentials",
          client_id: "12345",
          client_secret: "bVc8ztJq3N92uUM4mRSoDkE6Wx5fnGhXlPaPyTg7",
          scope: "api_scope",
          email_address: "hello@example.com",
        } as const),
        headers: init.headers,
      });
      if (result.data) expectTypeOf(result.data.data.access_token).toEqualTypeOf<string>();
      if (result.error) expectTypeOf(result.error.success).toEqualTypeOf<false>();
      return result;
    },
  },
});
