import { base, extend } from "../../vitest.shared.js";

export default extend(base, { test: { testTimeout: 60_000 } });
