// Every number from the network that becomes a time or a count is bounded at the reader: a value out of
// range is `malformed_response`, and whatever the reader accepts, printing the token never throws.
import { inspect } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_COUNT, MAX_INSTANT_MS, MAX_LIFETIME_SECONDS, MAX_RETRY_AFTER_MS } from "../src/bounds.js";
import { type AnswerContext, classify, readToken } from "../src/classify.js";
import { FinoauthError } from "../src/errors.js";
import { createProvider } from "../src/providers/all.js";
import { parseRetryAfter } from "../src/retry.js";
import { TokenSet } from "../src/token-set.js";
import { RFC6749_ERRORS, type TokenShape } from "../src/token-shape.js";
import { rejection } from "./support/prism.js";

const NOW = 1_700_000_000_000;

/** SynapseFI's layout: numeric strings, an absolute expiry, a count among the extras. */
const SYNAPSE_LIKE: TokenShape = {
  accessToken: "access_token",
  expiresIn: { numericStrings: true },
  expiresAt: "expires_at",
  extras: { usesLeft: { path: "uses_left", type: "count" } },
};

function read(body: Record<string, unknown>, shape: TokenShape = { accessToken: "access_token" }) {
  const context: AnswerContext = { provider: "p", token: shape, errors: RFC6749_ERRORS, secrets: [], now: NOW };
  return readToken(classify({ status: 200, headers: new Headers(), text: JSON.stringify(body), json: body }, context));
}

/** Every printer a logger may use. */
const printAll = (token: TokenSet) => [
  JSON.stringify(token),
  String(token),
  `${token}`,
  inspect(token),
  inspect({ token }, { depth: 5 }),
];

/** Numbers of every scale and sign, the edges of each bound among them. */
const anyNumber = fc.oneof(
  fc.double({ noNaN: false }),
  fc.integer(),
  fc.constantFrom(
    0,
    -0,
    1,
    1e13,
    1e300,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.MAX_SAFE_INTEGER,
    8.64e12,
    8.64e15,
    MAX_LIFETIME_SECONDS,
    MAX_LIFETIME_SECONDS + 1,
    MAX_INSTANT_MS / 1000,
    MAX_INSTANT_MS / 1000 + 1,
    NOW / 1000,
    NOW / 1000 + 1,
    MAX_COUNT,
    MAX_COUNT + 1,
    Infinity,
    -Infinity,
  ),
);
/** The same as the strings a provider writing numbers as text may send, and digit strings of any length. */
const anyNumeric = fc.oneof(anyNumber, anyNumber.map(String), fc.stringMatching(/^\d{1,40}(\.\d{1,5})?$/));

/** What the reader does: a token, or a FinoauthError it refused the answer with (anything else fails the test). */
function outcome(run: () => TokenSet): TokenSet | FinoauthError {
  try {
    return run();
  } catch (error) {
    expect(error).toBeInstanceOf(FinoauthError);
    expect((error as FinoauthError).kind).toBe("malformed_response");
    return error as FinoauthError;
  }
}

describe("numbers out of range are refused at the reader", () => {
  it("expires_in: any accepted value is in range and the token prints; out of range is malformed_response", () => {
    fc.assert(
      fc.property(anyNumeric, (value) => {
        const result = outcome(() =>
          read(
            { access_token: "a", expires_in: value },
            { accessToken: "access_token", expiresIn: { numericStrings: true } },
          ),
        );
        const n = Number(value);
        // In range: a lifetime of at most 100 years that ends after now (5e-324 s ends at now itself).
        const inRange = Number.isFinite(n) && n <= MAX_LIFETIME_SECONDS && NOW + n * 1000 > NOW;
        if (result instanceof TokenSet) {
          expect(inRange).toBe(true);
          expect(result.expiresAt).toBe(NOW + n * 1000);
          for (const text of printAll(result)) expect(text).toContain("Bearer");
        } else if (typeof value === "number" || /^\d+(\.\d+)?$/.test(String(value))) {
          // A well-formed number is refused only for its range.
          expect(inRange).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("expires_at, uses_left (numeric strings too): accepted values print; out of range is malformed_response", () => {
    fc.assert(
      fc.property(anyNumeric, anyNumeric, (at, uses) => {
        const result = outcome(() => read({ access_token: "a", expires_at: at, uses_left: uses }, SYNAPSE_LIKE));
        if (result instanceof TokenSet) {
          expect(result.expiresAt).toBeGreaterThan(NOW);
          expect(result.expiresAt).toBeLessThanOrEqual(MAX_INSTANT_MS);
          expect(result.extras.usesLeft).toBeLessThanOrEqual(MAX_COUNT);
          for (const text of printAll(result)) expect(text).toContain("Bearer");
        }
      }),
      { numRuns: 500 },
    );
  });

  it("the quoted cases: expires_in 1e13, an expires_at past the Date range, a count past 2^53", () => {
    for (const [body, why] of [
      [{ access_token: "a", expires_in: 1e13 }, /expires_in is out of range/],
      [{ access_token: "a", expires_in: "99999999999999999999" }, /expires_in is out of range/],
      [{ access_token: "a", expires_at: "9".repeat(20) }, /expires_at is out of range/],
      [{ access_token: "a", expires_at: 8.64e12 + 1 }, /expires_at is out of range/],
      [{ access_token: "a", expires_in: 60, expires_at: 1e17 }, /expires_at is out of range/],
      [{ access_token: "a", expires_in: 60, uses_left: "90071992547409930" }, /uses_left is out of range/],
    ] as const) {
      expect(() => read(body, SYNAPSE_LIKE)).toThrow(why);
    }
    // The largest lifetime and the last instant are taken, and print.
    expect(JSON.stringify(read({ access_token: "a", expires_in: MAX_LIFETIME_SECONDS }))).toContain(
      '"expiresAt":"2123-',
    );
    expect(String(read({ access_token: "a", expires_at: Math.floor(MAX_INSTANT_MS / 1000) }, SYNAPSE_LIKE))).toContain(
      "9999-12-31T23:59:59.000Z",
    );
  });

  it("a TokenSet cannot hold what its printers cannot print", () => {
    const base = {
      provider: "p",
      accessToken: "a",
      tokenType: "Bearer",
      scopes: [],
      extras: {},
      obtainedAt: NOW,
      raw: {},
    };
    for (const bad of [
      { expiresAt: 8.64e15 + 1 },
      { expiresAt: MAX_INSTANT_MS + 1 },
      { expiresAt: -1 },
      { expiresAt: Number.NaN },
      { obtainedAt: Infinity },
      { extras: { n: 10n } },
      { extras: { n: Number.NaN } },
      { scopes: [1] },
    ]) {
      expect(() => new TokenSet({ ...base, ...bad } as never)).toThrow(
        expect.objectContaining({ kind: "invalid_options" }),
      );
    }
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.constant(undefined)), fc.double(), (expiresAt, obtainedAt) => {
        let token: TokenSet;
        try {
          token = new TokenSet({ ...base, expiresAt, obtainedAt });
        } catch (error) {
          expect(error).toMatchObject({ kind: "invalid_options" });
          return;
        }
        for (const text of printAll(token)) expect(text).toContain("Bearer");
      }),
      { numRuns: 300 },
    );
  });

  it("Retry-After is held at the longest wait a timer can hold, never Infinity", () => {
    expect(parseRetryAfter("9".repeat(400))).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter("99999999999")).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter("Fri, 31 Dec 275759 23:59:59 GMT", 0)).toBeLessThanOrEqual(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter("120")).toBe(120_000);
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,30}$/), (digits) => {
        const ms = parseRetryAfter(digits)!;
        expect(Number.isFinite(ms) && ms >= 0 && ms <= MAX_RETRY_AFTER_MS).toBe(true);
      }),
    );
  });

  it("introspection's exp/iat/nbf past the year 9999 are malformed_response", async () => {
    for (const exp of [1e13, 8.64e12 + 1, -1]) {
      const fetch = async () => Response.json({ active: true, exp });
      const provider = createProvider("oauth2", {
        clientId: "c",
        clientSecret: "s",
        baseUrl: "http://127.0.0.1:9",
        fetch,
        retry: { retries: 0 },
      });
      expect(await rejection(provider.introspect({ token: "t" }))).toMatchObject({
        kind: "malformed_response",
        description: expect.stringMatching(/exp is not a Unix time/),
      });
    }
  });
});

describe("a token already expired when it arrives", () => {
  it("expires_in 0, or an expires_at not in the future, is malformed_response saying so", () => {
    expect(() => read({ access_token: "a", expires_in: 0 })).toThrow(/arrived already expired \(expires_in: 0\)/);
    expect(() => read({ access_token: "a", expires_in: "0" }, SYNAPSE_LIKE)).toThrow(/arrived already expired/);
    expect(() => read({ access_token: "a", expires_at: NOW / 1000 }, SYNAPSE_LIKE)).toThrow(
      /arrived already expired \(expires_at is not in the future\)/,
    );
    expect(() => read({ access_token: "a", expires_at: "1498297390" }, SYNAPSE_LIKE)).toThrow(
      /arrived already expired/,
    );
    expect(read({ access_token: "a", expires_at: NOW / 1000 + 1 }, SYNAPSE_LIKE).expiresAt).toBe(NOW + 1000);
  });
});
