import { getEventListeners } from "node:events";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { asOAuthCode, FinoauthError, invalidOptions } from "../src/errors.js";
import { ABORT_HOOK } from "../src/light-request.js";
import { createPkce, randomToken, sha256 } from "../src/pkce.js";
import { mask, scrub } from "../src/redact.js";
import { basicAuthorization, compact, joinScopes } from "../src/request-parts.js";
import { parseRetryAfter, sleep, withRetry } from "../src/retry.js";
import { constantTimeEqual, MemoryStateStore, STATE_TTL_MS } from "../src/state-store.js";
import { TokenSet } from "../src/token-set.js";

const data = {
  provider: "oauth2" as const,
  accessToken: "access-token-secret-123",
  tokenType: "Bearer",
  expiresAt: 1_000_000,
  refreshToken: "refresh-token-secret-456",
  scopes: ["a", "b"],
  extras: { accountId: "acc" },
  obtainedAt: 500_000,
  raw: { access_token: "access-token-secret-123" },
};

describe("TokenSet", () => {
  it("exposes the token, computes expiry and round-trips through toData and the constructor", () => {
    const token = new TokenSet(data);
    expect(token.accessToken).toBe(data.accessToken);
    expect(token.expiresIn(400_000)).toBe(600_000);
    expect(token.isExpired(999_000)).toBe(false);
    expect(token.isExpired(999_000, 1_000)).toBe(true);
    expect(token.isExpired(1_000_000)).toBe(true);
    expect(new TokenSet(token.toData()).toData()).toEqual(data);
    expect(new TokenSet({ ...data, expiresAt: undefined }).isExpired(Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  it("keeps the previous refresh token only when the response omitted one", () => {
    const without = new TokenSet({ ...data, refreshToken: undefined });
    expect(without.keepingRefreshToken("old").refreshToken).toBe("old");
    expect(new TokenSet(data).keepingRefreshToken("old").refreshToken).toBe(data.refreshToken);
    expect(without.keepingRefreshToken(undefined)).toBe(without);
  });

  it("never prints its secrets", () => {
    const token = new TokenSet(data);
    for (const printed of [
      inspect(token, { depth: 10, showHidden: true }),
      JSON.stringify(token),
      String(token),
      `${token}`,
      JSON.stringify({ token }),
    ]) {
      expect(printed).not.toContain(data.accessToken);
      expect(printed).not.toContain(data.refreshToken);
    }
    expect(JSON.stringify(token)).toContain("acce…(23)");
  });

  it("refuses a token without access token or with a non-finite expiry", () => {
    expect(() => new TokenSet({ ...data, accessToken: "" })).toThrow(FinoauthError);
    expect(() => new TokenSet({ ...data, expiresAt: Number.NaN })).toThrow(/expiresAt must be epoch milliseconds/);
    expect(() => new TokenSet({ ...data, refreshToken: "" })).toThrow(/absent, not empty/);
  });
});

describe("FinoauthError", () => {
  it("carries the fields, scrubs secrets from its text and prints only its fields", () => {
    const error = new FinoauthError({
      kind: "provider",
      provider: "finexer",
      status: 400,
      code: "invalid_grant",
      description: "code abc123secret not found",
      secrets: ["abc123secret"],
    });
    expect(error.message).toBe("finexer HTTP 400 invalid_grant: code [redacted] not found");
    expect(error.description).toBe("code [redacted] not found");
    expect(error.retryable).toBe(false);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ kind: "provider", status: 400, code: "invalid_grant" });
    expect(inspect(error)).toContain("FinoauthError: finexer HTTP 400 invalid_grant");
    expect(invalidOptions("bad", "finapi")).toMatchObject({
      kind: "invalid_options",
      provider: "finapi",
      message: "finapi: bad",
    });
  });

  it("toJSON gives a log every field, in a fixed order, and no secret", () => {
    const error = new FinoauthError({
      kind: "provider",
      provider: "finapi",
      status: 429,
      code: "temporarily_unavailable",
      providerCode: "RATE",
      description: "slow down, sk-secret",
      retryable: true,
      retryAfterMs: 2000,
      requestId: "r-1",
      reason: "wrong_provider",
      secrets: ["sk-secret"],
    });
    // In the order a log shows them (toEqual alone would not see the order).
    const expected = {
      name: "FinoauthError",
      message: error.message,
      kind: "provider",
      reason: "wrong_provider",
      provider: "finapi",
      status: 429,
      code: "temporarily_unavailable",
      providerCode: "RATE",
      description: "slow down, [redacted]",
      retryable: true,
      retryAfterMs: 2000,
      requestId: "r-1",
    };
    expect(error.toJSON()).toEqual(expected);
    expect(Object.keys(error.toJSON())).toEqual(Object.keys(expected));
    expect(JSON.stringify(error)).not.toContain("sk-secret");
  });

  it("recognises RFC 6749 codes only", () => {
    expect(asOAuthCode("invalid_grant")).toBe("invalid_grant");
    expect(asOAuthCode("10_")).toBeUndefined();
    expect(asOAuthCode(42)).toBeUndefined();
  });
});

describe("redaction", () => {
  it("masks to a 4-character prefix and the length", () => {
    expect(mask("abcdefghijkl")).toBe("abcd…(12)");
    expect(mask("short")).toBe("…(5)");
    expect(mask(undefined)).toBeUndefined();
  });

  it("scrubs plain and URL-encoded secrets", () => {
    expect(scrub("x=a b:c& y=a%20b%3Ac", ["a b:c"])).toBe("x=[redacted]& y=[redacted]");
    expect(scrub("abc", ["abc"])).toBe("abc"); // too short to scrub safely
  });
});

describe("state and PKCE", () => {
  it("makes 256-bit URL-safe random tokens", () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(Array.from({ length: 100 }, () => randomToken())).size).toBe(100);
  });

  it("S256 challenge matches RFC 7636 Appendix B", async () => {
    expect(await sha256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
    const pkce = await createPkce();
    expect(pkce.codeChallenge).toBe(await sha256(pkce.codeVerifier));
    expect(pkce.codeVerifier.length).toBeGreaterThanOrEqual(43);
  });

  it("compares in constant time and correctly", () => {
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
    expect(constantTimeEqual("", "")).toBe(true);
  });

  it("MemoryStateStore hands a state out once and drops expired ones", async () => {
    let now = 0;
    const store = new MemoryStateStore(() => now);
    await store.put("k1", { state: "s1", expiresAt: STATE_TTL_MS });
    expect(await store.take("k1")).toMatchObject({ state: "s1" });
    expect(await store.take("k1")).toBeUndefined();
    await store.put("k2", { state: "s2", expiresAt: 10 });
    now = 20;
    await store.put("k3", { state: "s3", expiresAt: 100 });
    expect(await store.take("k2")).toBeUndefined();
  });

  it("MemoryStateStore keeps at most maxEntries, dropping the oldest", async () => {
    const store = new MemoryStateStore(() => 0, 2);
    for (const key of ["a", "b", "c"]) await store.put(key, { state: key, expiresAt: 100 });
    expect(await store.take("a")).toBeUndefined();
    expect(await store.take("b")).toMatchObject({ state: "b" });
    expect(await store.take("c")).toMatchObject({ state: "c" });
  });
});

describe("retry", () => {
  const retryable = () => new FinoauthError({ kind: "network", retryable: true });
  const policy = { retries: 2, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 50 };

  it("retries retryable errors up to the limit, and nothing else", async () => {
    let calls = 0;
    await expect(
      withRetry(policy, { deadline: performance.now() + 60_000 }, async () => {
        calls++;
        throw retryable();
      }),
    ).rejects.toMatchObject({ kind: "network" });
    expect(calls).toBe(3);
    calls = 0;
    await expect(
      withRetry(policy, { deadline: performance.now() + 60_000 }, async () => {
        calls++;
        throw new FinoauthError({ kind: "provider", code: "invalid_grant" });
      }),
    ).rejects.toMatchObject({ code: "invalid_grant" });
    expect(calls).toBe(1);
    calls = 0;
    expect(
      await withRetry(policy, { deadline: performance.now() + 60_000 }, async () =>
        ++calls < 2 ? Promise.reject(retryable()) : "ok",
      ),
    ).toBe("ok");
  });

  it("gives up at once when Retry-After is longer than the policy allows", async () => {
    let calls = 0;
    const long = new FinoauthError({ kind: "provider", status: 429, retryable: true, retryAfterMs: 60_000 });
    await expect(
      withRetry(policy, { deadline: performance.now() + 60_000 }, async () => {
        calls++;
        throw long;
      }),
    ).rejects.toBe(long);
    expect(calls).toBe(1);
  });

  it("parses Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it("stops waiting when the signal aborts", async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ kind: "aborted" });
  });
});

describe("adapter helpers", () => {
  it("Basic authorization form-encodes id and secret first (RFC 6749 §2.3.1, Appendix B)", () => {
    expect(basicAuthorization("s6BhdRkqt3", "7Fjfp0ZBr1KtDRbnfVdmIw")).toBe(
      "Basic czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3",
    );
    const header = basicAuthorization("client:id", "sécret +/");
    expect(atob(header.slice(6))).toBe("client%3Aid:s%C3%A9cret+%2B%2F");
  });

  it("compact drops undefined fields; joinScopes joins or gives undefined", () => {
    expect(compact({ a: 1, b: undefined, c: "" })).toEqual({ a: 1, c: "" });
    expect(joinScopes(["a", "b"], ",")).toBe("a,b");
    expect(joinScopes([], " ")).toBeUndefined();
  });
});

describe("send", () => {
  it("names the cause of a network failure (undici puts it on the cause) without any secret", async () => {
    const { send } = await import("../src/transport.js");
    const failing = () =>
      Promise.reject(
        new TypeError("fetch failed", {
          cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }),
        }),
      );
    await expect(send(failing, { provider: "oauth2", timeoutMs: 1_000, secrets: [] })).rejects.toMatchObject({
      kind: "network",
      retryable: true,
      description: "request failed (ECONNREFUSED)",
    });
    const badPort = () => Promise.reject(new TypeError("fetch failed", { cause: new Error("bad port s3cr3t-value") }));
    await expect(
      send(badPort, { provider: "oauth2", timeoutMs: 1_000, secrets: ["s3cr3t-value"] }),
    ).rejects.toMatchObject({ description: "request failed (bad port [redacted])" });
  });

  it("times out even when the call ignores the signal", async () => {
    const { send } = await import("../src/transport.js");
    await expect(
      send(() => new Promise(() => {}), { provider: "oauth2", timeoutMs: 20, secrets: [] }),
    ).rejects.toMatchObject({ kind: "timeout", retryable: true });
  });

  it("a caller's abort ends a call whose fetch ignores the signal, whether it came before the call or during it", async () => {
    const { send } = await import("../src/transport.js");
    const ignoring = () => new Promise<never>(() => {});
    await expect(
      send(ignoring, { provider: "oauth2", timeoutMs: 60_000, secrets: [], signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ kind: "aborted" });
    const controller = new AbortController();
    const pending = send(ignoring, { provider: "oauth2", timeoutMs: 60_000, secrets: [], signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: "aborted", retryable: false });
  });

  it("tells a light transport of its timeout through the signal's hook, with no listener, and unhooks it", async () => {
    const { send } = await import("../src/transport.js");
    const { whenAborted, LightSignal } = await import("../src/light-request.js");
    const seen: { signal: AbortSignal; light: boolean; listeners: number; hooked: boolean }[] = [];
    const hanging = ({ signal }: { signal: AbortSignal }) =>
      new Promise<never>((_, reject) => {
        whenAborted(signal, () => reject(signal.reason));
        seen.push({
          signal,
          // A light transport's signal is a LightSignal (an EventTarget, not an AbortSignal).
          light: signal instanceof LightSignal,
          listeners: getEventListeners(signal, "abort").length,
          hooked: typeof (signal as unknown as Record<symbol, unknown>)[ABORT_HOOK] === "function",
        });
      });
    await expect(
      send(hanging, { provider: "oauth2", timeoutMs: 20, secrets: [], honoursSignal: true }),
    ).rejects.toMatchObject({ kind: "timeout" });
    // Without honoursSignal the signal has no hook: the transport listens, and send races the call as well.
    await expect(send(hanging, { provider: "oauth2", timeoutMs: 20, secrets: [] })).rejects.toMatchObject({
      kind: "timeout",
    });
    expect(seen.map(({ light, listeners, hooked }) => ({ light, listeners, hooked }))).toEqual([
      { light: true, listeners: 0, hooked: true },
      { light: false, listeners: 1, hooked: false },
    ]);
    // Two requests on one hooked signal: the second listens, and one abort ends both.
    const shared = new AbortController();
    Object.assign(shared.signal, { [ABORT_HOOK]: null });
    const ended: string[] = [];
    const undoFirst = whenAborted(shared.signal, () => ended.push("first"));
    whenAborted(shared.signal, () => ended.push("second"));
    expect(getEventListeners(shared.signal, "abort")).toHaveLength(1);
    shared.abort();
    (shared.signal as unknown as Record<symbol, () => void>)[ABORT_HOOK]!();
    expect(ended.sort()).toEqual(["first", "second"]);
    undoFirst();
    expect((shared.signal as unknown as Record<symbol, unknown>)[ABORT_HOOK]).toBeNull();
    // whenAborted's undo empties the hook or removes the listener.
    const hookedSignal = Object.assign(new AbortController().signal, { [ABORT_HOOK]: null });
    whenAborted(hookedSignal, () => {})();
    expect((hookedSignal as unknown as Record<symbol, unknown>)[ABORT_HOOK]).toBeNull();
    const plain = new AbortController().signal;
    whenAborted(plain, () => {})();
    expect(getEventListeners(plain, "abort")).toHaveLength(0);
  });
});
