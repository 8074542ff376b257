// A loopback authorization and resource server that speaks DPoP (RFC 9449) for the tests: it verifies each
// proof with jose, keeps every proof it saw, counts requests, and challenges for nonces as it is told to.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { calculateJwkThumbprint, decodeProtectedHeader, EmbeddedJWK, type JWK, jwtVerify } from "jose";

/** How the server asks for nonces: never, until the proof carries the current one, or on every request. */
export type NonceMode = "none" | "require" | "always";

/** One proof as the server read it. */
export interface SeenProof {
  path: string;
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  jkt: string;
}

export interface DpopServer {
  url: string;
  /** Requests per path (`/token`, `/resource`, …). */
  counts: Map<string, number>;
  proofs: SeenProof[];
  /** The raw DPoP header values received, to look for them in errors. */
  rawProofs: string[];
  /** Nonce behaviour of `/token` and `/resource`. */
  nonceMode: NonceMode;
  /** The nonce the server wants now; a new one is issued with each challenge. */
  nonce: string;
  /** The `token_type` the token endpoint answers with. */
  tokenType: string;
  /** The token endpoint answers this many more requests with 503 (a retryable failure). */
  failNext: number;
  /** Tokens issued, with the thumbprint they are bound to. */
  issued: Map<string, string | undefined>;
  reset(): void;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};

async function readBody(req: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return body;
}

/** Starts the server on a free loopback port. */
export async function startDpopServer(): Promise<DpopServer> {
  const state: Omit<DpopServer, "url" | "close"> = {
    counts: new Map(),
    proofs: [],
    rawProofs: [],
    nonceMode: "none",
    nonce: randomBytes(8).toString("hex"),
    tokenType: "DPoP",
    failNext: 0,
    issued: new Map(),
    reset() {
      state.counts.clear();
      state.proofs.length = 0;
      state.rawProofs.length = 0;
      state.nonceMode = "none";
      state.tokenType = "DPoP";
      state.failNext = 0;
    },
  };

  /** Verifies the request's proof; returns it, or undefined when there is none. Throws on a bad one. */
  const verifyProof = async (req: IncomingMessage, path: string): Promise<SeenProof | undefined> => {
    const raw = req.headers.dpop;
    if (typeof raw !== "string") return undefined;
    state.rawProofs.push(raw);
    const { payload, protectedHeader } = await jwtVerify(raw, EmbeddedJWK, { typ: "dpop+jwt" });
    const jkt = await calculateJwkThumbprint(protectedHeader.jwk as JWK, "sha256");
    const seen = { path, header: decodeProtectedHeader(raw) as Record<string, unknown>, claims: payload, jkt };
    state.proofs.push(seen);
    return seen;
  };

  /** True when the request must be challenged for a nonce (and a fresh nonce is issued for it). */
  const needsNonce = (proof: SeenProof | undefined) => {
    if (state.nonceMode === "none" || proof === undefined) return false;
    if (state.nonceMode === "require" && proof.claims.nonce === state.nonce) return false;
    state.nonce = randomBytes(8).toString("hex");
    return true;
  };

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    state.counts.set(path, (state.counts.get(path) ?? 0) + 1);
    try {
      const body = await readBody(req);
      const proof = await verifyProof(req, path).catch(() => null);
      if (proof === null) return json(res, 400, { error: "invalid_dpop_proof" });
      if (path === "/token") {
        if (state.failNext > 0 && state.failNext--) return json(res, 503, { error: "temporarily_unavailable" });
        if (needsNonce(proof))
          return json(res, 400, { error: "use_dpop_nonce", error_description: "nonce" }, { "dpop-nonce": state.nonce });
        const form = new URLSearchParams(body);
        const accessToken = `at-${randomBytes(12).toString("hex")}`;
        state.issued.set(accessToken, proof?.jkt);
        return json(res, 200, {
          access_token: accessToken,
          token_type: state.tokenType,
          expires_in: 3600,
          refresh_token: `rt-${randomBytes(12).toString("hex")}`,
          scope: form.get("scope") ?? undefined,
        });
      }
      if (path === "/resource") {
        if (needsNonce(proof)) {
          res.writeHead(401, {
            "www-authenticate": 'DPoP error="use_dpop_nonce", error_description="Resource server requires nonce"',
            "dpop-nonce": state.nonce,
          });
          return res.end();
        }
        return json(res, 200, { ok: true, authorization: req.headers.authorization?.split(" ")[0] });
      }
      if (path === "/redirect") {
        res.writeHead(302, { location: "http://127.0.0.1:9/elsewhere" });
        return res.end();
      }
      if (path === "/big") return json(res, 200, { big: "x".repeat(64 * 1024) });
      if (path === "/slow") return; // never answers; the client's timeout ends it
      json(res, 404, { error: "not_found" });
    } catch (error) {
      json(res, 500, { error: "server_error", error_description: String(error) });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as DpopServer;
}
