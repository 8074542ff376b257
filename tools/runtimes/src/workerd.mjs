// Serves the suite's Worker with `workerd serve`: bundles it with esbuild (as a Worker's build would), writes
// a Cap'n Proto config next to the bundle, starts workerd on a free loopback port (workerd reports the port
// on its control fd) and stops it. The Worker's outbound fetch goes through a `network` service that allows
// private addresses, without which workerd refuses to fetch 127.0.0.1 (its default allows only public ones).
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { binary } from "./binaries.mjs";

/** A date the pinned workerd supports; the Worker gets the behaviour of that date (nodejs_compat included). */
export const COMPATIBILITY_DATE = "2026-11-01";

/**
 * The two Workers: with Node's built-ins (the compatibility date's default), and with web APIs only. The
 * second's bundle keeps no `node:` import external, so esbuild fails on any the packages' entries reach.
 */
export const VARIANTS = {
  workerd: { entry: "./worker.mjs", flags: [], external: ["node:*"] },
  "workerd-web": { entry: "./worker-web.mjs", flags: ["no_nodejs_compat"], external: [] },
};

/** The config: one Worker, a socket on a free loopback port, outbound fetch allowed to private addresses. */
const config = (flags) => `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "loopback", network = (allow = ["private"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "${COMPATIBILITY_DATE}",
  compatibilityFlags = ${JSON.stringify(flags)},
  globalOutbound = "loopback",
);
`;

/** Bundles the Worker: the built packages as a Worker's build resolves them (`workerd`/`worker`/`browser` conditions). */
async function bundle(variant, outfile) {
  await build({
    entryPoints: [new URL(variant.entry, import.meta.url).pathname],
    outfile,
    external: variant.external,
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    conditions: ["workerd", "worker", "browser"],
    target: "es2022",
    logLevel: "warning",
  });
}

/**
 * workerd runs under a shell that ends it when the shell's stdin closes: when stop() closes it, or when this
 * process dies (killed, crashed) and the kernel closes it, so no workerd outlives the suite. The shell tells
 * workerd's pid on the control fd, where workerd then tells its port.
 */
const WATCHDOG = `"$@" </dev/null & workerd=$!
echo "{\\"event\\":\\"pid\\",\\"pid\\":$workerd}" >&3
cat >/dev/null
kill $workerd 2>/dev/null
wait $workerd`;

/** Resolves with workerd's pid and port once it listens (the control fd's `{"event":"listen",…}` line). */
const listening = (child, output) =>
  new Promise((resolve, reject) => {
    let buffered = "";
    let pid;
    child.stdio[3].on("data", (chunk) => {
      buffered += chunk.toString();
      for (const line of buffered.split("\n").slice(0, -1)) {
        const event = JSON.parse(line);
        if (event.event === "pid") pid = event.pid;
        if (event.event === "listen" && event.socket === "http") resolve({ pid, port: event.port });
      }
      buffered = buffered.slice(buffered.lastIndexOf("\n") + 1);
    });
    child.once("exit", (code, signal) =>
      reject(new Error(`workerd exited (${code ?? signal}) before listening:\n${output.join("")}`)),
    );
    child.once("error", reject);
  });

/**
 * Starts one of the {@link VARIANTS}. `run(baseUrl, clientId)` asks it to run the scenario; `stop()` ends
 * workerd and removes the bundle's directory.
 * @param {keyof typeof VARIANTS} name
 */
export async function startWorkerd(name) {
  const variant = VARIANTS[name];
  const dir = await mkdtemp(join(tmpdir(), "finoauth-workerd-"));
  try {
    await bundle(variant, join(dir, "worker.js"));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  await writeFile(join(dir, "config.capnp"), config(variant.flags));
  const command = [binary("workerd"), "serve", "config.capnp", "config", "--control-fd=3"];
  const child = spawn("sh", ["-c", WATCHDOG, "workerd", ...command], {
    cwd: dir,
    stdio: ["pipe", "pipe", "pipe", "pipe"],
  });
  const output = [];
  child.stdout.on("data", (chunk) => output.push(chunk.toString()));
  child.stderr.on("data", (chunk) => output.push(chunk.toString()));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  let started = {};
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.stdin.end(); // the shell ends workerd, waits for it, and exits
      const timer = setTimeout(() => {
        if (started.pid) process.kill(started.pid, "SIGKILL");
        child.kill("SIGKILL");
      }, 5_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    started = await listening(child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  const { port } = started;
  return {
    /** The shell's and workerd's process ids. */
    pids: [child.pid, started.pid],
    output,
    /** Runs the scenario in the Worker against the token server at `baseUrl`. */
    async run(baseUrl, clientId) {
      const query = new URLSearchParams({ baseUrl, clientId });
      const answer = await fetch(`http://127.0.0.1:${port}/run?${query}`);
      if (!answer.ok)
        throw new Error(`the Worker answered ${answer.status}: ${await answer.text()}\n${output.join("")}`);
      return answer.json();
    },
    stop,
  };
}
