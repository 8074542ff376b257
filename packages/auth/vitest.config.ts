import { extend, withMocks } from "../../vitest.shared.js";

// Hooks start servers (a Prism mock of a test's own spec takes seconds on a loaded machine).
export default extend(withMocks, { test: { hookTimeout: 60_000 } });
