// Forks worker processes (test/support/worker.ts, through tsx) and talks to them over IPC. Every worker
// is killed by stopAll(); a worker whose parent dies exits on its own (its IPC channel closes).
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ClientKind } from "./clients.js";
import type { FromWorker, ToWorker } from "./worker.js";

const workerFile = fileURLToPath(new URL("./worker.ts", import.meta.url));

export type RoundResult = Extract<FromWorker, { type: "result" }>;

/** One worker process. */
export interface Worker {
  readonly kind: ClientKind;
  readonly child: ChildProcess;
  /** Starts `callers` concurrent getAccessToken() at clock `now` and resolves with what they got. */
  round(round: number, now: number, callers: number): Promise<RoundResult>;
  /** Makes its next refresh stall before sending; resolves once it stalls (it holds the lock then). */
  stallNextRefresh(): { stalling: Promise<void>; resume(): void };
  kill(): void;
}

export interface WorkerOptions {
  redisUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  key: string;
  prefix: string;
  lockTtlMs: number;
  now: number;
}

const live = new Set<ChildProcess>();

/** Forks `kinds.length` workers, one per client kind given, and waits until each is connected. */
export async function startWorkers(kinds: readonly ClientKind[], options: WorkerOptions): Promise<Worker[]> {
  return Promise.all(kinds.map((kind) => startWorker(kind, options)));
}

async function startWorker(kind: ClientKind, options: WorkerOptions): Promise<Worker> {
  const child = fork(workerFile, [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: {
      ...process.env,
      WORKER_CLIENT: kind,
      WORKER_REDIS_URL: options.redisUrl,
      WORKER_TOKEN_URL: options.tokenUrl,
      WORKER_CLIENT_ID: options.clientId,
      WORKER_CLIENT_SECRET: options.clientSecret,
      WORKER_KEY: options.key,
      WORKER_PREFIX: options.prefix,
      WORKER_LOCK_TTL_MS: String(options.lockTtlMs),
      WORKER_NOW: String(options.now),
    },
  });
  live.add(child);
  child.once("exit", () => live.delete(child));
  const next = (want: (m: FromWorker) => boolean) =>
    new Promise<FromWorker>((resolve, reject) => {
      const onMessage = (m: FromWorker) => {
        if (!want(m)) return;
        child.off("message", onMessage).off("exit", onExit);
        resolve(m);
      };
      const onExit = (code: number | null, signal: string | null) => {
        child.off("message", onMessage);
        reject(new Error(`worker (${kind}) exited (${signal ?? code}) before answering`));
      };
      child.on("message", onMessage).once("exit", onExit);
    });
  await next((m) => m.type === "ready");
  const send = (m: ToWorker) => child.send(m);
  return {
    kind,
    child,
    round(round, now, callers) {
      const result = next((m) => m.type === "result" && m.round === round) as Promise<RoundResult>;
      send({ type: "round", round, now, callers });
      return result;
    },
    stallNextRefresh() {
      const stalling = next((m) => m.type === "stalling").then(() => {});
      send({ type: "stall" });
      return { stalling, resume: () => send({ type: "resume" }) };
    },
    kill: () => void child.kill("SIGKILL"),
  };
}

/** Kills every worker still running and waits for each to exit. */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...live].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGKILL");
        }),
    ),
  );
}
