// Vitest global setup of the repository's packages: the specs a package's tests need (derived from its
// package.json by specsOfPackage, or named in its vitest config's `provide.prismSpecs`) are mocked with
// @finoauth/mock and handed to the tests as `inject("prismUrls")`, and always stopped.
// Under `pnpm test` the mocks are started once for every package (with-mocks.ts) and only looked up here.
import { mocksFor } from "@finoauth/mock/vitest";
import type { TestProject } from "vitest/node";
import { specsOfPackage } from "./package-specs.js";
import "./provided.js";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const specs = project.getProvidedContext().prismSpecs ?? specsOfPackage(project.config.root);
  const mocks = await mocksFor(specs);
  project.provide("prismUrls", mocks.urls);
  return mocks.stop;
}
