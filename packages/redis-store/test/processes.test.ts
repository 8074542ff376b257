// Several worker PROCESSES share one grant through Redis, against a loopback token server whose refresh
// tokens are single-use (a second use is invalid_grant). Workers alternate ioredis and node-redis. Expiry
// is driven by a clock the test sends to every worker, so rounds take no real time; the only real waits
// are lock TTLs (3 s) that a stalled or killed worker leaves behind, and nothing asserts a duration.
import { randomBytes } from "node:crypto";
import { TokenSet } from "@finoauth/auth";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { startTokenServer, type TokenServer } from "../../auth/test/support/token-server.js";
import { RedisTokenStore } from "../src/index.js";
import { type RedisServer, startRedis } from "./support/redis-server.js";
import { type RoundResult, startWorkers, stopAll, type Worker } from "./support/workers.js";

const HOUR = 3_600_000;
const T0 = 1_700_000_000_000;
const KINDS = ["ioredis", "node-redis", "ioredis", "node-redis"] as const;

let server: TokenServer;
let inspector: Redis;
beforeAll(async () => {
  server = await startTokenServer({ expiresIn: 3600 });
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await stopAll();
  inspector?.disconnect();
});

interface Grant {
  key: string;
  prefix: string;
  store: RedisTokenStore;
  /** Refresh requests the server received so far. */
  refreshes(): number;
}

/** A new grant from an authorization-code exchange, stored in Redis at clock T0. */
async function seedGrant(redisUrl: string): Promise<Grant> {
  inspector = new Redis(redisUrl);
  inspector.on("error", () => {});
  const prefix = `p:${randomBytes(4).toString("hex")}:`;
  const key = `oauth2:user:${randomBytes(4).toString("hex")}`;
  const store = new RedisTokenStore({ client: inspector, prefix });
  const body = new URLSearchParams({
    grant_type: "authorization_code",
    code: server.issueCode(),
    client_id: server.clientId,
    client_secret: server.clientSecret,
    redirect_uri: "https://app.example/cb",
  });
  const response = await fetch(`${server.url}/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  const json = (await response.json()) as { access_token: string; refresh_token: string; expires_in: number };
  const token = new TokenSet({
    provider: "oauth2",
    accessToken: json.access_token,
    tokenType: "Bearer",
    expiresAt: T0 + json.expires_in * 1000,
    refreshToken: json.refresh_token,
    scopes: [],
    extras: {},
    obtainedAt: T0,
    raw: {},
  });
  await store.set(key, token.toData());
  server.resetCounts();
  return { key, prefix, store, refreshes: () => server.count("refresh_token") };
}

const workersFor = (
  redisUrl: string,
  grant: Grant,
  lockTtlMs: number,
  kinds: readonly (typeof KINDS)[number][] = KINDS,
) =>
  startWorkers(kinds, {
    redisUrl,
    tokenUrl: server.url,
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    key: grant.key,
    prefix: grant.prefix,
    lockTtlMs,
    now: T0,
  });

/** Every refresh token the server was sent, in order. */
const presented = () => server.requests.filter((r) => r.grant === "refresh_token").map((r) => r.form.refresh_token);

/** Asserts one healthy round: no caller error, one token for every caller of every worker, valid and stored. */
async function expectOneToken(results: RoundResult[], grant: Grant): Promise<string> {
  for (const result of results) expect(result.errors).toEqual([]);
  const tokens = new Set(results.flatMap((r) => r.tokens));
  expect(tokens.size).toBe(1);
  const [token] = tokens as Set<string> as unknown as [string];
  expect(server.isActive(token)).toBe(true);
  expect((await grant.store.get(grant.key))?.accessToken).toBe(token);
  return token;
}

/** Runs one expiry round on `workers` at `now` and checks it refreshed exactly once. */
async function healthyRound(
  workers: Worker[],
  grant: Grant,
  round: number,
  now: number,
  callers = 25,
): Promise<string> {
  const before = grant.refreshes();
  const results = await Promise.all(workers.map((w) => w.round(round, now, callers)));
  const token = await expectOneToken(results, grant);
  expect(grant.refreshes() - before).toBe(1);
  return token;
}

describe("many processes, one grant (shared redis-server)", () => {
  const redisUrl = inject("redisUrl");

  it("4 workers (ioredis and node-redis) × 25 callers × 12 expiry rounds: one refresh per round, no refresh token sent twice", async () => {
    const grant = await seedGrant(redisUrl);
    const workers = await workersFor(redisUrl, grant, 10_000);
    const seen = new Set<string>();
    for (let round = 1; round <= 12; round++) seen.add(await healthyRound(workers, grant, round, T0 + round * HOUR));
    expect(seen.size).toBe(12);
    const sent = presented();
    expect(sent).toHaveLength(12);
    expect(new Set(sent).size).toBe(12);
    expect(server.isValidRefreshToken((await grant.store.get(grant.key))!.refreshToken!)).toBe(true);
  }, 60_000);

  it("a worker SIGKILLed while it holds the lock: the others take over after its TTL and carry on", async () => {
    const grant = await seedGrant(redisUrl);
    const workers = await workersFor(redisUrl, grant, 3_000);
    await healthyRound(workers, grant, 1, T0 + HOUR);
    const [victim, ...others] = workers as [Worker, ...Worker[]];
    const { stalling } = victim.stallNextRefresh();
    const victimRound = victim.round(2, T0 + 2 * HOUR, 25).catch((error: Error) => error);
    await stalling; // it holds the lock and has not sent its refresh
    victim.kill();
    expect(await victimRound).toBeInstanceOf(Error);
    const before = grant.refreshes();
    const results = await Promise.all(others.map((w) => w.round(2, T0 + 2 * HOUR, 25)));
    await expectOneToken(results, grant);
    expect(grant.refreshes() - before).toBe(1);
    for (let round = 3; round <= 5; round++) await healthyRound(others, grant, round, T0 + round * HOUR);
    expect(new Set(presented()).size).toBe(presented().length);
  }, 60_000);

  it("a worker stalled past its lock TTL before sending: the others renew, its late answer does not overwrite theirs, its callers get their token", async () => {
    const grant = await seedGrant(redisUrl);
    const workers = await workersFor(redisUrl, grant, 3_000);
    await healthyRound(workers, grant, 1, T0 + HOUR);
    const stale = (await grant.store.get(grant.key))!.refreshToken;
    const [slow, ...others] = workers as [Worker, ...Worker[]];
    const stall = slow.stallNextRefresh();
    const slowRound = slow.round(2, T0 + 2 * HOUR, 25);
    await stall.stalling; // lock taken, refresh not sent
    const othersResults = await Promise.all(others.map((w) => w.round(2, T0 + 2 * HOUR, 25))); // they wait out its TTL
    const newer = await expectOneToken(othersResults, grant);
    stall.resume(); // it wakes up and sends the refresh token the others already used
    const slowResult = await slowRound;
    expect(slowResult.errors).toEqual([]);
    expect(slowResult.tokens).toEqual([newer]);
    expect((await grant.store.get(grant.key))?.accessToken).toBe(newer);
    expect(presented().filter((rt) => rt === stale)).toHaveLength(2); // its late, refused request
    for (let round = 3; round <= 4; round++) await healthyRound(workers, grant, round, T0 + round * HOUR);
  }, 60_000);
});

describe("many processes, one grant (a redis-server restarted mid-run)", () => {
  let redis: RedisServer;
  beforeEach(async () => {
    redis = await startRedis();
  });
  afterEach(async () => {
    await stopAll();
    await redis.stop();
  });

  it("while Redis is down callers get retryable errors and no refresh is sent; after its restart (empty) the chain goes on", async () => {
    const grant = await seedGrant(redis.url);
    // ioredis only: a node-redis 5.9 client can stay stuck after a server restart under CPU load (node-redis
    // issue #3346: open socket, never ready, no more reconnect attempts). The manager then fails every call
    // with a retryable timeout, as it should, but that process does not recover until its client is recreated.
    const workers = await workersFor(redis.url, grant, 3_000, ["ioredis", "ioredis", "ioredis"]);
    await healthyRound(workers, grant, 1, T0 + HOUR);
    const last = (await grant.store.get(grant.key))!.refreshToken!;
    await redis.kill();
    const before = grant.refreshes();
    const down = await Promise.all(workers.map((w) => w.round(2, T0 + 2 * HOUR, 10)));
    for (const result of down) {
      expect(result.tokens).toEqual([]);
      expect(result.errors).toHaveLength(10);
      for (const error of result.errors)
        expect(error).toMatchObject({ retryable: true, kind: expect.stringMatching(/^(timeout|network)$/) });
    }
    expect(grant.refreshes()).toBe(before);

    await redis.restart(); // no persistence: the token, the lock and the fence counter are gone
    let recovered: RoundResult[] | undefined;
    let lastResults: RoundResult[] = [];
    for (let attempt = 0; attempt < 20 && !recovered; attempt++) {
      // Until a client has reconnected, its callers get retryable errors: retry the same round, as a caller would.
      const results = await Promise.all(workers.map((w) => w.round(3 + attempt / 100, T0 + 3 * HOUR, 10)));
      lastResults = results;
      for (const result of results) for (const error of result.errors) expect(error.retryable).toBe(true);
      if (results.every((r) => r.errors.length === 0)) recovered = results;
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(recovered, JSON.stringify(lastResults.map((r) => r.errors.slice(0, 2)))).toBeDefined();
    await expectOneToken(recovered!, grant);
    expect(presented().slice(-1)).toEqual([last]); // refreshed from the last refresh token: nothing lost
    expect(new Set(presented()).size).toBe(presented().length);
    expect(grant.refreshes() - before).toBe(1);
    await healthyRound(workers, grant, 4, T0 + 4 * HOUR);
  }, 90_000);
});
