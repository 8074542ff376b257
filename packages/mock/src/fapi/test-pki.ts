// Certificates for tests that speak TLS: a private certificate authority made at test start, a server
// certificate for the loopback host, and client certificates (CA-issued for tls_client_auth, self-signed for
// self_signed_tls_client_auth). Made with @peculiar/x509 over WebCrypto (ECDSA P-256: fast, and no `openssl`
// binary needed, which a developer's machine or a CI image may lack or ship as LibreSSL with other flags).
import { createHash, webcrypto } from "node:crypto";
// @peculiar/x509 resolves its algorithm providers through tsyringe, which needs the Reflect metadata API.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";

const ecdsa = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;

/** A certificate and its private key, both PEM; `keys` is the same key pair as WebCrypto keys. */
export interface TestCertificate {
  /** The certificate, PEM (`-----BEGIN CERTIFICATE-----`). */
  certPem: string;
  /** The private key, PKCS #8 PEM (`-----BEGIN PRIVATE KEY-----`). */
  keyPem: string;
  /** The key pair (extractable, ECDSA P-256). */
  keys: CryptoKeyPair;
  /** The public key as a bare JWK (`kty`, `crv`, `x`, `y`). */
  publicJwk: { kty: string; crv: string; x: string; y: string };
  /** The certificate's DER, base64 (standard alphabet): what a JWK's `x5c` carries. */
  derBase64: string;
  /** RFC 8705 `x5t#S256`: base64url SHA-256 of the DER, as a server puts in a bound token's `cnf`. */
  x5tS256: string;
  /** The subject distinguished name as RFC 4514 text, e.g. `CN=fapi-client`. */
  subject: string;
}

/** The private CA, with a way to issue more certificates under it. */
export interface TestPki {
  /** The CA certificate: what a client passes as `ca` to trust the server, and the server to verify clients. */
  ca: TestCertificate;
  /** A server certificate for `127.0.0.1` and `localhost` (both in its subjectAltName), issued by `ca`. */
  server: TestCertificate;
  /** Issues a client certificate (TLS client auth) under `ca` for the given subject common name. */
  issueClient(commonName: string): Promise<TestCertificate>;
}

async function newKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ecdsa, true, ["sign", "verify"])) as CryptoKeyPair;
}

async function toTestCertificate(cert: x509.X509Certificate, keys: CryptoKeyPair): Promise<TestCertificate> {
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey));
  const der = Buffer.from(cert.rawData);
  const { kty, crv, x, y } = await webcrypto.subtle.exportKey("jwk", keys.publicKey);
  if (kty === undefined || crv === undefined || x === undefined || y === undefined) throw new Error("not an EC key");
  return {
    certPem: cert.toString("pem"),
    keyPem: x509.PemConverter.encode(
      pkcs8.buffer.slice(pkcs8.byteOffset, pkcs8.byteOffset + pkcs8.length),
      "PRIVATE KEY",
    ),
    keys,
    publicJwk: { kty, crv, x, y },
    derBase64: der.toString("base64"),
    x5tS256: createHash("sha256").update(der).digest("base64url"),
    subject: cert.subject,
  };
}

/** Validity from a minute ago (clock skew between the test and TLS stacks) to a day from now. */
function validity(): { notBefore: Date; notAfter: Date } {
  const now = Date.now();
  return { notBefore: new Date(now - 60_000), notAfter: new Date(now + 86_400_000) };
}

function serial(): string {
  // Positive (first bit clear), 16 random bytes, as RFC 5280 asks.
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f || 1;
  return Buffer.from(bytes).toString("hex");
}

/** A self-signed client certificate (RFC 8705 §2.2): the server knows it only by its registered JWK `x5c`. */
export async function selfSignedClientCertificate(commonName: string): Promise<TestCertificate> {
  const keys = await newKeys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${commonName}`,
    ...validity(),
    keys,
    signingAlgorithm: ecdsa,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
    ],
  });
  return toTestCertificate(cert, keys);
}

/** Makes a fresh CA (random key, random name suffix) and a server certificate under it. */
export async function makeTestPki(): Promise<TestPki> {
  const caKeys = await newKeys();
  const caName = `CN=finoauth test CA ${serial().slice(0, 8)}`;
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: caName,
    ...validity(),
    keys: caKeys,
    signingAlgorithm: ecdsa,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const issue = async (
    subject: string,
    usage: x509.ExtendedKeyUsage,
    names: x509.JsonGeneralName[] = [],
  ): Promise<TestCertificate> => {
    const keys = await newKeys();
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serial(),
      subject,
      issuer: caCert.subject,
      ...validity(),
      publicKey: keys.publicKey,
      signingKey: caKeys.privateKey,
      signingAlgorithm: ecdsa,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([usage]),
        await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
        ...(names.length > 0 ? [new x509.SubjectAlternativeNameExtension(names)] : []),
      ],
    });
    return toTestCertificate(cert, keys);
  };
  const server = await issue("CN=127.0.0.1", x509.ExtendedKeyUsage.serverAuth, [
    { type: "ip", value: "127.0.0.1" },
    { type: "dns", value: "localhost" },
  ]);
  return {
    ca: await toTestCertificate(caCert, caKeys),
    server,
    issueClient: (commonName) => issue(`CN=${commonName}`, x509.ExtendedKeyUsage.clientAuth),
  };
}
