// A real OpenID Provider for tests: panva's oidc-provider (8.x, the newest major that runs on Node 20), in
// this process on a free loopback port, with one confidential client, refresh-token rotation, revocation,
// introspection, and a login and consent step that a test drives as a browser would (see `consent`).
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { providerListener } from "@finoauth/mock/fapi";
import Provider from "oidc-provider";

export { consent } from "@finoauth/mock/fapi";

/** The test client, registered with client_secret_basic; the secret is random per run and never printed. */
export interface OidcClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/** A second client, registered with private_key_jwt (ES256): its private JWK is the test's to sign with. */
export interface OidcKeyClient {
  clientId: string;
  privateJwk: JsonWebKey & { kid: string; alg: string };
  redirectUri: string;
}

/** A running server: its issuer, its clients, and how to stop it. */
export interface OidcServer {
  issuer: string;
  client: OidcClient;
  keyClient: OidcKeyClient;
  /** The account every login signs in as. */
  accountId: string;
  stop(): Promise<void>;
}

/** Starts the server on 127.0.0.1 and a free port. */
export async function startOidcServer(): Promise<OidcServer> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client: OidcClient = {
    clientId: "finoauth-test",
    clientSecret: randomBytes(24).toString("base64url"),
    redirectUri: "https://client.example.com/cb",
  };
  const accountId = "alice";
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const clientKey = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const keyClient: OidcKeyClient = {
    clientId: "finoauth-key-client",
    privateJwk: { ...clientKey.privateKey.export({ format: "jwk" }), kid: "client-key-1", alg: "ES256" },
    redirectUri: client.redirectUri,
  };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [client.redirectUri],
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
      {
        client_id: keyClient.clientId,
        redirect_uris: [keyClient.redirectUri],
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        token_endpoint_auth_method: "private_key_jwt",
        token_endpoint_auth_signing_alg: "ES256",
        jwks: {
          keys: [
            {
              ...clientKey.publicKey.export({ format: "jwk" }),
              kid: "client-key-1",
              use: "sig",
              alg: "ES256",
            } as never,
          ],
        },
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "test", use: "sig", alg: "RS256" } as never] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    scopes: ["openid", "offline_access"],
    features: {
      devInteractions: { enabled: false },
      // RFC 9126, offered (not required): the generic provider's `par` option is tested against it.
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: false },
      revocation: { enabled: true },
      // A client may introspect only the tokens issued to it.
      introspection: {
        enabled: true,
        allowedPolicy: async (_ctx, caller, token) => token.clientId === caller.clientId,
      },
    },
    // Lifetimes in seconds (the defaults work, but the server asks that they be chosen).
    ttl: {
      AccessToken: 600,
      IdToken: 600,
      RefreshToken: 3600,
      Grant: 3600,
      Session: 3600,
      Interaction: 600,
      AuthorizationCode: 60,
    },
    pkce: { methods: ["S256"], required: () => true },
    rotateRefreshToken: true,
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  });
  server.on("request", providerListener(provider, accountId));
  return {
    issuer,
    client,
    keyClient,
    accountId,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
