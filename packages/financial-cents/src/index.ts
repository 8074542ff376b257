/**
 * @finoauth/financial-cents: a typed client for Financial Cents's OAuth endpoints, generated from specs/financial-cents.yaml.
 * @packageDocumentation
 */
export * from "./generated/client.js";
export type { components, operations, paths } from "./generated/schema.js";
