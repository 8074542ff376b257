import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // A safety net, not a speed check: this 2-core machine runs every package's tests at once.
    testTimeout: 30_000,
    globalSetup: ["@finoauth/testkit/global-setup"],
    // A fresh connection per request: no race with Prism closing an idle one (see the file).
    setupFiles: ["@finoauth/testkit/fresh-connections"],
  },
});
