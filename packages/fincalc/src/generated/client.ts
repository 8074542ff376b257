// generated from specs/fincalc.yaml (sha256 ab72655e6675adfe891b9e8dd1166206de658f72740234479f1cf41532eedaf9) by openapi-typescript 7.13.0 and openapi-fetch 0.17.0 — do not edit; run `pnpm generate`.

import { createSpecClient, type SpecClient, type SpecClientOptions } from "@finoauth/runtime";
import type { paths } from "./schema.js";

/** FinCalc API: `https://api.fincalc.co.uk`. */
export const FINCALC_PRODUCTION_URL = "https://api.fincalc.co.uk";

/** Every server the spec documents, by name. The first, `production`, is the default. */
export const FINCALC_SERVERS = {
  production: FINCALC_PRODUCTION_URL,
} as const;

/** The request media type of each operation, as the spec declares it. */
const requestMediaTypes: Readonly<Record<string, string>> = {
  "POST /api/oauth/token": "application/json"
};

/** A typed FinCalc API — OAuth token (client credentials) client: openapi-fetch over the spec's `paths`. */
export type FincalcClient = SpecClient<paths>;

/** Options of {@link createFincalcClient}: openapi-fetch's client options; `baseUrl` defaults to `https://api.fincalc.co.uk`. */
export type FincalcClientOptions = SpecClientOptions;

/**
 * Creates a typed client for FinCalc API — OAuth token (client credentials), generated from specs/fincalc.yaml.
 *
 * Request bodies are encoded in the media type the spec gives each operation (form fields or JSON)
 * unless the call sets its own Content-Type. Works wherever a global `fetch` exists, or with `options.fetch`.
 */
export function createFincalcClient(options: FincalcClientOptions = {}): FincalcClient {
  return createSpecClient<paths>({ ...options, baseUrl: options.baseUrl ?? FINCALC_PRODUCTION_URL }, requestMediaTypes);
}
