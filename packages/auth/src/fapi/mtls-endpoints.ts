// RFC 8705 §5: a server may serve mutual TLS on other URLs (`mtls_endpoint_aliases`). A client that
// authenticates with its certificate, or presents one for certificate-bound tokens, calls those.
import type { TlsOptions } from "./tls.js";

/** The mutual-TLS aliases of the endpoints a client calls with its certificate (RFC 8705 §5). */
export interface MtlsEndpoints {
  token?: string | undefined;
  revoke?: string | undefined;
  introspect?: string | undefined;
  /** The pushed authorization request endpoint (RFC 9126). */
  par?: string | undefined;
}

/** The client authentication methods that present the client certificate (RFC 8705 §2). */
export const MTLS_CLIENT_AUTH: readonly string[] = ["tls_client_auth", "self_signed_tls_client_auth"];

/** What decides whether mutual TLS is in use. */
interface MtlsOptions {
  clientAuth?: string | undefined;
  tls?: TlsOptions | undefined;
}

/**
 * True when calls present a client certificate: the client authenticates with it (`tls_client_auth`,
 * `self_signed_tls_client_auth`), or `tls` gives one (certificate-bound tokens, RFC 8705 §3).
 */
export function usesMutualTls(options: MtlsOptions): boolean {
  return (
    options.tls !== undefined || (options.clientAuth !== undefined && MTLS_CLIENT_AUTH.includes(options.clientAuth))
  );
}

/**
 * The endpoints to call: `endpoints`, with each that `mtlsEndpoints` aliases replaced by its alias when
 * mutual TLS is in use ({@link usesMutualTls}); `endpoints` unchanged otherwise.
 */
export function endpointsFor(
  options: MtlsOptions & { endpoints?: object | undefined; mtlsEndpoints?: MtlsEndpoints | undefined },
): Readonly<Record<string, string | undefined>> {
  const endpoints = (options.endpoints ?? {}) as Record<string, string | undefined>;
  const aliases = options.mtlsEndpoints;
  if (aliases === undefined || !usesMutualTls(options)) return endpoints;
  const chosen = { ...endpoints };
  for (const [name, url] of Object.entries(aliases)) if (url !== undefined) chosen[name] = url;
  return chosen;
}
