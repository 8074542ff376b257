// generated from specs/finapi.yaml (sha256 d409425b2878206ff1db72496340a017bbb9f5edf4e14da288d14936b10e3742) by openapi-typescript 7.13.0 and openapi-fetch 0.17.0 — do not edit; run `pnpm generate`.

import { createSpecClient, type SpecClient, type SpecClientOptions } from "@finoauth/runtime";
import type { paths } from "./schema.js";

/** finAPI live (production) environment; the default, as for every finoauth client: `https://live.finapi.io`. */
export const FINAPI_PRODUCTION_URL = "https://live.finapi.io";
/** finAPI sandbox (the seed's base URL): `https://sandbox.finapi.io`. */
export const FINAPI_SANDBOX_URL = "https://sandbox.finapi.io";

/** Every server the spec documents, by name. The first, `production`, is the default. */
export const FINAPI_SERVERS = {
  production: FINAPI_PRODUCTION_URL,
  sandbox: FINAPI_SANDBOX_URL,
} as const;

/** The request media type of each operation, as the spec declares it. */
const requestMediaTypes: Readonly<Record<string, string>> = {
  "POST /oauth/token": "application/x-www-form-urlencoded"
};

/** A typed finAPI Access — OAuth (Authorization API) client: openapi-fetch over the spec's `paths`. */
export type FinapiClient = SpecClient<paths>;

/** Options of {@link createFinapiClient}: openapi-fetch's client options; `baseUrl` defaults to `https://live.finapi.io`. */
export type FinapiClientOptions = SpecClientOptions;

/**
 * Creates a typed client for finAPI Access — OAuth (Authorization API), generated from specs/finapi.yaml.
 *
 * Request bodies are encoded in the media type the spec gives each operation (form fields or JSON)
 * unless the call sets its own Content-Type. Works wherever a global `fetch` exists, or with `options.fetch`.
 */
export function createFinapiClient(options: FinapiClientOptions = {}): FinapiClient {
  return createSpecClient<paths>({ ...options, baseUrl: options.baseUrl ?? FINAPI_PRODUCTION_URL }, requestMediaTypes);
}
