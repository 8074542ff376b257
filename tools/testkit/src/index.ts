export { bodyOr, describeContract, prismFetch, recordingFetch, type CallInit, type CallResult, type ContractCalls, type RecordedRequest, type SuiteClientOptions } from "./contract.js";
export { freePort } from "./ports.js";
export { contractCases, deref, loadSpec, operationsOf, requestExamples, type ContractCase, type RequestExample } from "./spec.js";
export { allSpecs, specsOfPackage, repoRoot } from "./package-specs.js";
