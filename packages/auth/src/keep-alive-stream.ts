// The keep-alive transport as a plain fetch: a WHATWG Response whose body streams as the reader pulls it.
import type { Sink } from "./keep-alive-request.js";
import { LightRequest, TooLarge } from "./light-request.js";

/** Statuses whose Response has no body (the Response constructor refuses one). */
// The answer is never paused (see openRequest): it is queued for its reader, counted in bytes, and a reader
// that falls 16 MiB behind fails the body (an OAuth answer is a few KiB; an endless one is an attack).
const QUEUED = { highWaterMark: 64 * 1024, size: (chunk: Uint8Array) => chunk.byteLength };
const UNREAD_LIMIT = 16 * 1024 * 1024;

const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * The keep-alive transport called as a plain fetch (not through a provider, or wrapped in a user's fetch):
 * the answer streams as a WHATWG Response, decoded and pulled (never buffered here), and whoever reads it
 * bounds it (the engine does, counting the decoded bytes).
 */
export const streamingFetch =
  (open: (request: LightRequest, maxBytes: number, sink: Sink) => (reason: unknown) => void) =>
  (request: Request): Promise<Response> =>
    request.text().then(
      (text) =>
        new Promise<Response>((resolve, reject) => {
          const light = new LightRequest(request.url, {
            method: request.method,
            headers: request.headers,
            body: text === "" ? null : text,
            signal: request.signal,
          });
          let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
          const end = open(light, Number.MAX_SAFE_INTEGER, {
            head(status, fields, decoded) {
              const headers = new Headers();
              for (const [name, value] of Object.entries(fields)) {
                // The body below is decoded: its coding and encoded length no longer describe it.
                if (decoded && (name === "content-encoding" || name === "content-length")) continue;
                headers.append(name, value);
              }
              const stream = NULL_BODY.has(status)
                ? null
                : new ReadableStream<Uint8Array>(
                    {
                      start: (c) => void (controller = c),
                      cancel: (reason) => end(reason ?? new DOMException("the body was cancelled", "AbortError")),
                    },
                    QUEUED,
                  );
              resolve(new Response(stream, { status, headers }));
            },
            chunk(chunk) {
              if (!controller) return;
              controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
              if ((controller.desiredSize ?? 0) < QUEUED.highWaterMark - UNREAD_LIMIT) end(new TooLarge(UNREAD_LIMIT));
            },
            end: () => controller?.close(),
            error: (error) => (controller ? controller.error(error) : reject(error)),
          });
        }),
    );
