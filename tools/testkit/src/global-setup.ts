// Vitest global setup: starts Prism once per run for the specs a package's vitest config names in
// `provide.prismSpecs`, hands their URLs to the tests as `inject("prismUrls")`, and always stops them.
import type { TestProject } from "vitest/node";
import { startPrism } from "./prism.js";
import "./provided.js";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const specs = project.getProvidedContext().prismSpecs ?? [];
  const prism = await startPrism(specs);
  project.provide("prismUrls", prism.urls);
  return prism.stop;
}
