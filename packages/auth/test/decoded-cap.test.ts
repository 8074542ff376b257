// The size cap holds on DECODED bytes, whatever the content coding (gzip, deflate, br, stacked), the
// framing (Content-Length of the encoded bytes, chunked, close-delimited, a length that lies) and the fetch
// (the global one, a user's, the keep-alive node transport, a user's fetch wrapping it), at the token
// endpoint, in discovery and in introspection. Real loopback servers send real zlib/brotli bombs.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeTransport } from "../src/keep-alive.js";
import { createProvider } from "../src/providers/all.js";
import { discoverMetadata } from "../src/providers/oauth2/discovery.js";
import { type Coding, encode, type Framing, startEncodingServer } from "./support/encoding-server.js";
import { rejection } from "./support/prism.js";

let server: Awaited<ReturnType<typeof startEncodingServer>>;
const node = createNodeTransport();
beforeAll(async () => {
  server = await startEncodingServer();
});
afterAll(async () => {
  node.close();
  await server?.close();
});

const TRANSPORTS = {
  "the global fetch": undefined,
  "a user's fetch": (request: Request) => fetch(request),
  "the keep-alive transport": node,
  "a user's fetch over the keep-alive transport": (request: Request) => node(request),
} as const;
type TransportName = keyof typeof TRANSPORTS;

const generic = (transport: TransportName, extra: Record<string, unknown> = {}) => {
  const fetch = TRANSPORTS[transport];
  return createProvider("oauth2", {
    clientId: "c",
    clientSecret: "s",
    baseUrl: server.url,
    retry: { retries: 0 },
    ...(fetch ? { fetch } : {}),
    ...extra,
  });
};

const STACKS: readonly (readonly Coding[])[] = [
  [],
  ["gzip"],
  ["deflate"],
  ["br"],
  ["gzip", "br"],
  ["deflate", "gzip"],
  ["br", "gzip", "deflate"],
];
const FRAMINGS: readonly Framing[] = ["length", "chunked", "close"];

/** A token answer of exactly `size` bytes (≥ 64) once decoded. */
function tokenOfSize(size: number): { json: Buffer; accessToken: string } {
  const shell = (token: string) => `{"access_token":"${token}","token_type":"Bearer","expires_in":3600}`;
  const accessToken = "a".repeat(size - shell("").length);
  return { json: Buffer.from(shell(accessToken)), accessToken };
}

describe("the cap counts decoded bytes", () => {
  const LIMIT = 2048;
  it("property: sizes around the cap × codings × framings × transports: accepted iff the decoded answer fits", async () => {
    const size = fc.oneof(fc.integer({ min: LIMIT - 3, max: LIMIT + 3 }), fc.integer({ min: 64, max: 4 * LIMIT }));
    await fc.assert(
      fc.asyncProperty(
        size,
        fc.constantFrom(...STACKS),
        fc.constantFrom(...FRAMINGS),
        fc.constantFrom(...(Object.keys(TRANSPORTS) as TransportName[])),
        async (n, codings, framing, transport) => {
          const { json, accessToken } = tokenOfSize(n);
          server.answer = { body: await encode(codings, json.length, json), codings, framing };
          const call = generic(transport, { maxResponseBytes: LIMIT }).clientCredentials();
          if (n <= LIMIT) expect((await call).accessToken).toBe(accessToken);
          else
            expect(await rejection(call)).toMatchObject({
              kind: "provider",
              retryable: false,
              description: expect.stringMatching(/larger than 2048 bytes/),
            });
        },
      ),
      { numRuns: 120 },
    );
  });

  for (const transport of Object.keys(TRANSPORTS) as TransportName[]) {
    describe(`on ${transport}`, () => {
      for (const codings of [["gzip"], ["deflate"], ["br"], ["gzip", "br"]] as Coding[][]) {
        it(`a ${codings.join("+")} bomb (64 MiB decoded, a small Content-Length) is refused at 1 MiB, and memory stays flat`, async () => {
          const bomb = await encode(codings, 64 * 1024 * 1024);
          expect(bomb.length).toBeLessThan(70 * 1024);
          for (const framing of FRAMINGS) {
            server.answer = { body: bomb, codings, framing };
            globalThis.gc?.();
            const before = process.memoryUsage().rss;
            const error = await rejection(generic(transport).clientCredentials());
            // Not a timing check: a client that decodes everything holds 64 MiB (and more, as text) here.
            expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
            expect(error).toMatchObject({
              kind: "provider",
              retryable: false,
              description: expect.stringMatching(/larger than 1048576 bytes/),
            });
          }
        });
      }

      it("a Content-Length that says less than is sent ends the body there: no token, nothing past it read", async () => {
        const { json } = tokenOfSize(4096);
        for (const codings of [[], ["gzip"]] as Coding[][]) {
          server.answer = { body: await encode(codings, 4 * 1024 * 1024, json), codings, framing: "lying-length" };
          const error = await rejection(generic(transport).clientCredentials());
          expect(["network", "malformed_response", "provider"]).toContain(error.kind);
        }
      });

      it("an answer without a body that names a coding (a 204 revoke, an empty 200) is read as empty, not as a broken stream", async () => {
        for (const [status, framing] of [
          [204, "close"],
          [200, "length"],
          [200, "chunked"],
        ] as const) {
          server.answer = { body: Buffer.alloc(0), codings: ["gzip"], framing, status };
          expect(await generic(transport).revoke({ token: "t" })).toEqual({});
        }
      });

      it("discovery and introspection read through the same cap", async () => {
        const bomb = await encode(["br"], 16 * 1024 * 1024);
        server.answer = { body: bomb, codings: ["br"], framing: "chunked" };
        const fetch = TRANSPORTS[transport];
        const discovered = await rejection(
          discoverMetadata(server.url, { ...(fetch ? { fetch } : {}), maxResponseBytes: 4096 }),
        );
        expect(discovered).toMatchObject({
          kind: "provider",
          description: expect.stringMatching(/larger than 4096 bytes/),
        });
        const introspected = await rejection(generic(transport, { maxResponseBytes: 4096 }).introspect({ token: "t" }));
        expect(introspected).toMatchObject({
          kind: "provider",
          description: expect.stringMatching(/larger than 4096 bytes/),
        });
      });
    });
  }
});
