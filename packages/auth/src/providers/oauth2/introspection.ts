// RFC 7662 token introspection for the generic provider: the request, and a strict reading of the answer.
import type { components, OAuth2Client } from "@finoauth/oauth2";
import { isInstant } from "../../bounds.js";
import type { Engine, ProviderRequest } from "../../definition.js";
import { invalidOptions } from "../../errors.js";
import type { RevokeParams } from "../../flow-params.js";
import { compact } from "../../request-parts.js";
import type { CallOptions } from "../../transport.js";
import { authenticatedRequest, type ClientAuthOptions } from "./client-auth.js";
import { endpointOf } from "./endpoints.js";

type IntrospectionResponse = components["schemas"]["IntrospectionResponse"];

/** The options introspection reads: client authentication, and where the endpoint is. */
type IntrospectOptions = ClientAuthOptions & { endpoints?: { introspect?: string | undefined } | undefined };

/** Parameters of an introspection: the token, and optionally what kind it is (RFC 7662 §2.1). */
export type IntrospectParams = RevokeParams;

/** What the server says of a token (RFC 7662 §2.2), read strictly; times in epoch milliseconds. */
export interface IntrospectionResult {
  /** Whether the token is active now. When it is not, nothing else is said (RFC 7662 §2.2). */
  active: boolean;
  /** The token's scopes, as a list. */
  scopes?: string[] | undefined;
  clientId?: string | undefined;
  /** A human-readable identifier of the resource owner. */
  username?: string | undefined;
  tokenType?: string | undefined;
  expiresAt?: number | undefined;
  issuedAt?: number | undefined;
  notBefore?: number | undefined;
  /** `sub`: the resource owner's machine-readable identifier. */
  subject?: string | undefined;
  /** `aud`, always as a list. */
  audience?: string[] | undefined;
  /** `iss`: who issued the token. */
  issuer?: string | undefined;
  /** `jti`: the token's identifier. */
  tokenId?: string | undefined;
  /** The whole answer, with any members the server adds. */
  raw: IntrospectionResponse;
}

/** The introspection request: the token as a form field with client authentication; the token is a secret of the call. */
function introspectRequest(
  client: OAuth2Client,
  options: IntrospectOptions,
  params: IntrospectParams,
): ProviderRequest {
  const request = authenticatedRequest(options, endpointOf(options, "introspect"), [params.token], (auth, init) => {
    const body: components["schemas"]["IntrospectionRequest"] = compact({
      token: params.token,
      token_type_hint: params.tokenTypeHint,
      ...auth.body,
    });
    return client.POST("/introspect", { ...init, body, headers: auth.headers });
  });
  // The same secrets array: a fresh assertion made while sending joins it (and is scrubbed).
  request.flow = "introspect";
  return request;
}

const STRINGS = {
  clientId: "client_id",
  username: "username",
  tokenType: "token_type",
  subject: "sub",
  issuer: "iss",
  tokenId: "jti",
} as const;
const TIMES = { expiresAt: "exp", issuedAt: "iat", notBefore: "nbf" } as const;

/**
 * Asks the server whether a token is active (RFC 7662), through the engine's one call path (timeout,
 * deadline, size cap, no redirects, `classify`, the token scrubbed from every error), retried like any
 * call that only reads. An answer without a boolean `active`, or with a mistyped member, is a
 * `malformed_response` error.
 */
export async function introspect(
  engine: Engine<OAuth2Client, IntrospectOptions>,
  params: IntrospectParams,
  call?: CallOptions,
): Promise<IntrospectionResult> {
  if (typeof params?.token !== "string" || params.token === "")
    throw invalidOptions("introspect needs a non-empty token", "oauth2");
  const request = introspectRequest(engine.client, engine.options, params);
  const answer = await engine.retry(call, (attempt) => engine.call(request, attempt));
  const body = answer.response.json as Record<string, unknown> | undefined;
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw engine.malformed(answer, "the introspection answer is not a JSON object");
  if (typeof body.active !== "boolean")
    throw engine.malformed(answer, "the introspection answer has no boolean active (RFC 7662 §2.2)");
  const raw = body as IntrospectionResponse;
  if (!body.active) return { active: false, raw };
  const result: IntrospectionResult = { active: true, raw };
  for (const [name, member] of Object.entries(STRINGS)) {
    const value = body[member];
    if (value === undefined) continue;
    if (typeof value !== "string") throw engine.malformed(answer, `${member} is not a string`);
    result[name as keyof typeof STRINGS] = value;
  }
  for (const [name, member] of Object.entries(TIMES)) {
    const value = body[member];
    if (value === undefined) continue;
    if (typeof value !== "number" || !isInstant(value * 1000))
      throw engine.malformed(answer, `${member} is not a Unix time before the year 10000`);
    result[name as keyof typeof TIMES] = value * 1000;
  }
  if (body.scope !== undefined) {
    if (typeof body.scope !== "string") throw engine.malformed(answer, "scope is not a string");
    result.scopes = body.scope.split(" ").filter((scope) => scope !== "");
  }
  if (body.aud !== undefined) {
    const audience = typeof body.aud === "string" ? [body.aud] : body.aud;
    if (!Array.isArray(audience) || !audience.every((one) => typeof one === "string"))
      throw engine.malformed(answer, "aud is not a string or a list of strings");
    result.audience = audience;
  }
  return result;
}
