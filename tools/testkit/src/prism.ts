import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./ports.js";

const require = createRequire(import.meta.url);
const prismBin = join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist/index.js");
const watchdog = fileURLToPath(new URL("./prism-watchdog.mjs", import.meta.url));
/** The repository root, where `specs/` lives. */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** Running Prism mock servers: the base URL of each spec's mock, and how to stop them all. */
export interface PrismServers {
  urls: Record<string, string>;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Starts Prism for one spec and resolves once it listens; rejects with Prism's own output if it dies first. */
async function startOne(spec: string, timeoutMs: number): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  // A spec name is one of specs/; a path to a .yaml file (a test's own fixture) is used as it is.
  const specFile = spec.endsWith(".yaml") ? spec : join(repoRoot, "specs", `${spec}.yaml`);
  const child = spawn(process.execPath, [watchdog, prismBin, "mock", specFile, "-h", "127.0.0.1", "-p", String(port)], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let output = "";
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(`did not start within ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`Prism for ${relative(repoRoot, specFile)} ${why}:\n${output.slice(-2000)}`));
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Prism is listening")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => fail(`exited with code ${code}`));
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return { url, child };
}

/**
 * Starts one Prism mock server per spec, in parallel, each on a free loopback port, and waits until all
 * listen. If one fails to start, the others are stopped before the error is thrown.
 */
export async function startPrism(specs: readonly string[], { timeoutMs = 60_000 } = {}): Promise<PrismServers> {
  const started = await Promise.allSettled(specs.map((spec) => startOne(spec, timeoutMs)));
  const children = started.flatMap((result) => (result.status === "fulfilled" ? [result.value.child] : []));
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
            child.once("exit", () => (clearTimeout(timer), resolve()));
            child.kill("SIGTERM");
          }),
      ),
    );
  };
  const failure = started.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failure) {
    await stop();
    throw failure.reason;
  }
  const urls: Record<string, string> = {};
  specs.forEach((spec, index) => {
    urls[spec] = (started[index] as PromiseFulfilledResult<{ url: string }>).value.url;
  });
  return { urls, stop };
}
