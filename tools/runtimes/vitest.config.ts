import { base, extend } from "../../vitest.shared.js";

// Each runtime starts a process (workerd also bundles the Worker first): a generous safety net, not a speed check.
export default extend(base, { test: { testTimeout: 120_000, hookTimeout: 60_000 } });
