// Checks of the options every provider takes, at creation, each with a message that says what to fix.

import type { AnyDefinition, BaseOptions } from "./definition.js";
import { invalidOptions } from "./errors.js";

/** The longest timeout accepted: 10 minutes (a longer one is a unit mistake, and timers overflow past 2³¹ ms). */
const MAX_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * True for a loopback host: `localhost`, an IPv4 literal in 127.0.0.0/8, or `[::1]`. Nothing else:
 * `127.evil.example` and `127.0.0.1.nip.io` are names anyone can point anywhere.
 */
export function isLoopbackHost(hostname: string): boolean {
  if (hostname === "localhost" || hostname === "[::1]") return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}

/** Checks a URL option: absolute, no credentials in it, and https unless the host is loopback. */
export function checkUrl(name: string, value: unknown, provider: string): void {
  if (typeof value !== "string") throw invalidOptions(`${name} must be a URL string`, provider);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidOptions(`${name} must be an absolute URL, got "${value}"`, provider);
  }
  if (url.username !== "" || url.password !== "") {
    throw invalidOptions(
      `${name} must not carry credentials (user:pass@): pass clientId and clientSecret instead`,
      provider,
    );
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
    throw invalidOptions(
      `${name} must use https (plain http only on a loopback host), got "${url.protocol}//${url.host}"`,
      provider,
    );
  }
}

/** Schemes that run or read something where they land: never a redirect URI, whatever else is allowed. */
const DANGEROUS_SCHEMES = new Set(["javascript:", "data:", "vbscript:", "file:", "blob:", "about:"]);

/** The authorization response's parameter names: a redirect URI whose own query carries one collides with the answer. */
export const RESPONSE_PARAMETERS = ["code", "state", "iss", "error", "error_description", "error_uri"] as const;

/**
 * Checks a redirect URI, at creation and per call: absolute; no fragment (RFC 6749 §3.1.2); no
 * credentials; none of the response's own parameters in its query (the server appends them: a second
 * `state` or `code` would be a repeat, RFC 6749 §3.1); and https, plain http only on a loopback host
 * (RFC 8252 §7.3), or a native app's private-use scheme, a reverse domain name with a period such as
 * `com.example.app:/cb` (RFC 8252 §7.1). `javascript:`, `data:` and the like are named in the refusal.
 */
export function checkRedirectUri(name: string, value: unknown, provider: string): void {
  if (typeof value !== "string")
    throw invalidOptions(`${name} must be an absolute URL string, e.g. "https://app.example.com/callback"`, provider);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidOptions(
      `${name} must be an absolute URL such as "https://app.example.com/callback" (RFC 6749 §3.1.2), got "${value}"`,
      provider,
    );
  }
  const scheme = url.protocol;
  if (DANGEROUS_SCHEMES.has(scheme)) {
    throw invalidOptions(
      `${name} must not use the ${scheme} scheme: use https, http on a loopback host, or a private-use scheme such as com.example.app:/cb (RFC 8252 §7)`,
      provider,
    );
  }
  // `value.includes`: an empty fragment ("…/cb#") leaves url.hash empty, and is still a fragment.
  if (value.includes("#"))
    throw invalidOptions(
      `${name} must not contain a fragment (#…): RFC 6749 §3.1.2; remove everything from the "#"`,
      provider,
    );
  if (url.username !== "" || url.password !== "")
    throw invalidOptions(`${name} must not carry credentials (user:pass@) (RFC 3986 §3.2.1)`, provider);
  const web = scheme === "https:" || scheme === "http:";
  if (web ? scheme === "http:" && !isLoopbackHost(url.hostname) : !/^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+:$/.test(scheme)) {
    throw invalidOptions(
      web
        ? `${name} must use https; plain http only on a loopback host, 127.0.0.1, [::1] or localhost (RFC 8252 §7.3, RFC 6749 §3.1.2.1), got "http://${url.host}"`
        : `${name} must use https, or a native app's private-use scheme: a reverse domain name with a period, such as com.example.app:/cb (RFC 8252 §7.1), got "${scheme}"`,
      provider,
    );
  }
  const own = RESPONSE_PARAMETERS.find((parameter) => url.searchParams.has(parameter));
  if (own !== undefined)
    throw invalidOptions(
      `${name} must not carry "${own}" in its query: the server adds the response's own (RFC 6749 §3.1, §4.1.2)`,
      provider,
    );
}

const isFunction = (value: unknown) => typeof value === "function";

/** Checks the options every provider takes; throws an `invalid_options` error that says what to fix. */
export function validateBase(options: BaseOptions, definition: AnyDefinition): void {
  const id = definition.id;
  if (options === null || typeof options !== "object") throw invalidOptions("options must be an object", id);
  if (typeof options.clientId !== "string" || options.clientId.trim() === "")
    throw invalidOptions("clientId must be a non-empty string", id);
  if (options.clientSecret !== undefined && (typeof options.clientSecret !== "string" || options.clientSecret === "")) {
    throw invalidOptions("clientSecret, when given, must be a non-empty string", id);
  }
  if (definition.requiresClientSecret === "always" && options.clientSecret === undefined) {
    throw invalidOptions(`clientSecret is required: every ${definition.displayName} flow sends it`, id);
  }
  if (options.baseUrl !== undefined) checkUrl("baseUrl", options.baseUrl, id);
  else if (definition.defaultBaseUrl === "")
    throw invalidOptions(`baseUrl is required: ${definition.displayName} has no default server`, id);
  if (options.authorizeBaseUrl !== undefined) checkUrl("authorizeBaseUrl", options.authorizeBaseUrl, id);
  if (options.redirectUri !== undefined) checkRedirectUri("redirectUri", options.redirectUri, id);
  if (
    options.timeoutMs !== undefined &&
    !(typeof options.timeoutMs === "number" && options.timeoutMs > 0 && options.timeoutMs <= MAX_TIMEOUT_MS)
  ) {
    throw invalidOptions(
      `timeoutMs must be a number of milliseconds between 1 and ${MAX_TIMEOUT_MS}, got ${String(options.timeoutMs)}`,
      id,
    );
  }
  if (
    options.deadlineMs !== undefined &&
    !(typeof options.deadlineMs === "number" && options.deadlineMs > 0 && options.deadlineMs <= MAX_TIMEOUT_MS)
  ) {
    throw invalidOptions(
      `deadlineMs must be a number of milliseconds between 1 and ${MAX_TIMEOUT_MS}, got ${String(options.deadlineMs)}`,
      id,
    );
  }
  checkRetry(options.retry, id);
  if (options.fetch !== undefined && !isFunction(options.fetch))
    throw invalidOptions("fetch must be a function (request: Request) => Promise<Response>", id);
  if (options.now !== undefined && !isFunction(options.now))
    throw invalidOptions("now must be a function returning epoch milliseconds", id);
  const store = options.stateStore as unknown as Record<string, unknown> | undefined;
  if (
    store !== undefined &&
    !(store !== null && typeof store === "object" && isFunction(store.put) && isFunction(store.take))
  ) {
    throw invalidOptions("stateStore must have put(key, value) and take(key) methods (see StateStore)", id);
  }
}

function checkRetry(retry: BaseOptions["retry"], id: string): void {
  if (retry === undefined) return;
  if (retry === null || typeof retry !== "object")
    throw invalidOptions("retry must be an object such as { retries: 2 }", id);
  if (retry.retries !== undefined && !(Number.isInteger(retry.retries) && retry.retries >= 0 && retry.retries <= 10)) {
    throw invalidOptions(`retry.retries must be a whole number from 0 to 10, got ${String(retry.retries)}`, id);
  }
  for (const name of ["baseDelayMs", "maxDelayMs", "maxRetryAfterMs"] as const) {
    const value = retry[name];
    if (value !== undefined && !(typeof value === "number" && value >= 0 && value <= MAX_TIMEOUT_MS)) {
      throw invalidOptions(
        `retry.${name} must be a number of milliseconds between 0 and ${MAX_TIMEOUT_MS}, got ${String(value)}`,
        id,
      );
    }
  }
}

/** Checks a list of scopes: an array of non-empty strings without spaces (a space would split one scope into two). */
export function checkScopes(scopes: unknown, id: string): void {
  if (scopes === undefined) return;
  if (
    !Array.isArray(scopes) ||
    !scopes.every((scope) => typeof scope === "string" && scope !== "" && !/\s/.test(scope))
  ) {
    throw invalidOptions('scopes must be a list of scope names without spaces, e.g. ["read", "write"]', id);
  }
}
