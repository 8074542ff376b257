// Runs one Prism mock server and dies with its parent: when the test runner's end of our stdin closes
// (the runner exited, crashed or was killed with SIGKILL), Prism is killed too. No orphan survives a run.
import { spawn } from "node:child_process";

const [prismBin, ...prismArgs] = process.argv.slice(2);
const prism = spawn(process.execPath, [prismBin, ...prismArgs], { stdio: ["ignore", "inherit", "inherit"] });
const stop = () => {
  if (prism.exitCode === null) prism.kill("SIGKILL");
  process.exit(0);
};
process.stdin.on("end", stop).on("close", stop).on("error", stop).resume();
process.on("SIGTERM", stop).on("SIGINT", stop);
prism.on("exit", (code) => process.exit(code ?? 1));
