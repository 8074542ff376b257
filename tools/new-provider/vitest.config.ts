import { base, extend } from "../../vitest.shared.js";

// The end-to-end test copies the repository, installs, generates, builds and runs Prism: minutes, not seconds.
export default extend(base, { test: { testTimeout: 900_000, hookTimeout: 600_000 } });
