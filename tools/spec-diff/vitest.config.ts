import { defineConfig } from "vitest/config";

export default defineConfig({
  // A safety net, not a speed check: this 2-core machine runs every package's tests at once.
  test: { testTimeout: 60_000 },
});
