// An attacker's token endpoint on 127.0.0.1, for tests of the hardened request path: it redirects to a
// recording server, streams a body that never ends, lies about its length, echoes what it was sent, or
// answers tokens that must be refused. Every loop is bounded, and close() ends every connection.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** How the hostile server answers every request until told otherwise. */
export type Hostility =
  | { kind: "redirect"; status: 301 | 302 | 303 | 307 | 308; to: string }
  /** 200 with a chunked body of `chunkBytes` chunks that goes on until the client hangs up (at most `limitBytes`). */
  | { kind: "endless"; chunkBytes?: number; limitBytes?: number }
  /** A `Content-Length` far larger than the cap, then a few bytes and silence. */
  | { kind: "declared-huge" }
  /** 400 with the request's body and headers in `error_description`, as sent (form-encoded). */
  | { kind: "echo" }
  /** Never answer (the request stays open until the client gives up or the server closes). */
  | { kind: "hang" }
  /** 200 with this JSON body. */
  | { kind: "json"; status?: number; body: unknown; headers?: Record<string, string> };

/** A request as a server received it. */
export interface Received {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface Listening {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** A loopback server that records every request whole (method, path, headers, body) before `handle` answers it. */
export async function listen(
  handle: (req: IncomingMessage, body: string, res: ServerResponse) => void,
): Promise<Listening & { server: Server }> {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= 1 << 20) chunks.push(chunk);
    });
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body });
      handle(req, body, res);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A server that only records what reaches it and answers a harmless token: the place a redirect points to. */
export function startRecorder(): Promise<Listening> {
  return listen((_req, _body, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ access_token: "stolen-elsewhere", token_type: "Bearer", expires_in: 3600 }));
  });
}

/** The hostile server, with `bytesSent` for the endless body and a settable `hostility`. */
export async function startHostileServer(
  initial: Hostility,
): Promise<Listening & { hostility: Hostility; bytesSent(): number }> {
  let sent = 0;
  const state = { hostility: initial };
  const base = await listen((req, body, res) => {
    const h = state.hostility;
    switch (h.kind) {
      case "redirect":
        res.writeHead(h.status, { location: `${h.to}${req.url ?? "/"}` });
        res.end();
        return;
      case "endless": {
        const chunk = Buffer.alloc(h.chunkBytes ?? 64 * 1024, "x");
        const limit = h.limitBytes ?? 256 * 1024 * 1024;
        res.writeHead(200, { "content-type": "application/json" });
        res.write('{"access_token":"');
        const pump = () => {
          while (sent < limit && !res.destroyed) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
          res.end();
        };
        res.once("close", () => res.removeAllListeners("drain"));
        pump();
        return;
      }
      case "declared-huge":
        res.writeHead(200, { "content-type": "application/json", "content-length": String(10 * 1024 ** 3) });
        res.write('{"access_token":"');
        return; // and nothing more: the client must not wait for the rest
      case "echo": {
        const headers = Object.entries(req.headers)
          .map(([k, v]) => `${k}: ${String(v)}`)
          .join("; ");
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: "invalid_request", error_description: `you sent ${body} with ${headers}` }));
        return;
      }
      case "hang":
        return;
      case "json":
        res.writeHead(h.status ?? 200, { "content-type": "application/json", ...h.headers });
        res.end(JSON.stringify(h.body));
        return;
    }
  });
  return {
    ...base,
    get hostility() {
      return state.hostility;
    },
    set hostility(next: Hostility) {
      state.hostility = next;
    },
    bytesSent: () => sent,
  };
}
