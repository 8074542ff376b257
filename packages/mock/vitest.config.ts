import { base, extend } from "../../vitest.shared.js";

// The lifecycle tests start and kill real Prism processes on a loaded 2-core machine: a safety net, not a speed check.
export default extend(base, { test: { testTimeout: 300_000, hookTimeout: 300_000 } });
