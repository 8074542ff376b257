/**
 * @finoauth/finexer: a typed client for Finexer's OAuth endpoints, generated from specs/finexer.yaml.
 * @packageDocumentation
 */
export * from "./generated/client.js";
export type { components, operations, paths } from "./generated/schema.js";
