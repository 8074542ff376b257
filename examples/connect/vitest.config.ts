import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Chromium and two Prism mocks start in beforeAll on a 2-core machine: be generous, nothing here is timed.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
