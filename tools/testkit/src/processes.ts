// Process and HTTP probes for the tests that start servers and child processes (the mock's lifecycle
// tests, the CLI's `mock` command): they poll with a bounded wait and never time anything. Linux (/proc).
// Only node: imports, so that @finoauth/mock (which testkit depends on) can import this file by path.
import { readdirSync, readFileSync } from "node:fs";

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
const statFields = (pid: number | string): string[] => {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
};

/** Whether a process still runs (a zombie counts as gone: it holds no port and runs no code). */
export function alive(pid: number): boolean {
  try {
    return statFields(pid)[0] !== "Z";
  } catch {
    return false;
  }
}

/** Every running process's parent, by pid (a process that ends while we look is left out). */
export function parents(): Map<number, number> {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      parentOf.set(Number(entry), Number(statFields(entry)[1]));
    } catch {
      // the process ended while we looked
    }
  }
  return parentOf;
}

/** Every process below `pid`. */
export function descendants(pid: number): number[] {
  const parentOf = parents();
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [child, ppid] of parentOf) {
      if (ppid === parent && !found.includes(child)) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
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

/** Whether something answers HTTP at `url` (any status; false on a refused or silent connection). */
export async function answers(url: string, timeoutMs = 5_000): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  }
}
