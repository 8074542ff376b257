// Pushed authorization requests (RFC 9126): what a definition's push builder takes, and the strict
// reading of the server's answer. The request itself is the definition's (its generated client, its
// client authentication) and goes through the engine's one call path, like a token request.
import { type Answer, malformed } from "../classify.js";
import type { ProviderRequest } from "../definition.js";

/** The parameters of an authorization request, pushed: name and value pairs, a name repeated for a list (RFC 8707 `resource`). */
export interface PushParams {
  parameters: readonly (readonly [string, string])[];
}

/** How a definition pushes its authorization requests (RFC 9126), when the options ask for it. */
export interface PushDefinition {
  /** Whether these options push (`par: true`, or a profile that requires it). */
  enabled(options: object): boolean;
  /** The pushed authorization request, with client authentication, through the definition's client. */
  request(client: never, options: never, params: PushParams): ProviderRequest;
}

/** A stored pushed request: the `request_uri` the authorization URL carries, and its lifetime in seconds. */
export interface PushedRequest {
  requestUri: string;
  expiresIn: number;
}

/** The longest `expires_in` accepted: a day (RFC 9126 §2.2 suggests 5 to 600 seconds; more is a unit mistake). */
const MAX_EXPIRES_IN = 24 * 3600;

/**
 * Reads a PAR answer strictly (RFC 9126 §2.2): a JSON object with a non-empty string `request_uri` and a
 * whole `expires_in` between 1 s and a day; anything else is a `malformed_response` error.
 */
export function readPushed(answer: Answer): PushedRequest {
  const body = answer.response.json as Record<string, unknown> | undefined;
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw malformed(answer, "the pushed authorization answer is not a JSON object (RFC 9126 §2.2)");
  const { request_uri: requestUri, expires_in: expiresIn } = body;
  if (typeof requestUri !== "string" || requestUri === "" || requestUri.length > 2048)
    throw malformed(answer, "the pushed authorization answer has no request_uri string (RFC 9126 §2.2)");
  if (typeof expiresIn !== "number" || !Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_EXPIRES_IN)
    throw malformed(
      answer,
      `the pushed authorization answer's expires_in is not a whole number of seconds from 1 to ${MAX_EXPIRES_IN}`,
    );
  return { requestUri, expiresIn };
}
