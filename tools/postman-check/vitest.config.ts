// By path: vitest loads a config's workspace packages with Node, which cannot run testkit's .ts files.

import { extend, withMocks } from "../../vitest.shared.js";
import { allSpecs } from "../testkit/src/package-specs.js";

// Every spec's mock: each one's Postman collection runs against it.
export default extend(withMocks, { test: { testTimeout: 60_000, provide: { prismSpecs: allSpecs() } } });
