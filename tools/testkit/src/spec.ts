// The contract suite reads specs with @finoauth/spec (finoauth's one spec walker), from the repository's specs/.
import { join } from "node:path";
import { loadSpecFile, type SpecNode, specFile } from "@finoauth/spec";
import { repoRoot } from "./package-specs.js";

export {
  type ContractCase,
  contractCases,
  deref,
  operationsOf,
  type RequestExample,
  requestExamples,
} from "@finoauth/spec";

/** Reads one of the repository's specs by name (`"finapi"` for specs/finapi.yaml), or a spec file by path. */
export function loadSpec(specOrName: string): SpecNode {
  return loadSpecFile(specFile(specOrName, join(repoRoot, "specs")));
}
