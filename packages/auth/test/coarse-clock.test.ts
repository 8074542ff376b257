// The cached read's coarse clock: never early, at most a window late, and a cached getAccessToken() on the
// default clock that does not read Date.now() per call, while a token near its deadline is still judged by
// the exact clock.
import { afterEach, describe, expect, it, vi } from "vitest";
import { coarseNow } from "../src/coarse-clock.js";
import { createTokenManager } from "../src/token-manager.js";
import { TokenSet } from "../src/token-set.js";

const HOUR = 3_600_000;
const tokenSet = (n: number, expiresAt: number, obtainedAt = Date.now()) =>
  new TokenSet({
    provider: "oauth2",
    accessToken: `access-${n}`,
    tokenType: "Bearer",
    expiresAt,
    scopes: [],
    extras: {},
    obtainedAt,
    raw: {},
  });

afterEach(() => {
  vi.restoreAllMocks();
});

describe("coarseNow", () => {
  it("is never earlier than Date.now() and at most one second later, across window changes", async () => {
    for (let i = 0; i < 30; i++) {
      const before = Date.now();
      const coarse = coarseNow();
      const after = Date.now();
      expect(coarse).toBeGreaterThanOrEqual(after);
      // The window's reading is taken inside coarseNow(), after \`before\`: bound it by \`after\`.
      expect(coarse).toBeLessThanOrEqual(after + 1_000);
      expect(coarse).toBeGreaterThan(before);
      await new Promise((resolve) => setTimeout(resolve, i % 10 === 0 ? 120 : 1));
    }
  });
});

describe("a cached getAccessToken() on the default clock", () => {
  it("reads Date.now() at most a few times for a thousand cached reads", async () => {
    let n = 0;
    const tokens = createTokenManager({ key: "coarse-1", obtain: async () => tokenSet(++n, Date.now() + HOUR) });
    await tokens.getAccessToken();
    const clock = vi.spyOn(Date, "now");
    for (let i = 0; i < 1_000; i++) expect(await tokens.getAccessToken()).toBe("access-1");
    expect(clock.mock.calls.length).toBeLessThanOrEqual(2);
  });

  it("a token within a second of stale is judged by the exact clock: fresh until its deadline, then renewed", async () => {
    let n = 0;
    const deadline = Date.now() + 400;
    const obtain = vi.fn(async () =>
      ++n === 1 ? tokenSet(n, deadline, deadline - HOUR) : tokenSet(n, Date.now() + HOUR),
    );
    const tokens = createTokenManager({ key: "coarse-2", obtain, refreshMarginMs: 0, clockSkewMs: 0 });
    expect(await tokens.getAccessToken()).toBe("access-1");
    // The coarse clock cannot prove this token fresh (its deadline is inside the window); Date.now() can.
    if (Date.now() < deadline - 50) expect(await tokens.getAccessToken()).toBe("access-1");
    while (Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await tokens.getAccessToken()).toBe("access-2");
    expect(obtain).toHaveBeenCalledTimes(2);
  });
});
