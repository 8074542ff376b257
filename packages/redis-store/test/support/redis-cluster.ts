// Starts a private Redis Cluster for the tests: six redis-server processes in cluster mode (3 primaries,
// each with one replica), on free loopback ports (client and bus ports chosen, not port + 10000), in a
// temporary directory that holds their nodes-*.conf files, each under the same watchdog as a single server
// (killed if the test process dies, even by SIGKILL). `redis-cli --cluster create` joins them.
import { type ChildProcess, execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePorts } from "@finoauth/testkit/ports";
import { Redis } from "ioredis";
import { exited, launch } from "./redis-server.js";

const run = promisify(execFile);
/** `redis-cli` on PATH, or FINOAUTH_REDIS_CLI; Debian's redis-server package brings it (redis-tools). */
const cli = process.env.FINOAUTH_REDIS_CLI ?? "redis-cli";

/** One node of the cluster as CLUSTER NODES shows it. */
export interface ClusterNode {
  id: string;
  port: number;
  primary: boolean;
  /** The id of its primary (replicas only). */
  primaryId: string | undefined;
  /** Slot ranges it serves (primaries only), inclusive. */
  slots: [number, number][];
}

/** A running cluster: its ports, a standalone connection per node, and how to stop it all. */
export interface RedisCluster {
  readonly ports: readonly number[];
  /** A plain (non-cluster) connection to the node on `port`, for CLUSTER/ROLE/INFO commands. */
  node(port: number): Redis;
  /** The cluster as `port` sees it (CLUSTER NODES). */
  nodes(port?: number): Promise<ClusterNode[]>;
  /** Kills every server and removes the directory. */
  stop(): Promise<void>;
}

/** Parses CLUSTER NODES: `<id> <ip:port@bus> <flags> <primary> <ping> <pong> <epoch> <link> <slot>…`. */
export function parseNodes(text: string): ClusterNode[] {
  return text
    .trim()
    .split("\n")
    .map((line) => {
      const [id, address, flags, primary, , , , , ...slots] = line.trim().split(" ");
      const port = Number(address!.split("@")[0]!.split(":").at(-1));
      const isPrimary = flags!.split(",").includes("master");
      return {
        id: id!,
        port,
        primary: isPrimary,
        primaryId: primary === "-" ? undefined : primary,
        slots: slots
          .filter((s) => !s.startsWith("["))
          .map((s) => s.split("-").map(Number))
          .map(([a, b]) => [a!, b ?? a!] as [number, number]),
      };
    });
}

/** Polls `check` every 20 ms until it holds, for at most `timeoutMs`; then fails naming `what`. */
export async function poll(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`cluster: ${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Starts a 3-primary, 3-replica cluster and resolves once every node sees all 16384 slots served and every replica is in sync. */
export async function startRedisCluster({ timeoutMs = 60_000 } = {}): Promise<RedisCluster> {
  const dir = await mkdtemp(join(tmpdir(), "finoauth-redis-cluster-"));
  const allPorts = await freePorts(12); // six client ports, six cluster-bus ports
  const ports = allPorts.slice(0, 6);
  const children: ChildProcess[] = [];
  const connections = new Map<number, Redis>();
  const stop = async () => {
    for (const connection of connections.values()) connection.disconnect();
    await Promise.all(children.map(exited));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const started = await Promise.allSettled(
      ports.map((port, i) =>
        launch(port, dir, timeoutMs, [
          "--cluster-enabled",
          "yes",
          "--cluster-config-file",
          `nodes-${port}.conf`,
          "--cluster-port",
          String(allPorts[6 + i]),
          "--cluster-node-timeout",
          "5000",
        ]),
      ),
    );
    for (const outcome of started) if (outcome.status === "fulfilled") children.push(outcome.value);
    const failed = started.find((o) => o.status === "rejected");
    if (failed) throw (failed as PromiseRejectedResult).reason;
    const node = (port: number) => {
      let connection = connections.get(port);
      if (!connection) {
        connection = new Redis(port, "127.0.0.1", { maxRetriesPerRequest: 2 });
        connection.on("error", () => {});
        connections.set(port, connection);
      }
      return connection;
    };
    await run(
      cli,
      ["--cluster", "create", ...ports.map((p) => `127.0.0.1:${p}`), "--cluster-replicas", "1", "--cluster-yes"],
      { timeout: timeoutMs },
    ).catch((error: Error & { stdout?: string; stderr?: string }) => {
      throw new Error(
        `${cli} --cluster create failed (install redis-tools): ${error.message}\n${error.stdout ?? ""}${error.stderr ?? ""}`,
      );
    });
    const nodes = async (port = ports[0]!) => parseNodes(String(await node(port).call("CLUSTER", "NODES")));
    await poll(
      "every node sees the cluster ok, with 3 primaries and 3 in-sync replicas",
      async () => {
        for (const port of ports) {
          const info = String(await node(port).call("CLUSTER", "INFO"));
          if (
            !/cluster_state:ok/.test(info) ||
            !/cluster_slots_ok:16384/.test(info) ||
            !/cluster_known_nodes:6/.test(info)
          )
            return false;
          const seen = await nodes(port);
          if (seen.filter((n) => n.primary).length !== 3 || seen.filter((n) => n.primaryId).length !== 3) return false;
          const me = seen.find((n) => n.port === port);
          if (me?.primaryId && !/master_link_status:up/.test(String(await node(port).info("replication"))))
            return false;
        }
        return true;
      },
      timeoutMs,
    );
    return { ports, node, nodes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
