// RFC 8705 §3.1: the thumbprint a certificate-bound access token carries as `cnf["x5t#S256"]`.
import { invalidOptions } from "../errors.js";
import { nodeCrypto } from "./tls.js";

/**
 * The `x5t#S256` of a PEM certificate (RFC 8705 §3.1): the base64url SHA-256 of its DER encoding, as an
 * authorization server records it in a certificate-bound token's `cnf` (and RFC 7662 introspection shows
 * it). Of the first certificate when `pem` holds a chain. Through node:crypto: Node and Bun, the runtimes
 * that can present a client certificate; elsewhere it rejects with an `invalid_options` error that says so.
 * Async like jose's `calculateJwkThumbprint` (the DPoP key's `jkt`), so the two bindings read alike.
 */
export async function certificateThumbprint(pem: string): Promise<string> {
  const crypto = nodeCrypto("certificateThumbprint");
  if (typeof pem !== "string" || !pem.includes("-----BEGIN CERTIFICATE-----"))
    throw invalidOptions("certificateThumbprint needs a PEM certificate (-----BEGIN CERTIFICATE-----)");
  let der: Uint8Array;
  try {
    der = new crypto.X509Certificate(pem).raw;
  } catch {
    throw invalidOptions("certificateThumbprint: not a certificate node:crypto can read");
  }
  return crypto.createHash("sha256").update(der).digest("base64url");
}
