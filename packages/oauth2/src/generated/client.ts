// generated from specs/oauth2.yaml (sha256 ff719f20ace3312392c7675ab369f7c2bdb57661e2b04248e8d5f69109773244) by openapi-typescript 7.13.0 and openapi-fetch 0.17.0 — do not edit; run `pnpm generate`.

import { createSpecClient, type SpecClient, type SpecClientOptions } from "@finoauth/runtime";
import type { paths } from "./schema.js";

/** Placeholder; pass your provider's base URL to the client (baseUrl).: `https://auth.example.com`. */
export const OAUTH2_EXAMPLE_URL = "https://auth.example.com";

/** Every server the spec documents, by name. The first, `example`, is the default. */
export const OAUTH2_SERVERS = {
  example: OAUTH2_EXAMPLE_URL,
} as const;

/** The request media type of each operation, as the spec declares it. */
const requestMediaTypes: Readonly<Record<string, string>> = {
  "POST /token": "application/x-www-form-urlencoded",
  "POST /revoke": "application/x-www-form-urlencoded",
  "POST /introspect": "application/x-www-form-urlencoded",
  "POST /par": "application/x-www-form-urlencoded"
};

/** A typed OAuth 2.0 (RFC 6749, RFC 7009, RFC 7636, RFC 7662, RFC 8414, RFC 9126) client: openapi-fetch over the spec's `paths`. */
export type OAuth2Client = SpecClient<paths>;

/** Options of {@link createOAuth2Client}: openapi-fetch's client options; `baseUrl` defaults to `https://auth.example.com`. */
export type OAuth2ClientOptions = SpecClientOptions;

/**
 * Creates a typed client for OAuth 2.0 (RFC 6749, RFC 7009, RFC 7636, RFC 7662, RFC 8414, RFC 9126), generated from specs/oauth2.yaml.
 *
 * Request bodies are encoded in the media type the spec gives each operation (form fields or JSON)
 * unless the call sets its own Content-Type. Works wherever a global `fetch` exists, or with `options.fetch`.
 */
export function createOAuth2Client(options: OAuth2ClientOptions = {}): OAuth2Client {
  return createSpecClient<paths>({ ...options, baseUrl: options.baseUrl ?? OAUTH2_EXAMPLE_URL }, requestMediaTypes);
}
