/**
 * @finoauth/redis-store: a Redis/Valkey {@link TokenStore} for @finoauth/auth's token manager, over the
 * client you already have (ioredis or node-redis), with an owner-checked, fenced lock and optional
 * AES-256-GCM encryption at rest.
 * @packageDocumentation
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import {
  createOperationTelemetry,
  type FencedLock,
  FinoauthError,
  StaleFenceError,
  type TelemetryOption,
  type TokenSetData,
  type TokenStore,
  type TokenStoreSetOptions,
} from "@finoauth/auth";
import { type RedisClientLike, type RedisScriptRunner, scriptRunner } from "./client.js";
import { checkKeys, type EncryptionOptions, open, seal } from "./encryption.js";
import { DELETE, GET, HELD, LOCK, RELEASE, SET } from "./scripts.js";

export type { IoRedisLike, NodeRedisLike, RedisClientLike, RedisScriptRunner } from "./client.js";
export type { EncryptionKey, EncryptionOptions } from "./encryption.js";
export type { RedisScript } from "./scripts.js";

/** Options of {@link RedisTokenStore}. */
export interface RedisTokenStoreOptions {
  /** Your connected client: ioredis (`Redis` or `Cluster`), node-redis v4/v5 (`createClient`/`createCluster`), or a {@link RedisScriptRunner}. */
  client: RedisClientLike;
  /** Put before every key. Default `"finoauth:"`. */
  prefix?: string | undefined;
  /**
   * Encrypt tokens at rest (recommended). With it, only authenticated AES-256-GCM records under a listed
   * key id are read: a record in clear or tampered is refused (`UntrustedRecordError`; the token manager
   * then treats the grant as absent). Without it, tokens are stored in clear.
   */
  encryption?: EncryptionOptions | undefined;
  /**
   * How long {@link RedisTokenStore.lock} waits for another holder before it fails with a retryable
   * `timeout` error. Default: twice the lock's TTL plus 1 s (a holder that died frees the lock at its TTL,
   * and the holder after it may take up to one more).
   */
  lockTimeoutMs?: number | undefined;
  /**
   * Where a span per Redis round trip (`EVALSHA`, with `db.system.name` and the store operation) and the
   * `db.client.operation.duration` histogram go. Default: the global OpenTelemetry providers when
   * `@opentelemetry/api` is installed; `false`: none. Never a key's record, a token or an encryption key.
   */
  telemetry?: TelemetryOption | undefined;
}

/** First and longest wait between two tries at a taken lock, before jitter (each wait is 50–100 % of it). */
const POLL_FIRST_MS = 2;
const POLL_MAX_MS = 20;

/** Hash tags group a grant's keys into one Cluster slot; braces in the grant key are escaped so they cannot end the tag. */
const hashTag = (key: string) => `{${key.replace(/%/g, "%25").replace(/\{/g, "%7B").replace(/\}/g, "%7D")}}`;

const invalid = (description: string) => new FinoauthError({ kind: "invalid_options", description });

/**
 * A {@link TokenStore} on Redis or Valkey, shared by every process that uses the same server and prefix.
 * Per grant it keeps three keys in one Cluster hash slot: the token record (a hash: the record and the
 * fence it was written under), the lock, and the fence counter.
 *
 * - `lock` is `SET lock owner NX PX ttl`; a waiting caller polls with jittered backoff until the lock is
 *   free or `lockTimeoutMs` passes; `release` deletes the lock only if this owner still holds it.
 * - Every acquisition takes a fence number greater than all earlier ones; `set(key, data, { fence })` is a
 *   compare-and-set in Lua that refuses (with `StaleFenceError`) a write older than the stored record.
 * - With `encryption`, records are AES-256-GCM ciphertext and nothing else is read; otherwise tokens are stored in clear.
 *
 * ```ts
 * import { Redis } from "ioredis";
 * import { RedisTokenStore } from "@finoauth/redis-store";
 *
 * const store = new RedisTokenStore({ client: new Redis(process.env.REDIS_URL!) });
 * ```
 */
export class RedisTokenStore implements TokenStore {
  readonly #redis: RedisScriptRunner;
  readonly #prefix: string;
  readonly #keys: Map<string, Buffer> | undefined;
  readonly #lockTimeoutMs: number | undefined;

  /** Checks the options (client shape, prefix, keys); connects nothing: the client is yours to open and close. */
  constructor(options: RedisTokenStoreOptions) {
    if (options === null || typeof options !== "object") throw invalid("RedisTokenStore options must be an object");
    let runner: RedisScriptRunner;
    try {
      runner = scriptRunner(options.client);
    } catch (error) {
      throw invalid((error as Error).message);
    }
    const telemetry = createOperationTelemetry(options.telemetry, {
      name: "db.client.operation.duration",
      description: "Duration of the Redis token store's round trips.",
    });
    this.#redis = {
      evalScript: (script, keys, args) =>
        telemetry.run(
          "EVALSHA",
          { "db.system.name": "redis", "db.operation.name": "EVALSHA", "finoauth.store.operation": script.name },
          () => runner.evalScript(script, keys, args),
        ),
    };
    if (options.prefix !== undefined && typeof options.prefix !== "string") throw invalid("prefix must be a string");
    this.#prefix = options.prefix ?? "finoauth:";
    this.#keys = options.encryption === undefined ? undefined : checkKeys(options.encryption);
    const timeout = options.lockTimeoutMs;
    if (timeout !== undefined && !(Number.isFinite(timeout) && timeout >= 0))
      throw invalid(`lockTimeoutMs must be a number of milliseconds ≥ 0, got ${timeout}`);
    this.#lockTimeoutMs = timeout;
  }

  /** The Redis keys of a grant: its token record, its lock and its fence counter (one hash slot). */
  keysOf(key: string): { token: string; lock: string; fence: string } {
    const base = `${this.#prefix}${hashTag(key)}`;
    return { token: `${base}:token`, lock: `${base}:lock`, fence: `${base}:fence` };
  }

  /**
   * The stored token data, decrypted; `undefined` when there is none. A record it does not trust (with
   * encryption: in clear, unknown key id, bad shape, short tag, failed authentication) rejects with an
   * `UntrustedRecordError`; an encrypted record read without keys, with an `invalid_options` error.
   */
  async get(key: string): Promise<TokenSetData | undefined> {
    const keys = this.keysOf(key);
    const text = await this.#redis.evalScript(GET, [keys.token], []);
    if (text === null || text === undefined) return undefined;
    return open(String(text), this.#keys, keys.token, key);
  }

  /**
   * Stores `data` (encrypted when keys are set). With `options.fence`, a compare-and-set: refused with a
   * `StaleFenceError` when the stored record was written under a newer fence.
   */
  async set(key: string, data: TokenSetData, options: TokenStoreSetOptions = {}): Promise<void> {
    const keys = this.keysOf(key);
    const fence = options.fence;
    if (fence !== undefined && !Number.isSafeInteger(fence))
      throw new RangeError(`fence must be a safe integer, got ${fence}`);
    const reply = (await this.#redis.evalScript(
      SET,
      [keys.token, keys.fence],
      [seal(data, this.#keys, keys.token), fence === undefined ? "" : String(fence)],
    )) as unknown[];
    if (Number(reply?.[0]) !== 1) throw new StaleFenceError(fence ?? 0, Number(reply?.[1]));
  }

  /** Removes the token; its fence stays, so a holder of an older lock cannot write it back. */
  async delete(key: string): Promise<void> {
    const keys = this.keysOf(key);
    await this.#redis.evalScript(DELETE, [keys.token, keys.fence], []);
  }

  /**
   * Takes the grant's lock for `ttlMs` with a new fence, waiting (jittered backoff) while another owner
   * holds it; fails with a retryable `timeout` FinoauthError after `lockTimeoutMs`.
   */
  async lock(key: string, ttlMs: number): Promise<FencedLock> {
    if (!(Number.isSafeInteger(ttlMs) && ttlMs > 0))
      throw new RangeError(`lock ttlMs must be a positive integer, got ${ttlMs}`);
    const keys = this.keysOf(key);
    const owner = randomUUID();
    const timeoutMs = this.#lockTimeoutMs ?? 2 * ttlMs + 1_000;
    const deadline = Date.now() + timeoutMs;
    for (let wait = POLL_FIRST_MS; ; wait = Math.min(POLL_MAX_MS, wait * 1.5)) {
      const reply = await this.#redis.evalScript(LOCK, [keys.lock, keys.fence], [owner, String(ttlMs)]);
      if (typeof reply === "string") {
        const fence = Number(reply);
        return {
          fence,
          release: async () => void (await this.#redis.evalScript(RELEASE, [keys.lock], [owner])),
          held: async () => Number(await this.#redis.evalScript(HELD, [keys.lock], [owner])) === 1,
        };
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new FinoauthError({
          kind: "timeout",
          retryable: true,
          description: `could not take the lock on grant "${key}" within ${timeoutMs} ms: another process holds it (a holder that died frees it after its TTL)`,
        });
      }
      const remainingTtl = Number(reply);
      const step = Math.min(wait, left, remainingTtl > 0 ? remainingTtl : wait);
      await sleep(Math.max(1, Math.round(step * (0.5 + Math.random() / 2))));
    }
  }
}
