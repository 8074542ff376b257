// Bad options are `invalid_options`, refused while the request is built: nothing is sent and nothing is
// retried, even when the check runs inside the send step (a FinoauthError there propagates as itself).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FinoauthError, invalidOptions } from "../src/errors.js";
import { createProvider } from "../src/providers/all.js";
import { withRetry } from "../src/retry.js";
import { send } from "../src/transport.js";
import { rejection } from "./support/prism.js";

/** A fetch that counts its calls and answers a token, so that a call that went out would succeed. */
function countingFetch() {
  const calls = { n: 0 };
  const fetch = async () => {
    calls.n++;
    return new Response(JSON.stringify({ access_token: "a", token_type: "Bearer", expires_in: 3600 }), {
      headers: { "content-type": "application/json" },
    });
  };
  return { calls, fetch };
}

const finapiWith = (fetch: (r: Request) => Promise<Response>, requestId?: () => string) =>
  createProvider("finapi", {
    clientId: "c",
    clientSecret: "s",
    baseUrl: "http://127.0.0.1:9",
    fetch,
    ...(requestId ? { requestId } : {}),
  });

/** Strings no header value may carry: a control character (CR/LF included) or non-ASCII somewhere, or too long. */
const badRequestId = fc.oneof(
  fc
    .tuple(
      fc.string({ maxLength: 20 }),
      fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.constant(0x7f), fc.integer({ min: 0x80, max: 0x2fff })),
      fc.string({ maxLength: 20 }),
    )
    .map(([a, code, b]) => a + String.fromCharCode(code) + b),
  fc.integer({ min: 256, max: 2000 }).map((n) => "x".repeat(n)),
  fc.constantFrom("", " leading", "trailing ", "abc\r\nX-Injected: 1", "\n"),
);

describe("finAPI's request id: checked when the request is built", () => {
  it("any bad id (CR/LF, control characters, non-ASCII, > 255, edge spaces) is invalid_options; fetch is never called, nothing retried", async () => {
    await fc.assert(
      fc.asyncProperty(badRequestId, async (id) => {
        const { calls, fetch } = countingFetch();
        const provider = finapiWith(fetch, () => id);
        for (const attempt of [
          () => provider.clientCredentials(),
          () => provider.refresh({ refreshToken: "r" }),
          () => provider.password({ username: "u", password: "p" }),
        ]) {
          const error = await rejection(attempt());
          expect(error).toBeInstanceOf(FinoauthError);
          expect(error).toMatchObject({ kind: "invalid_options", retryable: false });
        }
        const revoked = await rejection(
          finapiWith(fetch).revoke({ token: "t", clientAccessToken: "c", requestId: id }),
        );
        expect(revoked).toMatchObject({ kind: "invalid_options" });
        expect(calls.n).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  it("the id function runs once per call: every attempt of a retried call sends the same id", async () => {
    const ids: string[] = [];
    let made = 0;
    const failing = async (request: Request) => {
      ids.push(request.headers.get("x-request-id")!);
      return new Response("{}", { status: 503 });
    };
    const provider = createProvider("finapi", {
      clientId: "c",
      clientSecret: "s",
      baseUrl: "http://127.0.0.1:9",
      fetch: failing,
      requestId: () => `id-${++made}`,
      retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 1 },
    });
    expect(await rejection(provider.clientCredentials())).toMatchObject({ kind: "provider", status: 503 });
    expect(ids).toEqual(["id-1", "id-1", "id-1"]);
    expect(made).toBe(1);
  });

  it("revoke's clientAccessToken goes in a header: CR/LF in it is invalid_options, nothing sent", async () => {
    const { calls, fetch } = countingFetch();
    const error = await rejection(finapiWith(fetch).revoke({ token: "t", clientAccessToken: "tok\r\nX-Evil: 1" }));
    expect(error).toMatchObject({ kind: "invalid_options" });
    expect(String(error)).not.toContain("tok");
    expect(calls.n).toBe(0);
  });

  it("a good id is sent as it is", async () => {
    const seen: string[] = [];
    const fetch = async (request: Request) => {
      seen.push(request.headers.get("x-request-id")!);
      return countingFetch().fetch();
    };
    await finapiWith(fetch, () => "req 1/ok~").clientCredentials();
    expect(seen).toEqual(["req 1/ok~"]);
  });
});

describe("the engine: a FinoauthError inside the send step", () => {
  it("propagates as itself, not as a retryable network error", async () => {
    const error = await rejection(
      send(() => Promise.reject(invalidOptions("bad option", "p")), { provider: "p", timeoutMs: 1000, secrets: [] }),
    );
    expect(error).toMatchObject({ kind: "invalid_options", retryable: false });
  });

  it("withRetry never retries invalid_options, even one marked retryable", async () => {
    let attempts = 0;
    const marked = new FinoauthError({ kind: "invalid_options", retryable: true, description: "bad" });
    const error = await rejection(
      withRetry(
        { retries: 3, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
        { deadline: performance.now() + 10_000 },
        async () => {
          attempts++;
          throw marked;
        },
      ),
    );
    expect(error).toBe(marked);
    expect(attempts).toBe(1);
  });
});
