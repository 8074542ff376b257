// A real FAPI 2.0 authorization server for tests and `finoauth demo` (`@finoauth/mock/fapi`): panva's
// oidc-provider 8 in this process, behind a `node:https` server on 127.0.0.1 with a private CA made at start (test-pki.ts), asking every client for a
// certificate (`requestCert`, not `rejectUnauthorized`: oidc-provider decides per client). It speaks PAR
// (required by default), DPoP with nonces the test controls (dpop-nonces.ts), mutual TLS (both
// client-auth methods and certificate-bound tokens), private_key_jwt, introspection, revocation, userinfo,
// refresh-token rotation, PKCE S256 and RFC 9207 `iss`. Clients: clients.ts. Starts in 0.3–1.3 s
// (the PS256 client key, RSA 2048, dominates on a loaded machine); everything random per run.
import { createHash, X509Certificate } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";
import { Agent, fetch as undiciFetch } from "undici";
import { type FapiClientName, type FapiClients, makeClients } from "./clients.js";
import { configure, type ResolvedOptions } from "./config.js";
import { controlDpopNonces, type DpopNonceControl } from "./dpop-nonces.js";
import { consent as followConsent, providerListener } from "./interaction.js";

export type {
  FapiAlg,
  FapiClientName,
  FapiClients,
  MtlsClient,
  PrivateKeyJwtClient,
  SecretClient,
  SigningKey,
} from "./clients.js";
export type { DpopNonceControl, NonceCheck } from "./dpop-nonces.js";
export type { TestCertificate } from "./test-pki.js";

/** How the server is set up; every knob has the FAPI 2.0 default. */
export interface FapiServerOptions {
  /**
   * Server-wide PAR requirement (`features.pushedAuthorizationRequests.requirePushedAuthorizationRequests`,
   * discovered as `require_pushed_authorization_requests: true`): a plain authorization request is refused.
   * Default true.
   */
  requirePar?: boolean | undefined;
  /**
   * With `requirePar: false`: the clients that still require PAR through their own registration
   * (`require_pushed_authorization_requests` client metadata), the server's metadata silent. Default none.
   */
  parRequiredFor?: readonly FapiClientName[] | undefined;
  /** Whether a DPoP proof must carry a server nonce (`features.dPoP.requireNonce`); also `dpop.required`. Default true. */
  dpopNonce?: boolean | undefined;
  /**
   * FAPI 2.0 (§5.3.2.1): a FAPI client's assertion `aud` must be the issuer and nothing else. oidc-provider
   * itself also takes the token endpoint URL or the called endpoint's URL; false gives that looser rule. Default true.
   */
  strictAssertionAudience?: boolean | undefined;
  /** Publish RFC 8705 `mtls_endpoint_aliases` on `https://localhost:<port>` (the same listener). Default true. */
  mtlsAliases?: boolean | undefined;
  /** Rotate refresh tokens on use (`rotateRefreshToken`). Default true. */
  rotateRefreshToken?: boolean | undefined;
  /** Access token lifetime in seconds. Default 600. */
  accessTokenTtl?: number | undefined;
}

/** One request the server answered (no credentials recorded). */
export interface ServedRequest {
  method: string;
  /** The Host header: `127.0.0.1:<port>`, or `localhost:<port>` through an mTLS alias. */
  host: string;
  /** Path and query, e.g. `/token`, `/request`, `/auth?client_id=…&request_uri=…`. */
  path: string;
  status: number;
  /** Whether the request carried a DPoP proof header. */
  dpop: boolean;
  /** Whether the answer was a DPoP nonce challenge (`use_dpop_nonce`: an error status with `DPoP-Nonce`). */
  nonceChallenge: boolean;
  /** The x5t#S256 of the client certificate on the connection, if one was presented. */
  clientCertificate: string | undefined;
}

/** RFC 7662 introspection of a token, read from the server's store (no HTTP, no client authentication). */
export interface StoredIntrospection {
  active: boolean;
  client_id?: string | undefined;
  scope?: string | undefined;
  token_type?: "access_token" | "refresh_token" | undefined;
  /** The binding: `jkt` (DPoP key thumbprint) and/or `x5t#S256` (certificate thumbprint). */
  cnf?: { jkt?: string | undefined; "x5t#S256"?: string | undefined } | undefined;
}

/** A running FAPI server. */
export interface FapiServer {
  /** `https://127.0.0.1:<port>`; discovery at `/.well-known/openid-configuration`. */
  issuer: string;
  /** The mTLS alias origin (`https://localhost:<port>`), same listener, same certificate. */
  mtlsOrigin: string;
  /** The private CA's certificate (PEM): pass as `ca` to trust the server. */
  caPem: string;
  /** The registered clients and their credentials. */
  clients: FapiClients;
  /** The account every login signs in as (`sub`). */
  accountId: string;
  /** The server's DPoP nonces. */
  dpop: DpopNonceControl;
  /** Every request answered so far, oldest first. */
  readonly requests: readonly ServedRequest[];
  /**
   * An undici dispatcher that trusts the CA and, when given, presents a client certificate (for openid-client's
   * `customFetch`, `consent`, or a hand-made request). Closed by `stop()`.
   */
  dispatcher(tls?: { certPem: string; keyPem: string } | undefined): Agent;
  /** Drives login and consent for an authorization URL over https; returns the callback URL. */
  consent(authorizationUrl: string, redirectUri: string): Promise<string>;
  /** Introspects an access or refresh token straight from the server's store. */
  introspect(token: string): Promise<StoredIntrospection>;
  stop(): Promise<void>;
}

/** Records each answered request (method, host, path, status, DPoP, nonce challenge, client certificate). */
function recorder(log: ServedRequest[]) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    let challenged = false;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      const [chunk] = args;
      if ((typeof chunk === "string" || Buffer.isBuffer(chunk)) && chunk.includes("use_dpop_nonce")) challenged = true;
      return end(...args);
    }) as ServerResponse["end"];
    res.on("finish", () => {
      const raw = (req.socket as TLSSocket).getPeerCertificate().raw as Buffer | undefined;
      const authenticate = String(res.getHeader("www-authenticate") ?? "");
      log.push({
        method: req.method ?? "",
        host: req.headers.host ?? "",
        path: req.url ?? "",
        status: res.statusCode,
        dpop: req.headers.dpop !== undefined,
        nonceChallenge: challenged || authenticate.includes("use_dpop_nonce"),
        clientCertificate: raw ? createHash("sha256").update(raw).digest("base64url") : undefined,
      });
    });
  };
}

/** Reads a token from the provider's store, as RFC 7662 would answer for it. */
async function introspectStored(provider: Provider, token: string): Promise<StoredIntrospection> {
  const found = (await provider.AccessToken.find(token)) ?? (await provider.RefreshToken.find(token)) ?? undefined;
  if (found === undefined || found.isExpired) return { active: false };
  const binding = { jkt: found.jkt, "x5t#S256": found["x5t#S256"] };
  return {
    active: true,
    client_id: found.clientId,
    scope: found.scope,
    token_type: found.kind === "AccessToken" ? "access_token" : "refresh_token",
    cnf: binding.jkt === undefined && binding["x5t#S256"] === undefined ? undefined : binding,
  };
}

/** Starts the server on 127.0.0.1 and a free port, with fresh keys, certificates and clients. */
export async function startFapiServer(options: FapiServerOptions = {}): Promise<FapiServer> {
  const resolved: ResolvedOptions = {
    requirePar: options.requirePar ?? true,
    parRequiredFor: options.parRequiredFor ?? [],
    dpopNonce: options.dpopNonce ?? true,
    strictAssertionAudience: options.strictAssertionAudience ?? true,
    mtlsAliases: options.mtlsAliases ?? true,
    rotateRefreshToken: options.rotateRefreshToken ?? true,
    accessTokenTtl: options.accessTokenTtl ?? 600,
  };
  const [{ pki, clients }, signing] = await Promise.all([
    makeClients(),
    generateKeyPair("ES256", { extractable: true }),
  ]);
  const server = createServer({
    cert: pki.server.certPem,
    key: pki.server.keyPem,
    // Client certificates are verified against our CA (socket.authorized) but never refused at the handshake:
    // self-signed ones are legitimate for self_signed_tls_client_auth, and a client without one still connects.
    ca: pki.ca.certPem,
    requestCert: true,
    rejectUnauthorized: false,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `https://127.0.0.1:${port}`;
  const accountId = "alice";
  let nonces: DpopNonceControl | undefined;
  const jwks = { keys: [{ ...(await exportJWK(signing.privateKey)), kid: "server-es256", use: "sig", alg: "ES256" }] };
  const provider = new Provider(
    issuer,
    configure(clients, issuer, resolved, () => nonces, jwks as never),
  );
  nonces = controlDpopNonces(provider);
  nonces.required = resolved.dpopNonce;
  const requests: ServedRequest[] = [];
  const record = recorder(requests);
  const listener = providerListener(provider, accountId);
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    record(req, res);
    listener(req, res);
  });
  const agents: Agent[] = [];
  const dispatcher = (tls?: { certPem: string; keyPem: string }) => {
    const agent = new Agent({
      connect: { ca: pki.ca.certPem, ...(tls === undefined ? {} : { cert: tls.certPem, key: tls.keyPem }) },
    });
    agents.push(agent);
    return agent;
  };
  return {
    issuer,
    mtlsOrigin: `https://localhost:${port}`,
    caPem: pki.ca.certPem,
    clients,
    accountId,
    dpop: nonces,
    requests,
    dispatcher,
    consent: (url, redirectUri) => followConsent(url, redirectUri, { dispatcher: dispatcher() }),
    introspect: (token) => introspectStored(provider, token),
    stop: async () => {
      await Promise.all(agents.map((agent) => agent.close()));
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

/** RFC 7638 thumbprint of a DPoP key pair's public key: what a DPoP-bound token's `cnf.jkt` must be. */
export async function dpopThumbprint(keys: CryptoKeyPair): Promise<string> {
  return calculateJwkThumbprint(await exportJWK(keys.publicKey), "sha256");
}

/** RFC 8705 `x5t#S256` of a PEM certificate: what a certificate-bound token's `cnf["x5t#S256"]` must be. */
export function certificateThumbprint(certPem: string): string {
  return createHash("sha256").update(new X509Certificate(certPem).raw).digest("base64url");
}

/**
 * A `fetch` for finoauth's `fetch` option over an undici Agent (`server.dispatcher()`: it trusts the
 * server's private CA, and presents a client certificate if given one).
 */
export const fetchOver =
  (agent: Agent) =>
  (request: Request): Promise<Response> =>
    undiciFetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.method === "GET" ? undefined : request.body,
      redirect: "manual",
      signal: request.signal,
      dispatcher: agent,
      ...(request.body ? { duplex: "half" } : {}),
    } as never) as unknown as Promise<Response>;
