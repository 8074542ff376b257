// @finoauth/mock/vitest, called as vitest calls a globalSetup (a user-style project runs it for real in
// scripts/check-install.mjs).
import { afterEach, describe, expect, it } from "vitest";
import type { TestProject } from "vitest/node";
import setup, { mocksFor, SHARED_MOCKS_ENV, sharedMocks } from "../dist/vitest.js";

/** The part of vitest's TestProject a globalSetup uses. */
function project(provided: Record<string, unknown>) {
  const given: Record<string, unknown> = {};
  const fake = { getProvidedContext: () => provided, provide: (key: string, value: unknown) => (given[key] = value) };
  return { project: fake as unknown as TestProject, given };
}

const saved = process.env[SHARED_MOCKS_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[SHARED_MOCKS_ENV];
  else process.env[SHARED_MOCKS_ENV] = saved;
});

describe("@finoauth/mock/vitest", () => {
  it("the globalSetup starts the specs in provide.mockSpecs (handed-over mocks that do not cover them all are not used), provides mockUrls, and its teardown stops them", async () => {
    process.env[SHARED_MOCKS_ENV] = JSON.stringify({ finapi: "http://127.0.0.1:9/finapi" });
    const { project: p, given } = project({ mockSpecs: ["fincalc"] });
    const teardown = await setup(p);
    const urls = given.mockUrls as Record<string, string>;
    expect(Object.keys(urls)).toEqual(["fincalc"]);
    const answer = await fetch(`${urls.fincalc}/api/oauth/token`, { method: "POST" });
    expect(answer.status).toBeGreaterThanOrEqual(400); // Prism answered: an empty body breaks the spec
    await teardown();
    await expect(fetch(urls.fincalc!, { signal: AbortSignal.timeout(5_000) })).rejects.toThrow();
  });

  it("says how to name the specs when provide.mockSpecs is missing", async () => {
    await expect(setup(project({}).project)).rejects.toThrow(/provide: \{ mockSpecs: \["finapi"\] \}/);
  });

  it("reuses mocks a parent process hands over in FINOAUTH_MOCK_URLS when they cover every spec", async () => {
    process.env[SHARED_MOCKS_ENV] = JSON.stringify({
      fincalc: "http://127.0.0.1:9/fincalc",
      finapi: "http://127.0.0.1:9/finapi",
      bad: 1,
    });
    expect(sharedMocks()).toEqual({ fincalc: "http://127.0.0.1:9/fincalc", finapi: "http://127.0.0.1:9/finapi" });
    const reused = await mocksFor(["finapi"]);
    expect(reused.urls).toEqual({ finapi: "http://127.0.0.1:9/finapi" });
    await reused.stop();
    expect(sharedMocks({ [SHARED_MOCKS_ENV]: "not json" })).toEqual({});
    expect(sharedMocks({ [SHARED_MOCKS_ENV]: "[1]" })).toEqual({});
  });
});
