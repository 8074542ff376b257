import { createHash } from "node:crypto";

/** A Lua script and its SHA-1, for EVALSHA (with EVAL when the server has not seen it yet). */
export interface RedisScript {
  /** What the script does, for telemetry (`get`, `set`, `lock`…). */
  readonly name: string;
  readonly source: string;
  readonly sha: string;
}

const script = (name: string, source: string): RedisScript => ({
  name,
  source,
  sha: createHash("sha1").update(source).digest("hex"),
});

// Fences are integers below 2^53 (Lua numbers are doubles): `%.0f` prints them without an exponent.

/**
 * KEYS: lock, fence counter. ARGV: owner, ttl ms. Takes the lock (SET NX PX) and the next fence: greater
 * than the last one and than the server's clock in microseconds, so fences keep growing across a restart
 * that lost the counter. Returns the fence as a string, or the lock's remaining TTL (an integer) when taken.
 */
export const LOCK = script(
  "lock",
  `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  local t = redis.call('TIME')
  local micros = tonumber(t[1]) * 1000000 + tonumber(t[2])
  local fence = math.max((tonumber(redis.call('GET', KEYS[2])) or 0) + 1, micros)
  local text = string.format('%.0f', fence)
  redis.call('SET', KEYS[2], text)
  return text
end
return redis.call('PTTL', KEYS[1])
`,
);

/** KEYS: lock. ARGV: owner. Deletes the lock only if `owner` still holds it (compare-and-delete). */
export const RELEASE = script(
  "release",
  `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`,
);

/** KEYS: lock. ARGV: owner. 1 while `owner` holds the lock, else 0. */
export const HELD = script(
  "held",
  `
if redis.call('GET', KEYS[1]) == ARGV[1] then return 1 end
return 0
`,
);

/** KEYS: token. The stored record, or nil. */
export const GET = script(
  "get",
  `
return redis.call('HGET', KEYS[1], 'data')
`,
);

/**
 * KEYS: token, fence counter. ARGV: record, fence ('' for an unfenced write). A fenced write older than
 * the stored record's fence is refused: returns {0, stored fence}. An unfenced write counts as new as the
 * newest lock taken. Returns {1} when written.
 */
export const SET = script(
  "set",
  `
local stored = tonumber(redis.call('HGET', KEYS[1], 'fence')) or 0
local fence
if ARGV[2] == '' then
  fence = math.max(stored, tonumber(redis.call('GET', KEYS[2])) or 0)
else
  fence = tonumber(ARGV[2])
  if fence < stored then return {0, string.format('%.0f', stored)} end
end
redis.call('HSET', KEYS[1], 'data', ARGV[1], 'fence', string.format('%.0f', fence))
return {1}
`,
);

/** KEYS: token, fence counter. Removes the record, keeping its fence so an older holder cannot write it back. */
export const DELETE = script(
  "delete",
  `
local fence = math.max(tonumber(redis.call('HGET', KEYS[1], 'fence')) or 0, tonumber(redis.call('GET', KEYS[2])) or 0)
redis.call('HDEL', KEYS[1], 'data')
redis.call('HSET', KEYS[1], 'fence', string.format('%.0f', fence))
return 1
`,
);
