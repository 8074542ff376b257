// The loopback token server the runtime suite talks to: a small RFC 6749 authorization server on 127.0.0.1
// (token endpoint: client credentials, refresh with rotation, authorization code with PKCE S256; authorize
// endpoint: a 302 back to the redirect URI). It checks what each runtime sends as strictly as a real server
// would, answers RFC 6749 JSON, and keeps a log per client id so the suite can check what each runtime did.
import { createHash, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { CLIENT_SECRET, REDIRECT_URI } from "./target.mjs";

/**
 * @typedef {{ grant: string, status: number, error?: string }} Exchange
 * @typedef {{ url: string, log(clientId: string): Exchange[], close(): Promise<void> }} TokenServer
 */

/** Decodes `Authorization: Basic` per RFC 6749 §2.3.1: base64 of form-encoded id `:` form-encoded secret. */
function basicCredentials(header) {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(header ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("latin1");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  const form = (part) => decodeURIComponent(part.replaceAll("+", " "));
  try {
    return { id: form(decoded.slice(0, colon)), secret: form(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

const readBody = (request) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });

const token = () => randomBytes(16).toString("base64url");

/**
 * Starts the server on a free loopback port. `close()` ends every connection (kept-alive ones included)
 * and resolves once the port is free.
 * @returns {Promise<TokenServer>}
 */
export async function startTokenServer() {
  /** @type {Map<string, Exchange[]>} */
  const logs = new Map();
  const refreshTokens = new Map(); // refresh token → client id; used once (rotation)
  const codes = new Map(); // code → { clientId, challenge, redirectUri }
  let connections = 0;

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const send = (status, body, headers = {}) => {
      response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store", ...headers });
      response.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (request.method === "GET" && url.pathname === "/authorize") return authorize(url, send);
    if (request.method === "POST" && url.pathname === "/token") {
      const body = await readBody(request);
      return tokenEndpoint(request, body, send, request.socket);
    }
    send(404, { error: "not_found" });
  });
  server.on("connection", (socket) => {
    socket.connectionNumber = ++connections;
  });

  function authorize(url, send) {
    const q = url.searchParams;
    const valid =
      q.get("response_type") === "code" &&
      q.get("redirect_uri") === REDIRECT_URI &&
      q.get("code_challenge_method") === "S256" &&
      /^[A-Za-z0-9_-]{43}$/.test(q.get("code_challenge") ?? "") &&
      (q.get("state") ?? "").length >= 32;
    const clientId = q.get("client_id") ?? "";
    logOf(clientId).push({ grant: "authorize", status: valid ? 302 : 400 });
    if (!valid) return send(400, { error: "invalid_request" });
    const code = token();
    codes.set(code, { clientId, challenge: q.get("code_challenge"), redirectUri: q.get("redirect_uri") });
    const location = new URL(REDIRECT_URI);
    location.searchParams.set("code", code);
    location.searchParams.set("state", q.get("state"));
    send(302, undefined, { location: location.href });
  }

  function tokenEndpoint(request, body, send, socket) {
    const form = new URLSearchParams(body);
    const client = basicCredentials(request.headers.authorization);
    const grant = form.get("grant_type") ?? "";
    const log = logOf(client?.id ?? "");
    const refuse = (status, error) => {
      log.push({ grant, status, error });
      send(status, { error }, status === 401 ? { "www-authenticate": "Basic" } : {});
    };
    if (request.headers["content-type"] !== "application/x-www-form-urlencoded") return refuse(400, "invalid_request");
    if (!client || client.secret !== CLIENT_SECRET) return refuse(401, "invalid_client");
    let scope = form.get("scope") ?? undefined;
    if (grant === "refresh_token") {
      const owner = refreshTokens.get(form.get("refresh_token"));
      if (owner !== client.id) return refuse(400, "invalid_grant");
      refreshTokens.delete(form.get("refresh_token"));
      scope = undefined; // the scope granted before
    } else if (grant === "authorization_code") {
      const issued = codes.get(form.get("code"));
      codes.delete(form.get("code"));
      const verifier = form.get("code_verifier") ?? "";
      const challenge = createHash("sha256").update(verifier).digest("base64url");
      if (!issued || issued.clientId !== client.id || issued.redirectUri !== form.get("redirect_uri"))
        return refuse(400, "invalid_grant");
      if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || challenge !== issued.challenge)
        return refuse(400, "invalid_grant");
    } else if (grant !== "client_credentials") return refuse(400, "unsupported_grant_type");
    const refreshToken = token();
    refreshTokens.set(refreshToken, client.id);
    log.push({ grant, status: 200 });
    send(200, {
      access_token: token(),
      token_type: "bearer",
      expires_in: 3600,
      refresh_token: refreshToken,
      scope: scope ?? "read",
      // Not RFC 6749, which allows extra members: which connection the answer came on (keep-alive check).
      connection: socket.connectionNumber,
    });
  }

  const logOf = (clientId) => {
    let log = logs.get(clientId);
    if (!log) logs.set(clientId, (log = []));
    return log;
  };

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    log: (clientId) => [...(logs.get(clientId) ?? [])],
    close: () =>
      new Promise((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
