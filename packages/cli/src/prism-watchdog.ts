// Runs one Prism mock server and dies with the finoauth process that started it: when the parent's end of
// our stdin closes (it exited, crashed or was killed with SIGKILL), Prism is killed too. No orphan survives.
// This process exits only once Prism is gone, so a parent that waits for it knows the port is free.
import { spawn } from "node:child_process";

const [prismBin, ...prismArgs] = process.argv.slice(2);
if (!prismBin) process.exit(2);
const prism = spawn(process.execPath, [prismBin, ...prismArgs], { stdio: ["ignore", "inherit", "inherit"] });
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  if (prism.exitCode !== null || prism.signalCode !== null) process.exit(0);
  prism.kill("SIGKILL");
  setTimeout(() => process.exit(0), 2_000).unref();
};
process.stdin.on("end", stop).on("close", stop).on("error", stop).resume();
process.on("SIGTERM", stop).on("SIGINT", stop).on("SIGHUP", stop);
prism.on("exit", (code) => process.exit(stopping ? 0 : (code ?? 1)));
