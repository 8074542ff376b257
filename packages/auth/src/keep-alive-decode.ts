// Content decoding for the keep-alive transport: undici's dispatcher never decodes, so the transport
// undoes the answer's codings itself (as the global fetch does) and counts the decoded bytes against the cap.
import type { Readable, Transform, Writable } from "node:stream";
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

/** A chain of decoders: the encoded bytes are written to `input`, the decoded ones read from `output`. */
export interface Decoding {
  input: Writable;
  output: Readable;
  /** Stops every decoder (the request failed or was cut at the cap). */
  destroy(): void;
}

/**
 * The decoders for an answer's `Content-Encoding`, last applied first (`gzip, br` is brotli over gzip), or
 * `undefined` when the body is to be read as it came: no coding, a status or length without a body (a 204
 * may still name a coding), or a coding zlib does not know (left as it came, as undici does; the reader
 * then refuses what is not JSON). A request without `Accept-Encoding` accepts any coding (RFC 9110
 * §12.5.3), so a server may compress: decoded here, as the global fetch does.
 */
export function decoding(
  status: number,
  headers: Readonly<Record<string, string>>,
  fail: (error: unknown) => void,
): Decoding | undefined {
  const header = headers["content-encoding"];
  if (header === undefined) return undefined;
  const codings = header
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity");
  const bodiless = status === 204 || status === 304 || headers["content-length"] === "0";
  if (bodiless || codings.length === 0 || !codings.every((coding) => coding in DECODERS)) return undefined;
  const chain = codings.reverse().map((coding) => DECODERS[coding]!());
  for (const decoder of chain) decoder.on("error", fail);
  for (let i = 1; i < chain.length; i++) chain[i - 1]!.pipe(chain[i]!);
  return {
    input: chain[0]!,
    output: chain[chain.length - 1]!,
    destroy: () => {
      for (const decoder of chain) decoder.destroy();
    },
  };
}
