// A tiny RFC 6749 token endpoint behind node:https with `requestCert`: it records the thumbprint of the
// client certificate each request presented (or none), so that a test sees what the server saw.
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import type { TestPki } from "@finoauth/mock/fapi";

/** What the server saw of one request. */
export interface SeenRequest {
  path: string;
  /** RFC 8705 `x5t#S256` of the client certificate presented on the connection; undefined when none. */
  x5t: string | undefined;
  /** Whether the certificate chains to the test CA (node:tls's `authorized`). */
  authorized: boolean;
}

/** A running server: its URL, what it saw, and `close()`. */
export interface MtlsServer {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/**
 * Starts the server on 127.0.0.1 with `pki`'s server certificate. It asks for a client certificate but
 * accepts a connection without one (`rejectUnauthorized: false`), so a test can see that none came.
 * Every POST answers a bearer token; `GET /.well-known/oauth-authorization-server` answers RFC 8414
 * metadata with RFC 8705 `mtls_endpoint_aliases` under `/mtls`.
 */
export async function startMtlsServer(pki: TestPki): Promise<MtlsServer> {
  const seen: SeenRequest[] = [];
  const server: Server = createServer(
    {
      cert: pki.server.certPem,
      key: pki.server.keyPem,
      ca: pki.ca.certPem,
      requestCert: true,
      rejectUnauthorized: false,
    },
    (req, res) => {
      const socket = req.socket as TLSSocket;
      const peer = socket.getPeerCertificate();
      const x5t = peer?.raw ? createHash("sha256").update(peer.raw).digest("base64url") : undefined;
      seen.push({ path: req.url ?? "", x5t, authorized: socket.authorized });
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
        if (req.method === "GET" && req.url === "/.well-known/oauth-authorization-server") {
          res.end(JSON.stringify(metadata()));
          return;
        }
        res.end(JSON.stringify({ access_token: `at-${seen.length}`, token_type: "Bearer", expires_in: 300 }));
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const url = `https://127.0.0.1:${port}`;
  const metadata = () => ({
    issuer: url,
    token_endpoint: `${url}/token`,
    revocation_endpoint: `${url}/revoke`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "tls_client_auth", "self_signed_tls_client_auth"],
    mtls_endpoint_aliases: { token_endpoint: `${url}/mtls/token`, revocation_endpoint: `${url}/mtls/revoke` },
  });
  return {
    url,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
