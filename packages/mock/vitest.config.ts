import { defineConfig } from "vitest/config";

export default defineConfig({
  // The lifecycle tests start and kill real Prism processes on a loaded 2-core machine: a safety net, not a speed check.
  test: { testTimeout: 90_000, hookTimeout: 90_000 },
});
