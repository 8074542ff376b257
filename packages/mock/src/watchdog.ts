// The watchdog of one Prism mock: `node watchdog.js <prism-bin> <prism args…>`, started by `startMock`.
//
// - It starts Prism with pipes of Prism's own (never its own stdio: a Prism holding the watchdog's pipes
//   would keep them open after the watchdog died), and relays Prism's output lines to its parent over IPC.
// - It takes Prism down (SIGKILL: a mock has nothing to flush) when its parent goes away by any means,
//   SIGKILL included: its stdin closes (only the parent holds the other end), the IPC channel disconnects,
//   or its parent pid changes. SIGTERM, SIGINT and SIGHUP do the same (that is how `stop()` asks).
// - Prism runs with ./guard.js preloaded, which exits Prism when the watchdog itself is killed outright.
// - It exits only once Prism is gone, so a parent that waits for the watchdog's exit knows the port is free.
//   Its exit code is Prism's when Prism ended on its own, 0 when it was stopped.
import { spawn } from "node:child_process";

/** A message from the watchdog to `startMock`. */
export type WatchdogMessage = { type: "pid"; pid: number } | { type: "line"; line: string };

const [prismBin, ...prismArgs] = process.argv.slice(2);
if (!prismBin) {
  console.error("usage: watchdog.js <prism-bin> <prism args…>");
  process.exit(2);
}
let inFlight = 0;
let exitWhenSent: (() => void) | undefined;
const send = (message: WatchdogMessage) => {
  if (!process.connected || !process.send) return;
  inFlight++;
  process.send(message, undefined, undefined, () => {
    if (--inFlight === 0) exitWhenSent?.();
  });
};
/** Exits once the parent has every line (Prism's last words explain a failed start), or after a second. */
const exitAfterSending = (code: number) => {
  exitWhenSent = () => process.exit(code);
  if (inFlight === 0 || !process.connected) process.exit(code);
  setTimeout(() => process.exit(code), 1_000).unref();
};

const guard = new URL("./guard.js", import.meta.url).href;
const prism = spawn(process.execPath, ["--import", guard, prismBin, ...prismArgs], {
  stdio: ["pipe", "pipe", "pipe"],
  env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
});
if (prism.pid !== undefined) send({ type: "pid", pid: prism.pid });

for (const stream of [prism.stdout!, prism.stderr!]) {
  let pending = "";
  stream.on("data", (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) if (line.trim()) send({ type: "line", line: line.replace(/\x1b\[[0-9;]*m/g, "") });
  });
  stream.on("end", () => pending.trim() && send({ type: "line", line: pending.replace(/\x1b\[[0-9;]*m/g, "") }));
}
prism.stdin!.on("error", () => {}); // Prism gone first: nothing to tell it

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  if (prism.exitCode !== null || prism.signalCode !== null) process.exit(0);
  prism.kill("SIGKILL");
  setTimeout(() => process.exit(0), 5_000).unref(); // Prism cannot outlive a SIGKILL; never hang on it
};
process.stdin.on("end", stop).on("close", stop).on("error", stop).resume();
process.on("disconnect", stop);
process.on("SIGTERM", stop).on("SIGINT", stop).on("SIGHUP", stop);
const parent = process.ppid;
setInterval(() => process.ppid !== parent && stop(), 500).unref();
prism.on("error", (error) => {
  send({ type: "line", line: `could not start Prism: ${error.message}` });
  exitAfterSending(1);
});
// "close": Prism has exited and its output has been read to the end.
prism.on("close", (code, signal) => exitAfterSending(stopping ? 0 : (code ?? (signal ? 1 : 0))));
