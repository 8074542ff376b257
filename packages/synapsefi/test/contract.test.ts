import { bodyOr, describeContract } from "@finoauth/testkit";
import { expectTypeOf } from "vitest";
import {
  createSynapsefiClient,
  type operations,
  SYNAPSEFI_PRODUCTION_URL,
  type SynapsefiClient,
} from "../src/index.js";

describeContract<SynapsefiClient, keyof operations>({
  spec: "synapsefi",
  createClient: createSynapsefiClient,
  defaultBaseUrl: SYNAPSEFI_PRODUCTION_URL,
  calls: {
    async issueOauthKey(api, init) {
      const result = await api.POST("/v3.1/oauth/{user_id}", {
        params: {
          path: { user_id: "594e0fa2838454002ea317a0" },
          header: {
            "X-SP-GATEWAY": "client_id_2bb1e412edd311e6bd04e285d6015267|client_secret_2bb1e714edd311e6bd04e285d6015267",
            "X-SP-USER-IP": "127.0.0.1",
            "X-SP-USER": "|e83cf6ddcf778e37bfe3d48fc78a6502062fc",
          },
        },
        body: bodyOr(init, { refresh_token: "refresh_ehG7YBS8ZiD0sLa6PQHMUxryovVkJzElC5gWROXq", scope: ["NODES|GET"] }),
        headers: init.headers,
      });
      if (result.response.status === 200 && result.data && "oauth_key" in result.data) {
        expectTypeOf(result.data.expires_in).toEqualTypeOf<string>();
      }
      return result;
    },
  },
});
