// Process and port probes for the lifecycle tests: they poll with a bounded wait and never time anything.
import { readdirSync, readFileSync } from "node:fs";
import { portIsFree } from "../src/ports.js";

/** Whether a process still runs (a zombie counts as gone: it holds no port and runs no code). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** Polls `condition` every 100 ms until it holds or `deadlineMs` passes; returns its last value. */
export async function eventually(condition: () => boolean | Promise<boolean>, deadlineMs = 30_000): Promise<boolean> {
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

/** Polls until every pid is gone and the port can be bound again. */
export const goneAndFree = (pids: readonly number[], port: number) => eventually(async () => pids.every((pid) => !alive(pid)) && (await portIsFree(port)));

/** Whether something answers HTTP at `url`. */
export async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return true;
  } catch {
    return false;
  }
}

/** The watchdogs this process started that still run (from /proc: children whose command line names watchdog.js). */
export function ourWatchdogs(): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        return ppid === process.pid && alive(Number(entry)) && readFileSync(`/proc/${entry}/cmdline`, "utf8").includes("watchdog.js");
      } catch {
        return false;
      }
    })
    .map(Number);
}
