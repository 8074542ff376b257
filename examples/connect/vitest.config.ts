import { extend, withMocks } from "../../vitest.shared.js";

// Chromium starts in beforeAll (Prism in the global setup) on a 2-core machine: be generous, nothing here is timed.
export default extend(withMocks, {
  test: { include: ["test/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 120_000 },
});
