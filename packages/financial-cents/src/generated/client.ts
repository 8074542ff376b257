// generated from specs/financial-cents.yaml (sha256 9d3bddbe05fa013d35d9b8e611e759ca1e9a283a085a83c8c623e7ffab36f4c3; checked against docs/financial-cents/financial-cents.postman-documenter.json sha256 98ae0c90c4ff97550ff72f1c93c67723ae473fbaec4dc7e87af4a4bac7d5d301) by openapi-typescript 7.13.0 and openapi-fetch 0.17.0 — do not edit; run `pnpm generate`.

import { createSpecClient, type SpecClient, type SpecClientOptions } from "@finoauth/runtime";
import type { paths } from "./schema.js";

/** Production. The OAuth endpoints are at the application root; the REST API base (the Production environment's base_url) is https://app.financial-cents.com/api/v1, see x-api-base-url.: `https://app.financial-cents.com`. */
export const FINANCIAL_CENTS_PRODUCTION_URL = "https://app.financial-cents.com";

/** Every server the spec documents, by name. The first, `production`, is the default. */
export const FINANCIAL_CENTS_SERVERS = {
  production: FINANCIAL_CENTS_PRODUCTION_URL,
} as const;

/** The request media type of each operation, as the spec declares it. */
const requestMediaTypes: Readonly<Record<string, string>> = {
  "POST /oauth/token": "application/x-www-form-urlencoded"
};

/** A typed Financial Cents OAuth client: openapi-fetch over the spec's `paths`. */
export type FinancialCentsClient = SpecClient<paths>;

/** Options of {@link createFinancialCentsClient}: openapi-fetch's client options; `baseUrl` defaults to `https://app.financial-cents.com`. */
export type FinancialCentsClientOptions = SpecClientOptions;

/**
 * Creates a typed client for Financial Cents OAuth, generated from specs/financial-cents.yaml.
 *
 * Request bodies are encoded in the media type the spec gives each operation (form fields or JSON)
 * unless the call sets its own Content-Type. Works wherever a global `fetch` exists, or with `options.fetch`.
 */
export function createFinancialCentsClient(options: FinancialCentsClientOptions = {}): FinancialCentsClient {
  return createSpecClient<paths>({ ...options, baseUrl: options.baseUrl ?? FINANCIAL_CENTS_PRODUCTION_URL }, requestMediaTypes);
}
