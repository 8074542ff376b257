/**
 * `@finoauth/auth/node`: a keep-alive transport over `node:http` / `node:https`, opt-in, for services that
 * send many token requests (a broker refreshing thousands of grants). Pass it as the provider's `fetch`:
 *
 * ```ts
 * const transport = createNodeTransport();
 * const provider = createProvider(acme, { clientId, clientSecret, fetch: transport });
 * ```
 *
 * It keeps the rules of the default path: no redirect is ever followed (node:http never does), the answer
 * is capped at the provider's `maxResponseBytes` (counted as it streams, on the wire and once decoded; the
 * socket is destroyed past it), and the call's deadline and signal abort the request and free its socket.
 * A request that a reused socket provably never wrote (the server had closed it) is sent once more by the
 * engine, on a fresh connection; see `neverWritten` below.
 * @packageDocumentation
 */
/// <reference types="node" />
import http from "node:http";
import https from "node:https";
import type { Socket } from "node:net";
import type { Readable, Transform } from "node:stream";
import { urlToHttpOptions } from "node:url";
import zlib from "node:zlib";
import { invalidOptions } from "./errors.js";
import {
  LIGHT_FETCH,
  type LightFetch,
  type LightRequest,
  type LightResponse,
  NotSent,
  TooLarge,
  whenAborted,
} from "./transport.js";

/** Options of {@link createNodeTransport}. */
export interface NodeTransportOptions {
  /** Keep connections open between requests. Default true. */
  keepAlive?: boolean | undefined;
  /** The most sockets per origin. Default 64. */
  maxSockets?: number | undefined;
  /** How long an idle kept-alive socket stays open, in milliseconds. Default 30 s. */
  idleTimeoutMs?: number | undefined;
}

/** The transport: a fetch for `createProvider`'s `fetch` option, plus `close()` to end its idle sockets. */
export type NodeTransport = LightFetch & {
  (request: Request): Promise<Response>;
  /** Closes every idle socket; requests in flight finish. */
  close(): void;
};

/** Where a URL's requests go: the module for its scheme, and its parsed options with the agent. */
interface Target {
  module: typeof http | typeof https;
  options: http.RequestOptions;
}

/** What {@link createNodeTransport}'s request loop tells its reader: the head, each decoded chunk, the end or an error. */
interface Sink {
  head(res: http.IncomingMessage, body: Readable, decoded: boolean): void;
  chunk(chunk: Buffer): void;
  end(): void;
  error(error: unknown): void;
}

/** Response headers from node:http's lower-cased header object: only `get`, which is all the engine reads. */
class NodeHeaders {
  constructor(readonly raw: http.IncomingHttpHeaders) {}
  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  }
}

/**
 * Creates a keep-alive transport. Each provider may share one (they share its sockets per origin). Checks
 * its options at once.
 */
export function createNodeTransport(options: NodeTransportOptions = {}): NodeTransport {
  const keepAlive = options.keepAlive ?? true;
  const maxSockets = options.maxSockets ?? 64;
  const timeout = options.idleTimeoutMs ?? 30_000;
  if (!(Number.isInteger(maxSockets) && maxSockets > 0))
    throw invalidOptions(`maxSockets must be a whole number > 0, got ${String(maxSockets)}`);
  if (!(Number.isFinite(timeout) && timeout > 0))
    throw invalidOptions(`idleTimeoutMs must be a positive number of milliseconds, got ${String(timeout)}`);
  const agents = {
    "http:": new http.Agent({ keepAlive, maxSockets, timeout }),
    "https:": new https.Agent({ keepAlive, maxSockets, timeout }),
  };

  // A provider calls the same few endpoints: each URL is parsed into request options once.
  const targets = new Map<string, Target>();
  const targetOf = (href: string): Target => {
    let target = targets.get(href);
    if (target) return target;
    const url = new URL(href);
    const agent = agents[url.protocol as keyof typeof agents];
    if (!agent) throw new TypeError(`unsupported protocol ${url.protocol}`);
    target = { module: url.protocol === "https:" ? https : http, options: { ...urlToHttpOptions(url), agent } };
    if (targets.size >= 64) targets.delete(targets.keys().next().value!);
    targets.set(href, target);
    return target;
  };

  /**
   * Sends `request` and feeds its answer to `sink` as it streams, the body decoded (see {@link decodedBody}).
   * The raw and the decoded bytes are both counted against `maxBytes`, and the socket is destroyed past it:
   * a 175-byte brotli bomb stops at the cap, never in memory. `sink.error` is called at most once, and
   * nothing after it.
   */
  const open = (request: LightRequest, maxBytes: number, sink: Sink): void => {
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
    const headers: Record<string, string> = {};
    for (const [name, value] of request.headers) headers[name] = value;
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
  };

  /** The light path (a provider's calls): the whole decoded answer as text, within `maxBytes`. */
  const send = (request: LightRequest, maxBytes: number): Promise<LightResponse> =>
    new Promise<LightResponse>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let head: http.IncomingMessage | undefined;
      open(request, maxBytes, {
        head: (res) => void (head = res),
        chunk: (chunk) => void chunks.push(chunk),
        end: () => {
          const status = head?.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({
            status,
            ok: status >= 200 && status < 300,
            headers: new NodeHeaders(head?.headers ?? {}),
            text: async () => text,
          });
        },
        error: reject,
      });
    });

  const transport = ((request: Request) =>
    // Called as a plain fetch (not through a provider, or wrapped in a user's fetch): the answer streams as
    // a WHATWG Response, decoded and pulled (never buffered here), and whoever reads it bounds it (the
    // engine does, counting the decoded bytes).
    request.text().then(
      (text) =>
        new Promise<Response>((resolve, reject) => {
          const light = {
            url: request.url,
            method: request.method,
            headers: request.headers,
            body: text === "" ? null : text,
            signal: request.signal,
            redirect: "manual",
          } as LightRequest;
          let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
          let source: Readable | undefined;
          open(light, Number.MAX_SAFE_INTEGER, {
            head(res, body, decoded) {
              source = body;
              const headers = new Headers();
              for (const [name, value] of Object.entries(res.headers)) {
                // The body below is decoded: its coding and encoded length no longer describe it.
                if (value === undefined || (decoded && (name === "content-encoding" || name === "content-length")))
                  continue;
                headers.set(name, Array.isArray(value) ? value.join(", ") : value);
              }
              const status = res.statusCode ?? 0;
              const nullBody = [101, 204, 205, 304].includes(status);
              const stream = nullBody
                ? null
                : new ReadableStream<Uint8Array>({
                    start: (c) => void (controller = c),
                    pull: () => void body.resume(),
                    cancel: () => {
                      body.destroy();
                      res.destroy();
                    },
                  });
              resolve(new Response(stream, { status, headers }));
            },
            chunk(chunk) {
              if (!controller) return;
              controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
              // Pulled, not pushed: the source pauses until the reader asks for more.
              if ((controller.desiredSize ?? 0) <= 0) source?.pause();
            },
            end: () => controller?.close(),
            error: (error) => (controller ? controller.error(error) : reject(error)),
          });
        }),
    )) as NodeTransport;
  transport[LIGHT_FETCH] = send;
  transport.close = () => {
    agents["http:"].destroy();
    agents["https:"].destroy();
  };
  return transport;
}

/** The decoders of the content codings node:zlib knows (RFC 9110 §8.4.1), by name. */
// Lenient at the end of input, as undici's fetch is: a body cut short decodes as far as it goes (and the
// reader refuses what is not whole JSON), an empty one decodes to nothing.
const SYNC = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
const DECODERS: Record<string, () => Transform> = {
  gzip: () => zlib.createGunzip(SYNC),
  "x-gzip": () => zlib.createGunzip(SYNC),
  deflate: () => zlib.createInflate(SYNC),
  br: () =>
    zlib.createBrotliDecompress({
      flush: zlib.constants.BROTLI_OPERATION_FLUSH,
      finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
    }),
};

/**
 * The answer's body with its content codings undone, last applied first (`Content-Encoding: gzip, br` is
 * brotli over gzip). node:http never decodes, and a request without `Accept-Encoding` accepts any coding
 * (RFC 9110 §12.5.3), so a server may compress: decoded here, as the global fetch does, and counted by
 * the caller on the decoded side. A coding zlib does not know leaves the body as it came (as undici
 * does); the reader then refuses what is not JSON.
 */
function decodedBody(res: http.IncomingMessage, fail: (error: unknown) => void): { body: Readable; decoded: boolean } {
  const header = res.headers["content-encoding"];
  const codings = (header ?? "")
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity");
  // A status without a body has nothing to decode (a 204 may still name a coding).
  const bodiless = res.statusCode === 204 || res.statusCode === 304 || res.headers["content-length"] === "0";
  if (bodiless || codings.length === 0 || !codings.every((coding) => coding in DECODERS))
    return { body: res, decoded: false };
  let body: Readable = res;
  for (const coding of codings.reverse()) {
    const decoder = DECODERS[coding]!();
    decoder.on("error", fail);
    body = body.pipe(decoder);
  }
  return { body, decoded: true };
}
