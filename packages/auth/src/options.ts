// Checks of the options every provider takes, before any request.
import { invalidOptions } from "./errors.js";
import type { BaseOptions, ProviderDefinition } from "./definition.js";
import type { ProviderId } from "./token-set.js";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Checks a URL option: absolute, and https unless the host is loopback. */
export function checkUrl(name: string, value: string, provider: ProviderId): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidOptions(`${name} must be an absolute URL, got "${value}"`, provider);
  }
  const loopback = LOOPBACK.has(url.hostname) || url.hostname.startsWith("127.");
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw invalidOptions(`${name} must use https (plain http only on a loopback host), got "${url.protocol}//${url.host}"`, provider);
  }
}

/** Checks the options every provider takes; throws an `invalid_options` error that says what to fix. */
export function validateBase(options: BaseOptions, definition: ProviderDefinition<any, any, any, any>): void {
  const id = definition.id;
  if (options === null || typeof options !== "object") throw invalidOptions("options must be an object", id);
  if (typeof options.clientId !== "string" || options.clientId.trim() === "") throw invalidOptions("clientId must be a non-empty string", id);
  if (definition.requiresClientSecret && (typeof options.clientSecret !== "string" || options.clientSecret === "")) {
    throw invalidOptions(`clientSecret is required for ${definition.displayName}`, id);
  }
  if (options.baseUrl !== undefined) checkUrl("baseUrl", options.baseUrl, id);
  if (options.authorizeBaseUrl !== undefined) checkUrl("authorizeBaseUrl", options.authorizeBaseUrl, id);
  if (options.redirectUri !== undefined) {
    try {
      new URL(options.redirectUri);
    } catch {
      throw invalidOptions(`redirectUri must be an absolute URL, got "${options.redirectUri}"`, id);
    }
  }
  if (options.timeoutMs !== undefined && !(Number.isFinite(options.timeoutMs) && options.timeoutMs > 0)) {
    throw invalidOptions(`timeoutMs must be a positive number of milliseconds, got ${options.timeoutMs}`, id);
  }
  if (options.retry?.retries !== undefined && !(Number.isInteger(options.retry.retries) && options.retry.retries >= 0)) {
    throw invalidOptions(`retry.retries must be a whole number ≥ 0, got ${options.retry.retries}`, id);
  }
  if (options.fetch !== undefined && typeof options.fetch !== "function") throw invalidOptions("fetch must be a function", id);
}
