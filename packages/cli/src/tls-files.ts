// `--tls-cert`, `--tls-key`, `--tls-ca`: the files of a client certificate for mutual TLS (RFC 8705),
// read into the provider's `tls` option. A message names the flag and the file, never what it holds.
import { readFileSync } from "node:fs";
import type { TlsOptions } from "@finoauth/auth";
import { usage } from "./errors.js";

/** The flags, as every provider command takes them (see command-specs.ts). */
export const TLS_FLAGS = {
  "tls-cert": {
    type: "string",
    value: "<file>",
    help: "mutual TLS (RFC 8705): the client certificate, a PEM file; needs --tls-key",
    env: true,
  },
  "tls-key": {
    type: "string",
    value: "<file>",
    help: "the client certificate's private key, an unencrypted PEM file (never printed)",
    env: true,
  },
  "tls-ca": {
    type: "string",
    value: "<file>",
    help: "the CAs to trust for the server's certificate, a PEM file (replaces the system roots)",
    env: true,
  },
} as const;

/** The contents of the file a flag names; a usage error names the flag and the path, not the contents. */
function fileOf(flag: string, path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code ?? "unreadable";
    throw usage(`--${flag}: cannot read ${JSON.stringify(path)} (${code}). Give the path of a PEM file`);
  }
}

/**
 * The `tls` option from the flags, or undefined when none is given. `--tls-cert` and `--tls-key` go
 * together; `--tls-ca` alone is refused too (the engine needs a client certificate to present). The
 * engine checks the PEMs themselves when the provider is created.
 */
export function tlsFromFlags(read: (flag: string) => string | undefined): TlsOptions | undefined {
  const cert = read("tls-cert");
  const key = read("tls-key");
  const ca = read("tls-ca");
  if (cert === undefined && key === undefined && ca === undefined) return undefined;
  if (cert === undefined || key === undefined)
    throw usage("mutual TLS needs both --tls-cert <file> and --tls-key <file> (and --tls-ca <file> for a private CA)");
  return {
    cert: fileOf("tls-cert", cert),
    key: fileOf("tls-key", key),
    ...(ca === undefined ? {} : { ca: fileOf("tls-ca", ca) }),
  };
}
