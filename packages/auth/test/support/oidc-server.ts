// A real OpenID Provider for tests: panva's oidc-provider (8.x, the newest major that runs on Node 20), in
// this process on a free loopback port, with one confidential client, refresh-token rotation, revocation,
// introspection, and a login and consent step that a test drives as a browser would (see `consent`).
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type InteractionResults } from "oidc-provider";

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

/** Logs the user in, then grants every scope asked for: what a person would click through. */
async function interact(
  provider: Provider,
  accountId: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { prompt, params, grantId } = await provider.interactionDetails(req, res);
  let result: InteractionResults;
  if (prompt.name === "login") {
    result = { login: { accountId } };
  } else {
    const grant =
      (grantId ? await provider.Grant.find(grantId) : undefined) ??
      new provider.Grant({ accountId, clientId: String(params.client_id) });
    grant.addOIDCScope(String(params.scope ?? ""));
    result = { consent: { grantId: await grant.save() } };
  }
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: true });
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
  const handle = provider.callback();
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith("/interaction/")) {
      interact(provider, accountId, req, res).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    } else handle(req, res);
  });
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

/**
 * Follows an authorization URL as a browser would (redirects by hand, cookies kept), through the login and
 * consent steps, up to the redirect to the client: returns that callback URL.
 */
export async function consent(authorizationUrl: string, redirectUri: string): Promise<string> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  for (let hop = 0; hop < 12; hop++) {
    const response = await fetch(url, {
      redirect: "manual",
      headers: { Cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; ") },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const pair = cookie.slice(0, cookie.indexOf(";") >>> 0);
      const at = pair.indexOf("=");
      const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(cookie)) jar.delete(name);
      else jar.set(name, value);
    }
    await response.body?.cancel();
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || location === null)
      throw new Error(`the authorization stopped at HTTP ${response.status} (${new URL(url).pathname})`);
    const next = new URL(location, url).toString();
    if (next.startsWith(`${redirectUri}?`)) return next;
    url = next;
  }
  throw new Error("the authorization did not come back to the client within 12 redirects");
}
