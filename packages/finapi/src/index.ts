/**
 * @finoauth/finapi: a typed client for finAPI's OAuth endpoints, generated from specs/finapi.yaml.
 * @packageDocumentation
 */
export * from "./generated/client.js";
export type { components, operations, paths } from "./generated/schema.js";
