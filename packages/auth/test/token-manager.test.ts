import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FinoauthError } from "../src/errors.js";
import { MemoryTokenStore, type TokenStore } from "../src/store.js";
import { createTokenManager, type TokenManagerOptions } from "../src/token-manager.js";
import { TokenSet, type TokenSetData } from "../src/token-set.js";

// A fake clock: every expiry decision goes through `now`, so nothing here depends on real time.
let clock = 1_700_000_000_000;
const now = () => clock;
const HOUR = 3_600_000;

let serial = 0;
/** A token as a provider would return it: `access-N-secret`, optionally with `refresh-N-secret`. */
function token(options: { refresh?: string | null; lifetimeMs?: number } = {}): TokenSet {
  const n = ++serial;
  return new TokenSet({
    provider: "oauth2",
    accessToken: `access-${n}-secret-value`,
    tokenType: "Bearer",
    expiresAt: options.lifetimeMs === Infinity ? undefined : clock + (options.lifetimeMs ?? HOUR),
    refreshToken: options.refresh === null ? undefined : (options.refresh ?? `refresh-${n}-secret-value`),
    scopes: [],
    extras: {},
    obtainedAt: clock,
    raw: {},
  });
}

/** A promise with its resolve/reject outside. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** A store without `lock`: only the manager's own single flight can keep refreshes to one. */
function lockless(inner = new MemoryTokenStore()): TokenStore {
  return { get: (k) => inner.get(k), set: (k, d) => inner.set(k, d), delete: (k) => inner.delete(k) };
}

/** Fake grant functions that count their calls. */
function fakes() {
  const calls = { obtain: 0, refresh: [] as (string | undefined)[] };
  return {
    calls,
    obtain: vi.fn(async () => (calls.obtain++, token())),
    refresh: vi.fn(async (current: TokenSet) => (calls.refresh.push(current.refreshToken), token())),
  };
}

const manager = (options: Partial<TokenManagerOptions> & Pick<TokenManagerOptions, "obtain">) =>
  createTokenManager({ key: "grant-1", now, ...options });

/** Seeds `store` with a token that expired a minute ago. */
async function seedExpired(store: TokenStore, key = "grant-1"): Promise<TokenSet> {
  const old = token({ lifetimeMs: HOUR });
  await store.set(key, old.toData());
  clock += HOUR + 60_000;
  return old;
}

beforeEach(() => {
  clock = 1_700_000_000_000;
});
afterEach(() => {
  vi.useRealTimers();
});

describe("token manager: caching and proactive refresh", () => {
  it("obtains once when the store is empty, then serves the cached token without calling the provider", async () => {
    const f = fakes();
    const store = new MemoryTokenStore();
    const tokens = manager({ obtain: f.obtain, refresh: f.refresh, store });
    const first = await tokens.getAccessToken();
    expect(f.calls.obtain).toBe(1);
    expect((await store.get("grant-1"))?.accessToken).toBe(first);
    clock += HOUR - 65_001; // still outside margin (60 s) + skew (5 s)
    for (let i = 0; i < 10; i++) expect(await tokens.getAccessToken()).toBe(first);
    expect(f.calls).toEqual({ obtain: 1, refresh: [] });
  });

  it("refreshes once the token is within refreshMarginMs + clockSkewMs of expiry, not before", async () => {
    const f = fakes();
    const store = new MemoryTokenStore();
    const tokens = manager({
      obtain: f.obtain,
      refresh: f.refresh,
      store,
      refreshMarginMs: 10_000,
      clockSkewMs: 2_000,
    });
    const initial = token();
    await tokens.set(initial);
    clock = initial.expiresAt! - 12_001;
    expect(await tokens.getAccessToken()).toBe(initial.accessToken);
    expect(f.refresh).not.toHaveBeenCalled();
    clock = initial.expiresAt! - 12_000;
    const next = await tokens.getAccessToken();
    expect(next).not.toBe(initial.accessToken);
    expect(f.calls.refresh).toEqual([initial.refreshToken]);
  });

  it("renews a token that lives shorter than the margin at half its life, not on every call", async () => {
    const f = fakes();
    const tokens = manager({ obtain: async () => (f.calls.obtain++, token({ refresh: null, lifetimeMs: 30_000 })) });
    const first = await tokens.getAccessToken();
    clock += 14_999;
    expect(await tokens.getAccessToken()).toBe(first);
    expect(f.calls.obtain).toBe(1);
    clock += 1;
    expect(await tokens.getAccessToken()).not.toBe(first);
    expect(f.calls.obtain).toBe(2);
  });

  it("never renews a token without expiry; set() stores a token obtained elsewhere; invalidate() forgets it", async () => {
    const f = fakes();
    const store = new MemoryTokenStore();
    const tokens = manager({ obtain: f.obtain, refresh: f.refresh, store });
    const forever = token({ lifetimeMs: Infinity });
    await tokens.set(forever);
    clock += 100 * 365 * 24 * HOUR;
    expect(await tokens.getAccessToken()).toBe(forever.accessToken);
    expect((await tokens.getTokenSet()).refreshToken).toBe(forever.refreshToken);
    await tokens.invalidate();
    expect(await store.get("grant-1")).toBeUndefined();
    expect(await tokens.getAccessToken()).not.toBe(forever.accessToken);
    expect(f.calls).toEqual({ obtain: 1, refresh: [] });
  });

  it("reads the store only when its own token is absent or nearing expiry, and then takes another manager's token", async () => {
    const inner = new MemoryTokenStore();
    let reads = 0;
    const store: TokenStore = { ...lockless(inner), get: (k) => (reads++, inner.get(k)) };
    const f = fakes();
    const a = manager({ store, obtain: f.obtain, refresh: f.refresh });
    const b = manager({ store, obtain: f.obtain, refresh: f.refresh });
    const first = await a.getAccessToken();
    const readsAfterObtain = reads;
    for (let i = 0; i < 100; i++) await a.getAccessToken();
    expect(reads).toBe(readsAfterObtain); // served from memory
    expect(await b.getAccessToken()).toBe(first); // b has none of its own: reads the store, no obtain
    expect(f.calls.obtain).toBe(1);

    clock += HOUR; // both tokens are stale now; a renews first, b then finds a's token in the store
    const renewed = await a.getAccessToken();
    expect(await b.getAccessToken()).toBe(renewed);
    expect(f.calls).toEqual({ obtain: 1, refresh: [expect.stringMatching(/^refresh-/)] });
  });

  it("treats unreadable stored data as absent and obtains a new token", async () => {
    const f = fakes();
    const store = new MemoryTokenStore();
    await store.set("grant-1", { ...token().toData(), accessToken: "" });
    const tokens = manager({ obtain: f.obtain, store });
    expect(await tokens.getAccessToken()).toMatch(/^access-/);
    expect(f.calls.obtain).toBe(1);
  });
});

describe("token manager: one refresh at a time", () => {
  it("1,000 concurrent getAccessToken() on an expired token share exactly one refresh", async () => {
    const store = lockless();
    const old = await seedExpired(store);
    const gate = deferred<void>();
    let refreshes = 0;
    const tokens = manager({
      store,
      obtain: async () => expect.unreachable("obtain must not run when there is a refresh token"),
      refresh: async (current) => {
        refreshes++;
        expect(current.refreshToken).toBe(old.refreshToken);
        await gate.promise; // keep the refresh in flight until every caller has asked
        return token();
      },
    });
    const callers = Array.from({ length: 1000 }, () => tokens.getAccessToken());
    await new Promise((resolve) => setImmediate(resolve));
    gate.resolve();
    const results = await Promise.all(callers);
    expect(refreshes).toBe(1);
    expect(new Set(results).size).toBe(1);
    expect(results[0]).toBe((await store.get("grant-1"))?.accessToken);
  });

  it("stores a rotated refresh token before any caller gets the new access token", async () => {
    const inner = new MemoryTokenStore();
    const old = await seedExpired(inner);
    const events: string[] = [];
    const writes: TokenSetData[] = [];
    const store: TokenStore = {
      ...lockless(inner),
      set: async (key, data) => {
        events.push("write started");
        await new Promise((resolve) => setImmediate(resolve)); // a slow store: callers must wait for it
        await inner.set(key, data);
        writes.push(data);
        events.push("stored");
      },
    };
    const rotated = token({ refresh: "refresh-rotated-secret-value" });
    const tokens = manager({ store, obtain: async () => token(), refresh: async () => rotated });
    const delivered = await Promise.all(
      Array.from({ length: 20 }, () => tokens.getAccessToken().then((t) => (events.push("delivered"), t))),
    );
    expect(events).toEqual(["write started", "stored", ...Array(20).fill("delivered")]);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatchObject({ accessToken: rotated.accessToken, refreshToken: "refresh-rotated-secret-value" });
    expect(delivered).toEqual(Array(20).fill(rotated.accessToken));
    expect(old.refreshToken).not.toBe(rotated.refreshToken);
  });

  it("hands out a rotated token the store refused, keeps it, writes it later and reports the failure", async () => {
    const inner = new MemoryTokenStore();
    const old = await seedExpired(inner);
    const failure = new Error("store unavailable");
    let down = true;
    const store: TokenStore = {
      ...lockless(inner),
      set: async (k, d) => (down ? Promise.reject(failure) : inner.set(k, d)),
    };
    const lines: string[] = [];
    const logger = { debug: () => {}, warn: (message: string) => lines.push(message) };
    const rotated = token({ refresh: "refresh-rotated-secret-value" });
    let refreshes = 0;
    const tokens = manager({ store, logger, obtain: async () => token(), refresh: async () => (refreshes++, rotated) });
    expect(await tokens.getAccessToken()).toBe(rotated.accessToken);
    expect(lines.join("\n")).toMatch(/storing the new token failed/);
    expect((await inner.get("grant-1"))?.refreshToken).toBe(old.refreshToken);
    const error = await tokens.flush().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FinoauthError);
    expect(error).toMatchObject({ retryable: true, cause: failure });
    expect((error as Error).message).toContain("store unavailable");
    // Stale again: the rotated refresh token is used (not the store's spent one), and written once the store is back.
    clock += 2 * HOUR;
    down = false;
    const seen: (string | undefined)[] = [];
    const next = manager({
      store,
      obtain: async () => token(),
      refresh: async (c) => (seen.push(c.refreshToken), token()),
    });
    await tokens.flush();
    expect((await inner.get("grant-1"))?.refreshToken).toBe("refresh-rotated-secret-value");
    await next.getAccessToken();
    expect(seen).toEqual(["refresh-rotated-secret-value"]);
    expect(refreshes).toBe(1);
  });

  it("keeps the current refresh token when the refresh response omits it", async () => {
    const store = new MemoryTokenStore();
    const old = await seedExpired(store);
    const f = fakes();
    const tokens = manager({
      store,
      obtain: f.obtain,
      refresh: async (current) => (f.calls.refresh.push(current.refreshToken), token({ refresh: null })),
    });
    const fresh = await tokens.getTokenSet();
    expect(fresh.refreshToken).toBe(old.refreshToken);
    expect((await store.get("grant-1"))?.refreshToken).toBe(old.refreshToken);
    clock += 2 * HOUR;
    await tokens.getAccessToken();
    expect(f.calls.refresh).toEqual([old.refreshToken, old.refreshToken]);
  });

  it("re-runs obtain for a grant without refresh token, and when no refresh function is given", async () => {
    const f = fakes();
    const noRefreshToken = manager({
      obtain: async () => (f.calls.obtain++, token({ refresh: null })),
      refresh: f.refresh,
    });
    const first = await noRefreshToken.getAccessToken();
    clock += 2 * HOUR;
    expect(await noRefreshToken.getAccessToken()).not.toBe(first);
    expect(f.calls).toEqual({ obtain: 2, refresh: [] });

    const store = new MemoryTokenStore();
    await seedExpired(store); // has a refresh token, but there is no refresh function
    const g = fakes();
    await manager({ store, obtain: g.obtain }).getAccessToken();
    expect(g.calls.obtain).toBe(1);
  });

  it("a failed refresh rejects every waiter with the same FinoauthError and leaves the stored token untouched", async () => {
    const store = lockless();
    await seedExpired(store);
    const before = await store.get("grant-1");
    const failure = new FinoauthError({
      kind: "provider",
      provider: "oauth2",
      status: 503,
      code: "temporarily_unavailable",
      retryable: true,
    });
    const gate = deferred<TokenSet>();
    let refreshes = 0;
    const tokens = manager({ store, obtain: async () => token(), refresh: () => (refreshes++, gate.promise) });
    const waiters = Array.from({ length: 100 }, () =>
      tokens.getAccessToken().then(
        () => "resolved",
        (error: unknown) => error,
      ),
    );
    await new Promise((resolve) => setImmediate(resolve));
    gate.reject(failure);
    const outcomes = await Promise.all(waiters);
    expect(outcomes.every((outcome) => outcome === failure)).toBe(true);
    expect(refreshes).toBe(1);
    expect(await store.get("grant-1")).toBe(before);

    // The failed flight is over: the next call starts a new refresh (this fake still fails)...
    await expect(tokens.getAccessToken()).rejects.toBe(failure);
    expect(refreshes).toBe(2);
    // ...and a working refresh starts from the untouched refresh token.
    const seen: (string | undefined)[] = [];
    const working = manager({
      store,
      obtain: async () => token(),
      refresh: async (current) => (seen.push(current.refreshToken), token()),
    });
    await expect(working.getAccessToken()).resolves.toMatch(/^access-/);
    expect(seen).toEqual([before!.refreshToken]);
  });

  it('on invalid_grant: throws by default; runs obtain only when onInvalidGrant is "obtain"', async () => {
    const invalidGrant = new FinoauthError({
      kind: "provider",
      provider: "oauth2",
      status: 400,
      code: "invalid_grant",
    });
    const store = new MemoryTokenStore();
    await seedExpired(store);
    const before = await store.get("grant-1");
    const f = fakes();
    const refuse = async () => Promise.reject(invalidGrant);
    await expect(manager({ store, obtain: f.obtain, refresh: refuse }).getAccessToken()).rejects.toBe(invalidGrant);
    expect(f.calls.obtain).toBe(0);
    expect(await store.get("grant-1")).toBe(before);

    const unavailable = new FinoauthError({
      kind: "provider",
      status: 503,
      code: "temporarily_unavailable",
      retryable: true,
    });
    await expect(
      manager({
        store,
        obtain: f.obtain,
        refresh: async () => Promise.reject(unavailable),
        onInvalidGrant: "obtain",
      }).getAccessToken(),
    ).rejects.toBe(unavailable);
    expect(f.calls.obtain).toBe(0);

    const access = await manager({
      store,
      obtain: f.obtain,
      refresh: refuse,
      onInvalidGrant: "obtain",
    }).getAccessToken();
    expect(f.calls.obtain).toBe(1);
    expect((await store.get("grant-1"))?.accessToken).toBe(access);
  });

  it("two managers sharing one MemoryTokenStore (with its lock) refresh once between them", async () => {
    const store = new MemoryTokenStore();
    const old = await seedExpired(store);
    const gate = deferred<void>();
    const seen: (string | undefined)[] = [];
    const refresh = async (current: TokenSet) => {
      seen.push(current.refreshToken);
      await gate.promise;
      return token();
    };
    const a = manager({ store, obtain: async () => token(), refresh });
    const b = manager({ store, obtain: async () => token(), refresh });
    const callers = Array.from({ length: 500 }, (_, i) => (i % 2 ? a : b).getAccessToken());
    await new Promise((resolve) => setImmediate(resolve));
    gate.resolve();
    const results = await Promise.all(callers);
    expect(seen).toEqual([old.refreshToken]);
    expect(new Set(results).size).toBe(1);
  });

  it("without a lock, two managers each refresh: the lock is what makes them share (documented limit)", async () => {
    const store = lockless();
    await seedExpired(store);
    let refreshes = 0;
    const refresh = async () => (refreshes++, await new Promise((r) => setImmediate(r)), token());
    const a = manager({ store, obtain: async () => token(), refresh });
    const b = manager({ store, obtain: async () => token(), refresh });
    await Promise.all([a.getAccessToken(), b.getAccessToken()]);
    expect(refreshes).toBe(2);
  });

  it("forceRefresh renews a valid token; across managers, one renewal serves both", async () => {
    const store = new MemoryTokenStore();
    let refreshes = 0;
    const refresh = async () => (refreshes++, token());
    const a = manager({ store, obtain: async () => token(), refresh });
    const b = manager({ store, obtain: async () => token(), refresh });
    const first = await a.getAccessToken();
    expect(await b.getAccessToken()).toBe(first);
    // Both got a 401 with `first` at the same moment.
    const [fromA, fromB] = await Promise.all([a.forceRefresh(), b.forceRefresh()]);
    expect(refreshes).toBe(1);
    expect(fromA.accessToken).not.toBe(first);
    expect(fromB.accessToken).toBe(fromA.accessToken);
    // A second 401, now with the new token: a new renewal.
    await a.forceRefresh();
    expect(refreshes).toBe(2);
  });

  it("a caller's signal ends only that caller's wait; the shared refresh completes and is stored", async () => {
    const store = lockless();
    await seedExpired(store);
    const gate = deferred<void>();
    const fresh = token();
    const tokens = manager({ store, obtain: async () => token(), refresh: async () => (await gate.promise, fresh) });
    const controller = new AbortController();
    const impatient = tokens.getAccessToken({ signal: controller.signal });
    const patient = tokens.getAccessToken();
    controller.abort();
    await expect(impatient).rejects.toMatchObject({ kind: "aborted" });
    gate.resolve();
    expect(await patient).toBe(fresh.accessToken);
    expect((await store.get("grant-1"))?.accessToken).toBe(fresh.accessToken);
    await expect(tokens.getAccessToken({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(FinoauthError);
  });
});

describe("token manager: options and logging", () => {
  const obtain = async () => token();
  it.each([
    ["an empty key", { key: "" }, /key must be a non-empty string/],
    ["a blank key", { key: "   " }, /key must be a non-empty string/],
    ["a missing obtain", { obtain: undefined }, /obtain must be a function/],
    ["a refresh that is not a function", { refresh: "yes" }, /refresh must be a function/],
    ["a negative margin", { refreshMarginMs: -1 }, /refreshMarginMs must be a number of milliseconds ≥ 0, got -1/],
    ["a NaN clock skew", { clockSkewMs: Number.NaN }, /clockSkewMs must be/],
    ["a zero lock TTL", { lockTtlMs: 0 }, /lockTtlMs must be a positive/],
    ["an unknown onInvalidGrant", { onInvalidGrant: "retry" }, /onInvalidGrant must be "obtain" or "throw"/],
    [
      "a store without get/set/delete",
      { store: { get: async () => undefined } },
      /store must implement get, set and delete/,
    ],
    ["a logger without debug", { logger: {} }, /logger must have a debug/],
  ])("refuses %s with an invalid_options error that says what to fix", (_, bad, message) => {
    const attempt = () => createTokenManager({ key: "grant-1", obtain, ...(bad as object) } as TokenManagerOptions);
    expect(attempt).toThrow(message);
    expect(attempt).toThrow(FinoauthError);
    try {
      attempt();
    } catch (error) {
      expect((error as FinoauthError).kind).toBe("invalid_options");
    }
  });

  it("refuses a missing options object", () => {
    expect(() => createTokenManager(undefined as unknown as TokenManagerOptions)).toThrow(/options must be an object/);
  });

  it("logs what it does without any token value, not even masked", async () => {
    const lines: string[] = [];
    const logger = {
      debug: (message: string, fields?: Record<string, unknown>) => lines.push(`${message} ${JSON.stringify(fields)}`),
    };
    const store = new MemoryTokenStore();
    const issued: TokenSet[] = [];
    const tokens = manager({
      store,
      logger,
      obtain: async () => (issued.push(token()), issued.at(-1)!),
      refresh: async () => Promise.reject(new FinoauthError({ kind: "provider", code: "invalid_grant", status: 400 })),
      onInvalidGrant: "obtain",
    });
    await tokens.getAccessToken();
    clock += 2 * HOUR;
    await tokens.getAccessToken();
    await tokens.forceRefresh();
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.join("\n")).toContain("invalid_grant");
    for (const t of issued) {
      for (const secret of [t.accessToken, t.refreshToken!]) {
        expect(lines.join("\n")).not.toContain(secret);
        expect(lines.join("\n")).not.toContain(secret.slice(0, 8));
      }
    }
  });
});

describe("MemoryTokenStore", () => {
  it("stores a frozen copy and returns it until the next set", async () => {
    const store = new MemoryTokenStore();
    const data = token().toData();
    await store.set("k", data);
    data.scopes.push("changed-after-set");
    const stored = await store.get("k");
    expect(stored?.scopes).toEqual([]);
    expect(Object.isFrozen(stored)).toBe(true);
    expect(await store.get("k")).toBe(stored);
    await store.delete("k");
    expect(await store.get("k")).toBeUndefined();
  });

  it("lock is exclusive per key, releases once, and frees itself after its TTL", async () => {
    vi.useFakeTimers();
    const store = new MemoryTokenStore();
    const order: string[] = [];
    const releaseA = (await store.lock("k", 1_000)).release;
    const other = (await store.lock("other-key", 1_000)).release; // another key is not blocked
    const b = store.lock("k", 1_000).then(({ release }) => (order.push("b"), release));
    await vi.advanceTimersByTimeAsync(0);
    expect(order).toEqual([]);
    await releaseA();
    const releaseB = await b;
    expect(order).toEqual(["b"]);
    await releaseA(); // a second release of A must not free B's lock
    let cTook = false;
    const c = store.lock("k", 1_000).then(() => (cTook = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(cTook).toBe(false);
    await vi.advanceTimersByTimeAsync(1); // B never released: its TTL frees the key
    await c;
    expect(cTook).toBe(true);
    await releaseB();
    await other();
    await expect(store.lock("k", 0)).rejects.toThrow(RangeError);
  });
});

describe("log lines about errors finoauth did not write", () => {
  it("name the error and its code, never its message (a callback may put a secret in it)", async () => {
    const lines: { message: string; fields: unknown }[] = [];
    const events: unknown[] = [];
    const failure = Object.assign(new TypeError("refresh with rt-leaked-secret-9f2 failed"), { code: "E_MINE" });
    const tokens = createTokenManager({
      key: "grant-log",
      now,
      store: new MemoryTokenStore(),
      logger: { debug: (message, fields) => lines.push({ message, fields }) },
      onEvent: (event) => events.push(event),
      obtain: async () => {
        throw failure;
      },
    });
    await expect(tokens.getAccessToken()).rejects.toBe(failure); // the caller gets the error itself
    const failed = lines.find((line) => line.message.startsWith("renewal failed"));
    expect(failed?.fields).toMatchObject({ error: "TypeError", code: "E_MINE" });
    expect(JSON.stringify(lines)).not.toContain("rt-leaked-secret-9f2");
    expect(JSON.stringify(events)).not.toContain("rt-leaked-secret-9f2");
    expect(events).toContainEqual(
      expect.objectContaining({ type: "log", message: expect.stringMatching(/^renewal failed/) }),
    );
  });
});
