// Process and port probes for the lifecycle tests: they poll with a bounded wait and never time anything.
import { readFileSync } from "node:fs";
// By path, not as @finoauth/testkit: testkit depends on this package, and a workspace cycle breaks turbo's graph.
import { alive, eventually, parents } from "../../../tools/testkit/src/processes.js";
import { portIsFree } from "../src/ports.js";

export { alive, answers, eventually } from "../../../tools/testkit/src/processes.js";

/** Polls until every pid is gone and the port can be bound again. */
export const goneAndFree = (pids: readonly number[], port: number) =>
  eventually(async () => pids.every((pid) => !alive(pid)) && (await portIsFree(port)));

/** The watchdogs this process started that still run (from /proc: children whose command line names watchdog.js). */
export function ourWatchdogs(): number[] {
  return [...parents()]
    .filter(([pid, ppid]) => {
      try {
        return (
          ppid === process.pid && alive(pid) && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("watchdog.js")
        );
      } catch {
        return false;
      }
    })
    .map(([pid]) => pid);
}
