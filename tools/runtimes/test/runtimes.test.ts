// The runtime suite: the built packages, imported by their public names, on Node, Bun, Deno and workerd
// against one loopback token server. A failing check on any runtime fails the test (and so CI); the run is
// written to results/runtimes.json, and the README's runtime table must be exactly that run's table.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { alive } from "@finoauth/testkit/processes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { binary, packageVersion } from "../src/binaries.mjs";
import { CHECKS } from "../src/scenario.mjs";
import { README, RESULTS, readmeTable, renderTable } from "../src/table.mjs";
import { startTokenServer } from "../src/token-server.mjs";
import { startWorkerd } from "../src/workerd.mjs";

type Run = { runtime: string; version: string; results: { id: string; ok: boolean; error?: string }[] };

const here = fileURLToPath(new URL("..", import.meta.url));
const repository = fileURLToPath(new URL("../../..", import.meta.url));
const runs: Run[] = [];
const pids: number[] = [];
let server: Awaited<ReturnType<typeof startTokenServer>>;
const workers: Awaited<ReturnType<typeof startWorkerd>>[] = [];

/** Runs src/run.mjs under a runtime; resolves with its JSON line (rejects with its output when it fails). */
function runEntry(command: string, args: string[], clientId: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      [...args, "src/run.mjs", server.url, clientId],
      { cwd: here, timeout: 60_000, env: { ...process.env, NO_COLOR: "1" } },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`${command} failed: ${error.message}\n${stdout}\n${stderr}`));
        resolve(JSON.parse(stdout.trim().split("\n").at(-1)!) as Run);
      },
    );
    if (child.pid !== undefined) pids.push(child.pid);
  });
}

const RUNTIMES: Record<string, (clientId: string) => Promise<Run>> = {
  node: (id) => runEntry(process.execPath, [], id),
  bun: (id) => runEntry(binary("bun"), [], id),
  // Deno's permissions: the network to the loopback server, and reading the repository (node_modules, dist).
  deno: (id) => runEntry(binary("deno"), ["run", "--allow-net=127.0.0.1", `--allow-read=${repository}`], id),
  workerd: (id) => runWorker("workerd", id),
  "workerd-web": (id) => runWorker("workerd-web", id),
};

/** Serves the Worker variant with workerd and has it run the scenario. */
async function runWorker(variant: "workerd" | "workerd-web", clientId: string): Promise<Run> {
  const worker = await startWorkerd(variant);
  workers.push(worker);
  pids.push(...worker.pids);
  return { ...(await worker.run(server.url, clientId)), version: packageVersion("workerd") };
}

/** Stops every workerd and the token server (each stop may run twice: in the last test and in afterAll). */
const stopAll = async () => {
  for (const worker of workers) await worker.stop();
  await server?.close();
};

beforeAll(async () => {
  server = await startTokenServer();
});

afterAll(async () => {
  await stopAll();
  mkdirSync(new URL(".", RESULTS), { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(runs, null, 2)}\n`);
});

describe.each(Object.keys(RUNTIMES))("%s", (name) => {
  it("runs every check against the built packages", async () => {
    const clientId = `runtime-${name}`;
    let run: Run;
    try {
      run = await RUNTIMES[name]!(clientId);
    } catch (error) {
      runs.push({ runtime: name, version: "?", results: [] });
      throw error;
    }
    runs.push(run);
    expect(run.runtime).toBe(name);
    expect(run.results.map((result) => result.id)).toEqual(Object.keys(CHECKS));
    expect(run.results.filter((result) => !result.ok)).toEqual([]);
    // What the server saw agrees: nothing refused, two refreshes (the second with the rotated token), one code.
    const log = server.log(clientId);
    expect(log.filter((exchange) => exchange.status >= 400)).toEqual([]);
    expect(log.filter((exchange) => exchange.grant === "refresh_token")).toHaveLength(2);
    expect(log.filter((exchange) => exchange.grant === "authorization_code")).toHaveLength(1);
  });
});

describe("after the runs", () => {
  it("the README's runtime table is this run's table (pnpm runtimes:table writes it)", () => {
    const readme = readFileSync(README, "utf8");
    expect(readmeTable(readme), "README.md's runtime table differs from this run: run pnpm runtimes:table").toBe(
      renderTable(runs),
    );
  });

  it("stops workerd and the token server, leaving no process running", async () => {
    await stopAll();
    expect(pids.filter((pid) => alive(pid))).toEqual([]);
    await expect(fetch(`${server.url}/token`, { method: "POST" })).rejects.toThrow();
  });
});
