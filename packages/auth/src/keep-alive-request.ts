// One request on the keep-alive transport: dispatched through undici's connection pool, its answer decoded
// and fed to a sink as it streams, bounded by the cap and the signal.
import type { Dispatcher } from "undici";
import { decoding } from "./keep-alive-decode.js";
import { type LightRequest, type LightResponse, requestFields, TooLarge, whenAborted } from "./light-request.js";

/** Where a URL's requests go: its origin and path, and the `Authorization` its userinfo makes. */
export interface Place {
  origin: string;
  path: string;
  /** `Basic …` from a URL's `user:password@`, as node:http sends it (only when the request has none). */
  authorization?: string | undefined;
}

/**
 * Parses URLs into places, each once: a provider calls the same few endpoints. At most 64 are kept (the
 * oldest goes first). An unsupported scheme is a TypeError.
 */
export function placeCache(): { placeOf(href: string): Place } {
  const places = new Map<string, Place>();
  return {
    placeOf(href) {
      let place = places.get(href);
      if (place) return place;
      const url = new URL(href);
      if (url.protocol !== "http:" && url.protocol !== "https:")
        throw new TypeError(`unsupported protocol ${url.protocol}`);
      // A URL's userinfo becomes Basic authentication, as node:http makes it (the global fetch refuses such a URL).
      const userinfo =
        url.username === "" && url.password === ""
          ? undefined
          : `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
      place = {
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        authorization: userinfo === undefined ? undefined : `Basic ${Buffer.from(userinfo).toString("base64")}`,
      };
      if (places.size >= 64) places.delete(places.keys().next().value!);
      places.set(href, place);
      return place;
    },
  };
}

/** Sends `request` through `open` and reads the whole decoded answer as text, within `maxBytes`. */
export function sendWhole(
  open: (request: LightRequest, maxBytes: number, sink: Sink) => unknown,
  request: LightRequest,
  maxBytes: number,
): Promise<LightResponse> {
  return new Promise<LightResponse>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let status = 0;
    let headers: Readonly<Record<string, string>> = {};
    open(request, maxBytes, {
      head: (answered, fields) => {
        status = answered;
        headers = fields;
      },
      chunk: (chunk) => void chunks.push(chunk),
      end: () => {
        const text = chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8");
        resolve({
          status,
          ok: status >= 200 && status < 300,
          headers: new NodeHeaders(headers),
          text: async () => text,
        });
      },
      error: reject,
    });
  });
}

/** What the request tells its reader: the head, each decoded chunk, the end or an error. */
export interface Sink {
  /**
   * The status and headers (names lower-case, repeated fields joined with ", "); `decoded` when the body
   * below is decoded (its coding and length headers no longer describe it).
   */
  head(status: number, headers: Readonly<Record<string, string>>, decoded: boolean): void;
  /** One chunk of the (decoded) body. */
  chunk(chunk: Buffer): void;
  end(): void;
  error(error: unknown): void;
}

/** Response headers from a lower-cased record: only `get`, which is all the engine reads. */
export class NodeHeaders {
  constructor(readonly raw: Readonly<Record<string, string>>) {}
  get(name: string): string | null {
    return this.raw[name.toLowerCase()] ?? null;
  }
}

/**
 * undici's raw header list (name, value, name, value… as bytes) as a lower-cased record, as node:http reads
 * it; without a prototype, so that a hostile `__proto__` or `constructor` field is only a field.
 */
function headerRecord(raw: readonly Buffer[]): Record<string, string> {
  const headers = Object.create(null) as Record<string, string>;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toString("latin1").toLowerCase();
    const value = raw[i + 1]!.toString("latin1");
    const before = headers[name];
    headers[name] = before === undefined ? value : `${before}, ${value}`;
  }
  return headers;
}

/**
 * Sends `request` through `dispatcher` (with `defaults` under its headers) and feeds its answer to `sink` as it streams, the
 * body decoded (see {@link decoding}). The raw and the decoded bytes are both counted against `maxBytes`,
 * and the request (and its socket) is ended past it: a 175-byte brotli bomb stops at the cap, never in
 * memory. The answer is never paused: undici (6.29 and 7.30 alike) fails an assertion, uncaught, when a
 * socket ends under a paused parser (a close-delimited or `Connection: close` answer), so a hostile server
 * could crash the process; what bounds memory is the cap (and, for a plain fetch, the reader's bound in
 * keep-alive-stream.ts). `sink.error` is called at most once, and nothing after it. Returns what ends the
 * request early (a reader that cancels).
 *
 * undici writes a request to a socket only once the socket is known open; a request it had not written
 * when its kept-alive socket closed is dispatched again on a fresh one (undici does this itself), and one it
 * wrote fails: the server may have read it, so it is never re-sent here.
 */
export function openRequest(
  placeOf: (href: string) => Place,
  dispatcher: Dispatcher,
  request: LightRequest,
  maxBytes: number,
  sink: Sink,
  defaults?: Readonly<Record<string, string>>,
): (reason: unknown) => void {
  const signal = request.signal;
  const ended = () => {};
  if (signal?.aborted) return (void sink.error(signal.reason), ended);
  let place: Place;
  try {
    place = placeOf(request.url);
  } catch (error) {
    return (void sink.error(error), ended);
  }
  let headers = requestFields(request);
  if (place.authorization !== undefined && headers.authorization === undefined)
    headers = { ...headers, authorization: place.authorization };
  // Headers a fetch would add, under the request's own.
  if (defaults !== undefined) headers = { ...defaults, ...headers };
  let done = false;
  // undici's abort for this request, once it is given a socket; an error that came before waits for it.
  let abortRequest: ((error: Error) => void) | undefined;
  let stopDecoding = () => {};
  const fail = (error: unknown) => {
    if (done) return;
    done = true;
    stopWatching();
    stopDecoding();
    abortRequest?.(error instanceof Error ? error : new Error(String(error)));
    sink.error(error);
  };
  const finish = () => {
    if (done) return;
    done = true;
    stopWatching();
    sink.end();
  };
  // Where the body's chunks go: straight to the sink, or through the decoders.
  let write: (chunk: Buffer) => void = () => {};
  let complete = finish;
  const handler: Dispatcher.DispatchHandlers = {
    onConnect(abort) {
      if (done) abort(new Error("the request was ended before it was sent"));
      else abortRequest = abort;
    },
    onHeaders(status, rawHeaders) {
      if (done) return true; // already failed: aborted, its socket destroyed
      if (status < 200) return true; // 1xx: informational, the answer follows
      const fields = headerRecord(rawHeaders);
      const declared = Number(fields["content-length"]);
      if (declared > maxBytes) {
        fail(new TooLarge(maxBytes));
        return true;
      }
      const decoder = decoding(status, fields, fail);
      if (decoder === undefined) {
        let size = 0;
        write = (chunk) => {
          size += chunk.length;
          if (size <= maxBytes) sink.chunk(chunk);
          else fail(new TooLarge(maxBytes));
        };
        sink.head(status, fields, false);
        return true;
      }
      // The encoded bytes are bounded too (a decoder may hold back its output).
      stopDecoding = decoder.destroy;
      let raw = 0;
      let size = 0;
      decoder.output.on("data", (chunk: Buffer) => {
        if (done) return;
        size += chunk.length;
        if (size > maxBytes) fail(new TooLarge(maxBytes));
        else sink.chunk(chunk);
      });
      decoder.output.once("end", finish);
      write = (chunk) => {
        raw += chunk.length;
        if (raw <= maxBytes) decoder.input.write(chunk);
        else fail(new TooLarge(maxBytes));
      };
      complete = () => void decoder.input.end();
      sink.head(status, fields, true);
      return true;
    },
    onData: (chunk) => {
      if (!done) write(chunk);
      return true;
    },
    onComplete: () => complete(),
    onError: fail,
  };
  const stopWatching = signal ? whenAborted(signal, () => fail(signal.reason)) : () => {};
  try {
    dispatcher.dispatch(
      {
        origin: place.origin,
        path: place.path,
        method: request.method as Dispatcher.HttpMethod,
        headers,
        body: request.body,
      },
      handler,
    );
  } catch (error) {
    fail(error);
  }
  return fail;
}
