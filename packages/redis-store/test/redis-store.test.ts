// RedisTokenStore against a real, private redis-server (test/global-setup.ts), once with ioredis and once
// with node-redis. Nothing here waits on a duration except lock TTLs, which are polled, never asserted.
import { randomBytes } from "node:crypto";
import { createTokenManager, FinoauthError, isUntrustedRecordError, StaleFenceError, TokenSet } from "@finoauth/auth";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RedisClientLike, RedisTokenStore } from "../src/index.js";
import { CLIENT_KINDS, connect } from "./support/clients.js";
import { tokenData } from "./support/token-data.js";

const url = inject("redisUrl");
let inspector: Redis;
beforeAll(async () => {
  inspector = new Redis(url);
});
afterAll(async () => {
  inspector.disconnect();
});

const data = tokenData;
const grant = () => `grant:${randomBytes(6).toString("hex")}`;
const key32 = () => randomBytes(32);

/** Every value under `prefix`, as Redis holds it (hash fields and strings). */
async function dump(prefix: string): Promise<string> {
  const keys = await inspector.keys(`${prefix}*`);
  const values = await Promise.all(
    keys.map(async (k) =>
      (await inspector.type(k)) === "hash" ? JSON.stringify(await inspector.hgetall(k)) : await inspector.get(k),
    ),
  );
  return `${keys.join("\n")}\n${values.join("\n")}`;
}

/** Redis Cluster's hash slot of a key: CRC16 (XMODEM) of its hash tag, or of the whole key, mod 16384. */
function slot(key: string): number {
  const open = key.indexOf("{");
  const close = open < 0 ? -1 : key.indexOf("}", open + 1);
  const hashed = Buffer.from(close > open + 1 ? key.slice(open + 1, close) : key);
  let crc = 0;
  for (const byte of hashed) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = (crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1) & 0xffff;
  }
  return crc % 16384;
}

/** Polls until `check` holds (bounded), for waits on a lock TTL run out. */
async function until(check: () => Promise<boolean>, tries = 500): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("condition not met");
}

describe.each(CLIENT_KINDS)("RedisTokenStore with %s", (kind) => {
  let client: RedisClientLike;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ client, close } = await connect(kind, url));
  });
  afterAll(async () => close());
  const store = (options: Partial<ConstructorParameters<typeof RedisTokenStore>[0]> = {}) =>
    new RedisTokenStore({ client, prefix: `t:${kind}:`, ...options });

  it("stores, reads back and deletes a token; an absent one is undefined", async () => {
    const s = store();
    const k = grant();
    expect(await s.get(k)).toBeUndefined();
    const d = data();
    await s.set(k, d);
    expect(await s.get(k)).toEqual(d);
    await s.delete(k);
    expect(await s.get(k)).toBeUndefined();
  });

  it("keeps a grant's token, lock and fence in one Cluster hash slot, whatever braces the grant key holds", async () => {
    const s = store();
    for (const k of ["finapi:client:1", "odd{key}with}braces{", "%7B"]) {
      const keys = s.keysOf(k);
      const tags = Object.values(keys).map((name) =>
        name.slice(name.indexOf("{") + 1, name.indexOf("}", name.indexOf("{"))),
      );
      expect(new Set(tags).size).toBe(1);
      expect(tags[0]).not.toBe("");
      expect(new Set(Object.values(keys).map(slot)).size).toBe(1);
    }
    expect(s.keysOf("a{b").token).not.toBe(s.keysOf("a%7Bb").token); // the escape is injective
    expect(slot("123456789")).toBe(0x31c3 % 16384); // the CRC16 check value of the Cluster spec
  });

  it("lock: exclusive, a waiter gets it once released, release is owner-checked, and it frees itself after its TTL", async () => {
    const s = store();
    const k = grant();
    const a = await s.lock(k, 60_000);
    let bTook = false;
    const b = s.lock(k, 60_000).then((lock) => ((bTook = true), lock));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(bTook).toBe(false);
    expect(await a.held!()).toBe(true);
    await a.release();
    const bLock = await b;
    expect(bLock.fence).toBeGreaterThan(a.fence);
    await a.release(); // A no longer owns it: B's lock must survive
    expect(await bLock.held!()).toBe(true);
    expect(await a.held!()).toBe(false);
    await bLock.release();

    const short = await s.lock(k, 100);
    await until(async () => !(await short.held!())); // its TTL ran out
    const next = await s.lock(k, 60_000); // no release needed
    expect(next.fence).toBeGreaterThan(short.fence);
    await short.release(); // the expired holder's release leaves the new holder's lock alone
    expect(await next.held!()).toBe(true);
    await next.release();
  });

  it("lock: waiting past lockTimeoutMs fails with a clear, retryable timeout error", async () => {
    const s = store({ lockTimeoutMs: 100 });
    const k = grant();
    const held = await s.lock(k, 60_000);
    const error = await s.lock(k, 60_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FinoauthError);
    expect(error).toMatchObject({ kind: "timeout", retryable: true });
    expect((error as Error).message).toMatch(/could not take the lock on grant "grant:[0-9a-f]+" within 100 ms/);
    await held.release();
  });

  it("fencing: a write under an older fence than the stored record's is refused and changes nothing", async () => {
    const s = store();
    const k = grant();
    const old = await s.lock(k, 100);
    await until(async () => !(await old.held!())); // the old holder paused past its TTL
    const current = await s.lock(k, 60_000);
    const newer = data();
    await s.set(k, newer, { fence: current.fence });
    const error = await s.set(k, data(), { fence: old.fence }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleFenceError);
    expect(error).toMatchObject({ code: "stale_fence", fence: old.fence, storedFence: current.fence });
    expect(await s.get(k)).toEqual(newer);
    await s.set(k, data(), { fence: current.fence }); // the current holder may write again
    await current.release();
    // An unfenced write and a delete count as new as the newest lock: the old holder cannot undo them.
    await s.delete(k);
    await expect(s.set(k, data(), { fence: old.fence })).rejects.toThrow(StaleFenceError);
    expect(await s.get(k)).toBeUndefined();
  });

  it("encryption: no token in clear in Redis; records from an older key still read after rotation", async () => {
    const prefix = `enc:${kind}:${randomBytes(4).toString("hex")}:`;
    const k1 = { id: "2026-10", key: key32() };
    const k2 = { id: "2026-11", key: key32() };
    const k = grant();
    const d = data();
    await new RedisTokenStore({ client, prefix, encryption: { keys: [k1] } }).set(k, d);
    const stored = await dump(prefix);
    expect(stored).not.toContain(d.accessToken);
    expect(stored).not.toContain(d.refreshToken);
    expect(stored).toContain('\\"kid\\":\\"2026-10\\"');
    const rotated = new RedisTokenStore({ client, prefix, encryption: { keys: [k2, k1] } });
    expect(await rotated.get(k)).toEqual(d); // old key still reads
    const e = data();
    await rotated.set(k, e); // new writes use the first key
    expect(await dump(prefix)).toContain('\\"kid\\":\\"2026-11\\"');
    expect(await rotated.get(k)).toEqual(e);
    // A record under a key id this store does not have is refused as untrusted, with a clear message.
    const error = await new RedisTokenStore({ client, prefix, encryption: { keys: [k1] } })
      .get(k)
      .catch((x: unknown) => x);
    expect(isUntrustedRecordError(error)).toBe(true);
    expect(error).toMatchObject({ retryable: false });
    expect((error as Error).message).toMatch(
      /encrypted with key id "2026-11", which is not among this store's keys \(2026-10\)/,
    );
    await expect(new RedisTokenStore({ client, prefix }).get(k)).rejects.toThrow(
      /is encrypted \(key id "2026-11"\) but this store has no encryption keys/,
    );
    await expect(
      new RedisTokenStore({ client, prefix, encryption: { keys: [{ id: "2026-11", key: key32() }] } }).get(k),
    ).rejects.toThrow(/does not authenticate with key id "2026-11"/);
    // A record is bound to its grant: copied to another grant's key it does not decrypt.
    const other = grant();
    await inspector.hset(rotated.keysOf(other).token, "data", (await inspector.hget(rotated.keysOf(k).token, "data"))!);
    await expect(rotated.get(other)).rejects.toThrow(/does not authenticate/);
  });

  it("encryption: a record in clear is refused; a token manager treats the grant as absent, obtains anew and overwrites it", async () => {
    const prefix = `plant:${kind}:${randomBytes(4).toString("hex")}:`;
    const k = grant();
    const planted = data();
    await new RedisTokenStore({ client, prefix }).set(k, planted); // someone who can write to Redis but has no key
    expect(await dump(prefix)).toContain(planted.accessToken);
    const encrypted = new RedisTokenStore({ client, prefix, encryption: { keys: [{ id: "k", key: key32() }] } });
    const error = await encrypted.get(k).catch((x: unknown) => x);
    expect(isUntrustedRecordError(error)).toBe(true);
    expect((error as Error).message).toMatch(/is stored in clear, but this store encrypts/);
    expect((error as Error).message).not.toContain(planted.accessToken);
    const warnings: string[] = [];
    const logger = {
      debug: () => {},
      warn: (message: string, fields?: Record<string, unknown>) =>
        void warnings.push(`${message} ${JSON.stringify(fields)}`),
    };
    const obtained = data();
    const refreshedWith: (string | undefined)[] = [];
    const tokens = createTokenManager({
      key: k,
      store: encrypted,
      logger,
      obtain: async () => new TokenSet(obtained),
      refresh: async (c) => (refreshedWith.push(c.refreshToken), new TokenSet(data())),
    });
    expect(await tokens.getAccessToken()).toBe(obtained.accessToken);
    expect(refreshedWith).toEqual([]); // the planted refresh token was never sent anywhere
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.join("\n")).toMatch(/not trusted/);
    expect(warnings.join("\n")).not.toContain(planted.accessToken);
    expect(warnings.join("\n")).not.toContain(planted.refreshToken);
    expect(await encrypted.get(k)).toEqual(obtained); // overwritten, encrypted
    expect(await dump(prefix)).not.toContain(planted.accessToken);
    expect(await dump(prefix)).not.toContain(obtained.accessToken);
    // Encryption off and an encrypted record: a configuration error, not "absent" (a store without keys must not overwrite its peers' records).
    await expect(new RedisTokenStore({ client, prefix }).get(k)).rejects.toMatchObject({
      kind: "invalid_options",
      message: expect.stringMatching(/no encryption keys/),
    });
    const keyless = createTokenManager({
      key: k,
      store: new RedisTokenStore({ client, prefix }),
      obtain: async () => new TokenSet(data()),
    });
    await expect(keyless.getAccessToken()).rejects.toMatchObject({ kind: "invalid_options" });
    expect(await encrypted.get(k)).toEqual(obtained);
  });

  it("token managers in one process share a grant through it: one renewal between them", async () => {
    const s = store();
    const k = grant();
    let refreshes = 0;
    const refresh = async () => (refreshes++, new TokenSet(data()));
    const make = () => createTokenManager({ key: k, store: s, obtain: async () => new TokenSet(data()), refresh });
    const [a, b] = [make(), make()];
    await s.set(k, data({ expiresAt: Date.now() - 1_000, obtainedAt: Date.now() - 3_600_000 }));
    const tokens = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(refreshes).toBe(1);
    expect((await s.get(k))?.accessToken).toBe(tokens[0]);
  });

  it("a manager whose lock expired mid-refresh does not overwrite the newer token; its callers get that one", async () => {
    const s = store();
    const k = grant();
    await s.set(k, data({ expiresAt: Date.now() - 1_000, obtainedAt: Date.now() - 3_600_000 }));
    let answerA!: (t: TokenSet) => void;
    let aSent = false;
    const a = createTokenManager({
      key: k,
      store: s,
      lockTtlMs: 100,
      obtain: async () => new TokenSet(data()),
      refresh: () => ((aSent = true), new Promise<TokenSet>((r) => (answerA = r))),
    });
    const b = createTokenManager({
      key: k,
      store: s,
      obtain: async () => new TokenSet(data()),
      refresh: async () => new TokenSet(data()),
    });
    const aCallers = Array.from({ length: 5 }, () => a.getAccessToken());
    await until(async () => aSent);
    const bToken = await b.getAccessToken(); // B waits out A's 100 ms TTL, then renews under a newer fence
    answerA(new TokenSet(data())); // A's late answer
    expect(await Promise.all(aCallers)).toEqual(Array(5).fill(bToken));
    expect((await s.get(k))?.accessToken).toBe(bToken);
  });
});

describe("RedisTokenStore options", () => {
  it("refuses a client it cannot use, bad keys and a bad lockTimeoutMs, with clear messages", () => {
    const client = { evalScript: async () => null };
    expect(() => new RedisTokenStore({ client: {} as RedisClientLike })).toThrow(/client must be an ioredis client/);
    expect(() => new RedisTokenStore({ client, encryption: { keys: [] } })).toThrow(/at least one/);
    expect(() => new RedisTokenStore({ client, encryption: { keys: [{ id: "a", key: randomBytes(16) }] } })).toThrow(
      /must be 32 bytes/,
    );
    expect(
      () =>
        new RedisTokenStore({
          client,
          encryption: {
            keys: [
              { id: "a", key: key32() },
              { id: "a", key: key32() },
            ],
          },
        }),
    ).toThrow(/listed twice/);
    expect(() => new RedisTokenStore({ client, lockTimeoutMs: -1 })).toThrow(/lockTimeoutMs/);
    expect(new RedisTokenStore({ client }).keysOf("g").token).toBe("finoauth:{g}:token");
  });

  it("a record not written by this package is a clear error", async () => {
    const store = new RedisTokenStore({ client: { evalScript: async () => "not json" } });
    await expect(store.get("g")).rejects.toThrow(/is not JSON, so not written by @finoauth\/redis-store/);
  });
});
