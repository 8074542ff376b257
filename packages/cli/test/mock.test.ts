// `finoauth mock`: prints each provider's URL, serves the spec, and leaves no process behind on Ctrl-C
// (SIGINT), on SIGTERM, or when it is killed outright; a mock that dies makes it stop and say so.
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { portIsFree } from "@finoauth/mock";
import { describe, expect, it } from "vitest";
import { alive, answers, descendants, eventually, start } from "./support.js";

/** Collects a child's output; resolves `ready` once `pattern` matched stdout. */
function watch(child: ChildProcess, pattern: RegExp) {
  const output = { stdout: "", stderr: "" };
  child.stdout!.on("data", (chunk) => (output.stdout += chunk));
  child.stderr!.on("data", (chunk) => (output.stderr += chunk));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", () => pattern.test(output.stdout) && resolve());
    child.once("exit", (code) =>
      reject(new Error(`finoauth mock exited (${code}) before it was ready: ${output.stderr}`)),
    );
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { output, ready, exited };
}

const portOf = (url: string) => Number(new URL(url).port);
const isWatchdog = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("watchdog.js");
  } catch {
    return false;
  }
};

const tokenRequest = (url: string) =>
  fetch(`${url}/api/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      grant_type: "client_credentials",
      client_id: 12345,
      client_secret: "s",
      scope: "api_scope",
      email_address: "hello@example.com",
    }),
  });

describe("finoauth mock", { timeout: 90_000 }, () => {
  it("prints each provider's URL, serves its spec, and stops every mock on Ctrl-C", async () => {
    // Ctrl-C sends SIGINT to the whole foreground process group: finoauth, its watchdogs and Prism.
    const child = start(["mock", "fincalc", "finexer"], {}, { detached: true });
    const { output, ready, exited } = watch(child, /Use one with --base-url/);
    await ready;
    const urls = Object.fromEntries(
      [...output.stdout.matchAll(/^ {2}(\S+)\s+(http:\/\/127\.0\.0\.1:\d+)$/gm)].map((match) => [match[1], match[2]]),
    );
    expect(Object.keys(urls)).toEqual(["fincalc", "finexer"]);
    expect(output.stdout).toContain(`finoauth token fincalc --base-url ${urls.fincalc} `);
    const answer = await tokenRequest(urls.fincalc!);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("sl-violations")).toBeNull();
    expect((await answer.json()).success).toBe(true);

    const tree = descendants(child.pid!);
    expect(tree.length).toBeGreaterThanOrEqual(4); // a watchdog and a Prism per provider
    process.kill(-child.pid!, "SIGINT");
    expect(await exited).toBe(0);
    expect(output.stderr).toBe("Mocks stopped.\n");
    expect(tree.filter(alive)).toEqual([]);
    expect(await portIsFree(portOf(urls.fincalc!))).toBe(true);
    expect(await answers(urls.fincalc!)).toBe(false);
    expect(await answers(urls.finexer!)).toBe(false);
  });

  it("--json prints the URLs as one JSON line; SIGTERM to finoauth alone stops every mock too", async () => {
    const child = start(["mock", "fincalc", "--json"]);
    const { output, ready, exited } = watch(child, /\n/);
    await ready;
    const urls = JSON.parse(output.stdout);
    expect(Object.keys(urls)).toEqual(["fincalc"]);
    expect((await tokenRequest(urls.fincalc)).status).toBe(200);
    const tree = descendants(child.pid!);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(tree.filter(alive)).toEqual([]);
  });

  it("killed outright (SIGKILL), it leaves no mock running: the watchdogs take Prism down", async () => {
    const child = start(["mock", "fincalc", "--json"]);
    const { output, ready, exited } = watch(child, /\n/);
    await ready;
    const url = JSON.parse(output.stdout).fincalc as string;
    const tree = descendants(child.pid!);
    expect(tree.length).toBeGreaterThanOrEqual(2);
    child.kill("SIGKILL");
    await exited;
    expect(await eventually(async () => tree.filter(alive).length === 0 && (await portIsFree(portOf(url))))).toBe(true);
    expect(await answers(url)).toBe(false);
  });

  it("one watchdog killed outright (SIGKILL): its Prism goes too, and finoauth stops the other mocks and exits 1 saying so", async () => {
    const child = start(["mock", "fincalc", "finexer", "--json"]);
    const { output, ready, exited } = watch(child, /\n/);
    await ready;
    const urls = JSON.parse(output.stdout) as Record<string, string>;
    const tree = descendants(child.pid!);
    const watchdogs = tree.filter(isWatchdog);
    expect(watchdogs).toHaveLength(2);
    process.kill(watchdogs[0]!, "SIGKILL");
    expect(await exited).toBe(1);
    expect(output.stderr).toMatch(
      /^finoauth: the (fincalc|finexer) mock stopped on its own \(exit code .*\)\. Run with --verbose to see Prism's log\n$/,
    );
    expect(
      await eventually(
        async () =>
          tree.filter(alive).length === 0 &&
          (await portIsFree(portOf(urls.fincalc!))) &&
          (await portIsFree(portOf(urls.finexer!))),
      ),
    ).toBe(true);
  });
});
