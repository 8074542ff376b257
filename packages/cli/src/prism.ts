// The CLI's own Prism launcher (for `finoauth mock` and `finoauth demo`): one Prism per spec, on free loopback
// ports, started in parallel, each under a watchdog so that no mock outlives the finoauth process.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
// verify: beside this module once built (dist/); for tests that import the sources, the built one in dist/.
const watchdog = [new URL("./prism-watchdog.js", import.meta.url), new URL("../dist/prism-watchdog.js", import.meta.url)]
  .map((url) => fileURLToPath(url))
  .reduce((found, candidate) => (existsSync(found) ? found : candidate));

/**
 * Where the specs are: the package's own `specs/` (the build copies them there, and the published package
 * ships them), else the repository's `specs/` (a checkout that was not built yet).
 */
export function specsDir(): string {
  const candidates = [new URL("../specs/", import.meta.url), new URL("../../../specs/", import.meta.url)].map((url) => fileURLToPath(url));
  const found = candidates.find((dir) => existsSync(dir) && readdirSync(dir).some((file) => file.endsWith(".yaml")));
  if (!found) throw new Error(`no specs found (looked in ${candidates.join(" and ")}); rebuild the package with its build script`);
  return found;
}

/** The specs that can be mocked, by name (`finapi` for `specs/finapi.yaml`). */
export function availableSpecs(): string[] {
  return readdirSync(specsDir())
    .filter((file) => file.endsWith(".yaml"))
    .map((file) => file.slice(0, -".yaml".length))
    .sort();
}

/** Running mocks: each spec's base URL, and how to stop them all. */
export interface Mocks {
  urls: Record<string, string>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Ports to use, in the order of `specs`; default: free ones the OS picks. */
  ports?: readonly number[];
  /** Each line Prism prints after it listens (its request log). */
  onLog?: (spec: string, line: string) => void;
  /** How long one Prism may take to listen. Default 60 s. */
  timeoutMs?: number;
  /** Called when a mock stops on its own after it started (not through `stop`). */
  onUnexpectedExit?: (spec: string, code: number | null) => void;
  // verify: proxy mode. A stand-in until @finoauth/mock's startMock(spec, { upstream }) replaces this launcher.
  /**
   * Run `prism proxy <spec> <upstream> --errors` instead of `prism mock <spec>`: Prism forwards each
   * request to `upstream` and validates both the request and the upstream's answer against the spec.
   */
  upstream?: string;
}

// If finoauth exits without stopping its mocks, each watchdog is told to take its Prism down (SIGTERM; its
// closed stdin tells it the same). SIGKILL here would orphan Prism.
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGTERM");
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

/** Stops one watchdog (which kills its Prism) and resolves once it is gone. */
function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

const lastLine = (text: string) =>
  text
    .replace(/\x1b\[[0-9;]*m/g, "")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .pop() ?? "no output";

async function startOne(spec: string, port: number | undefined, options: StartOptions): Promise<{ url: string; child: ChildProcess }> {
  const specFile = join(specsDir(), `${spec}.yaml`);
  if (!existsSync(specFile)) throw new Error(`no spec for "${spec}" (${specFile})`);
  const prismBin = join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist/index.js");
  const chosen = port ?? (await freePort());
  // verify: proxy mode (see StartOptions.upstream).
  const mode = options.upstream === undefined ? ["mock", specFile] : ["proxy", specFile, options.upstream, "--errors"];
  const child = spawn(process.execPath, [watchdog, prismBin, ...mode, "-h", "127.0.0.1", "-p", String(chosen)], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  const url = `http://127.0.0.1:${chosen}`;
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timeoutMs = options.timeoutMs ?? 60_000;
    const timer = setTimeout(() => fail(`did not start within ${timeoutMs / 1000} s`), timeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`the ${spec} mock ${why}: ${lastLine(output)}`));
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Prism is listening")) {
        clearTimeout(timer);
        child.removeListener("exit", onExit);
        resolve();
      }
    };
    const onExit = (code: number | null) => fail(`exited (code ${code}) before listening`);
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", onExit);
  });
  child.stdout!.removeAllListeners("data");
  child.stderr!.removeAllListeners("data");
  for (const stream of [child.stdout!, child.stderr!]) {
    let pending = "";
    stream.on("data", (chunk: Buffer) => {
      if (!options.onLog) return;
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) options.onLog(spec, line.replace(/\x1b\[[0-9;]*m/g, ""));
    });
  }
  return { url, child };
}

/**
 * Starts one Prism mock per spec, in parallel, and resolves once all listen. If one fails to start, the
 * others are stopped before the error is thrown.
 */
export async function startMocks(specs: readonly string[], options: StartOptions = {}): Promise<Mocks> {
  const started = await Promise.allSettled(specs.map((spec, index) => startOne(spec, options.ports?.[index], options)));
  const children = started.flatMap((result) => (result.status === "fulfilled" ? [result.value.child] : []));
  let stopping = false;
  const stop = async () => {
    stopping = true;
    await Promise.all(children.map(stopChild));
  };
  started.forEach((result, index) => {
    if (result.status === "fulfilled") result.value.child.once("exit", (code) => stopping || options.onUnexpectedExit?.(specs[index]!, code));
  });
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
