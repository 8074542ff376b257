// Vitest global setup: one private redis-server for the run (free loopback port, no persistence), its URL
// handed to the tests as inject("redisUrl"), always stopped; a watchdog kills it if the runner dies.
import type { TestProject } from "vitest/node";
import { startRedis } from "./support/redis-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const redis = await startRedis();
  project.provide("redisUrl", redis.url);
  return () => redis.stop();
}
