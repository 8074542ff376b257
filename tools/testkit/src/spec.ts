// The contract suite reads specs with @finoauth/mock's spec walker (one walker for the whole repository).
export { contractCases, deref, loadSpec, operationsOf, requestExamples, type ContractCase, type RequestExample } from "@finoauth/mock/spec";
