// The lean call against openapi-fetch itself: for generated calls (headers from every source in any case,
// nulls, bodies in every media type, custom serializers, extra RequestInit fields, per-call base URLs, every
// kind of answer), a client taking the lean path and the same client forced through openapi-fetch (a
// middleware that does nothing) send the same request and resolve to the same result, or both reject.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSpecClient } from "../src/index.js";

type Paths = Record<string, Record<string, { parameters: {}; responses: {} }>>;

const MEDIA_TYPES = {
  "POST /token": "application/x-www-form-urlencoded",
  "PUT /token": "application/x-www-form-urlencoded",
  "POST /json": "application/json",
};

/** What a request is, read back: everything openapi-fetch sets or copies. */
async function describeRequest(request: Request) {
  return {
    url: request.url,
    method: request.method,
    headers: [...request.headers].sort(),
    body: request.body === null ? null : await request.text(),
    redirect: request.redirect,
    credentials: request.credentials,
    cache: request.cache,
    custom: (request as unknown as { custom?: unknown }).custom,
  };
}

interface Answer {
  status: number;
  body: string | null;
  length: "declared" | "absent" | "zero";
  chunked: boolean;
}

const responseOf = (answer: Answer): Response => {
  const headers = new Headers({ "content-type": "application/json" });
  if (answer.length === "declared" && answer.body !== null)
    headers.set("content-length", String(Buffer.byteLength(answer.body)));
  if (answer.length === "zero") headers.set("content-length", "0");
  if (answer.chunked) headers.set("transfer-encoding", "chunked");
  const nullBody = [204, 205, 304].includes(answer.status);
  return new Response(nullBody ? null : answer.body, { status: answer.status, headers });
};

/** Runs one call on a client; what it sent and what it resolved to (or how it failed). */
async function run(
  forced: boolean,
  clientHeaders: Record<string, unknown> | undefined,
  baseUrl: string,
  method: string,
  path: string,
  init: Record<string, unknown>,
  answer: Answer,
) {
  let sent: Promise<unknown> | undefined;
  const client = createSpecClient<Paths>(
    {
      baseUrl,
      headers: clientHeaders as never,
      credentials: "same-origin",
      fetch: async (request: Request) => {
        sent = describeRequest(request.clone());
        return responseOf(answer);
      },
    },
    MEDIA_TYPES,
  );
  if (forced) client.use({ onRequest: () => undefined });
  const call = (client as unknown as Record<string, (path: string, init: unknown) => Promise<unknown>>)[method]!;
  try {
    const result = (await call(path, init)) as { data?: unknown; error?: unknown; response: Response };
    const read = result.data instanceof ReadableStream ? await new Response(result.data).text() : (result.data ?? null);
    return {
      sent: await sent,
      keys: Object.keys(result).sort(),
      data: read,
      error: result.error ?? null,
      status: result.response.status,
    };
  } catch (error) {
    return { sent: await sent, threw: (error as Error).constructor.name };
  }
}

const name = fc.constantFrom("Content-Type", "content-type", "Authorization", "X-Request-Id", "accept", "x-trace");
const value = fc.oneof(
  fc.constantFrom("application/json", "application/x-www-form-urlencoded", "Basic YTpi", " padded\t", null),
  fc.string({ unit: fc.constantFrom("a", "Z", "0", " ", "-", "\t", "\n"), maxLength: 6 }),
  fc.integer({ min: 0, max: 99 }),
  fc.constant(undefined),
  fc.constant(Symbol("not a header value")),
);
const headerRecord = fc.dictionary(name, value, { maxKeys: 4 });
const headersArg = fc.oneof(
  fc.constant(undefined),
  headerRecord,
  // A Headers instance holds only valid strings.
  fc
    .dictionary(name, fc.constantFrom("application/json", "text/plain", "v1"), { maxKeys: 3 })
    .map((record) => new Headers(record)),
);
// Form fields as a token request has them, and what URLSearchParams reads its own way: every character
// class the form serializer treats apart (space, `!'()~*`, `%`, `+`, `&`, `=`, non-ASCII, a lone surrogate),
// numbers, booleans, null, nested objects, integer-like keys, and a symbol key (which it refuses).
const formText = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({
    unit: fc.constantFrom(" ", "!", "'", "(", ")", "~", "*", "%", "+", "&", "=", "é", "€", "😀", "a"),
    maxLength: 6,
  }),
  fc.constantFrom("\uD800", "a\uDC00b", "x y"),
);
const fieldValue = fc.oneof(
  formText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant({ a: 1 }),
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.record({ grant_type: formText, scope: fc.option(formText) }),
  fc.dictionary(fc.oneof(formText, fc.constantFrom("0", "10", "2")), fieldValue, { maxKeys: 4 }),
  fc.constant({ nested: { a: [1, 2] } }),
  fc.constant({ [Symbol("s")]: "x", a: "b" }),
);
const init = fc.record(
  {
    body,
    headers: headersArg,
    params: fc.oneof(
      fc.constant(undefined),
      fc.record({ header: headerRecord }),
      fc.constant({ query: {} }),
      fc.constant({ query: { state: "x y" } }),
      fc.constant({ path: {} }),
    ),
    parseAs: fc.constantFrom(undefined, "json", "text", "stream"),
    bodySerializer: fc.constantFrom(undefined, (value: unknown) => `custom:${JSON.stringify(value)}`),
    baseUrl: fc.constantFrom(undefined, "", "https://other.example/v2/"),
    cache: fc.constantFrom(undefined, "no-store"),
    credentials: fc.constantFrom(undefined, "include"),
    custom: fc.constantFrom(undefined, "kept"),
  },
  { requiredKeys: [] },
);
const answer = fc.record({
  status: fc.constantFrom(200, 201, 204, 400, 401, 500),
  body: fc.constantFrom(null, "", '{"access_token":"at"}', "not json", "[1,2]"),
  length: fc.constantFrom("declared", "absent", "zero"),
  chunked: fc.boolean(),
}) as fc.Arbitrary<Answer>;

describe("the lean call", () => {
  it("sends what openapi-fetch sends and resolves to what it resolves to", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(undefined), headerRecord),
        fc.constantFrom("https://as.example", "https://as.example/", "http://127.0.0.1:8080/base/"),
        fc.constantFrom("POST", "PUT", "GET", "DELETE"),
        fc.constantFrom("/token", "/json", "/none"),
        init,
        answer,
        async (clientHeaders, baseUrl, method, path, callInit, reply) => {
          // GET and HEAD cannot carry a body: a Request refuses it on both paths alike, so none is drawn.
          const given = method === "GET" ? { ...callInit, body: undefined } : callInit;
          const lean = await run(false, clientHeaders, baseUrl, method, path, given, reply);
          const reference = await run(true, clientHeaders, baseUrl, method, path, given, reply);
          expect(lean).toEqual(reference);
        },
      ),
      { numRuns: 500 },
    );
  }, 120_000);

  it("is taken for a plain call and left for middleware, path and query parameters", async () => {
    const built: string[] = [];
    class Counting extends Request {
      constructor(input: RequestInfo | URL, init?: RequestInit) {
        super(input, init);
        // openapi-fetch hands its Request a Headers object; the lean call a plain record.
        built.push(init?.headers instanceof Headers ? "openapi-fetch" : "lean");
      }
    }
    const client = createSpecClient<Paths>(
      { baseUrl: "https://as.example", Request: Counting, fetch: async () => Response.json({}) },
      MEDIA_TYPES,
    );
    const post = client.POST as unknown as (path: string, init: unknown) => Promise<unknown>;
    await post("/token", { body: { grant_type: "x" } });
    await post("/token", { body: { grant_type: "x" }, params: { query: { a: "b" } } });
    await post("/token/{id}", { body: { grant_type: "x" }, params: { path: { id: "1" } } });
    const middleware = { onRequest: () => undefined };
    client.use(middleware);
    client.use(middleware);
    await post("/token", { body: { grant_type: "x" } });
    client.eject(middleware);
    await post("/token", { body: { grant_type: "x" } });
    client.eject(middleware);
    await post("/token", { body: { grant_type: "x" } });
    expect(built).toEqual(["lean", "openapi-fetch", "openapi-fetch", "openapi-fetch", "openapi-fetch", "lean"]);
  });

  it("rejects, never throws, when the request cannot be built", async () => {
    const client = createSpecClient<Paths>({ baseUrl: "https://as.example", fetch: async () => Response.json({}) }, {});
    const post = client.POST as unknown as (path: string, init: unknown) => Promise<unknown>;
    const pending = post("/json", { body: { big: 1n } });
    await expect(pending).rejects.toThrow(TypeError);
    const header = post("/json", { body: {}, headers: { "x-bad": "a\r\nb" } });
    await expect(header).rejects.toThrow(TypeError);
  });
});
