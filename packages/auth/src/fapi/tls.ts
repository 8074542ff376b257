// Mutual TLS (RFC 8705): the client certificate a provider presents, checked at creation, and the fetch
// that presents it on each runtime that can (Node through undici, Bun through its fetch's `tls`). No Node
// module is imported at load time: browsers and workers load this file and refuse `tls` when it is given.
import { invalidOptions } from "../errors.js";
import { type Fetch, lightOf } from "../light-request.js";
import { importUndici } from "../undici.js";

/** A client certificate for mutual TLS and, optionally, the certificate authorities to trust (all PEM). */
export interface TlsOptions {
  /** The client certificate, PEM (`-----BEGIN CERTIFICATE-----`); intermediates may follow it. */
  cert: string;
  /** Its private key, PEM (`-----BEGIN PRIVATE KEY-----`, or `RSA`/`EC PRIVATE KEY`), unencrypted. */
  key: string;
  /**
   * The certificate authorities to trust for the server's certificate, PEM (one or more). As in Node's
   * `tls.connect`, they replace the system roots; to trust both, pass `tls.rootCertificates.join("\n")`
   * and your CA together.
   */
  ca?: string | undefined;
}

/** A fetch called as the global one is: URL and init. The engine's default path calls it. */
export type InitFetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * The capability of a transport that can make a copy of itself presenting a client certificate (the
 * keep-alive transport of `@finoauth/auth/node`): the engine calls it when a provider has `tls`.
 */
export const WITH_TLS = Symbol.for("finoauth.withTls");

/** A transport with the {@link WITH_TLS} capability. */
export interface TlsCapable {
  [WITH_TLS](tls: TlsOptions): Fetch;
}

/** Where a client certificate can be presented, as far as finoauth knows. */
export type TlsRuntime = "node" | "bun" | "deno" | "none";

/** The parts of node:crypto the checks use (Node and Bun both have them). */
interface NodeCrypto {
  X509Certificate: new (pem: string) => { raw: Uint8Array; checkPrivateKey(key: unknown): boolean };
  createPrivateKey(pem: string): unknown;
  createHash(algorithm: string): { update(data: Uint8Array): { digest(encoding: "base64url"): string } };
}

type ProcessLike = { versions?: Record<string, string | undefined>; getBuiltinModule?: (name: string) => unknown };

/** The runtime probe, an object so that tests can stub it. */
export const tlsRuntime = {
  /** The runtime this code runs on: Deno and Bun first (both also say they are Node). */
  detect(): TlsRuntime {
    const global = globalThis as { Deno?: unknown; process?: ProcessLike };
    if (global.Deno !== undefined) return "deno";
    if (global.process?.versions?.bun !== undefined) return "bun";
    if (global.process?.versions?.node !== undefined) return "node";
    return "none";
  },
  /** node:crypto, loaded synchronously without an import (Node ≥ 20.16, Bun); undefined elsewhere. */
  crypto(): NodeCrypto | undefined {
    const process = (globalThis as { process?: ProcessLike }).process;
    return process?.getBuiltinModule?.("node:crypto") as NodeCrypto | undefined;
  },
};

/** node:crypto, or the `invalid_options` error that says this runtime cannot present a client certificate. */
export function nodeCrypto(what: string, provider?: string): NodeCrypto {
  const runtime = tlsRuntime.detect();
  if (runtime === "deno" || runtime === "none") {
    throw invalidOptions(
      runtime === "deno"
        ? `${what}: finoauth cannot present a client certificate on Deno; give your own fetch a Deno.createHttpClient({ cert, key, caCerts }) and leave tls out`
        : `${what}: this runtime (a browser or a worker) cannot present a TLS client certificate; mutual TLS needs Node or Bun on the server side`,
      provider,
    );
  }
  const crypto = tlsRuntime.crypto();
  if (!crypto) throw invalidOptions(`${what} needs process.getBuiltinModule (Node 20.16 or later, or Bun)`, provider);
  return crypto;
}

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/**
 * Checks `tls` before anything is sent: the runtime can present a certificate; `cert` is a PEM
 * certificate and `key` a PEM private key that node:crypto reads, and they belong together; `ca`, when
 * given, holds PEM certificates only. The messages name the member and the rule, never the key.
 */
export function checkTls(tls: unknown, provider?: string): TlsOptions {
  if (tls === null || typeof tls !== "object")
    throw invalidOptions("tls must be an object { cert, key, ca? } of PEM strings", provider);
  const { cert, key, ca } = tls as Partial<TlsOptions>;
  const crypto = nodeCrypto("tls (mutual TLS)", provider);
  if (typeof cert !== "string" || !cert.includes("-----BEGIN CERTIFICATE-----"))
    throw invalidOptions("tls.cert must be a PEM certificate string (-----BEGIN CERTIFICATE-----)", provider);
  let certificate: InstanceType<NodeCrypto["X509Certificate"]>;
  try {
    certificate = new crypto.X509Certificate(cert);
  } catch {
    throw invalidOptions("tls.cert is not a certificate node:crypto can read", provider);
  }
  if (typeof key !== "string" || !/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(key))
    throw invalidOptions("tls.key must be a PEM private key string (-----BEGIN PRIVATE KEY-----)", provider);
  let privateKey: unknown;
  try {
    privateKey = crypto.createPrivateKey(key);
  } catch {
    throw invalidOptions(
      "tls.key is not a private key node:crypto can read (an encrypted key must be decrypted first)",
      provider,
    );
  }
  if (!certificate.checkPrivateKey(privateKey))
    throw invalidOptions("tls.key is not the private key of tls.cert (they do not match)", provider);
  if (ca !== undefined) {
    const blocks = typeof ca === "string" ? (ca.match(CERTIFICATE_BLOCK) ?? []) : [];
    if (blocks.length === 0)
      throw invalidOptions("tls.ca must be one or more PEM certificates (-----BEGIN CERTIFICATE-----)", provider);
    blocks.forEach((block, index) => {
      try {
        new crypto.X509Certificate(block);
      } catch {
        throw invalidOptions(`tls.ca: certificate ${index + 1} is not one node:crypto can read`, provider);
      }
    });
  }
  return { cert, key, ...(ca === undefined ? {} : { ca }) };
}

/** The fetch of the default path on Node: undici's, with an Agent presenting the certificate, loaded on the first call. */
function undiciFetch(tls: TlsOptions): InitFetch {
  let ready: Promise<InitFetch> | undefined;
  return async (url, init) => {
    // A failed import (undici missing) is tried again on the next call, not remembered.
    ready ??= importUndici().then(
      ({ Agent, fetch }) => {
        const dispatcher = new Agent({ connect: { cert: tls.cert, key: tls.key, ca: tls.ca } });
        // undici's own fetch with its own Agent: the global fetch may be another undici version.
        return (u: string, i: RequestInit) =>
          fetch(u, { ...(i as object), dispatcher }) as unknown as Promise<Response>;
      },
      (error: unknown) => {
        ready = undefined;
        throw error;
      },
    );
    return (await ready)(url, init);
  };
}

/** Bun's fetch presents a client certificate given as its `tls` init member. */
export const bunFetch =
  (tls: TlsOptions): InitFetch =>
  (url, init) =>
    fetch(url, { ...init, tls: { cert: tls.cert, key: tls.key, ca: tls.ca } } as RequestInit);

/** What the engine sends through when a provider (or discovery) has `tls`. */
export interface TlsTransport {
  /** The fetch option to use: the user's, or the TLS copy of the user's keep-alive transport. */
  fetch: Fetch | undefined;
  /** The fetch of the default path, presenting the certificate; undefined: the global fetch. */
  base: InitFetch | undefined;
}

/**
 * The transport for `options`: unchanged without `tls`. With it, the keep-alive transport is asked for a
 * copy that presents the certificate ({@link WITH_TLS}); the default path gets undici (Node) or Bun's
 * fetch. Any other user `fetch` is refused: finoauth cannot put a certificate on it, and sending without
 * the certificate the options asked for would fail later, at the server, with a vaguer error.
 */
export function tlsTransport(
  options: { tls?: TlsOptions | undefined; fetch?: Fetch | undefined },
  provider?: string,
): TlsTransport {
  if (options.tls === undefined) return { fetch: options.fetch, base: undefined };
  const tls = checkTls(options.tls, provider);
  const userFetch = options.fetch;
  if (userFetch !== undefined) {
    const derive = (userFetch as Partial<TlsCapable>)[WITH_TLS];
    if (derive && lightOf(userFetch)) return { fetch: derive(tls), base: undefined };
    throw invalidOptions(
      "tls cannot be put on your own fetch: use the default fetch or createNodeTransport() from @finoauth/auth/node, or give your fetch the client certificate yourself and leave tls out",
      provider,
    );
  }
  return { fetch: undefined, base: tlsRuntime.detect() === "bun" ? bunFetch(tls) : undiciFetch(tls) };
}
