// The kept-alive socket race, decided in the engine: a request provably never written (the server had
// closed the reused socket before any byte went out) is sent once more, even a code exchange; a request
// the server read before resetting is never re-sent. Both made deterministic on a real loopback server:
// no timing is assumed anywhere.
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createNodeTransport } from "../src/keep-alive.js";
import { createProvider } from "../src/providers/all.js";
import { rejection } from "./support/prism.js";

/** What the server does with each complete request it reads. */
type Mode = "answer" | "answer-then-close" | "reset-after-reading";

let mode: Mode = "answer";
/** Complete requests the server read, by grant type. */
let seen: string[] = [];
const serverSockets = new Set<Socket>();
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

/** The client sockets node:http hands our requests, in order (read through a spy on http.request). */
let clientSockets: Socket[] = [];
let transport = createNodeTransport();
beforeAll(() => {
  const request = http.request.bind(http);
  vi.spyOn(http, "request").mockImplementation(((...args: Parameters<typeof http.request>) => {
    const req = request(...args);
    req.once("socket", (socket: Socket) => clientSockets.push(socket));
    return req;
  }) as typeof http.request);
});
afterEach(() => {
  transport.close();
  transport = createNodeTransport();
  clientSockets = [];
  seen = [];
  mode = "answer";
});
afterAll(() => vi.restoreAllMocks());

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
  it("a code exchange on a socket the server closed before the request was written is sent once more, on a fresh connection", async () => {
    const oauth = provider(transport);
    mode = "answer-then-close";
    expect((await oauth.clientCredentials()).accessToken).toBe("token-1");
    const idle = clientSockets[0]!;
    mode = "answer";
    // The race, made exact: the client has read the server's FIN and ended its side (node:http does that
    // in a tick after 'end'; a microtask runs after every tick), but the socket is not destroyed yet and
    // still in the agent's free list: the next call is made right then, and is given the dead socket.
    const second = await new Promise<Promise<unknown>>((resolve) =>
      idle.once("end", () => queueMicrotask(() => resolve(oauth.exchangeCode({ code: "the-code" })))),
    );
    expect(await second).toMatchObject({ accessToken: "token-2" });
    // The dead socket was tried first (and written nothing), then a fresh one carried the one request.
    expect(clientSockets[1]).toBe(idle);
    expect(clientSockets[2]).not.toBe(idle);
    expect(seen).toEqual(["client_credentials", "authorization_code"]);
  });

  it("a request the server read before resetting is not re-sent: one request, a network error (retried only where retry-safe)", async () => {
    const oauth = provider(transport);
    expect((await oauth.clientCredentials()).accessToken).toBe("token-1");
    seen = [];
    mode = "reset-after-reading";
    const error = await rejection(oauth.exchangeCode({ code: "the-code" }));
    expect(error).toMatchObject({ kind: "network", retryable: true });
    expect(clientSockets[1]).toBe(clientSockets[0]); // it went out on the kept-alive socket
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
