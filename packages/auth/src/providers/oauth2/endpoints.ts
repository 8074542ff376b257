// The generic provider's endpoints: their default paths below `baseUrl`, and the URL each request goes to.
import { endpointsFor } from "../../fapi/mtls-endpoints.js";

/** The default path of each endpoint below `baseUrl` (RFC 9126 leaves PAR's to the server: `/par` here). */
export const PATHS = {
  authorize: "/authorize",
  token: "/token",
  revoke: "/revoke",
  introspect: "/introspect",
  par: "/par",
} as const;

/** An endpoint's name. */
export type EndpointName = keyof typeof PATHS;

/** The options that place the endpoints. */
type EndpointOptions = Parameters<typeof endpointsFor>[0] & {
  baseUrl?: string | undefined;
  endpoints?: { readonly [K in EndpointName]?: string | undefined } | undefined;
};

/**
 * The URL a request to `name` goes to: its mutual-TLS alias when the client presents a certificate
 * (RFC 8705 §5), else `endpoints[name]`, else `baseUrl` + its default path. A client assertion's `aud`
 * names this URL when no issuer is known.
 */
export function endpointOf(options: EndpointOptions, name: EndpointName): string {
  return endpointsFor(options)[name] ?? `${(options.baseUrl ?? "").replace(/\/$/, "")}${PATHS[name]}`;
}
