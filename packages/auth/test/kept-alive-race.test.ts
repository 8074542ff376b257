// The kept-alive socket race: a request never written (the server had closed the kept-alive socket) goes
// out on a fresh connection, even a code exchange; a request the server read before resetting is never
// re-sent. On the keep-alive transport undici decides the first (it writes to an idle socket only after
// the pending FIN or RST has been read, and re-dispatches a request it had not written); the engine never
// re-sends a written one. Made deterministic on a real loopback server: no timing is assumed anywhere.
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createNodeTransport } from "../src/keep-alive.js";
import { createProvider } from "../src/providers/all.js";
import { rejection } from "./support/prism.js";

/** What the server does with each complete request it reads. */
type Mode = "answer" | "answer-then-close" | "reset-after-reading";

let mode: Mode = "answer";
/** Complete requests the server read, by grant type. */
let seen: string[] = [];
const serverSockets = new Set<Socket>();
/** Every connection the server accepted, in order. */
let connections: Socket[] = [];
const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString()));
  req.on("end", () => {
    seen.push(new URLSearchParams(body).get("grant_type") ?? "?");
    if (mode === "reset-after-reading") return void req.socket.resetAndDestroy();
    res.writeHead(200, { "content-type": "application/json", connection: "keep-alive" });
    res.end(JSON.stringify({ access_token: `token-${seen.length}`, token_type: "Bearer", expires_in: 3600 }));
    // The server's idle timeout, made exact: it closes this connection right after answering.
    if (mode === "answer-then-close") res.once("finish", () => req.socket.end());
  });
});
server.on("connection", (socket) => {
  connections.push(socket);
  serverSockets.add(socket);
  socket.once("close", () => serverSockets.delete(socket));
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of serverSockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let transport = createNodeTransport();
afterEach(() => {
  transport.close();
  transport = createNodeTransport();
  connections = [];
  seen = [];
  mode = "answer";
});

const provider = (fetch?: typeof transport) =>
  createProvider("oauth2", {
    clientId: "c",
    clientSecret: "s",
    baseUrl: url,
    redirectUri: "https://app.example/cb",
    retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 1 },
    ...(fetch ? { fetch } : {}),
  });

describe("the keep-alive transport", () => {
  it("a code exchange after the server closed the kept-alive connection is sent once, on a fresh connection", async () => {
    const oauth = provider(transport);
    mode = "answer-then-close";
    expect((await oauth.clientCredentials()).accessToken).toBe("token-1");
    const first = connections[0]!;
    mode = "answer";
    // The server's side closes once the client has read the FIN and closed its own: the pool's socket is dead.
    if (!first.destroyed) await new Promise((resolve) => first.once("close", resolve));
    expect(await oauth.exchangeCode({ code: "the-code" })).toMatchObject({ accessToken: "token-2" });
    expect(connections).toHaveLength(2);
    expect(seen).toEqual(["client_credentials", "authorization_code"]);
  });

  it("requests in a row reuse their connections (the pool keeps them alive)", async () => {
    const oauth = provider(transport);
    for (let i = 1; i <= 20; i++) expect((await oauth.clientCredentials()).accessToken).toBe(`token-${i}`);
    // undici's pool opens a second connection while it checks the first after an answer (for a FIN or RST
    // pending on it), then alternates between the two.
    expect(connections.length).toBeLessThanOrEqual(2);
  });

  it("a request the server read before resetting is not re-sent: one request, a network error (retried only where retry-safe)", async () => {
    const oauth = provider(transport);
    expect((await oauth.clientCredentials()).accessToken).toBe("token-1");
    seen = [];
    mode = "reset-after-reading";
    const error = await rejection(oauth.exchangeCode({ code: "the-code" }));
    expect(error).toMatchObject({ kind: "network", retryable: true });
    expect(connections.length).toBeLessThanOrEqual(2); // it went out on a kept-alive socket
    expect(seen).toEqual(["authorization_code"]);
    // The same answer to a retry-safe flow is retried by policy (1 + 2 retries), never by the resend rule.
    seen = [];
    expect(await rejection(oauth.clientCredentials())).toMatchObject({ kind: "network" });
    expect(seen).toEqual(["client_credentials", "client_credentials", "client_credentials"]);
  });
});

describe("the global fetch", () => {
  // undici re-dispatches, itself, a request it had not yet written when the socket closed; one it wrote
  // fails, and stays sent once: the engine cannot prove the server did not read it.
  it("a request the server read before resetting is not re-sent", async () => {
    mode = "reset-after-reading";
    const error = await rejection(provider().exchangeCode({ code: "the-code" }));
    expect(error).toMatchObject({ kind: "network", retryable: true });
    expect(seen).toEqual(["authorization_code"]);
  });
});
