// A small RFC 6749 / RFC 7009 authorization server of our own, on 127.0.0.1, for end-to-end tests of the
// real HTTP path: it rotates refresh tokens (each one valid once), counts requests per grant and per code,
// records when each request arrived, and injects faults into the next N requests on demand.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { performance } from "node:perf_hooks";

/** What the server can do wrong, to the next requests. */
export type Fault =
  /** Never answer (the client must time out). */
  | "hang"
  /** Destroy the connection without an answer. */
  | "reset"
  /** 429 with `Retry-After` (default `1`). */
  | "429"
  /** 503 with an RFC 6749 error body. */
  | "503"
  /** 200 with a JSON body cut off halfway (and a matching Content-Length). */
  | "truncated"
  /** 502 with an HTML error page, as a proxy would send. */
  | "html"
  /** An RFC 6749 error body (`invalid_request`) under HTTP 200. */
  | "error200";

/** One request as the server received it. */
export interface RecordedRequest {
  /** `performance.now()` when the request arrived. */
  at: number;
  method: string;
  path: string;
  /** The form fields. */
  form: Record<string, string>;
  grant?: string | undefined;
  /** The fault injected into this request, if any. */
  fault?: Fault | undefined;
}

export interface TokenServerOptions {
  clientId?: string;
  clientSecret?: string;
  /** `expires_in` of issued access tokens, in seconds. Default 3600. */
  expiresIn?: number;
}

export interface TokenServer {
  /** `http://127.0.0.1:<port>`: give it to the provider as `baseUrl`. */
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Every request, in order of arrival. */
  readonly requests: readonly RecordedRequest[];
  /** `"rotate"` (default): each refresh answers a new refresh token and retires the old one. `"omit"`: the answer has no refresh token and the old one stays valid. */
  refreshMode: "rotate" | "omit";
  /** Requests to /token with this `grant_type`, faulted ones included. */
  count(grant: string): number;
  /** Requests to /token that carried this authorization code. */
  codeCount(code: string): number;
  /** Requests to /revoke. */
  revokeCount(): number;
  /** Injects `fault` into the next `times` requests (to any path). */
  fault(fault: Fault, times?: number, options?: { retryAfter?: string }): void;
  /** A new single-use authorization code. */
  issueCode(): string;
  /** Whether the server would accept this access token now (issued and not revoked). */
  isActive(accessToken: string): boolean;
  /** Whether this refresh token is the valid one of its chain. */
  isValidRefreshToken(refreshToken: string): boolean;
  /** Forgets requests and pending faults (tokens and codes stay). */
  resetCounts(): void;
  /** Stops listening and destroys every open connection, hanging ones included. */
  close(): Promise<void>;
}

const token = (prefix: string) => `${prefix}-${randomBytes(12).toString("base64url")}`;

/** Starts the server on a free loopback port. */
export async function startTokenServer(options: TokenServerOptions = {}): Promise<TokenServer> {
  const clientId = options.clientId ?? "test-client";
  const clientSecret = options.clientSecret ?? "test-client-secret:ü"; // ':' and non-ASCII: Basic auth must form-encode
  const expiresIn = options.expiresIn ?? 3600;
  const requests: RecordedRequest[] = [];
  const faults: { fault: Fault; retryAfter?: string }[] = [];
  const codes = new Set<string>();
  const refreshTokens = new Set<string>();
  const accessTokens = new Set<string>();
  const sockets = new Set<Socket>();

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      "content-type": "application/json",
      "cache-control": "no-store",
      "content-length": Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };
  const oauthError = (
    res: ServerResponse,
    status: number,
    error: string,
    description: string,
    headers?: Record<string, string>,
  ) => json(res, status, { error, error_description: description }, headers);

  /** RFC 6749 §2.3.1: HTTP Basic with form-encoded id and secret, or both in the body. */
  const authenticated = (req: IncomingMessage, form: Record<string, string>): boolean => {
    const header = req.headers.authorization;
    if (header?.startsWith("Basic ")) {
      const [id, secret] = Buffer.from(header.slice(6), "base64").toString("utf8").split(":");
      const decode = (v = "") => decodeURIComponent(v.replace(/\+/g, " "));
      return decode(id) === clientId && decode(secret) === clientSecret;
    }
    return form.client_id === clientId && form.client_secret === clientSecret;
  };

  const issue = (res: ServerResponse, withRefreshToken: boolean, scope?: string) => {
    const accessToken = token("at");
    accessTokens.add(accessToken);
    const body: Record<string, unknown> = { access_token: accessToken, token_type: "bearer", expires_in: expiresIn };
    if (withRefreshToken) {
      const refreshToken = token("rt");
      refreshTokens.add(refreshToken);
      body.refresh_token = refreshToken;
    }
    if (scope) body.scope = scope;
    json(res, 200, body);
  };

  const handleToken = (req: IncomingMessage, res: ServerResponse, form: Record<string, string>) => {
    if (!authenticated(req, form))
      return oauthError(res, 401, "invalid_client", "client authentication failed", {
        "www-authenticate": 'Basic realm="token"',
      });
    switch (form.grant_type) {
      case "client_credentials":
        return issue(res, false, form.scope);
      case "authorization_code": {
        if (!form.code || !codes.delete(form.code))
          return oauthError(res, 400, "invalid_grant", "unknown or already used authorization code");
        return issue(res, true, form.scope);
      }
      case "refresh_token": {
        const presented = form.refresh_token;
        if (!presented || !refreshTokens.has(presented))
          return oauthError(res, 400, "invalid_grant", "unknown, revoked or already used refresh token");
        if (server.refreshMode === "omit") return issue(res, false, form.scope);
        refreshTokens.delete(presented);
        return issue(res, true, form.scope);
      }
      default:
        return oauthError(
          res,
          400,
          "unsupported_grant_type",
          `grant_type ${form.grant_type ?? "(none)"} is not supported`,
        );
    }
  };

  /** RFC 7009 §2.2: 200 whether or not the token was known. */
  const handleRevoke = (req: IncomingMessage, res: ServerResponse, form: Record<string, string>) => {
    if (!authenticated(req, form)) return oauthError(res, 401, "invalid_client", "client authentication failed");
    if (!form.token) return oauthError(res, 400, "invalid_request", "token is required");
    refreshTokens.delete(form.token);
    accessTokens.delete(form.token);
    res.writeHead(200, { "content-length": 0 });
    res.end();
  };

  const injectFault = (req: IncomingMessage, res: ServerResponse, next: { fault: Fault; retryAfter?: string }) => {
    switch (next.fault) {
      case "hang":
        return; // the socket stays open until the client gives up or close() destroys it
      case "reset":
        return req.socket.destroy();
      case "429":
        return oauthError(res, 429, "temporarily_unavailable", "slow down", { "retry-after": next.retryAfter ?? "1" });
      case "503":
        return oauthError(res, 503, "temporarily_unavailable", "try again later");
      case "truncated": {
        const text = JSON.stringify({ access_token: token("at"), token_type: "bearer", expires_in: expiresIn }).slice(
          0,
          25,
        );
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
        return res.end(text);
      }
      case "html": {
        const text =
          "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";
        res.writeHead(502, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(text) });
        return res.end(text);
      }
      case "error200":
        return oauthError(res, 200, "invalid_request", "an error under HTTP 200");
    }
  };

  const http = createServer((req, res) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
      const next = faults.shift();
      requests.push({
        at,
        method: req.method ?? "",
        path,
        form,
        grant: path === "/token" ? form.grant_type : undefined,
        fault: next?.fault,
      });
      if (next) return injectFault(req, res, next);
      const type = req.headers["content-type"]?.split(";")[0]?.trim();
      if (req.method !== "POST") return oauthError(res, 405, "invalid_request", "POST only");
      if (type !== "application/x-www-form-urlencoded")
        return oauthError(res, 400, "invalid_request", `expected a form body, got ${type ?? "none"}`);
      if (path === "/token") return handleToken(req, res, form);
      if (path === "/revoke") return handleRevoke(req, res, form);
      return oauthError(res, 404, "invalid_request", `no endpoint ${path}`);
    });
  });
  http.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = http.address() as AddressInfo;

  const server: TokenServer = {
    url: `http://127.0.0.1:${port}`,
    clientId,
    clientSecret,
    requests,
    refreshMode: "rotate",
    count: (grant) => requests.filter((r) => r.path === "/token" && r.grant === grant).length,
    codeCount: (code) => requests.filter((r) => r.path === "/token" && r.form.code === code).length,
    revokeCount: () => requests.filter((r) => r.path === "/revoke").length,
    fault(fault, times = 1, faultOptions = {}) {
      for (let i = 0; i < times; i++) faults.push({ fault, ...faultOptions });
    },
    issueCode() {
      const code = token("code");
      codes.add(code);
      return code;
    },
    isActive: (accessToken) => accessTokens.has(accessToken),
    isValidRefreshToken: (refreshToken) => refreshTokens.has(refreshToken),
    resetCounts() {
      requests.length = 0;
      faults.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        http.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
        http.closeAllConnections();
      }),
  };
  return server;
}
