export {
  bodyOr,
  type CallInit,
  type CallResult,
  type ContractCalls,
  describeContract,
  prismFetch,
  type RecordedRequest,
  recordingFetch,
  type SuiteClientOptions,
} from "./contract.js";
export { allSpecs, repoRoot, specsOfPackage } from "./package-specs.js";
export { freePort } from "./ports.js";
export {
  type ContractCase,
  contractCases,
  deref,
  loadSpec,
  operationsOf,
  type RequestExample,
  requestExamples,
} from "./spec.js";
