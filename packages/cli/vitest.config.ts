import { extend, withMocks } from "../../vitest.shared.js";

// The tests run the BUILT CLI (dist/bin.js) as a child process: build first (turbo's test task depends on build).
export default extend(withMocks, { test: { testTimeout: 60_000, hookTimeout: 60_000 } });
