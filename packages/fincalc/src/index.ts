/**
 * @finoauth/fincalc: a typed client for FinCalc's OAuth endpoints, generated from specs/fincalc.yaml.
 * @packageDocumentation
 */
export * from "./generated/client.js";
export type { components, operations, paths } from "./generated/schema.js";
