import { execFileSync, spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { startPrism } from "../src/prism.js";

const answers = async (url: string) => {
  try {
    await fetch(`${url}/api/oauth/token`, { method: "POST", signal: AbortSignal.timeout(15_000) });
    return true;
  } catch {
    return false;
  }
};

/** The Prism watchdogs this test process started that are still alive. */
const ourMocks = () =>
  execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(process.pid)], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line.includes("prism-watchdog"));

async function until(condition: () => Promise<boolean>, deadlineMs: number): Promise<boolean> {
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return condition();
}

describe("Prism lifecycle", { timeout: 60_000 }, () => {
  it("starts mocks on free loopback ports and stops them", async () => {
    const prism = await startPrism(["fincalc", "finexer"]);
    try {
      expect(Object.keys(prism.urls)).toEqual(["fincalc", "finexer"]);
      expect(prism.urls.fincalc).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(prism.urls.fincalc).not.toBe(prism.urls.finexer);
      expect(await answers(prism.urls.fincalc!)).toBe(true);
    } finally {
      await prism.stop();
    }
    expect(ourMocks()).toEqual([]);
    expect(await answers(prism.urls.fincalc!)).toBe(false);
    expect(await answers(prism.urls.finexer!)).toBe(false);
  });

  it("fails with Prism's output when a spec cannot be served, and leaves no mock running", async () => {
    await expect(startPrism(["fincalc", "no-such-spec"])).rejects.toThrow(/Prism for specs\/no-such-spec\.yaml exited/);
    expect(await until(async () => ourMocks().length === 0, 15_000)).toBe(true);
  });

  it("kills the mock when the process that started it is killed outright", async () => {
    const script = `
      import { startPrism } from ${JSON.stringify(new URL("../src/prism.ts", import.meta.url).pathname)};
      const prism = await startPrism(["fincalc"]);
      console.log(prism.urls.fincalc);
      setInterval(() => {}, 1000);
    `;
    const runner = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: new URL("..", import.meta.url).pathname,
      stdio: ["ignore", "pipe", "inherit"],
    });
    const url = await new Promise<string>((resolve, reject) => {
      runner.stdout.once("data", (chunk) => resolve(String(chunk).trim()));
      runner.once("exit", (code) => reject(new Error(`the runner exited with ${code} before Prism started`)));
    });
    expect(await answers(url)).toBe(true);
    runner.kill("SIGKILL");
    expect(await until(async () => !(await answers(url)), 20_000)).toBe(true);
  });
});
