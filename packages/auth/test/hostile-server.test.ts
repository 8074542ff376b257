// The hardened request path against an attacker's token endpoint on loopback: no redirect is followed
// (whatever fetch the user injects), no answer is read past the size cap, no wait outlasts the call's
// deadline, and no token answer that should be refused is accepted.
import { getEventListeners } from "node:events";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTokenManager, FinoauthError } from "../src/index.js";
import { createNodeTransport } from "../src/keep-alive.js";
import { createProvider } from "../src/providers/all.js";
import { startHostileServer, startRecorder } from "./support/hostile-server.js";
import { rejection } from "./support/prism.js";

const CLIENT_SECRET = "hostile-test-secret!(x)*'y";
let recorder: Awaited<ReturnType<typeof startRecorder>>;
let hostile: Awaited<ReturnType<typeof startHostileServer>>;

beforeAll(async () => {
  recorder = await startRecorder();
  hostile = await startHostileServer({ kind: "echo" });
});
afterAll(async () => {
  await hostile?.close();
  await recorder?.close();
});
afterEach(() => {
  recorder.received.length = 0;
  hostile.received.length = 0;
});

// Every rule holds on both transports: the default (the global fetch) and the keep-alive node:http one.
const nodeTransport = createNodeTransport();
afterAll(() => nodeTransport.close());
for (const transportName of ["the default transport", "the keep-alive transport"] as const) {
  describe(`on ${transportName}`, () => {
    const transport = transportName === "the default transport" ? {} : { fetch: nodeTransport };
    const generic = (extra: Record<string, unknown> = {}) =>
      createProvider("oauth2", {
        clientId: "client-1",
        clientSecret: CLIENT_SECRET,
        clientAuth: "client_secret_post",
        baseUrl: hostile.url,
        retry: { retries: 2, baseDelayMs: 1 },
        ...transport,
        ...extra,
      });

    describe("redirects are never followed", () => {
      for (const status of [301, 302, 303, 307, 308] as const) {
        for (const fetchKind of transportName === "the default transport"
          ? (["the global fetch", "an injected fetch that follows redirects"] as const)
          : (["the keep-alive transport"] as const)) {
          it(`${status} from the token and revoke endpoints, with ${fetchKind}: nothing reaches the other origin`, async () => {
            hostile.hostility = { kind: "redirect", status, to: recorder.url };
            const fetch =
              fetchKind === "an injected fetch that follows redirects"
                ? (request: Request) => globalThis.fetch(request)
                : undefined;
            const provider = generic(fetch ? { fetch } : {});
            const calls = [
              provider.clientCredentials(),
              provider.refresh({ refreshToken: "rt-123456" }),
              provider.exchangeCode({ code: "code-123456", codeVerifier: "v".repeat(43) }),
              provider.password({ username: "alice", password: "pw-123456" }),
              provider.revoke({ token: "rt-123456" }),
            ];
            for (const error of await Promise.all(calls.map(rejection))) {
              expect(error).toBeInstanceOf(FinoauthError);
              expect(error).toMatchObject({ kind: "provider", status, retryable: false });
              expect(error.message).toMatch(
                new RegExp(`redirect to ${recorder.url.replace(/[.]/g, "\\.")}; redirects are never followed`),
              );
            }
            // Each call was sent once (no retry of a redirect), and the other origin received nothing at all.
            expect(hostile.received).toHaveLength(calls.length);
            expect(recorder.received).toEqual([]);
          });
        }
      }

      it("a key-issuing provider's credential headers (X-SP-GATEWAY) do not follow a redirect either", async () => {
        hostile.hostility = { kind: "redirect", status: 307, to: recorder.url };
        const synapse = createProvider("synapsefi", {
          clientId: "id",
          clientSecret: "sec",
          fingerprint: "fp-1",
          ipAddress: "203.0.113.7",
          baseUrl: hostile.url,
          ...transport,
        });
        expect(await rejection(synapse.oauthKey({ userId: "u1", refreshToken: "rt-1" }))).toMatchObject({
          kind: "provider",
          status: 307,
        });
        expect(hostile.received[0]!.headers["x-sp-gateway"]).toBe("id|sec");
        expect(recorder.received).toEqual([]);
      });
    });

    describe("answers are bounded in size", () => {
      it("an endless body is refused once past the cap, and memory stays flat", async () => {
        hostile.hostility = { kind: "endless", limitBytes: 512 * 1024 * 1024 };
        globalThis.gc?.();
        const before = process.memoryUsage().rss;
        const sentBefore = hostile.bytesSent();
        const error = await rejection(generic({ retry: { retries: 0 } }).clientCredentials());
        const grown = process.memoryUsage().rss - before;
        expect(error).toMatchObject({ kind: "provider", retryable: false });
        expect(error.description).toMatch(/larger than 1048576 bytes/);
        // Not a timing check: the stream was cancelled, so the server could not push its 512 MiB, and the
        // process did not hold what it had read (a read-everything client grows by hundreds of MiB here).
        expect(hostile.bytesSent() - sentBefore).toBeLessThan(64 * 1024 * 1024);
        expect(grown).toBeLessThan(64 * 1024 * 1024);
      });

      it("the cap is an option, and a declared Content-Length over it is refused without reading", async () => {
        hostile.hostility = { kind: "json", body: { access_token: "a".repeat(5_000), token_type: "Bearer" } };
        expect(await rejection(generic({ maxResponseBytes: 4_096 }).clientCredentials())).toMatchObject({
          kind: "provider",
          description: expect.stringMatching(/larger than 4096 bytes/),
        });
        expect((await generic({ maxResponseBytes: 8_192 }).clientCredentials()).accessToken).toHaveLength(5_000);
        hostile.hostility = { kind: "declared-huge" };
        expect(
          await rejection(generic({ retry: { retries: 0 }, timeoutMs: 20_000 }).clientCredentials()),
        ).toMatchObject({ kind: "provider", description: expect.stringMatching(/larger than/) });
      });
    });

    describe("one deadline per call", () => {
      it("a Retry-After longer than the time left ends the call at once with the provider's answer", async () => {
        hostile.hostility = {
          kind: "json",
          status: 503,
          body: { error: "temporarily_unavailable" },
          headers: { "retry-after": "30" },
        };
        const error = await rejection(
          generic({ timeoutMs: 2_000, retry: { retries: 2, maxRetryAfterMs: 60_000 } }).clientCredentials(),
        );
        expect(error).toMatchObject({ kind: "provider", status: 503, retryable: true, retryAfterMs: 30_000 });
        expect(hostile.received).toHaveLength(1);
      });

      it("a timeout names the limit it hit: the request's timeout, or the call's deadline when retries used it up", async () => {
        hostile.hostility = { kind: "hang" };
        const once = await rejection(generic({ timeoutMs: 300, retry: { retries: 0 } }).clientCredentials());
        expect(once).toMatchObject({ kind: "timeout", retryable: true, description: "no answer within 300 ms" });
        // A deadline shorter than the timeout cuts the first attempt: the error names the deadline.
        const cut = await rejection(
          generic({ timeoutMs: 5_000, deadlineMs: 300, retry: { retries: 3, baseDelayMs: 1 } }).clientCredentials(),
        );
        expect(cut).toMatchObject({
          kind: "timeout",
          description: "no answer within the call's deadline (300 ms, retries included)",
        });
        expect(hostile.received).toHaveLength(2);
      });

      it("a deadline can be set per provider and per call, and is checked", async () => {
        hostile.hostility = {
          kind: "json",
          status: 503,
          body: { error: "temporarily_unavailable" },
          headers: { "retry-after": "0" },
        };
        await rejection(generic({ deadlineMs: 60_000, retry: { retries: 3, baseDelayMs: 1 } }).clientCredentials());
        expect(hostile.received).toHaveLength(4);
        expect(() => generic({ deadlineMs: 0 })).toThrow(
          /deadlineMs must be a number of milliseconds between 1 and 600000/,
        );
      });
    });

    describe("token answers that must be refused", () => {
      it("an error beside an access token under 200 is an error", async () => {
        hostile.hostility = {
          kind: "json",
          body: {
            access_token: "looks-fine",
            token_type: "Bearer",
            error: "invalid_grant",
            error_description: "revoked",
          },
        };
        expect(await rejection(generic().refresh({ refreshToken: "rt-1" }))).toMatchObject({
          kind: "provider",
          status: 200,
          code: "invalid_grant",
        });
      });

      it("a token type other than Bearer is malformed (this library sends Bearer tokens only)", async () => {
        hostile.hostility = { kind: "json", body: { access_token: "mac-token", token_type: "mac", expires_in: 60 } };
        expect(await rejection(generic().clientCredentials())).toMatchObject({
          kind: "malformed_response",
          description: expect.stringMatching(/token_type "mac"/),
        });
        hostile.hostility = { kind: "json", body: { access_token: "dpop-token", token_type: "DPoP", expires_in: 60 } };
        expect(await rejection(generic().clientCredentials())).toMatchObject({ kind: "malformed_response" });
      });

      it("expires_in 0 is a token already expired: malformed_response, and the manager asks once per need, never in a loop", async () => {
        hostile.hostility = {
          kind: "json",
          body: { access_token: "short-lived", token_type: "Bearer", expires_in: 0 },
        };
        const provider = generic();
        expect(await rejection(provider.clientCredentials())).toMatchObject({
          kind: "malformed_response",
          description: expect.stringMatching(/already expired/),
        });
        hostile.received.length = 0;
        const manager = createTokenManager({ key: "hostile:zero", obtain: () => provider.clientCredentials() });
        const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => manager.getAccessToken()));
        expect(
          outcomes.every((outcome) => outcome.status === "rejected" && outcome.reason.kind === "malformed_response"),
        ).toBe(true);
        expect(hostile.received).toHaveLength(1);
      });

      it("an error body echoing the form-encoded request carries no secret", async () => {
        hostile.hostility = { kind: "echo" };
        const error = await rejection(generic().password({ username: "alice", password: "pass word!(x)*'é" }));
        expect(error.description).toMatch(/you sent/);
        for (const text of [error.message, JSON.stringify(error), String(error)]) {
          for (const secret of [CLIENT_SECRET, "pass word!(x)*'é"]) {
            expect(text).not.toContain(secret);
            expect(text).not.toContain(new URLSearchParams({ s: secret }).toString().slice(2));
            expect(text).not.toContain(encodeURIComponent(secret));
          }
        }
      });
    });
  });
}

describe("the keep-alive transport as a plain fetch", () => {
  it("answers a WHATWG Response with status, headers and body, and reuses its socket", async () => {
    hostile.hostility = { kind: "json", body: { hello: "world" }, headers: { "x-request-id": "r-9" } };
    const response = await nodeTransport(new Request(`${hostile.url}/anything`, { method: "POST", body: "a=1" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("r-9");
    expect(await response.json()).toEqual({ hello: "world" });
    expect(hostile.received.at(-1)).toMatchObject({ method: "POST", path: "/anything", body: "a=1" });
    await nodeTransport(new Request(`${hostile.url}/again`));
    const ports = new Set(hostile.received.slice(-2).map((r) => r.headers.connection));
    expect(ports).toEqual(new Set(["keep-alive"]));
  });

  it("a caller's signal ends a request the server never answers, and no listener stays on the signal", async () => {
    hostile.hostility = { kind: "hang" };
    const controller = new AbortController();
    const pending = nodeTransport(
      new Request(`${hostile.url}/hang`, { method: "POST", body: "a=1", signal: controller.signal }),
    );
    await vi.waitFor(() => expect(hostile.received).toHaveLength(1));
    controller.abort(new Error("caller gave up"));
    await expect(pending).rejects.toThrow("caller gave up");
    hostile.hostility = { kind: "json", body: { ok: true } };
    const request = new Request(`${hostile.url}/ok`, { signal: new AbortController().signal });
    await nodeTransport(request);
    expect(getEventListeners(request.signal, "abort")).toHaveLength(0);
  });

  it("a URL of an unsupported scheme is refused, and a bad one does not poison the next", async () => {
    await expect(nodeTransport(new Request("ftp://127.0.0.1/x"))).rejects.toThrow(/unsupported protocol ftp:/);
    hostile.hostility = { kind: "json", body: { ok: true } };
    // More endpoints than the transport keeps parsed: each still goes where its URL says.
    for (let i = 0; i < 70; i++) expect((await nodeTransport(new Request(`${hostile.url}/e${i}`))).status).toBe(200);
    expect(hostile.received.slice(-70).map((r) => r.path)).toEqual(Array.from({ length: 70 }, (_, i) => `/e${i}`));
  });

  it("refuses a size cap that is not a positive whole number of bytes", () => {
    for (const bad of [0, -1, 1.5, Number.NaN, "1mb"]) {
      expect(() =>
        createProvider("oauth2", { clientId: "c", baseUrl: hostile.url, maxResponseBytes: bad as number }),
      ).toThrow(/maxResponseBytes must be a whole number of bytes > 0/);
    }
  });

  it("checks its options", () => {
    expect(() => createNodeTransport({ maxSockets: 0 })).toThrow(/maxSockets must be a whole number > 0/);
    expect(() => createNodeTransport({ idleTimeoutMs: -1 })).toThrow(/idleTimeoutMs must be a positive number/);
  });
});
