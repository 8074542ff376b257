import { extend, withMocks } from "../../vitest.shared.js";

export default extend(withMocks, { test: { testTimeout: 60_000, provide: { prismSpecs: ["financial-cents", "finapi", "fincalc", "finexer", "oauth2", "synapsefi"] } } });
