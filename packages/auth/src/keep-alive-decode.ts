// Content decoding for the keep-alive transport: node:http never decodes, so the transport undoes the
// answer's codings itself (as the global fetch does) and counts the decoded bytes against the cap.
import type http from "node:http";
import type { Readable, Transform } from "node:stream";
import zlib from "node:zlib";

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
export function decodedBody(
  res: http.IncomingMessage,
  fail: (error: unknown) => void,
): { body: Readable; decoded: boolean } {
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
