// @finoauth/mock: Prism mock servers of OpenAPI specs (the finoauth providers' by name, or your own), each
// on a free loopback port, under a watchdog so that no Prism outlives the process that started it.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { MockError } from "./errors.js";
import { freePorts, portIsFree } from "./ports.js";
import { loadSpec, specPath } from "./spec.js";
import type { WatchdogMessage } from "./watchdog.js";

export { MockError, type MockErrorCode } from "./errors.js";
export { freePort, freePorts, portIsFree } from "./ports.js";
export { availableSpecs, specPath, specsDir } from "./spec.js";
export { describeViolations, type Violation, violationsOf, type WithHeaders } from "./violations.js";

const require = createRequire(import.meta.url);
const watchdogFile = fileURLToPath(new URL("./watchdog.js", import.meta.url));

/** Options of {@link startMock}. */
export interface MockOptions {
  /** The port to listen on (127.0.0.1). Default: a free one the OS picks. A taken port is a `PORT_IN_USE` error. */
  port?: number | undefined;
  /**
   * Put Prism in front of a real server instead of mocking: `prism proxy <spec> <upstream> --errors`. Each
   * request is validated, forwarded to `upstream`, and the response validated too; the violations come
   * back in `sl-violations` (read them with {@link violationsOf}), and a response that breaks the spec
   * becomes Prism's error response.
   */
  upstream?: string | undefined;
  /** How long Prism may take to listen before a `TIMEOUT` error. Default 120 s (a loaded 2-core CI machine has taken over 60). */
  timeoutMs?: number | undefined;
  /** Each line Prism prints once it listens (its request log, with validation results), without colours. */
  onLog?: ((line: string) => void) | undefined;
  /**
   * Called once if the mock stops on its own after it started listening (Prism crashed, its watchdog was
   * killed): Prism's exit code, or null. Not called after `stop()`, nor when the start fails (it rejects).
   */
  onExit?: ((code: number | null) => void) | undefined;
}

/** A running mock. Like a listening server, it keeps the process alive until `stop()`. */
export interface Mock {
  /** Its base URL, `http://127.0.0.1:<port>`: give it to a client as `baseUrl`. */
  url: string;
  /** The port it listens on. */
  port: number;
  /** The spec file it serves. */
  specFile: string;
  /** The process ids of its watchdog and of Prism. */
  pids: { watchdog: number; prism: number };
  /** Stops Prism and its watchdog; resolves once both are gone and the port is free. Safe to call twice. */
  stop(): Promise<void>;
}

// If this process exits without stopping its mocks, each watchdog is told to take its Prism down. (Its
// stdin closing says the same a moment later; SIGKILL would also do, the guard in Prism sees to that.)
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGTERM");
});

const prismBin = () => join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist/index.js");

/** The last meaningful line of Prism's output, for an error message. */
const lastWords = (lines: readonly string[]) =>
  [...lines].reverse().find((line) => /error|EADDRINUSE|unable|invalid|cannot|not found/i.test(line)) ??
  lines.at(-1) ??
  "no output";

/** Stops a watchdog and resolves once it exited (it exits only after Prism). SIGKILL after 5 s: the guard then stops Prism. */
function stopWatchdog(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

async function launch(specFile: string, label: string, port: number, options: MockOptions): Promise<Mock> {
  const command = options.upstream ? ["proxy", specFile, options.upstream, "--errors"] : ["mock", specFile];
  const child = spawn(process.execPath, [watchdogFile, prismBin(), ...command, "-h", "127.0.0.1", "-p", String(port)], {
    stdio: ["pipe", "ignore", "pipe", "ipc"],
  });
  running.add(child);
  const lines: string[] = [];
  let prismPid = 0;
  let listening = false;
  let stopped = false;
  let watchdogErr = "";
  child.stderr!.on("data", (chunk: Buffer) => (watchdogErr += chunk.toString()));
  child.on("message", (message: WatchdogMessage) => {
    if (message.type === "pid") prismPid = message.pid;
    else if (listening) options.onLog?.(message.line);
    else lines.push(message.line);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      running.delete(child);
      resolve(code);
    }),
  );

  const timeoutMs = options.timeoutMs ?? 120_000;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail("TIMEOUT", `did not listen within ${timeoutMs / 1000} s`), timeoutMs);
    const fail = (code: MockError["code"], why: string) => {
      clearTimeout(timer);
      child.off("message", onMessage);
      void stopWatchdog(child).then(() =>
        reject(new MockError(code, `the mock of ${label} ${why}: ${lastWords(lines)}`)),
      );
    };
    const onMessage = (message: WatchdogMessage) => {
      if (message.type === "line" && message.line.includes("Prism is listening")) {
        clearTimeout(timer);
        child.off("message", onMessage);
        listening = true;
        resolve();
      }
    };
    child.on("message", onMessage);
    void exited.then((code) => {
      if (listening) return;
      if (watchdogErr.trim()) lines.push(...watchdogErr.trim().split("\n"));
      const output = lines.join("\n");
      if (/EADDRINUSE/.test(output))
        fail("PORT_IN_USE", `could not listen on port ${port}, which another process holds`);
      else if (
        /No operations found|ResolverError|ParserError|YAMLException|is not a valid|Unable to (parse|resolve)/i.test(
          output,
        )
      )
        fail("BAD_SPEC", `was refused by Prism (${specFile})`);
      else fail("PRISM_EXITED", `exited (code ${code}) before it listened`);
    });
  });

  void exited.then((code) => stopped || options.onExit?.(code));
  const stop = async () => {
    stopped = true;
    await stopWatchdog(child);
  };
  return { url: `http://127.0.0.1:${port}`, port, specFile, pids: { watchdog: child.pid!, prism: prismPid }, stop };
}

async function startOne(
  specOrName: string,
  port: number | undefined,
  options: MockOptions,
  pickedPort?: number,
): Promise<Mock> {
  const specFile = specPath(specOrName);
  loadSpec(specFile); // a spec that does not parse fails here, in milliseconds, with the parser's words
  if (options.upstream !== undefined && !/^https?:\/\//.test(options.upstream)) {
    throw new MockError("BAD_OPTION", `upstream must be an http(s) URL, got "${options.upstream}"`);
  }
  if (port !== undefined) {
    if (!Number.isInteger(port) || port < 1 || port > 65_535)
      throw new MockError("BAD_OPTION", `port must be a whole number from 1 to 65535, got ${port}`);
    if (!(await portIsFree(port)))
      throw new MockError(
        "PORT_IN_USE",
        `the mock of ${specOrName} cannot listen on port ${port}: another process holds it. Pick another port, or leave it out to get a free one`,
      );
    return launch(specFile, specOrName, port, options);
  }
  // A port the OS picked can be taken by someone else before Prism binds it: pick again, once.
  const first = pickedPort ?? (await freePorts(1))[0]!;
  try {
    return await launch(specFile, specOrName, first, options);
  } catch (error) {
    if (!(error instanceof MockError && error.code === "PORT_IN_USE")) throw error;
    return launch(specFile, specOrName, (await freePorts(1))[0]!, options);
  }
}

/**
 * Starts a Prism mock of one spec — a shipped spec's name (`"finapi"`, see `availableSpecs()`) or the path
 * to an OpenAPI file — on 127.0.0.1, and resolves once it listens. With `upstream`, Prism proxies to that
 * server and validates both ways instead (`prism proxy … --errors`).
 *
 * Prism runs under a watchdog: if this process dies, by any signal including SIGKILL, Prism goes with it
 * and its port is released. Rejects with a {@link MockError}: `BAD_SPEC`, `PORT_IN_USE`, `PRISM_EXITED`
 * or `TIMEOUT`, its message naming the spec and what Prism printed last.
 */
export async function startMock(specOrName: string, options: MockOptions = {}): Promise<Mock> {
  return startOne(specOrName, options.port, options);
}

/** Options of {@link startMocks}: those of {@link startMock}, per spec where they differ. */
export interface MocksOptions {
  /** Ports to use, in the order of the specs; default: distinct free ones. */
  ports?: readonly number[] | undefined;
  /** Proxy every spec to this upstream (see {@link MockOptions.upstream}). */
  upstream?: string | undefined;
  /** How long each Prism may take to listen. Default 120 s. */
  timeoutMs?: number | undefined;
  /** Each line a mock's Prism prints once it listens, with the spec as given. */
  onLog?: ((spec: string, line: string) => void) | undefined;
  /** Called once for a mock that stops on its own after it started (not after `stop()`). */
  onExit?: ((spec: string, code: number | null) => void) | undefined;
}

/** Running mocks: each one's URL by the spec as given, and how to stop them all. */
export interface Mocks {
  /** Each spec's base URL, keyed by the spec as given (a name or a path). */
  urls: Record<string, string>;
  /** Each spec's {@link Mock}, keyed the same way. */
  mocks: Record<string, Mock>;
  /** Stops every mock; resolves once all are gone. */
  stop(): Promise<void>;
}

/**
 * Starts one mock per spec, in parallel, on distinct free loopback ports (or `ports`), and resolves once
 * all listen. If one fails, the others are stopped before the {@link MockError} is thrown. A spec given
 * twice is started once.
 */
export async function startMocks(specs: readonly string[], options: MocksOptions = {}): Promise<Mocks> {
  const unique = [...new Set(specs)];
  const picked = options.ports ? [] : await freePorts(unique.length);
  const started = await Promise.allSettled(
    unique.map((spec, index) =>
      startOne(
        spec,
        options.ports?.[specs.indexOf(spec)],
        {
          upstream: options.upstream,
          timeoutMs: options.timeoutMs,
          onLog: options.onLog && ((line) => options.onLog!(spec, line)),
          onExit: options.onExit && ((code) => options.onExit!(spec, code)),
        },
        picked[index],
      ),
    ),
  );
  const running = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const stop = async () => {
    await Promise.all(running.map((mock) => mock.stop()));
  };
  const failure = started.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failure) {
    await stop();
    throw failure.reason;
  }
  const mocks: Record<string, Mock> = {};
  unique.forEach((spec, index) => {
    mocks[spec] = (started[index] as PromiseFulfilledResult<Mock>).value;
  });
  const urls = Object.fromEntries(Object.entries(mocks).map(([spec, mock]) => [spec, mock.url]));
  return { urls, mocks, stop };
}
