import { providers } from "@finoauth/auth/all";
import { defineConfig } from "vitest/config";

// The tests run the BUILT CLI (dist/bin.js) as a child process: build first (turbo's test task depends on build).
export default defineConfig({
  test: {
    globalSetup: ["@finoauth/testkit/global-setup"],
    // A mock of every provider of the registry: a new provider is tested without editing this list.
    provide: { prismSpecs: Object.keys(providers) },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
