// The oidc-provider configuration of the FAPI test server (server.ts), split out of it: FAPI 2.0 for
// the clients that ask for it, PAR, DPoP with controllable nonces, mutual TLS from the raw TLS socket.
//
// What oidc-provider 8.8.1 itself does, read from its source and seen in @finoauth/auth's
// test/fapi-openid-client.test.ts:
// - `features.fapi.profile: "2.0"` enforces little by itself: PKCE (S256) and the claims of request objects.
//   PAR, sender-constrained tokens, the client-auth methods and the JWS algorithms are configuration (below).
// - RFC 9207 `iss` is on every authorization response, FAPI or not.
// - A client assertion's `aud` may be the issuer, the token endpoint URL or the called endpoint's URL; FAPI
//   2.0 wants the issuer only, so `assertJwtClientAuthClaimsAndHeader` adds that (and the PS256/ES256/EdDSA
//   rule) for FAPI clients.
// - Ed25519 is known only as `alg: "EdDSA"`: the fully-specified `"Ed25519"` (RFC 9864, what openid-client
//   6.9 sends for an Ed25519 key) is refused as "alg mismatch".
// - DPoP nonces are server-wide (not per client, not per endpoint). A proof without one is answered
//   `use_dpop_nonce` (token/PAR: HTTP 400 JSON; userinfo: 401 with `WWW-Authenticate: DPoP
//   error="use_dpop_nonce"`), with the nonce in `DPoP-Nonce`. A DPoP-bound access token introspects with
//   `token_type: "DPoP"` and `cnf.jkt`; a refresh token of a confidential client is not itself bound, but a
//   `dpop_bound_access_tokens` client's refresh without a proof is refused. A proof's `jti` is single-use
//   (replay detection on), and a DPoP proof on the PAR binds the code to that key (`dpop_jkt`).
// - mTLS: the client certificate comes from `ctx.socket.getPeerCertificate().raw` (a raw node:https server,
//   no proxy header); `socket.authorized` says whether it chains to the server's `ca`. TLS session resumption
//   keeps the peer certificate, so a new connection from the same undici Agent still authenticates.
import { randomBytes, X509Certificate } from "node:crypto";
import type { TLSSocket } from "node:tls";
import { type Configuration, errors } from "oidc-provider";
// oidc-provider has no "exports" map: its default store is importable; typed in oidc-provider-internals.d.ts.
import MemoryAdapter from "oidc-provider/lib/adapters/memory_adapter.js";
import { type FapiClientName, type FapiClients, fapiAlgs, registration } from "./clients.js";
import type { DpopNonceControl } from "./dpop-nonces.js";
import type { FapiServerOptions } from "./server.js";

/**
 * oidc-provider's in-memory store under another name: the same store, chosen on purpose (the server lives
 * only as long as the process that started it), so oidc-provider does not print its warning about the
 * default adapter on stderr, where a test or `finoauth demo` would show it.
 */
class InProcessAdapter extends MemoryAdapter {}

/** Every knob of `FapiServerOptions`, defaults filled in. */
export type ResolvedOptions = { [K in keyof FapiServerOptions]-?: NonNullable<FapiServerOptions[K]> };

/** The oidc-provider configuration for these clients at this issuer. */
export function configure(
  clients: FapiClients,
  issuer: string,
  options: ResolvedOptions,
  nonces: () => DpopNonceControl | undefined,
  jwks: Configuration["jwks"],
): Configuration {
  const fapiIds = new Set(Object.values(clients).flatMap((client) => (client.fapi ? [client.clientId] : [])));
  const peer = (ctx: { socket: unknown }) => (ctx.socket as TLSSocket).getPeerCertificate();
  return {
    clients: Object.entries(clients).map(([name, client]) =>
      registration(client, options.parRequiredFor.includes(name as FapiClientName)),
    ),
    jwks,
    adapter: InProcessAdapter,
    cookies: { keys: [randomBytes(32).toString("hex")] },
    scopes: ["openid", "offline_access"],
    clientAuthMethods: [
      "private_key_jwt",
      "self_signed_tls_client_auth",
      "tls_client_auth",
      "client_secret_basic",
      "client_secret_jwt",
    ],
    enabledJWA: {
      clientAuthSigningAlgValues: ["HS256", ...fapiAlgs],
      dPoPSigningAlgValues: [...fapiAlgs],
      idTokenSigningAlgValues: ["ES256"],
    },
    features: {
      devInteractions: { enabled: false },
      fapi: {
        enabled: true,
        // Per client: FAPI 2.0 for the FAPI clients, none for the secret-based ones (oidc-provider takes undefined).
        profile: (_ctx, client) => (client && fapiIds.has(client.clientId) ? "2.0" : (undefined as never)),
      },
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: options.requirePar },
      dPoP: {
        enabled: true,
        nonceSecret: randomBytes(32),
        requireNonce: () => nonces()?.required ?? options.dpopNonce,
      },
      mTLS: {
        enabled: true,
        certificateBoundAccessTokens: true,
        selfSignedTlsClientAuth: true,
        tlsClientAuth: true,
        // The peer certificate straight from the TLS socket (no proxy header): `raw` is its DER.
        getCertificate: (ctx) => {
          const { raw } = peer(ctx);
          return raw ? new X509Certificate(raw) : undefined;
        },
        // Verified by Node against the server's `ca` (our CA) during the handshake.
        certificateAuthorized: (ctx) => (ctx.socket as TLSSocket).authorized,
        certificateSubjectMatches: (ctx, property, expected) =>
          property === "tls_client_auth_subject_dn" &&
          new X509Certificate(peer(ctx).raw).subject.replaceAll("\n", ",") === expected,
      },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      // A client may introspect only the tokens issued to it.
      introspection: {
        enabled: true,
        allowedPolicy: async (_ctx, caller, token) => token.clientId === caller.clientId,
      },
    },
    assertJwtClientAuthClaimsAndHeader: async (_ctx, claims, header, client) => {
      if (!fapiIds.has(client.clientId)) return;
      if (!fapiAlgs.includes(header.alg as never))
        throw new errors.InvalidClientAuth("FAPI 2.0: the client assertion must be signed with PS256, ES256 or EdDSA");
      const aud = Array.isArray(claims.aud) && claims.aud.length === 1 ? claims.aud[0] : claims.aud;
      if (options.strictAssertionAudience && aud !== issuer)
        throw new errors.InvalidClientAuth("FAPI 2.0: the client assertion's aud must be the issuer identifier");
    },
    discovery: options.mtlsAliases ? { mtls_endpoint_aliases: aliases(issuer) } : {},
    ttl: {
      AccessToken: options.accessTokenTtl,
      IdToken: 600,
      RefreshToken: 3600,
      Grant: 3600,
      Session: 3600,
      Interaction: 600,
      AuthorizationCode: 60,
    },
    pkce: { methods: ["S256"], required: () => true },
    rotateRefreshToken: options.rotateRefreshToken,
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  };
}

/** The mTLS endpoint aliases: the same paths on `localhost` instead of `127.0.0.1`. */
export function aliases(issuer: string): Record<string, string> {
  const origin = issuer.replace("127.0.0.1", "localhost");
  return {
    token_endpoint: `${origin}/token`,
    pushed_authorization_request_endpoint: `${origin}/request`,
    userinfo_endpoint: `${origin}/me`,
    introspection_endpoint: `${origin}/token/introspection`,
    revocation_endpoint: `${origin}/token/revocation`,
  };
}
