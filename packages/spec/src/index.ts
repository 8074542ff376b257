/**
 * @finoauth/spec: finoauth's one OpenAPI spec walker. Reads a spec file, follows local `$ref`s, lists
 * operations, request media types and named examples. Used by the generator, the mock, spec-diff, the
 * contract suite and the Postman generation; it depends on `yaml` only.
 * @packageDocumentation
 */
export { type ContractCase, contractCases, type RequestExample, requestExamples } from "./examples.js";
export { isSpecPath, loadSpecFile, SpecError, specFile, specNames } from "./load.js";
export {
  allOperations,
  deref,
  HTTP_METHODS,
  operationsOf,
  requestContentOf,
  requestMediaTypesOf,
  type SpecNode,
  type SpecOperation,
} from "./walk.js";
