// One request on the keep-alive transport: sent through node:http(s), its answer decoded and fed to a sink
// as it streams, bounded by the cap and the signal, and the kept-alive race told apart from a real failure.
import type http from "node:http";
import type https from "node:https";
import type { Socket } from "node:net";
import type { Readable } from "node:stream";
import { decodedBody } from "./keep-alive-decode.js";
import { type LightRequest, NotSent, requestFields, TooLarge, whenAborted } from "./light-request.js";

/** Where a URL's requests go: the module for its scheme, and its parsed options with the agent. */
export interface Target {
  module: typeof http | typeof https;
  options: http.RequestOptions;
}

/** What the request loop tells its reader: the head, each decoded chunk, the end or an error. */
export interface Sink {
  head(res: http.IncomingMessage, body: Readable, decoded: boolean): void;
  chunk(chunk: Buffer): void;
  end(): void;
  error(error: unknown): void;
}

/** Response headers from node:http's lower-cased header object: only `get`, which is all the engine reads. */
export class NodeHeaders {
  constructor(readonly raw: http.IncomingHttpHeaders) {}
  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  }
}

/**
 * Creates a keep-alive transport. Each provider may share one (they share its sockets per origin). Checks

/**
 * Sends `request` and feeds its answer to `sink` as it streams, the body decoded (see {@link decodedBody}).
 * The raw and the decoded bytes are both counted against `maxBytes`, and the socket is destroyed past it:
 * a 175-byte brotli bomb stops at the cap, never in memory. `sink.error` is called at most once, and
 * nothing after it.
 */
export function openRequest(
  targetOf: (href: string) => Target,
  request: LightRequest,
  maxBytes: number,
  sink: Sink,
): void {
  const signal = request.signal;
  if (signal?.aborted) {
    sink.error(signal.reason);
    return;
  }
  let target: Target;
  try {
    target = targetOf(request.url);
  } catch (error) {
    sink.error(error);
    return;
  }
  const headers: Record<string, string> = { ...requestFields(request) };
  if (request.body !== null) headers["content-length"] = String(Buffer.byteLength(request.body));
  let done = false;
  let answered = false;
  // What the socket had written before this request was given it (its earlier requests on a kept-alive one).
  let socket: Socket | undefined;
  let writtenBefore = 0;
  const req = target.module.request({ ...target.options, method: request.method, headers }, (res) => {
    answered = true;
    const declared = Number(res.headers["content-length"]);
    if (declared > maxBytes) return fail(new TooLarge(maxBytes));
    res.on("error", fail);
    const { body, decoded } = decodedBody(res, fail);
    if (decoded) {
      // The encoded bytes are bounded too (a decoder may hold back its output).
      let raw = 0;
      res.on("data", (chunk: Buffer) => {
        raw += chunk.length;
        if (raw > maxBytes) fail(new TooLarge(maxBytes));
      });
    }
    let size = 0;
    body.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) fail(new TooLarge(maxBytes));
      else sink.chunk(chunk);
    });
    body.on("end", () => {
      if (done) return;
      done = true;
      stopWatching();
      sink.end();
    });
    sink.head(res, body, decoded);
  });
  function fail(error: unknown) {
    stopWatching();
    req.destroy();
    if (done) return;
    done = true;
    sink.error(error);
  }
  const stopWatching = signal ? whenAborted(signal, () => fail(signal.reason)) : () => {};
  // 'socket' is emitted before node:http writes the request to it: what it has written by then is not ours.
  req.once("socket", (given: Socket) => {
    socket = given;
    writtenBefore = given.bytesWritten;
  });
  req.on("error", (error) => fail(neverWritten(error) ? new NotSent(error) : error));
  req.end(request.body ?? undefined);

  /**
   * The kept-alive race (a server closes an idle socket just as it is reused) is proven harmless only
   * when no byte of this request reached the socket: node:http had read the server's FIN before writing
   * and fails the request unwritten ("socket hang up", or EPIPE "ended by the other party"), and the
   * socket's byte count has not moved. Node documents `reusedSocket` for retrying every ECONNRESET on a
   * reused socket; that is not proof: once any byte was handed to the kernel the server may have read the
   * whole request, so a reset after it is an ordinary network error, and the request is not re-sent.
   */
  function neverWritten(error: unknown): boolean {
    if (answered || !req.reusedSocket || socket === undefined) return false;
    const code = (error as { code?: string }).code;
    // bytesWritten counts bytes dispatched to the kernel (which only grows) plus any still buffered: equal
    // to what it was before this request means none of ours reached the kernel.
    return (code === "EPIPE" || code === "ECONNRESET") && socket.bytesWritten === writtenBefore;
  }
}
