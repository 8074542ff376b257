// The launcher as users get it (the built dist/: the watchdog runs as its own file): start, serve, stop,
// the error codes, and what survives when the parent, or one watchdog, is killed outright (nothing).
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freePort, type Mock, MockError, portIsFree, startMock, startMocks, violationsOf } from "../dist/index.js";
import { alive, answers, eventually, goneAndFree, ourWatchdogs } from "./support.js";

const fincalcToken = (
  url: string,
  body: Record<string, unknown> = {
    grant_type: "client_credentials",
    client_id: 12345,
    client_secret: "s",
    scope: "api_scope",
    email_address: "hello@example.com",
  },
) =>
  fetch(`${url}/api/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

/** The error a promise rejects with (fails the test if it resolves, after stopping what it started). */
async function failure(promise: Promise<{ stop(): Promise<void> }>): Promise<MockError> {
  const outcome = await promise.then(
    async (started) => (await started.stop(), undefined),
    (error: unknown) => error,
  );
  expect(outcome, "expected the start to fail").toBeInstanceOf(MockError);
  return outcome as MockError;
}

const tempSpec = (text: string) => {
  const file = join(mkdtempSync(join(tmpdir(), "finoauth-mock-")), "spec.yaml");
  writeFileSync(file, text);
  return file;
};

describe("startMock", () => {
  it("serves a shipped spec on a loopback port, logs requests, and stop() leaves no process and a free port", async () => {
    const log: string[] = [];
    const exits: (number | null)[] = [];
    const mock = await startMock("fincalc", { onLog: (line) => log.push(line), onExit: (code) => exits.push(code) });
    let stopped = false;
    try {
      expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
      expect(mock.specFile).toMatch(/specs\/fincalc\.yaml$/);
      expect([alive(mock.pids.watchdog), alive(mock.pids.prism)]).toEqual([true, true]);
      const answer = await fincalcToken(mock.url);
      expect(answer.status).toBe(200);
      expect(violationsOf(answer)).toEqual([]);
      const bad = await fincalcToken(mock.url, { grant_type: "client_credentials" });
      expect(violationsOf(bad).map((v) => v.code)).toContain("required");
      expect(await eventually(() => log.some((line) => /Request received/.test(line)))).toBe(true);
    } finally {
      await mock.stop();
      stopped = true;
    }
    expect(stopped).toBe(true);
    // stop() resolves once the watchdog is gone, and the watchdog exits only after Prism: nothing to wait for.
    expect([alive(mock.pids.watchdog), alive(mock.pids.prism)]).toEqual([false, false]);
    expect(await portIsFree(mock.port)).toBe(true);
    expect(exits, "onExit is for a mock that dies on its own, not one stopped").toEqual([]);
    await mock.stop(); // twice is fine
  });

  it("serves your own spec file on the port you ask for", async () => {
    const port = await freePort();
    const mock = await startMock(join(import.meta.dirname, "fixtures/echo.yaml"), { port });
    try {
      expect(mock.url).toBe(`http://127.0.0.1:${port}`);
      const answer = await fetch(`${mock.url}/ping`);
      expect(await answer.json()).toEqual({ pong: true });
    } finally {
      await mock.stop();
    }
  });

  it("with upstream, runs prism proxy --errors: valid requests reach the upstream, an invalid one is refused with Prism's findings", async () => {
    const upstream = await startMock("fincalc");
    try {
      const proxy = await startMock("fincalc", { upstream: upstream.url });
      try {
        const ok = await fincalcToken(proxy.url);
        expect(ok.status).toBe(200);
        expect(violationsOf(ok)).toEqual([]);
        expect((await ok.json()).success).toBe(true);
        // An invalid request never reaches the upstream: Prism answers 422 with its findings in the body.
        const bad = await fincalcToken(proxy.url, { grant_type: "client_credentials" });
        expect(bad.status).toBe(422);
        expect(bad.headers.get("content-type")).toBe("application/problem+json");
        expect((await bad.json()).validation).toContainEqual(
          expect.objectContaining({ location: ["body"], code: "required" }),
        );
      } finally {
        await proxy.stop();
      }
    } finally {
      await upstream.stop();
    }
  });

  it("calls onExit when its mock dies on its own (Prism killed)", async () => {
    const exits: (number | null)[] = [];
    const mock = await startMock("fincalc", { onExit: (code) => exits.push(code) });
    process.kill(mock.pids.prism, "SIGKILL");
    expect(await eventually(() => exits.length === 1)).toBe(true);
    expect(exits[0]).not.toBe(0);
    expect(await goneAndFree([mock.pids.watchdog, mock.pids.prism], mock.port)).toBe(true);
    await mock.stop();
  });

  it("a watchdog killed outright (SIGKILL) takes its Prism with it: no process left, the port free", async () => {
    const exits: (number | null)[] = [];
    const mock = await startMock("fincalc", { onExit: (code) => exits.push(code) });
    process.kill(mock.pids.watchdog, "SIGKILL");
    expect(await goneAndFree([mock.pids.watchdog, mock.pids.prism], mock.port)).toBe(true);
    expect(await answers(mock.url)).toBe(false);
    expect(await eventually(() => exits.length === 1)).toBe(true);
  });

  it("a parent killed outright (SIGKILL), like a test runner, leaves no Prism and no held port", async () => {
    const index = new URL("../dist/index.js", import.meta.url).href;
    const script = `
      import { startMocks } from ${JSON.stringify(index)};
      const started = await startMocks(["fincalc"]);
      console.log(JSON.stringify(Object.values(started.mocks).map((m) => ({ port: m.port, pids: m.pids }))));
    `;
    const runner = spawn(process.execPath, ["--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const started = await new Promise<{ port: number; pids: { watchdog: number; prism: number } }[]>(
      (resolve, reject) => {
        let out = "";
        runner.stdout.on("data", (chunk) => {
          out += chunk;
          if (out.includes("\n")) resolve(JSON.parse(out));
        });
        runner.once("exit", (code) => reject(new Error(`the runner exited with ${code} before its mocks started`)));
      },
    );
    const pids = started.flatMap((m) => [m.pids.watchdog, m.pids.prism]);
    expect(pids.every(alive)).toBe(true);
    runner.kill("SIGKILL");
    for (const m of started) expect(await goneAndFree([m.pids.watchdog, m.pids.prism], m.port)).toBe(true);
  });
});

describe("startMock errors", () => {
  it("BAD_SPEC: an unknown name, a file that is not OpenAPI, a spec Prism refuses", async () => {
    const unknown = await failure(startMock("no-such-spec"));
    expect(unknown.code).toBe("BAD_SPEC");
    expect(unknown.message).toMatch(/no spec named "no-such-spec": the specs are .*fincalc/);
    expect((await failure(startMock(tempSpec("just: yaml\n")))).code).toBe("BAD_SPEC");
    const refused = await failure(
      startMock(tempSpec("openapi: 3.1.0\ninfo: { title: empty, version: '1' }\npaths: {}\n")),
    );
    expect(refused.code).toBe("BAD_SPEC");
    expect(refused.message).toMatch(/refused by Prism .*No operations found/);
  });

  it("PORT_IN_USE: a port another process holds; BAD_OPTION: a port or upstream that cannot be", async () => {
    const server = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    try {
      const taken = await failure(startMock("fincalc", { port }));
      expect(taken.code).toBe("PORT_IN_USE");
      expect(taken.message).toContain(`port ${port}`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect((await failure(startMock("fincalc", { port: 70_000 }))).code).toBe("BAD_OPTION");
    expect((await failure(startMock("fincalc", { upstream: "sandbox.example.com" }))).code).toBe("BAD_OPTION");
  });

  it("TIMEOUT: Prism not listening in time, and what it started is stopped", async () => {
    const error = await failure(startMock("fincalc", { timeoutMs: 1 }));
    expect(error.code).toBe("TIMEOUT");
    expect(error.message).toMatch(/the mock of fincalc did not listen within/);
  });
});

describe("startMocks", () => {
  it("starts several specs in parallel on distinct ports, keyed as given, and stops them all", async () => {
    const own = join(import.meta.dirname, "fixtures/echo.yaml");
    const mocks = await startMocks(["fincalc", own, "fincalc"]);
    let all: Mock[] = [];
    try {
      expect(Object.keys(mocks.urls)).toEqual(["fincalc", own]);
      all = Object.values(mocks.mocks);
      expect(new Set(all.map((m) => m.port)).size).toBe(2);
      expect((await fincalcToken(mocks.urls.fincalc!)).status).toBe(200);
      expect((await fetch(`${mocks.urls[own]}/ping`)).status).toBe(200);
    } finally {
      await mocks.stop();
    }
    for (const m of all)
      expect([alive(m.pids.watchdog), alive(m.pids.prism), await portIsFree(m.port)]).toEqual([false, false, true]);
  });

  it("when one spec fails, stops the others and throws its error", async () => {
    const [first, second] = [await freePort(), await freePort()];
    const error = await failure(startMocks(["fincalc", "no-such-spec"], { ports: [first!, second!] }));
    expect(error.code).toBe("BAD_SPEC");
    // fincalc started (the others are awaited before the failure is thrown) and was stopped again.
    expect(ourWatchdogs()).toEqual([]);
    expect(await portIsFree(first!)).toBe(true);
  });
});
