// Runs one command (a private redis-server) and dies with its parent: when the test process's end of our
// stdin closes (it exited, crashed or was killed with SIGKILL), the command is killed too. No orphan
// survives a run. The same pattern as tools/testkit's Prism watchdog.
import { spawn } from "node:child_process";

const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"] });
// Kill the command and exit once it has exited (so it is reaped, not left a zombie); 2 s at most.
const stop = () => {
  if (child.exitCode !== null || child.signalCode !== null) process.exit(0);
  child.kill("SIGKILL");
  setTimeout(() => process.exit(0), 2_000).unref();
};
process.stdin.on("end", stop).on("close", stop).on("error", stop).resume();
process.on("SIGTERM", stop).on("SIGINT", stop);
child.on("exit", (code, signal) => process.exit(signal === "SIGKILL" ? 0 : (code ?? 1)));
child.on("error", (error) => {
  console.error(`redis-watchdog: ${error.message}`);
  process.exit(127);
});
