// generated from specs/synapsefi.yaml (sha256 edfb6a66a8432a10587cacb8015223a0f403734cb342d8fc87907bef646eba4d) by openapi-typescript 7.13.0 and openapi-fetch 0.17.0 — do not edit; run `pnpm generate`.

import { createSpecClient, type SpecClient, type SpecClientOptions } from "@finoauth/runtime";
import type { paths } from "./schema.js";

/** Production (live).: `https://api.synapsefi.com`. */
export const SYNAPSEFI_PRODUCTION_URL = "https://api.synapsefi.com";
/** Sandbox (UAT); the host used in every example of the source page. 2FA pins are not actually sent here.: `https://uat-api.synapsefi.com`. */
export const SYNAPSEFI_SANDBOX_URL = "https://uat-api.synapsefi.com";

/** Every server the spec documents, by name. The first, `production`, is the default. */
export const SYNAPSEFI_SERVERS = {
  production: SYNAPSEFI_PRODUCTION_URL,
  sandbox: SYNAPSEFI_SANDBOX_URL,
} as const;

/** The request media type of each operation, as the spec declares it. */
const requestMediaTypes: Readonly<Record<string, string>> = {
  "POST /v3.1/oauth/{user_id}": "application/json"
};

/** A typed SynapseFI OAuth (Issue OAuth Key) client: openapi-fetch over the spec's `paths`. */
export type SynapsefiClient = SpecClient<paths>;

/** Options of {@link createSynapsefiClient}: openapi-fetch's client options; `baseUrl` defaults to `https://api.synapsefi.com`. */
export type SynapsefiClientOptions = SpecClientOptions;

/**
 * Creates a typed client for SynapseFI OAuth (Issue OAuth Key), generated from specs/synapsefi.yaml.
 *
 * Request bodies are encoded in the media type the spec gives each operation (form fields or JSON)
 * unless the call sets its own Content-Type. Works wherever a global `fetch` exists, or with `options.fetch`.
 */
export function createSynapsefiClient(options: SynapsefiClientOptions = {}): SynapsefiClient {
  return createSpecClient<paths>({ ...options, baseUrl: options.baseUrl ?? SYNAPSEFI_PRODUCTION_URL }, requestMediaTypes);
}
