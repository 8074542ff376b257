// The two clients the store is tested with, connected the way a user would, with their error events
// handled (node-redis crashes the process on an unhandled one while the server is down).
import { Redis } from "ioredis";
import { createClient } from "redis";
import type { RedisClientLike } from "../../src/index.js";

export type ClientKind = "ioredis" | "node-redis";
export const CLIENT_KINDS: readonly ClientKind[] = ["ioredis", "node-redis"];

/** A connected client of `kind`, and how to close it. */
export async function connect(
  kind: ClientKind,
  url: string,
): Promise<{ client: RedisClientLike; close(): Promise<void> }> {
  if (kind === "ioredis") {
    const client = new Redis(url, { maxRetriesPerRequest: 2, retryStrategy: (times) => Math.min(times * 50, 500) });
    client.on("error", () => {});
    await client.ping();
    return { client, close: async () => void client.disconnect() };
  }
  const client = createClient({ url, socket: { reconnectStrategy: (retries: number) => Math.min(retries * 50, 500) } });
  client.on("error", () => {});
  await client.connect();
  return { client, close: async () => void (client.isOpen ? await client.close() : undefined) };
}
