// generated from specs/finexer.yaml (sha256 24e81c929388e2cc833aac7804a366ef95918c1dbdbb97738dfa781d02772a17) by openapi-typescript 7.13.0 and openapi-fetch 0.17.0 — do not edit; run `pnpm generate`.

import { createSpecClient, type SpecClient, type SpecClientOptions } from "@finoauth/runtime";
import type { paths } from "./schema.js";

/** Finexer OAuth endpoints (production). The API itself is https://api.finexer.com.: `https://finexer.com/oauth`. */
export const FINEXER_PRODUCTION_URL = "https://finexer.com/oauth";

/** Every server the spec documents, by name. The first, `production`, is the default. */
export const FINEXER_SERVERS = {
  production: FINEXER_PRODUCTION_URL,
} as const;

/** The request media type of each operation, as the spec declares it. */
const requestMediaTypes: Readonly<Record<string, string>> = {
  "POST /token": "application/x-www-form-urlencoded",
  "POST /1": "application/x-www-form-urlencoded"
};

/** A typed Finexer OAuth client: openapi-fetch over the spec's `paths`. */
export type FinexerClient = SpecClient<paths>;

/** Options of {@link createFinexerClient}: openapi-fetch's client options; `baseUrl` defaults to `https://finexer.com/oauth`. */
export type FinexerClientOptions = SpecClientOptions;

/**
 * Creates a typed client for Finexer OAuth, generated from specs/finexer.yaml.
 *
 * Request bodies are encoded in the media type the spec gives each operation (form fields or JSON)
 * unless the call sets its own Content-Type. Works wherever a global `fetch` exists, or with `options.fetch`.
 */
export function createFinexerClient(options: FinexerClientOptions = {}): FinexerClient {
  return createSpecClient<paths>({ ...options, baseUrl: options.baseUrl ?? FINEXER_PRODUCTION_URL }, requestMediaTypes);
}
