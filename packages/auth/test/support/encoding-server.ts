// A token endpoint on 127.0.0.1 that answers with content codings (gzip, deflate, br, stacked), for tests
// of the decoded-size cap. Written on raw sockets, so that the framing is the test's to choose: an honest
// Content-Length (of the encoded bytes), chunked, or a body ended by closing the connection.

import type { AddressInfo } from "node:net";
import { createServer, type Server, type Socket } from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";

/** A content coding node:zlib can apply. */
export type Coding = "gzip" | "deflate" | "br";

/** How the body's end is told: `Content-Length`, chunked transfer coding, or the connection closing. */
export type Framing = "length" | "chunked" | "close" | "lying-length";

/** One answer: the encoded body, the codings applied in order (as `Content-Encoding` lists them), a framing. */
export interface Encoded {
  body: Buffer;
  codings: readonly Coding[];
  framing: Framing;
  /** Default 200. */
  status?: number;
}

const encoder = (coding: Coding) =>
  coding === "gzip"
    ? zlib.createGzip({ level: 9 })
    : coding === "deflate"
      ? zlib.createDeflate({ level: 9 })
      : zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } });

/** `decodedBytes` of `fill` (or `content`, repeated), with `codings` applied in order; streamed, so that no decoded copy is held. */
export async function encode(
  codings: readonly Coding[],
  decodedBytes: number,
  content: Buffer = Buffer.alloc(1 << 20),
): Promise<Buffer> {
  let body: Buffer | undefined;
  for (const [i, coding] of codings.entries()) {
    const source =
      i === 0
        ? Readable.from(
            (function* () {
              for (let left = decodedBytes; left > 0; left -= content.length)
                yield left >= content.length ? content : content.subarray(0, left);
            })(),
          )
        : Readable.from([body!]);
    const chunks: Buffer[] = [];
    // A sink that collects the encoded stream (an async function is a valid last stage of a pipeline).
    await pipeline(source, encoder(coding), async (encoded: AsyncIterable<Buffer>) => {
      for await (const chunk of encoded) chunks.push(chunk);
    });
    body = Buffer.concat(chunks);
  }
  return body ?? content.subarray(0, decodedBytes);
}

/** The server: every request gets `answer` (set it per test); `requests` counts them. */
export async function startEncodingServer(): Promise<{
  url: string;
  answer: Encoded;
  requests: number;
  close(): Promise<void>;
}> {
  const sockets = new Set<Socket>();
  const state = {
    url: "",
    answer: { body: Buffer.from("{}"), codings: [], framing: "length" } as Encoded,
    requests: 0,
  };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) return;
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head.subarray(0, end).toString("latin1"))?.[1] ?? 0);
      if (head.length < end + 4 + length) return;
      socket.off("data", onData);
      state.requests++;
      respond(socket, state.answer);
    };
    socket.on("data", onData);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  });
}

function respond(socket: Socket, { body, codings, framing, status = 200 }: Encoded): void {
  const lines = [
    `HTTP/1.1 ${status} ${status === 204 ? "No Content" : "OK"}`,
    "Content-Type: application/json",
    "Connection: close",
  ];
  if (codings.length > 0) lines.push(`Content-Encoding: ${codings.join(", ")}`);
  if (framing === "length") lines.push(`Content-Length: ${body.length}`);
  // A length that says less than is sent: a client reads that many bytes, and must not read on.
  if (framing === "lying-length") lines.push(`Content-Length: ${Math.max(1, Math.floor(body.length / 2))}`);
  if (framing === "chunked") lines.push("Transfer-Encoding: chunked");
  socket.write(`${lines.join("\r\n")}\r\n\r\n`);
  if (framing === "chunked") {
    for (let at = 0; at < body.length; at += 16 * 1024) {
      const part = body.subarray(at, at + 16 * 1024);
      socket.write(`${part.length.toString(16)}\r\n`);
      socket.write(part);
      socket.write("\r\n");
    }
    socket.end("0\r\n\r\n");
  } else socket.end(body);
}
