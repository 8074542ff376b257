import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["@finoauth/testkit/global-setup"],
    provide: { prismSpecs: ["fincalc"] },
  },
});
