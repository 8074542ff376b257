import { base, extend } from "../../vitest.shared.js";

export default extend(base, { test: { globalSetup: ["./test/global-setup.ts"] } });
