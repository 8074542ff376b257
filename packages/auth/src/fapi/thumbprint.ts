// The SHA-256 thumbprint of a client certificate: what a certificate-bound token's `cnf["x5t#S256"]` holds.
import { base64url } from "../pkce.js";

/**
 * The RFC 8705 §3.1 `x5t#S256` of a PEM certificate: base64url of the SHA-256 of its DER bytes. The PEM is
 * read by node:crypto's `X509Certificate` (loaded only when called: a client certificate exists only where
 * node:tls does), so something that is not a certificate is refused rather than hashed. Never logs the PEM.
 */
export async function certificateThumbprint(pem: string): Promise<string> {
  const { X509Certificate } = await import("node:crypto");
  let der: Uint8Array<ArrayBuffer>;
  try {
    der = new Uint8Array(new X509Certificate(pem).raw);
  } catch {
    throw new TypeError("not a PEM certificate");
  }
  return base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", der)));
}
