/**
 * @finoauth/synapsefi: a typed client for SynapseFI's OAuth endpoints, generated from specs/synapsefi.yaml.
 * @packageDocumentation
 */
export * from "./generated/client.js";
export type { components, operations, paths } from "./generated/schema.js";
