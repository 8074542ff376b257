import type { RedisScript } from "./scripts.js";

/**
 * Runs a Lua script: the one thing the store needs from a Redis client. Implement it to use a client
 * other than ioredis or node-redis (for example Valkey GLIDE); a script must run on the node that holds
 * its keys (all of a grant's keys share one hash slot).
 */
export interface RedisScriptRunner {
  evalScript(script: RedisScript, keys: string[], args: string[]): Promise<unknown>;
}

/** An ioredis `Redis` or `Cluster` (lower-case `evalsha`/`eval`), structurally. */
export interface IoRedisLike {
  evalsha(...args: never[]): unknown;
  eval(...args: never[]): unknown;
}

/** A node-redis v4/v5 client or cluster from `createClient`/`createCluster` (`evalSha`/`eval` with `{ keys, arguments }`). */
export interface NodeRedisLike {
  evalSha(...args: never[]): unknown;
  eval(...args: never[]): unknown;
}

/** A client the store accepts: ioredis, node-redis, or a {@link RedisScriptRunner}. */
export type RedisClientLike = IoRedisLike | NodeRedisLike | RedisScriptRunner;

const noScript = (error: unknown) => /NOSCRIPT/.test(String((error as Error)?.message ?? error));

type Call = (...args: unknown[]) => Promise<unknown>;

/** Wraps the user's client: EVALSHA first, EVAL when the server answers NOSCRIPT (then it has the script). */
export function scriptRunner(client: RedisClientLike): RedisScriptRunner {
  const c = client as unknown as Record<string, unknown>;
  if (typeof c.evalScript === "function") return client as RedisScriptRunner;
  if (typeof c.evalSha === "function" && typeof c.eval === "function") {
    const evalSha = (c.evalSha as Call).bind(client);
    const evaluate = (c.eval as Call).bind(client);
    return {
      async evalScript(script, keys, args) {
        try {
          return await evalSha(script.sha, { keys, arguments: args });
        } catch (error) {
          if (!noScript(error)) throw error;
          return evaluate(script.source, { keys, arguments: args });
        }
      },
    };
  }
  if (typeof c.evalsha === "function" && typeof c.eval === "function") {
    const evalsha = (c.evalsha as Call).bind(client);
    const evaluate = (c.eval as Call).bind(client);
    return {
      async evalScript(script, keys, args) {
        try {
          return await evalsha(script.sha, keys.length, ...keys, ...args);
        } catch (error) {
          if (!noScript(error)) throw error;
          return evaluate(script.source, keys.length, ...keys, ...args);
        }
      },
    };
  }
  throw new TypeError(
    "client must be an ioredis client (evalsha/eval), a node-redis client (evalSha/eval) or have evalScript(script, keys, args)",
  );
}
