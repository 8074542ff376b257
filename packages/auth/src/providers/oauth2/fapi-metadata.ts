// What discovery reads for FAPI 2.0 beyond RFC 8414's basics: PAR (RFC 9126 §5), mutual-TLS endpoint
// aliases (RFC 8705 §5), DPoP algorithms (RFC 9449 §5.1), client authentication methods and signing
// algorithms; each member checked, and turned into options for createProvider.
import type { FinoauthError } from "../../errors.js";
import { checkUrl } from "../../option-checks.js";
import type { ClientAuthMethod } from "./client-auth.js";
import type { EndpointName } from "./endpoints.js";

/** The metadata members naming an endpoint, by the name `endpoints` gives it. */
export const ENDPOINT_MEMBERS = {
  authorization_endpoint: "authorize",
  token_endpoint: "token",
  revocation_endpoint: "revoke",
  introspection_endpoint: "introspect",
  pushed_authorization_request_endpoint: "par",
} as const satisfies Record<string, EndpointName>;

type Json = Record<string, unknown>;

const LISTS = [
  "token_endpoint_auth_methods_supported",
  "token_endpoint_auth_signing_alg_values_supported",
  "dpop_signing_alg_values_supported",
] as const;
const BOOLEANS = ["require_pushed_authorization_requests", "tls_client_certificate_bound_access_tokens"] as const;

/** Checks a URL member, as a malformed answer (not a bad option) when it fails. */
function checkEndpoint(name: string, value: unknown, malformedBecause: (why: string) => FinoauthError): void {
  if (typeof value !== "string") throw malformedBecause(`${name} is not a URL string`);
  try {
    checkUrl(name, value, "oauth2");
  } catch (error) {
    throw malformedBecause((error as FinoauthError).description ?? `${name} is not a usable URL`);
  }
}

/**
 * Checks the endpoint members (https, or http on loopback), the mTLS aliases (an object of such URLs), the
 * lists (of strings) and the flags (booleans) discovery reads. Anything else is a `malformed_response`.
 */
export function checkFapiMetadata(metadata: Json, malformedBecause: (why: string) => FinoauthError): void {
  for (const member of Object.keys(ENDPOINT_MEMBERS))
    if (metadata[member] !== undefined) checkEndpoint(member, metadata[member], malformedBecause);
  for (const member of LISTS) {
    const value = metadata[member];
    if (value !== undefined && !(Array.isArray(value) && value.every((one) => typeof one === "string")))
      throw malformedBecause(`${member} is not a list of strings`);
  }
  for (const member of BOOLEANS) {
    const value = metadata[member];
    if (value !== undefined && typeof value !== "boolean") throw malformedBecause(`${member} is not true or false`);
  }
  const aliases = metadata.mtls_endpoint_aliases;
  if (aliases === undefined) return;
  if (aliases === null || typeof aliases !== "object" || Array.isArray(aliases))
    throw malformedBecause("mtls_endpoint_aliases is not an object");
  for (const member of Object.keys(ENDPOINT_MEMBERS)) {
    const value = (aliases as Json)[member];
    if (value !== undefined) checkEndpoint(`mtls_endpoint_aliases.${member}`, value, malformedBecause);
  }
}

/** The endpoints a metadata object names (the document itself, or its mTLS aliases), by `endpoints` names. */
export function endpointsOf(members: Json): Partial<Record<EndpointName, string>> {
  const endpoints: Partial<Record<EndpointName, string>> = {};
  for (const [member, name] of Object.entries(ENDPOINT_MEMBERS)) {
    const value = members[member];
    if (typeof value === "string") endpoints[name] = value;
  }
  return endpoints;
}

/**
 * The client authentication discovery picks: a secret method when the token endpoint takes one (Basic
 * first: RFC 8414's default when the list is absent), else the strongest it takes of `private_key_jwt`,
 * `tls_client_auth`, `self_signed_tls_client_auth` (a FAPI server takes no secret), else none.
 */
export function pickClientAuth(methods: readonly string[] | undefined): ClientAuthMethod | undefined {
  const offered = methods ?? ["client_secret_basic"];
  const order: ClientAuthMethod[] = [
    "client_secret_basic",
    "client_secret_post",
    "private_key_jwt",
    "tls_client_auth",
    "self_signed_tls_client_auth",
  ];
  return order.find((method) => offered.includes(method));
}

/** What a FAPI server's metadata adds to the discovered options (each only when the metadata has it). */
export interface FapiDiscovered {
  /** `true` when the server requires pushed authorization requests (RFC 9126 `require_pushed_authorization_requests`). */
  par?: true | undefined;
  /** The endpoints to use with mutual TLS (RFC 8705 §5 `mtls_endpoint_aliases`), by `endpoints` names. */
  mtlsEndpoints?: Partial<Record<EndpointName, string>> | undefined;
  /** Whether the server binds access tokens to the client certificate (RFC 8705 §3.3). */
  certificateBoundTokens?: boolean | undefined;
  /** The JWS algorithms the server takes in DPoP proofs (RFC 9449 `dpop_signing_alg_values_supported`). */
  dpopAlgorithms?: string[] | undefined;
  /** The token endpoint's client authentication methods (`token_endpoint_auth_methods_supported`). */
  clientAuthMethods?: string[] | undefined;
  /** The algorithms it takes for `private_key_jwt` and `client_secret_jwt` (`token_endpoint_auth_signing_alg_values_supported`). */
  signingAlgorithms?: string[] | undefined;
}

/** The FAPI members of a checked metadata document, as options data. */
export function fapiOptionsFromMetadata(metadata: Json): FapiDiscovered {
  const found: FapiDiscovered = {};
  if (metadata.require_pushed_authorization_requests === true) found.par = true;
  if (metadata.mtls_endpoint_aliases !== undefined)
    found.mtlsEndpoints = endpointsOf(metadata.mtls_endpoint_aliases as Json);
  if (typeof metadata.tls_client_certificate_bound_access_tokens === "boolean")
    found.certificateBoundTokens = metadata.tls_client_certificate_bound_access_tokens;
  const lists = {
    dpopAlgorithms: "dpop_signing_alg_values_supported",
    clientAuthMethods: "token_endpoint_auth_methods_supported",
    signingAlgorithms: "token_endpoint_auth_signing_alg_values_supported",
  } as const;
  for (const [name, member] of Object.entries(lists))
    if (Array.isArray(metadata[member])) found[name as keyof typeof lists] = [...(metadata[member] as string[])];
  return found;
}
