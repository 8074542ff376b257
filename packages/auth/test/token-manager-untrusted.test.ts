// A store that refuses to trust a stored record (UntrustedRecordError: an encrypted store that finds a
// record in clear, under an unknown key id, or tampered) makes the token manager treat the grant as absent:
// it obtains anew, overwrites the record, and warns without any secret. Any other read error still fails.
import { describe, expect, it } from "vitest";
import { FinoauthError } from "../src/errors.js";
import { isUntrustedRecordError, MemoryTokenStore, type TokenStore, UntrustedRecordError } from "../src/store.js";
import { createTokenManager } from "../src/token-manager.js";
import { TokenSet } from "../src/token-set.js";

let clock = 1_700_000_000_000;
const now = () => clock;
const HOUR = 3_600_000;

let serial = 0;
function token(name: string): TokenSet {
  const n = ++serial;
  return new TokenSet({
    provider: "oauth2",
    accessToken: `${name}-access-${n}`,
    tokenType: "Bearer",
    expiresAt: clock + HOUR,
    refreshToken: `${name}-refresh-${n}`,
    scopes: [],
    extras: {},
    obtainedAt: clock,
    raw: {},
  });
}

/**
 * A fenced memory store holding a planted record: while `refusal` is set, `get` rejects with it (as an
 * encrypted store does for a record it cannot authenticate); a write replaces the planted record.
 */
function plantedStore(refusal: unknown) {
  const inner = new MemoryTokenStore();
  const state = { refusal: refusal as unknown, writes: [] as TokenSet[] };
  const store: TokenStore = {
    get: (k) => (state.refusal === undefined ? inner.get(k) : Promise.reject(state.refusal)),
    set: async (k, d, o) => {
      await inner.set(k, d, o);
      state.writes.push(new TokenSet(d));
      state.refusal = undefined;
    },
    delete: (k) => inner.delete(k),
    lock: (k, ttl) => inner.lock(k, ttl),
  };
  return { store, state };
}

function recordingLogger() {
  const lines: { level: string; message: string; fields: unknown }[] = [];
  return {
    lines,
    logger: {
      debug: (message: string, fields?: Record<string, unknown>) =>
        void lines.push({ level: "debug", message, fields }),
      warn: (message: string, fields?: Record<string, unknown>) => void lines.push({ level: "warn", message, fields }),
    },
  };
}

const planted = token("planted");
const refusal = () =>
  new UntrustedRecordError(
    `the record stored for grant "g" is in clear, but this store encrypts: refused (planted ${planted.accessToken.length} chars)`,
  );

describe("token manager: a record the store does not trust", () => {
  it("is treated as absent: obtained anew, the record overwritten, warnings without any token", async () => {
    const { store, state } = plantedStore(refusal());
    const { lines, logger } = recordingLogger();
    const fresh = token("fresh");
    let obtains = 0;
    const refreshed: string[] = [];
    const tokens = createTokenManager({
      key: "g",
      store,
      now,
      logger,
      obtain: async () => (obtains++, fresh),
      refresh: async (c) => (refreshed.push(c.refreshToken!), token("r")),
    });
    expect(await tokens.getAccessToken()).toBe(fresh.accessToken);
    expect(obtains).toBe(1);
    expect(refreshed).toEqual([]);
    expect(state.writes.map((t) => t.accessToken)).toEqual([fresh.accessToken]);
    expect((await store.get("g"))?.accessToken).toBe(fresh.accessToken);
    const warnings = lines.filter((l) => l.level === "warn");
    expect(warnings.length).toBeGreaterThan(0); // one per read of the record: before the lock, and under it
    for (const warning of warnings)
      expect(warning).toMatchObject({
        message: expect.stringMatching(/not trusted/),
        fields: { key: "g", kind: "malformed_response", retryable: false },
      });
    const logged = JSON.stringify(lines);
    for (const secret of [planted.accessToken, planted.refreshToken!, fresh.accessToken, fresh.refreshToken!])
      expect(logged).not.toContain(secret);
  });

  it("never lends its refresh token: a manager holding a trusted token refreshes with its own", async () => {
    const { store, state } = plantedStore(undefined);
    const first = token("first");
    const refreshed: string[] = [];
    const tokens = createTokenManager({
      key: "g",
      store,
      now,
      obtain: async () => token("o"),
      refresh: async (c) => (refreshed.push(c.refreshToken!), token("next")),
    });
    await tokens.set(first);
    state.refusal = refusal(); // someone plants a record; this manager's token then nears expiry
    clock += HOUR;
    const got = await tokens.getTokenSet();
    expect(refreshed).toEqual([first.refreshToken]);
    expect(state.writes.at(-1)?.accessToken).toBe(got.accessToken);
    expect(state.refusal).toBeUndefined(); // overwritten
  });

  it("recognises the marker from another copy of the package (the error is passed through, not wrapped)", async () => {
    const foreign = Object.assign(new Error("untrusted record (another copy)"), { untrustedRecord: true });
    expect(isUntrustedRecordError(foreign)).toBe(true);
    expect(isUntrustedRecordError(new FinoauthError({ kind: "malformed_response" }))).toBe(false);
    const { store } = plantedStore(foreign);
    const fresh = token("fresh");
    const tokens = createTokenManager({ key: "g", store, now, obtain: async () => fresh });
    expect(await tokens.getAccessToken()).toBe(fresh.accessToken);
  });

  it("any other read error still fails the call, and nothing is obtained or overwritten", async () => {
    const misconfigured = new FinoauthError({
      kind: "invalid_options",
      description: 'the token stored for grant "g" is encrypted but this store has no encryption keys',
    });
    const { store, state } = plantedStore(misconfigured);
    let obtains = 0;
    const tokens = createTokenManager({ key: "g", store, now, obtain: async () => (obtains++, token("o")) });
    await expect(tokens.getAccessToken()).rejects.toBe(misconfigured);
    expect(obtains).toBe(0);
    expect(state.writes).toEqual([]);
  });
});
