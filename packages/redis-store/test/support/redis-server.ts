// Starts a private redis-server for the tests: a free loopback port, no persistence (no RDB, no AOF: it
// writes no file, its working directory is the OS's temporary one), under a watchdog that kills it if the test process dies (even by SIGKILL).
import { type ChildProcess, spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { freePort } from "@finoauth/testkit/ports";

const watchdog = fileURLToPath(new URL("./redis-watchdog.mjs", import.meta.url));
/** `redis-server` on PATH, or FINOAUTH_REDIS_SERVER; `npm run setup` installs Debian's. */
const binary = process.env.FINOAUTH_REDIS_SERVER ?? "redis-server";

/** A private redis-server: its URL, and how to stop it or start it again on the same port (empty). */
export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** Kills the server (SIGKILL: nothing is saved) and waits for it to exit; {@link RedisServer.restart} may follow. */
  kill(): Promise<void>;
  /** Kills the server for good. */
  stop(): Promise<void>;
  /** Starts a new, empty server on the same port. */
  restart(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/**
 * Starts redis-server on `port` under the watchdog (`extra`: more arguments, e.g. cluster mode) and resolves
 * once it accepts connections; it is SIGKILLed if this process exits.
 */
export async function launch(
  port: number,
  dir: string,
  timeoutMs: number,
  extra: readonly string[] = [],
): Promise<ChildProcess> {
  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    dir,
    "--daemonize",
    "no",
    "--loglevel",
    "notice",
    ...extra,
  ];
  const child = spawn(process.execPath, [watchdog, binary, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(`did not start within ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(
        new Error(
          `${binary} on 127.0.0.1:${port} ${why} (install it: npm run setup, or apt-get install redis-server):\n${output.slice(-2000)}`,
        ),
      );
    };
    const onExit = (code: number | null) => fail(`exited with code ${code}`);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        // Detach exactly what was attached here: a later log line (a cluster node logs on) must not run this
        // again and strip the "exit" listeners a caller added since.
        clearTimeout(timer);
        child.off("exit", onExit);
        child.stdout!.off("data", onData);
        child.stderr!.off("data", onData);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", onExit);
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return child;
}

/** Stops a launched server (through its watchdog) and resolves once it has exited. */
export const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM"); // the watchdog kills redis-server with SIGKILL and exits
  });

/** Starts a private redis-server and resolves once it accepts connections. */
export async function startRedis({ timeoutMs = 20_000 } = {}): Promise<RedisServer> {
  const port = await freePort();
  const dir = tmpdir();
  let child = await launch(port, dir, timeoutMs);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    kill: () => exited(child),
    stop: () => exited(child),
    async restart() {
      await exited(child);
      child = await launch(port, dir, timeoutMs);
    },
  };
}
