// The callback side of the authorization-code flow: the authorization response read strictly, the
// provider instance a state is bound to, and a pending authorization read back from a state store
// without trusting it (a store may drop, rename or retype fields).

import type { AnyDefinition, BaseOptions } from "./definition.js";
import { callbackRefused, invalidOptions } from "./errors.js";
import { checkRedirectUri, RESPONSE_PARAMETERS } from "./option-checks.js";
import { sha256 } from "./pkce.js";
import { constantTimeEqual, type PendingAuthorization, STATE_TTL_MS } from "./state-store.js";

/** The longest callback URL read: 16 KiB (a code, a state and an issuer take a few hundred bytes). */
const MAX_CALLBACK_URL_LENGTH = 16 * 1024;

/** How far ahead of this clock a pending state's expiry may be: its life plus a minute of skew between servers sharing a store. */
const MAX_EXPIRY_AHEAD_MS = STATE_TTL_MS + 60_000;

// RFC 6749 Appendix A: code, state (A.5, A.11) are VSCHAR; error, error_description (A.7, A.8) NQSCHAR.
// iss (RFC 9207) and error_uri are URIs, within VSCHAR. Nothing else (no CR/LF to forge a log line).
const VSCHAR = /^[\x20-\x7e]*$/;
const NQSCHAR = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const CHARSET: Record<(typeof RESPONSE_PARAMETERS)[number], RegExp> = {
  code: VSCHAR,
  state: VSCHAR,
  iss: VSCHAR,
  error: NQSCHAR,
  error_description: NQSCHAR,
  error_uri: VSCHAR,
};

/** Names that mean an answer sent in the fragment (response_mode=fragment, an implicit grant), which the callback never reads. */
const FRAGMENT_ANSWER = new Set<string>([...RESPONSE_PARAMETERS, "access_token", "id_token", "token_type"]);

/** The authorization response, each parameter present at most once (empty `state` and `code` count as absent). */
interface AuthorizationResponse {
  state?: string | undefined;
  code?: string | undefined;
  iss?: string | undefined;
  error?: string | undefined;
  errorDescription?: string | undefined;
}

/**
 * Reads an authorization response (RFC 6749 §4.1.2, §4.1.2.1) from the callback URL, before anything is
 * looked up: a repeated response parameter is refused (§3.1), and so are a URL longer than
 * {@link MAX_CALLBACK_URL_LENGTH}, response parameters in the fragment, and characters Appendix A does
 * not allow. Names are compared after percent-decoding, so `st%61te` is `state`.
 */
export function parseCallback(callbackUrl: string | URL, provider: string): AuthorizationResponse {
  const text = callbackUrl instanceof URL ? callbackUrl.href : callbackUrl;
  if (typeof text !== "string")
    throw invalidOptions("handleCallback needs the absolute callback URL (a string or a URL)", provider);
  if (text.length > MAX_CALLBACK_URL_LENGTH)
    throw callbackRefused(
      provider,
      "malformed_callback",
      `the callback URL is longer than ${MAX_CALLBACK_URL_LENGTH} characters`,
    );
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalidOptions("handleCallback needs the absolute callback URL", provider);
  }
  if (
    url.hash.length > 1 &&
    [...new URLSearchParams(url.hash.slice(1)).keys()].some((name) => FRAGMENT_ANSWER.has(name))
  ) {
    throw callbackRefused(
      provider,
      "malformed_callback",
      "the callback carries response parameters in its fragment (#…); an authorization code response comes in the query (RFC 6749 §4.1.2)",
    );
  }
  const query = url.searchParams;
  const one = (name: (typeof RESPONSE_PARAMETERS)[number]): string | undefined => {
    const values = query.getAll(name);
    if (values.length > 1)
      throw callbackRefused(
        provider,
        "repeated_parameter",
        `the callback repeats "${name}" (RFC 6749 §3.1: a parameter must not be sent more than once)`,
      );
    const value = values[0];
    if (value !== undefined && !CHARSET[name].test(value)) {
      throw callbackRefused(
        provider,
        "malformed_callback",
        `the callback's "${name}" has characters RFC 6749 Appendix A does not allow`,
      );
    }
    return value;
  };
  // Every parameter is read (and so checked for repeats) before any is believed.
  const [state, code, iss, error, errorDescription] = [
    one("state"),
    one("code"),
    one("iss"),
    one("error"),
    one("error_description"),
    one("error_uri"),
  ];
  if (error === "")
    throw callbackRefused(provider, "malformed_callback", "the callback's error is empty (RFC 6749 §4.1.2.1)");
  return {
    state: state || undefined,
    code: code || undefined,
    iss,
    error,
    errorDescription: errorDescription || undefined,
  };
}

/**
 * The provider instance a pending state is bound to, as a hash: the provider's id, the client id, the
 * server (base URL and, where the options name one, the token endpoint) and the issuer when known. Two
 * instances of one provider for two servers sharing a store never take each other's states, so a code
 * and its PKCE verifier go only to the token endpoint the authorization was made for.
 */
export function instanceBinding(definition: AnyDefinition, options: BaseOptions): Promise<string> {
  const server = (options.baseUrl ?? definition.defaultBaseUrl).replace(/\/+$/, "");
  const tokenEndpoint = definition.authorize?.tokenEndpoint?.(options);
  const issuer = definition.issuer?.(options)?.issuer;
  return sha256(
    JSON.stringify([
      "finoauth-state-binding/1",
      definition.id,
      options.clientId,
      server,
      tokenEndpoint ?? null,
      issuer ?? null,
    ]),
  );
}

/** What the callback expects of the pending authorization it reads back. */
interface ExpectedPending {
  state: string;
  provider: string;
  instance: string;
  issuer: { issuer: string; required: boolean } | undefined;
  /** Whether this instance sends PKCE: the record then holds a verifier, and otherwise none. */
  pkce: boolean;
  now: number;
}

const isOptionalString = (value: unknown) => value === undefined || typeof value === "string";
const CODE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/; // RFC 7636 §4.1

/**
 * Checks a pending authorization as a state store gave it back, failing closed: the value must be a
 * record of the right types for this state and this instance, or it is refused. A record for another
 * instance is `wrong_provider`; an expiry that is missing, not a finite number, past, or further ahead
 * than a state lives is `expired_state`; anything else off (a dropped verifier or issuer) is `unknown_state`.
 */
export function checkPending(
  value: unknown,
  expected: ExpectedPending,
): { codeVerifier?: string | undefined; redirectUri?: string | undefined } {
  const { provider } = expected;
  if (value === null || typeof value !== "object")
    throw callbackRefused(provider, "unknown_state", "unknown or already used state");
  const pending = value as Partial<Record<keyof PendingAuthorization, unknown>>;
  if (typeof pending.state !== "string" || !constantTimeEqual(pending.state, expected.state))
    throw callbackRefused(provider, "unknown_state", "unknown or already used state");
  const malformed = () =>
    callbackRefused(
      provider,
      "unknown_state",
      "the pending state read back from the state store is incomplete or malformed",
    );
  if (typeof pending.provider !== "string" || typeof pending.instance !== "string") throw malformed();
  if (pending.provider !== provider || pending.instance !== expected.instance)
    throw callbackRefused(provider, "wrong_provider", "the state was issued for another provider or server");
  const expiresAt = pending.expiresAt;
  if (typeof expiresAt !== "number" || !Number.isFinite(expiresAt) || expiresAt > expected.now + MAX_EXPIRY_AHEAD_MS) {
    throw callbackRefused(
      provider,
      "expired_state",
      "the pending state has no valid expiry (does the state store keep every field as a number?)",
    );
  }
  if (expiresAt <= expected.now) throw callbackRefused(provider, "expired_state", "the state has expired (10 minutes)");
  // The record's issuer must be this instance's: a store that dropped it would otherwise turn the RFC 9207 check off.
  const { issuerRequired } = pending;
  if (issuerRequired !== undefined && typeof issuerRequired !== "boolean") throw malformed();
  if (pending.issuer !== expected.issuer?.issuer || (issuerRequired ?? false) !== (expected.issuer?.required ?? false))
    throw malformed();
  const { codeVerifier, redirectUri } = pending;
  if (
    expected.pkce ? !(typeof codeVerifier === "string" && CODE_VERIFIER.test(codeVerifier)) : codeVerifier !== undefined
  )
    throw malformed();
  if (!isOptionalString(redirectUri)) throw malformed();
  if (redirectUri !== undefined) {
    try {
      checkRedirectUri("redirectUri", redirectUri, provider);
    } catch {
      throw malformed();
    }
  }
  return { codeVerifier: codeVerifier as string | undefined, redirectUri: redirectUri as string | undefined };
}
