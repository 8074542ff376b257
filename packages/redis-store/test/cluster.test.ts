// RedisTokenStore on a real Redis Cluster (3 primaries, 3 replicas: test/support/redis-cluster.ts), through
// ioredis's Cluster and node-redis's createCluster: a grant's keys share one slot, every script runs
// there (no CROSSSLOT), two managers refresh once, and a coordinated failover of the grant's primary while
// a refresh holds the lock loses nothing. One cluster for the file; every wait is a bounded poll.
import { randomBytes } from "node:crypto";
import { createTokenManager, StaleFenceError, TokenSet } from "@finoauth/auth";
import { Cluster } from "ioredis";
import { createCluster } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RedisClientLike, RedisTokenStore } from "../src/index.js";
import { poll, type RedisCluster, startRedisCluster } from "./support/redis-cluster.js";
import { tokenData } from "./support/token-data.js";

let cluster: RedisCluster;
const closers: (() => Promise<void>)[] = [];

/** A connected cluster client of `kind`, closed after the file. */
async function clusterClient(kind: "ioredis" | "node-redis"): Promise<RedisClientLike> {
  const rootNodes = cluster.ports.slice(0, 3);
  if (kind === "ioredis") {
    const client = new Cluster(
      rootNodes.map((port) => ({ host: "127.0.0.1", port })),
      { redisOptions: { maxRetriesPerRequest: 2 } },
    );
    client.on("error", () => {});
    await client.ping();
    closers.push(async () => void client.disconnect());
    return client;
  }
  const client = createCluster({ rootNodes: rootNodes.map((port) => ({ url: `redis://127.0.0.1:${port}` })) });
  client.on("error", () => {});
  await client.connect();
  closers.push(async () => client.destroy()); // close() (QUIT to every node) can wait on a node the failover demoted
  return client;
}

beforeAll(async () => {
  cluster = await startRedisCluster();
}, 120_000);
afterAll(async () => {
  await Promise.all(closers.map((close) => close().catch(() => {})));
  await cluster?.stop();
}, 60_000);

const data = tokenData;
const expired = () => data({ expiresAt: Date.now() - 1_000, obtainedAt: Date.now() - 3_600_000 });
const keySlot = async (key: string) => Number(await cluster.node(cluster.ports[0]!).call("CLUSTER", "KEYSLOT", key));

/** The primary serving `slot` and its replica, as the first node sees the cluster. */
async function shardOf(slot: number) {
  const nodes = await cluster.nodes();
  const primary = nodes.find((n) => n.primary && n.slots.some(([from, to]) => from <= slot && slot <= to))!;
  const replica = nodes.find((n) => n.primaryId === primary.id)!;
  return { primary, replica };
}

describe("RedisTokenStore on Redis Cluster", () => {
  it("a grant's token, lock and fence keys hash to one slot (CLUSTER KEYSLOT), whatever braces its key holds", async () => {
    const store = new RedisTokenStore({ client: { evalScript: async () => null } });
    for (const grant of ["finapi:client:1", "odd{key}with}braces{", "{}", "%7B", "a{b}c"]) {
      const slots = await Promise.all(Object.values(store.keysOf(grant)).map(keySlot));
      expect(new Set(slots).size).toBe(1);
    }
  });

  it.each(["ioredis", "node-redis"] as const)(
    "every script runs on the grant's slot with %s, on every primary (no CROSSSLOT)",
    async (kind) => {
      const client = await clusterClient(kind);
      const store = new RedisTokenStore({ client, prefix: `c:${kind}:` });
      // Grants until each of the three primaries serves one of them.
      const byPrimary = new Map<string, string>();
      for (let i = 0; byPrimary.size < 3; i++) {
        const grant = `grant:${kind}:${i}`;
        const { primary } = await shardOf(await keySlot(store.keysOf(grant).token));
        if (!byPrimary.has(primary.id)) byPrimary.set(primary.id, grant);
      }
      for (const grant of byPrimary.values()) {
        expect(await store.get(grant)).toBeUndefined();
        const old = await store.lock(grant, 60_000);
        expect(await old.held!()).toBe(true);
        await old.release();
        const lock = await store.lock(grant, 60_000);
        expect(lock.fence).toBeGreaterThan(old.fence);
        const d = data();
        await store.set(grant, d, { fence: lock.fence });
        await expect(store.set(grant, data(), { fence: old.fence })).rejects.toThrow(StaleFenceError);
        expect(await store.get(grant)).toEqual(d);
        await lock.release();
        expect(await lock.held!()).toBe(false);
        await store.delete(grant);
        expect(await store.get(grant)).toBeUndefined();
      }
    },
  );

  it("two token managers, on an ioredis and a node-redis cluster client, refresh an expired grant once", async () => {
    const prefix = `two:${randomBytes(4).toString("hex")}:`;
    const grant = "grant:two";
    const [a, b] = [
      new RedisTokenStore({ client: await clusterClient("ioredis"), prefix }),
      new RedisTokenStore({ client: await clusterClient("node-redis"), prefix }),
    ];
    await a.set(grant, expired());
    let refreshes = 0;
    const manager = (store: RedisTokenStore) =>
      createTokenManager({
        key: grant,
        store,
        obtain: async () => Promise.reject(new Error("obtain must not run")),
        refresh: async () => (refreshes++, new TokenSet(data())),
      });
    const [ma, mb] = [manager(a), manager(b)];
    const tokens = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? ma : mb).getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(refreshes).toBe(1);
    expect((await b.get(grant))?.accessToken).toBe(tokens[0]);
  });

  it("a failover of the grant's primary while a refresh holds the lock: the rotated refresh token is stored, every caller gets the new token", async () => {
    const prefix = `fo:${randomBytes(4).toString("hex")}:`;
    const grant = "grant:failover";
    const a = new RedisTokenStore({ client: await clusterClient("ioredis"), prefix });
    const b = new RedisTokenStore({ client: await clusterClient("node-redis"), prefix });
    const keys = a.keysOf(grant);
    const slot = await keySlot(keys.token);
    const { primary, replica } = await shardOf(slot);
    const seeded = expired();
    await a.set(grant, seeded);

    // A's refresh stalls after A took the lock and checked it, until the failover is over.
    const rotated = new TokenSet(data());
    let resume!: () => void;
    const gate = new Promise<void>((resolve) => (resume = resolve));
    let stalling!: () => void;
    const stalled = new Promise<void>((resolve) => (stalling = resolve));
    const presented: (string | undefined)[] = [];
    const ma = createTokenManager({
      key: grant,
      store: a,
      obtain: async () => Promise.reject(new Error("obtain must not run")),
      refresh: async (current) => (presented.push(current.refreshToken), stalling(), await gate, rotated),
    });
    const mb = createTokenManager({
      key: grant,
      store: b,
      obtain: async () => Promise.reject(new Error("obtain must not run")),
      refresh: async (current) => (presented.push(current.refreshToken), new TokenSet(data())),
    });
    const aCalls = Array.from({ length: 5 }, () => ma.getAccessToken());
    await stalled;
    const bCalls = Array.from({ length: 5 }, () => mb.getAccessToken()); // B waits on A's lock, through the failover
    expect(await cluster.node(primary.port).pttl(keys.lock)).toBeGreaterThan(0);

    // The coordinated failover: the replica takes over once it has everything the primary has. Redis gives
    // a manual failover 5 s and then drops it; on a loaded machine it is asked again (three times at most).
    const promoted = async () => ((await cluster.node(replica.port).call("ROLE")) as [string])[0] === "master";
    for (let attempt = 1; !(await promoted()); attempt++) {
      expect(await cluster.node(replica.port).call("CLUSTER", "FAILOVER")).toBe("OK");
      await poll("the replica's promotion", promoted, 10_000).catch((error: unknown) => {
        if (attempt === 3) throw error;
      });
    }
    await poll("the promotion, seen by every node", async () => {
      for (const port of cluster.ports) {
        const seen = await cluster.nodes(port);
        const owner = seen.find((n) => n.primary && n.slots.some(([from, to]) => from <= slot && slot <= to));
        if (owner?.id !== replica.id || seen.find((n) => n.id === primary.id)?.primaryId !== replica.id) return false;
      }
      return true;
    });
    expect(await cluster.node(replica.port).pttl(keys.lock)).toBeGreaterThan(0); // the lock moved with the data

    resume();
    const outcomes = await Promise.allSettled([...aCalls, ...bCalls]);
    expect(outcomes.map((o) => (o.status === "fulfilled" ? o.value : String(o.reason)))).toEqual(
      Array(10).fill(rotated.accessToken),
    );
    expect(presented).toEqual([seeded.refreshToken]); // one refresh, with the seeded refresh token
    const stored = await b.get(grant);
    expect(stored?.refreshToken).toBe(rotated.refreshToken);
    expect(await cluster.node(replica.port).pttl(keys.lock)).toBe(-2); // released on the new primary
  }, 90_000);
});
