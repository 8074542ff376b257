/**
 * @finoauth/oauth2: a typed client for any RFC 6749 authorization server's OAuth endpoints, generated from specs/oauth2.yaml.
 * @packageDocumentation
 */
export * from "./generated/client.js";
export type { components, operations, paths } from "./generated/schema.js";
