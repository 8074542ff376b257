import { defineConfig } from "vitest/config";

// The tests run the BUILT CLI (dist/bin.js) as a child process: build first (turbo's test task depends on build).
export default defineConfig({
  test: {
    globalSetup: ["@finoauth/testkit/global-setup"],
    // A fresh connection per request: no race with Prism closing an idle one (see the file).
    setupFiles: ["@finoauth/testkit/fresh-connections"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
