// Content decoding for the keep-alive transport: undici's dispatcher never decodes, so the transport
// undoes the answer's codings itself (as the global fetch does) and counts the decoded bytes against the cap.
import type { Readable, Transform, Writable } from "node:stream";
import type * as Zlib from "node:zlib";

// node:zlib without a static import, so that the engine's main entry (which sends the default path's
// requests through undici's dispatcher on Node, see default-dispatch.ts) stays loadable everywhere: Node
// 20.16+ hands it over synchronously, when first needed; the /node entry registers its own import for
// older Node 20s.
let zlib: typeof Zlib | undefined;

/** Gives the decoders node:zlib (the /node entry imports it, for a Node 20 without `getBuiltinModule`). */
export function useZlib(module: typeof Zlib): void {
  zlib ??= module;
}

/** Whether answers can be decoded here: node:zlib is at hand (loaded now if it was not). */
export function canDecode(): boolean {
  zlib ??= (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(
    "node:zlib",
  ) as typeof Zlib | undefined;
  return zlib !== undefined;
}

/** The decoders of the content codings node:zlib knows (RFC 9110 §8.4.1), by name. */
// Lenient at the end of input, as undici's fetch is: a body cut short decodes as far as it goes (and the
// reader refuses what is not whole JSON), an empty one decodes to nothing.
const DECODERS: Record<string, (z: typeof Zlib) => Transform> = {
  gzip: (z) => z.createGunzip({ flush: z.constants.Z_SYNC_FLUSH, finishFlush: z.constants.Z_SYNC_FLUSH }),
  "x-gzip": (z) => z.createGunzip({ flush: z.constants.Z_SYNC_FLUSH, finishFlush: z.constants.Z_SYNC_FLUSH }),
  deflate: (z) => z.createInflate({ flush: z.constants.Z_SYNC_FLUSH, finishFlush: z.constants.Z_SYNC_FLUSH }),
  br: (z) =>
    z.createBrotliDecompress({
      flush: z.constants.BROTLI_OPERATION_FLUSH,
      finishFlush: z.constants.BROTLI_OPERATION_FLUSH,
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
  if (!canDecode()) return undefined;
  const z = zlib!;
  const chain = codings.reverse().map((coding) => DECODERS[coding]!(z));
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
