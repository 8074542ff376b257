import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["@finoauth/testkit/global-setup"],
    // A fresh connection per request: no race with Prism closing an idle one (see the file).
    setupFiles: ["@finoauth/testkit/fresh-connections"],
    // Chromium starts in beforeAll (Prism in the global setup) on a 2-core machine: be generous, nothing here is timed.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
