import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["@finoauth/testkit/global-setup"],
    provide: { prismSpecs: ["financial-cents", "finexer", "fincalc", "finapi", "synapsefi", "oauth2"] },
  },
});
