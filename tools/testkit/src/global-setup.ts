// Vitest global setup: starts Prism once per run for the specs a package's tests need (derived from its
// package.json by specsOfPackage, or named in its vitest config's `provide.prismSpecs`), hands their URLs
// to the tests as `inject("prismUrls")`, and always stops them.
// Under `pnpm test` the mocks are started once for every package (with-mocks.ts) and only looked up here.
import type { TestProject } from "vitest/node";
import { specsOfPackage } from "./package-specs.js";
import { startPrism } from "./prism.js";
import "./provided.js";

/** Mocks a parent process already started for the whole run (tools/testkit/src/with-mocks.ts), if any. */
function sharedMocks(): Record<string, string> {
  try {
    return JSON.parse(process.env.FINOAUTH_PRISM_URLS ?? "{}") as Record<string, string>;
  } catch {
    return {};
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const specs = project.getProvidedContext().prismSpecs ?? specsOfPackage(project.config.root);
  const shared = sharedMocks();
  if (specs.every((spec) => shared[spec])) {
    project.provide("prismUrls", shared);
    return async () => {};
  }
  const prism = await startPrism(specs);
  project.provide("prismUrls", prism.urls);
  return prism.stop;
}
