// The keep-alive transport as a plain fetch: a WHATWG Response whose body streams as the reader pulls it.
import type { Readable } from "node:stream";
import type { Sink } from "./keep-alive-request.js";
import { LightRequest } from "./light-request.js";

/**
 * The keep-alive transport called as a plain fetch (not through a provider, or wrapped in a user's fetch):
 * the answer streams as a WHATWG Response, decoded and pulled (never buffered here), and whoever reads it
 * bounds it (the engine does, counting the decoded bytes).
 */
export const streamingFetch =
  (open: (request: LightRequest, maxBytes: number, sink: Sink) => void) =>
  (request: Request): Promise<Response> =>
    // Called as a plain fetch (not through a provider, or wrapped in a user's fetch): the answer streams as
    // a WHATWG Response, decoded and pulled (never buffered here), and whoever reads it bounds it (the
    // engine does, counting the decoded bytes).
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
    );
