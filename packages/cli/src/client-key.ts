// Reading `--client-key`: a file holding a private JWK, or a PKCS#8 (or SEC1/PKCS#1) PEM private key. The
// key itself is never printed: a failure names the file, never its contents.
import { createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { usage } from "./errors.js";

/** The JWS algorithm a PEM key's type implies: EC by curve, Ed25519, and PS256 for RSA (FAPI 2.0's RSA algorithm). */
const ALG_OF: Readonly<Record<string, string>> = {
  "P-256": "ES256",
  "P-384": "ES384",
  "P-521": "ES512",
  Ed25519: "EdDSA",
  RSA: "PS256",
  "RSA-PSS": "PS256",
};

/**
 * Reads `--client-key`: a private JWK (JSON), or a PEM private key turned into one with its algorithm from
 * the key type. Node's own key parser reads the PEM: synchronous, because the provider is built
 * synchronously (jose's importPKCS8 is async); the engine then signs with jose. The engine checks the key
 * when the provider is created.
 */
export function readClientKey(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw usage(`--client-key: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "unreadable"})`);
  }
  if (!text.includes("-----BEGIN")) {
    try {
      return JSON.parse(text);
    } catch {
      throw usage(`--client-key: ${path} is neither a JSON Web Key nor a PEM private key`);
    }
  }
  let jwk: Record<string, unknown>;
  try {
    jwk = createPrivateKey({ key: text, format: "pem" }).export({ format: "jwk" }) as Record<string, unknown>;
  } catch {
    throw usage(`--client-key: ${path} holds no PEM private key (PKCS#8 "BEGIN PRIVATE KEY" expected)`);
  }
  const alg = ALG_OF[String(jwk.crv ?? jwk.kty)];
  if (alg === undefined)
    throw usage(`--client-key: ${path} is a ${String(jwk.kty)} key, which cannot sign a client assertion`);
  return { ...jwk, alg };
}
