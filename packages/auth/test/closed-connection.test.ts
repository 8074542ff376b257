// A server that closes the connection before it answers (what a kept-alive socket closed by the server's
// idle timer looks like when the client reuses it at that moment): the engine sends the request once more
// on a new connection, for every flow, and only once; on both transports.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FinoauthError } from "../src/index.js";
import { createNodeTransport } from "../src/node.js";
import { createProvider } from "../src/providers/all.js";

/** How many of the next requests get their socket destroyed instead of an answer. */
let dropNext = 0;
let received = 0;
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      received++;
      if (dropNext > 0) {
        dropNext--;
        req.socket.destroy();
        return;
      }
      const text = JSON.stringify({ access_token: `at-${received}`, token_type: "Bearer", expires_in: 3600 });
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  received = 0;
  dropNext = 0;
});

const nodeTransport = createNodeTransport();
afterAll(() => nodeTransport.close());

for (const [name, transport] of [["the default transport", {}], ["the keep-alive transport", { fetch: nodeTransport }]] as const) {
  describe(`a connection closed before the answer, on ${name}`, () => {
    // No retries: only the re-send on a closed connection can make a second request.
    const provider = () => createProvider("oauth2", { clientId: "c", clientSecret: "s", baseUrl: url, retry: { retries: 0 }, ...transport });

    it("the password grant (never retried) is sent once more and gets its token", async () => {
      dropNext = 1;
      const token = await provider().password({ username: "u", password: "p" });
      expect([token.accessToken, received]).toEqual(["at-2", 2]);
    });

    it("is sent once more only: a server that keeps closing is a network error after two requests", async () => {
      dropNext = 5;
      const error = await provider().password({ username: "u", password: "p" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FinoauthError);
      expect((error as FinoauthError).kind).toBe("network");
      expect(received).toBe(2);
    });
  });
}
