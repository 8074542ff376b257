// The token manager with a store shared by several managers (as processes share Redis): the fenced lock,
// invalid_grant after a lost race, a store that fails or never answers. Expiry goes through a fake clock;
// the only real waits are store timeouts of a few tens of milliseconds, and nothing asserts a duration.
import { beforeEach, describe, expect, it } from "vitest";
import { FinoauthError } from "../src/errors.js";
import {
  type FencedLock,
  isStaleFenceError,
  MemoryTokenStore,
  StaleFenceError,
  type TokenStore,
} from "../src/store.js";
import { createTokenManager, type TokenManagerOptions } from "../src/token-manager.js";
import { TokenSet } from "../src/token-set.js";

let clock = 1_700_000_000_000;
const now = () => clock;
const HOUR = 3_600_000;
let serial = 0;

function token(refresh?: string): TokenSet {
  const n = ++serial;
  return new TokenSet({
    provider: "oauth2",
    accessToken: `access-${n}-secret-value`,
    tokenType: "Bearer",
    expiresAt: clock + HOUR,
    refreshToken: refresh ?? `refresh-${n}-secret-value`,
    scopes: [],
    extras: {},
    obtainedAt: clock,
    raw: {},
  });
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const invalidGrant = () =>
  new FinoauthError({ kind: "provider", provider: "oauth2", status: 400, code: "invalid_grant" });
const manager = (options: Partial<TokenManagerOptions>) =>
  createTokenManager({ key: "grant-1", now, obtain: async () => token(), ...options });

/** A MemoryTokenStore whose granted locks the test can expire by hand (what a TTL running out does). */
function expirableStore() {
  const inner = new MemoryTokenStore();
  const granted: FencedLock[] = [];
  const store: TokenStore = {
    get: (k) => inner.get(k),
    set: (k, d, o) => inner.set(k, d, o),
    delete: (k) => inner.delete(k),
    lock: async (k, ttl) => {
      const lock = await inner.lock(k, ttl);
      granted.push(lock);
      return lock;
    },
  };
  return { inner, store, granted, expire: (i: number) => granted[i]!.release() };
}

/** Seeds the store with a token that expired a minute ago. */
async function seedExpired(store: TokenStore): Promise<TokenSet> {
  const old = token();
  await store.set("grant-1", old.toData());
  clock += HOUR + 60_000;
  return old;
}

beforeEach(() => {
  clock = 1_700_000_000_000;
});

describe("MemoryTokenStore: fenced lock", () => {
  it("hands out a growing fence per acquisition and refuses a write under an older fence than the stored token's", async () => {
    const store = new MemoryTokenStore();
    const first = await store.lock("k", 60_000);
    await first.release();
    const second = await store.lock("k", 60_000);
    expect(second.fence).toBeGreaterThan(first.fence);
    const newer = token();
    await store.set("k", newer.toData(), { fence: second.fence });
    const error = await store.set("k", token().toData(), { fence: first.fence }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleFenceError);
    expect(error).toMatchObject({ code: "stale_fence", fence: first.fence, storedFence: second.fence });
    expect(isStaleFenceError(error)).toBe(true);
    expect(isStaleFenceError({ code: "stale_fence" })).toBe(true); // another copy of the class
    expect(isStaleFenceError(new Error("x"))).toBe(false);
    expect((await store.get("k"))?.accessToken).toBe(newer.accessToken);
    await store.set("k", token().toData(), { fence: second.fence }); // the same fence may write again
    await second.release();
    // An unfenced write (or a delete) counts as new as the newest lock: an older holder cannot undo it.
    await store.delete("k");
    await expect(store.set("k", token().toData(), { fence: first.fence })).rejects.toThrow(StaleFenceError);
    expect(await store.get("k")).toBeUndefined();
    expect((await store.lock("other", 1_000)).fence).toBe(1); // fences are per key
  });

  it("held() is true while the lock is this holder's, false after release or another's acquisition", async () => {
    const store = new MemoryTokenStore();
    const a = await store.lock("k", 60_000);
    expect(await a.held!()).toBe(true);
    await a.release();
    expect(await a.held!()).toBe(false);
    const b = await store.lock("k", 60_000);
    expect(await a.held!()).toBe(false);
    expect(await b.held!()).toBe(true);
    await b.release();
  });
});

describe("token manager: fencing and lost races", () => {
  it("does not send a refresh when its lock expired while it waited: it takes the lock again first", async () => {
    const { store, granted } = expirableStore();
    await seedExpired(store);
    let checks = 0;
    const lying: TokenStore = {
      ...store,
      lock: async (k, ttl) => {
        const lock = (await store.lock!(k, ttl)) as FencedLock;
        return { release: lock.release, fence: lock.fence, held: async () => (checks++ === 0 ? false : lock.held!()) };
      },
    };
    const fences: number[] = [];
    const tokens = manager({ store: lying, refresh: async () => (fences.push(granted.length), token()) });
    await tokens.getAccessToken();
    expect(granted).toHaveLength(2); // the first lock was found lost before sending and given up
    expect(fences).toEqual([2]); // one refresh, sent under the second lock
  });

  it("a holder whose lock expired mid-refresh does not overwrite the newer token, and its callers get that token", async () => {
    const { store, inner, expire } = expirableStore();
    const old = await seedExpired(store);
    const slow = deferred<TokenSet>();
    const sent: (string | undefined)[] = [];
    const a = manager({ store, refresh: (c) => (sent.push(c.refreshToken), slow.promise) });
    const b = manager({ store, refresh: async (c) => (sent.push(c.refreshToken), token()) });
    const aCallers = Array.from({ length: 5 }, () => a.getAccessToken());
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sent).toEqual([old.refreshToken]);
    await expire(0); // A's lock runs out while its refresh is in flight
    const bToken = await b.getAccessToken();
    slow.resolve(token()); // A's late answer
    expect(await Promise.all(aCallers)).toEqual(Array(5).fill(bToken));
    expect((await inner.get("grant-1"))?.accessToken).toBe(bToken);
    expect(sent).toHaveLength(2);
  });

  it("a refresh refused with invalid_grant takes the newer token another manager stored instead of failing", async () => {
    const store = new MemoryTokenStore();
    await seedExpired(store);
    const lockless: TokenStore = {
      get: (k) => store.get(k),
      set: (k, d) => store.set(k, d),
      delete: (k) => store.delete(k),
    };
    const refusal = deferred<TokenSet>();
    const a = manager({ store: lockless, refresh: () => refusal.promise });
    const b = manager({ store: lockless, refresh: async () => token() });
    const aCallers = Array.from({ length: 5 }, () => a.getAccessToken());
    const bToken = await b.getAccessToken();
    refusal.reject(invalidGrant()); // A presented the refresh token B had already used
    expect(await Promise.all(aCallers)).toEqual(Array(5).fill(bToken));
  });

  it("invalid_grant after its lock expired: waits for the new holder's token rather than failing", async () => {
    const { store, expire } = expirableStore();
    await seedExpired(store);
    const refusal = deferred<TokenSet>();
    const bGate = deferred<void>();
    const a = manager({ store, refresh: () => refusal.promise });
    const b = manager({ store, refresh: async () => (await bGate.promise, token()) });
    const aCaller = a.getAccessToken();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expire(0);
    const bCaller = b.getAccessToken(); // B holds the lock now, its refresh not yet answered
    await new Promise((resolve) => setTimeout(resolve, 10));
    refusal.reject(invalidGrant());
    await new Promise((resolve) => setTimeout(resolve, 10));
    bGate.resolve();
    const bToken = await bCaller;
    expect(await aCaller).toBe(bToken);
  });

  it("a real invalid_grant (no newer token anywhere) still fails, and the refused refresh token is not sent twice", async () => {
    const store = new MemoryTokenStore();
    const old = await seedExpired(store);
    const sent: (string | undefined)[] = [];
    const tokens = manager({
      store,
      refresh: async (c) => (sent.push(c.refreshToken), Promise.reject(invalidGrant())),
    });
    await expect(tokens.getAccessToken()).rejects.toMatchObject({ code: "invalid_grant" });
    expect(sent).toEqual([old.refreshToken]);
  });

  it("refreshes its own token when the store lost its data, instead of obtaining a new grant", async () => {
    const store = new MemoryTokenStore();
    let obtains = 0;
    const sent: (string | undefined)[] = [];
    const tokens = manager({
      store,
      obtain: async () => (obtains++, token()),
      refresh: async (c) => (sent.push(c.refreshToken), token()),
    });
    const first = await tokens.getTokenSet();
    (store as unknown as { get: TokenStore["get"] }).get = async () => undefined; // the data is gone
    clock += 2 * HOUR;
    await tokens.getAccessToken();
    expect(obtains).toBe(1);
    expect(sent).toEqual([first.refreshToken]);
  });
});

describe("token manager: a store that fails or never answers", () => {
  const never = <T>() => new Promise<T>(() => {});

  it("a store.get that never answers fails the call with a retryable timeout instead of wedging it", async () => {
    const store: TokenStore = { get: never, set: never, delete: never };
    const tokens = manager({ store, storeTimeoutMs: 20 });
    const error = await tokens.getAccessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FinoauthError);
    expect(error).toMatchObject({ kind: "timeout", retryable: true });
    expect((error as Error).message).toMatch(/token store get did not answer within 20 ms/);
    await expect(tokens.invalidate()).rejects.toMatchObject({ kind: "timeout" });
    await expect(tokens.set(token())).rejects.toMatchObject({ kind: "timeout" });
  });

  it("a store.lock that never answers times out; a lock granted too late is given back", async () => {
    const inner = new MemoryTokenStore();
    await seedExpired(inner);
    const late = deferred<FencedLock>();
    let releasedLate = false;
    const store: TokenStore = {
      get: (k) => inner.get(k),
      set: (k, d, o) => inner.set(k, d, o),
      delete: (k) => inner.delete(k),
      lock: () => late.promise,
    };
    const tokens = manager({ store, storeTimeoutMs: 20, lockTtlMs: 20, refresh: async () => token() });
    await expect(tokens.getAccessToken()).rejects.toMatchObject({
      kind: "timeout",
      retryable: true,
      message: expect.stringMatching(/lock/),
    });
    late.resolve({ fence: 1, release: async () => void (releasedLate = true) });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(releasedLate).toBe(true);
  });

  it("a store.set that never answers: the new token is handed out and kept; a failing store's error is retryable", async () => {
    const inner = new MemoryTokenStore();
    await seedExpired(inner);
    const debug: string[] = [];
    const store: TokenStore = { get: (k) => inner.get(k), set: never, delete: (k) => inner.delete(k) };
    const fresh = token("refresh-fresh-secret-value");
    const tokens = manager({
      store,
      storeTimeoutMs: 20,
      refresh: async () => fresh,
      logger: { debug: (m) => debug.push(m) },
    });
    expect(await tokens.getAccessToken()).toBe(fresh.accessToken);
    expect(debug.join("\n")).toMatch(/storing the new token failed/); // no warn(): debug gets it
    await expect(tokens.flush()).rejects.toMatchObject({ kind: "timeout", retryable: true });

    const broken: TokenStore = {
      get: async () => Promise.reject(new Error("ECONNREFUSED 127.0.0.1:6379")),
      set: never,
      delete: never,
    };
    const error = await manager({ store: broken })
      .getAccessToken()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: "network",
      retryable: true,
      message: expect.stringContaining("token store get failed: ECONNREFUSED"),
    });
    const permanent = Object.assign(new Error("unknown key id"), { retryable: false });
    const refused: TokenStore = { get: async () => Promise.reject(permanent), set: never, delete: never };
    await expect(manager({ store: refused }).getAccessToken()).rejects.toMatchObject({
      retryable: false,
      cause: permanent,
    });
  });

  it("flush() resolves at once when every token was stored", async () => {
    const tokens = manager({ store: new MemoryTokenStore() });
    await tokens.getAccessToken();
    await expect(tokens.flush()).resolves.toBeUndefined();
  });

  it("rejects a non-positive storeTimeoutMs", () => {
    expect(() => manager({ storeTimeoutMs: 0 })).toThrow(/storeTimeoutMs must be a positive/);
  });
});
