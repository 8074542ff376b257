// The clients registered at the FAPI test server (server.ts): their credentials, made fresh each run,
// and the registration metadata oidc-provider gets for each.
import { randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import type { ClientMetadata } from "oidc-provider";
import { makeTestPki, selfSignedClientCertificate, type TestCertificate, type TestPki } from "./test-pki.js";

/** The JWS algorithms FAPI 2.0 allows for client assertions and DPoP proofs (§5.4: PS256, ES256, EdDSA/Ed25519). */
export type FapiAlg = "ES256" | "PS256" | "EdDSA";
export const fapiAlgs: readonly FapiAlg[] = ["ES256", "PS256", "EdDSA"];

/** A signing key: the pair as WebCrypto keys (extractable) and as JWKs, with the `kid` registered for it. */
export interface SigningKey {
  alg: FapiAlg;
  kid: string;
  keys: CryptoKeyPair;
  /** The private JWK, with `kid` and `alg` (what finoauth's `clientKey` takes). */
  privateJwk: JWK;
  /** The public JWK, with `kid`, `alg` and `use: "sig"` (what the server has registered). */
  publicJwk: JWK;
}

/** What every client record has. */
interface ClientBase {
  clientId: string;
  /** Registered; any other is refused. `https://client.example.com/cb/<client>`, never contacted. */
  redirectUri: string;
  /** Whether the FAPI 2.0 profile applies to this client (`features.fapi.profile` answers "2.0" for it). */
  fapi: boolean;
  /**
   * How its access tokens are sender-constrained: `"dpop"` (registered `dpop_bound_access_tokens`: a token
   * request without a DPoP proof is refused), `"mtls"` (`tls_client_certificate_bound_access_tokens`), or
   * `"none"` (bearer, unless the client sends a DPoP proof anyway: then DPoP-bound).
   */
  binding: "dpop" | "mtls" | "none";
}

/** `private_key_jwt`, FAPI 2.0, DPoP-bound: one registered key per FAPI algorithm, any of which may sign. */
export interface PrivateKeyJwtClient extends ClientBase {
  authMethod: "private_key_jwt";
  signingKeys: Record<FapiAlg, SigningKey>;
  /** A DPoP key pair (ES256, not extractable) for convenience; a test may use any key of its own. */
  dpopKeys: CryptoKeyPair;
}

/** `self_signed_tls_client_auth` or `tls_client_auth`, FAPI 2.0, certificate-bound tokens. */
export interface MtlsClient extends ClientBase {
  authMethod: "self_signed_tls_client_auth" | "tls_client_auth";
  /** The client certificate and key (PEM) to present on the TLS connection. */
  tls: TestCertificate;
}

/** `client_secret_basic` or `client_secret_jwt`: not FAPI (2.0 forbids shared secrets), for refusal tests. */
export interface SecretClient extends ClientBase {
  authMethod: "client_secret_basic" | "client_secret_jwt";
  /** Random per run (32 bytes, base64url: long enough for HS256). */
  clientSecret: string;
}

/** Every registered client, by role. */
export interface FapiClients {
  privateKeyJwt: PrivateKeyJwtClient;
  selfSignedTls: MtlsClient;
  tlsClientAuth: MtlsClient;
  secretBasic: SecretClient;
  secretJwt: SecretClient;
}

/** The role names of `FapiClients`. */
export type FapiClientName = keyof FapiClients;

async function signingKey(alg: FapiAlg, clientId: string): Promise<SigningKey> {
  const keys = (await generateKeyPair(alg, { extractable: true })) as CryptoKeyPair;
  const kid = `${clientId}-${alg.toLowerCase()}`;
  return {
    alg,
    kid,
    keys,
    privateJwk: { ...(await exportJWK(keys.privateKey)), kid, alg },
    publicJwk: { ...(await exportJWK(keys.publicKey)), kid, alg, use: "sig" },
  };
}

const redirectFor = (clientId: string) => `https://client.example.com/cb/${clientId}`;

/** Makes the PKI (CA + server certificate) and every client's credentials, all random per run. */
export async function makeClients(): Promise<{ pki: TestPki; clients: FapiClients }> {
  const suffix = randomBytes(4).toString("hex");
  const id = (role: string) => `${role}-${suffix}`;
  const [pki, es256, ps256, eddsa, dpop, selfSigned] = await Promise.all([
    makeTestPki(),
    signingKey("ES256", id("pkjwt")),
    signingKey("PS256", id("pkjwt")),
    signingKey("EdDSA", id("pkjwt")),
    generateKeyPair("ES256") as Promise<CryptoKeyPair>,
    selfSignedClientCertificate(id("self-signed-tls")),
  ]);
  const secret = (role: SecretClient["authMethod"], clientId: string): SecretClient => ({
    clientId,
    redirectUri: redirectFor(clientId),
    fapi: false,
    binding: "none",
    authMethod: role,
    clientSecret: randomBytes(32).toString("base64url"),
  });
  const mtls = (authMethod: MtlsClient["authMethod"], clientId: string, tls: TestCertificate): MtlsClient => ({
    clientId,
    redirectUri: redirectFor(clientId),
    fapi: true,
    binding: "mtls",
    authMethod,
    tls,
  });
  const tlsId = id("tls-client-auth");
  const clients: FapiClients = {
    privateKeyJwt: {
      clientId: id("pkjwt"),
      redirectUri: redirectFor(id("pkjwt")),
      fapi: true,
      binding: "dpop",
      authMethod: "private_key_jwt",
      signingKeys: { ES256: es256, PS256: ps256, EdDSA: eddsa },
      dpopKeys: dpop,
    },
    selfSignedTls: mtls("self_signed_tls_client_auth", id("self-signed-tls"), selfSigned),
    tlsClientAuth: mtls("tls_client_auth", tlsId, await pki.issueClient(tlsId)),
    secretBasic: secret("client_secret_basic", id("secret-basic")),
    secretJwt: secret("client_secret_jwt", id("secret-jwt")),
  };
  return { pki, clients };
}

/** What oidc-provider registers for `client`; `requirePar` adds `require_pushed_authorization_requests`. */
export function registration(client: FapiClients[FapiClientName], requirePar: boolean): ClientMetadata {
  const common: ClientMetadata = {
    client_id: client.clientId,
    redirect_uris: [client.redirectUri],
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    token_endpoint_auth_method: client.authMethod,
    id_token_signed_response_alg: "ES256",
    ...(requirePar ? { require_pushed_authorization_requests: true } : {}),
    ...(client.binding === "dpop" ? { dpop_bound_access_tokens: true } : {}),
    ...(client.binding === "mtls" ? { tls_client_certificate_bound_access_tokens: true } : {}),
  };
  switch (client.authMethod) {
    case "private_key_jwt":
      return { ...common, jwks: { keys: Object.values(client.signingKeys).map((key) => key.publicJwk) } };
    case "self_signed_tls_client_auth":
      // RFC 8705 §2.2: the certificate is registered as a JWK with `x5c`; the server matches its x5t#S256.
      return { ...common, jwks: { keys: [{ ...client.tls.publicJwk, x5c: [client.tls.derBase64] }] } };
    case "tls_client_auth":
      return { ...common, tls_client_auth_subject_dn: client.tls.subject };
    default:
      return { ...common, client_secret: client.clientSecret };
  }
}
