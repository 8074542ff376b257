// The record format of encryption at rest, without Redis: every record altered in any field (tag, IV,
// ciphertext, key id, shape) or read under another Redis key (the AAD) is refused as untrusted, and the
// refusal never holds key material, token text or the plaintext. Property tests draw the alterations.
import { randomBytes } from "node:crypto";
import { FinoauthError, isUntrustedRecordError, type TokenSetData } from "@finoauth/auth";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkKeys, open, seal } from "../src/encryption.js";

const REDIS_KEY = "finoauth:{grant:1}:token";
const GRANT = "grant:1";

const tokenData = (accessToken: string, refreshToken: string): TokenSetData => ({
  provider: "oauth2",
  accessToken,
  tokenType: "Bearer",
  expiresAt: 1_700_003_600_000,
  refreshToken,
  scopes: ["read"],
  extras: {},
  obtainedAt: 1_700_000_000_000,
  raw: { access_token: accessToken, refresh_token: refreshToken },
});

/** Two keys (the first encrypts) and a token, drawn. Tokens are 32 hex digits: no message can hold one by chance. */
const setting = fc
  .record({
    key1: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    key2: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    access: fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => `at-${Buffer.from(b).toString("hex")}`),
    refresh: fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => `rt-${Buffer.from(b).toString("hex")}`),
  })
  .filter((s) => !Buffer.from(s.key1).equals(Buffer.from(s.key2))); // two keys, really: "kid = the other key's" must not decrypt
type Setting = typeof setting extends fc.Arbitrary<infer T> ? T : never;

type Sealed = { v: unknown; kid: unknown; iv: unknown; tag: unknown; ct: unknown } & Record<string, unknown>;

/** One alteration of a sealed record: its result, as text, and what it did (for the failure report). */
type Tamper = (record: Sealed, s: Setting) => unknown;

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
const bytesOf = (field: unknown) => Buffer.from(field as string, "base64");
const withBit = (bytes: Buffer, at: number, bit: number) => {
  const copy = Buffer.from(bytes);
  copy[at % copy.length]! ^= 1 << bit;
  return copy;
};

/** Junk Node's lenient base64 decoder skips or stops at, so that the bytes would come out the same. */
const looseSuffix = fc.constantFrom("=", "==", "\n", " ", "!", "*", "\u00e9", "A", "AA", "AAA", "====", "=AAAA");

const field = fc.constantFrom("iv", "tag", "ct");
const tampers: fc.Arbitrary<[string, Tamper]>[] = [
  // The tag cut to any shorter length (4, 8, 12 bytes: what GCM would otherwise verify), or made longer.
  fc
    .integer({ min: 0, max: 15 })
    .map((n) => [`tag cut to ${n} bytes`, (r) => ({ ...r, tag: b64(bytesOf(r.tag).subarray(0, n)) })]),
  fc
    .uint8Array({ minLength: 1, maxLength: 16 })
    .map((extra) => [
      `tag + ${extra.length} bytes`,
      (r) => ({ ...r, tag: b64(Buffer.concat([bytesOf(r.tag), extra])) }),
    ]),
  // The IV at any other length, and one flipped bit in the IV, tag or ciphertext.
  fc
    .integer({ min: 0, max: 32 })
    .filter((n) => n !== 12)
    .map((n) => [
      `iv of ${n} bytes`,
      (r) => ({ ...r, iv: b64(Buffer.concat([bytesOf(r.iv), Buffer.alloc(32)]).subarray(0, n)) }),
    ]),
  fc
    .tuple(field, fc.nat(), fc.integer({ min: 0, max: 7 }))
    .map(([f, at, bit]) => [
      `bit ${bit} of byte ${at} of ${f} flipped`,
      (r) => ({ ...r, [f]: b64(withBit(bytesOf(r[f]), at, bit)) }),
    ]),
  // The ciphertext cut short or extended.
  fc.nat().map((cut) => [`ct cut`, (r) => ({ ...r, ct: b64(bytesOf(r.ct).subarray(0, cut % bytesOf(r.ct).length)) })]),
  fc
    .uint8Array({ minLength: 1, maxLength: 8 })
    .map((extra) => [`ct extended`, (r) => ({ ...r, ct: b64(Buffer.concat([bytesOf(r.ct), extra])) })]),
  // A field written loosely: the same bytes as far as Node's decoder goes, plus junk, whitespace or data after padding.
  fc
    .tuple(field, looseSuffix)
    .map(([f, junk]) => [`${f} + ${JSON.stringify(junk)}`, (r) => ({ ...r, [f]: `${r[f] as string}${junk}` })]),
  // Any other text, or no text, in place of a field; any other key id (the other known key's included).
  fc
    .tuple(fc.constantFrom("iv", "tag", "ct", "kid"), fc.oneof(fc.string(), fc.base64String(), fc.constant("")))
    .map(([f, text]) => [`${f} = ${JSON.stringify(text)}`, (r) => ({ ...r, [f]: text === r[f] ? `${text}A` : text })]),
  fc.constant([`kid = the other key's`, (r: Sealed) => ({ ...r, kid: "k2" })] as [string, Tamper]),
  fc
    .tuple(
      fc.constantFrom("v", "kid", "iv", "tag", "ct"),
      fc.oneof(fc.integer(), fc.constant(null), fc.boolean(), fc.constant([]), fc.constant({})),
    )
    .map(([f, value]) => [
      `${f} = ${JSON.stringify(value)}`,
      (r) => ({ ...r, [f]: f === "v" && value === 1 ? 2 : value }),
    ]),
  // The shape: a field missing, an extra one, a record in clear (planted by someone without the key), not an object.
  fc
    .constantFrom("v", "kid", "iv", "tag", "ct")
    .map((f) => [`without ${f}`, (r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== f))]),
  fc
    .constantFrom("data", "x", "__proto__", "aad", "alg")
    .map((f) => [`extra ${f}`, (r) => JSON.parse(JSON.stringify(r).replace(/^\{/, `{${JSON.stringify(f)}:{},`))]),
  fc.constant([
    `in clear`,
    (_r: Sealed, s: Setting) => ({ v: 1, data: tokenData(`planted-${s.access}`, `planted-${s.refresh}`) }),
  ] as [string, Tamper]),
  fc
    .constantFrom<unknown>([], null, "text", 1)
    .map((value) => [`not an object: ${JSON.stringify(value)}`, () => value]),
];

/** What no refusal may hold: the keys (hex, base64), the tokens, the plaintext. */
const secretsOf = (s: Setting) => [
  Buffer.from(s.key1).toString("hex"),
  Buffer.from(s.key2).toString("hex"),
  b64(s.key1),
  b64(s.key2),
  s.access,
  s.refresh,
];

function refusal(text: string, keys: Map<string, Buffer> | undefined, redisKey = REDIS_KEY): unknown {
  try {
    open(text, keys, redisKey, GRANT);
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("encryption at rest: the record format", () => {
  it("every altered record is refused as untrusted, and the refusal holds no key, token or plaintext", () => {
    fc.assert(
      fc.property(setting, fc.oneof(...tampers), (s, [, tamper]) => {
        const keys = checkKeys({
          keys: [
            { id: "k1", key: s.key1 },
            { id: "k2", key: s.key2 },
          ],
        });
        const sealed = JSON.parse(seal(tokenData(s.access, s.refresh), keys, REDIS_KEY)) as Sealed;
        expect(open(JSON.stringify(sealed), keys, REDIS_KEY, GRANT)).toEqual(tokenData(s.access, s.refresh)); // untouched, it reads
        const error = refusal(JSON.stringify(tamper(sealed, s)), keys);
        expect(isUntrustedRecordError(error)).toBe(true);
        expect(error).toMatchObject({ kind: "malformed_response", retryable: false });
        const shown = `${(error as Error).message}\n${JSON.stringify(error)}`;
        for (const secret of secretsOf(s)) expect(shown).not.toContain(secret);
      }),
      { numRuns: 500 },
    );
  });

  it("a record read under another Redis key (the AAD: another grant's) is refused", () => {
    fc.assert(
      fc.property(setting, fc.string({ minLength: 0, maxLength: 40 }), (s, other) => {
        fc.pre(other !== REDIS_KEY);
        const keys = checkKeys({ keys: [{ id: "k1", key: s.key1 }] });
        const error = refusal(seal(tokenData(s.access, s.refresh), keys, REDIS_KEY), keys, other);
        expect(isUntrustedRecordError(error)).toBe(true);
        for (const secret of secretsOf(s)) expect((error as Error).message).not.toContain(secret);
      }),
      { numRuns: 200 },
    );
  });

  it("the cases named in the issue: tags cut to 4, 8 and 12 bytes, a tag padded with junk, a clear record", () => {
    const keys = checkKeys({ keys: [{ id: "k1", key: randomBytes(32) }] });
    const sealed = JSON.parse(seal(tokenData("at-1", "rt-1"), keys, REDIS_KEY)) as Sealed;
    for (const n of [4, 8, 12]) {
      expect(refusal(JSON.stringify({ ...sealed, tag: b64(bytesOf(sealed.tag).subarray(0, n)) }), keys)).toMatchObject({
        message: expect.stringMatching(new RegExp(`authentication tag is ${n} bytes, not 16`)),
      });
    }
    expect(refusal(JSON.stringify({ ...sealed, tag: `${sealed.tag as string}!!` }), keys)).toMatchObject({
      message: expect.stringMatching(/not strict base64/),
    });
    expect(refusal(JSON.stringify({ ...sealed, kid: "k9" }), keys)).toMatchObject({
      message: expect.stringMatching(/key id "k9", which is not among this store's keys \(k1\)/),
    });
    expect(refusal(JSON.stringify({ ...sealed, kid: "x\u001b[2J" }), keys)).toMatchObject({
      message: expect.stringMatching(/key id \(not shown: not a plain key id\)/),
    });
    const clear = refusal(JSON.stringify({ v: 1, data: tokenData("planted", "planted") }), keys);
    expect(isUntrustedRecordError(clear)).toBe(true);
    expect((clear as Error).message).toMatch(/is stored in clear, but this store encrypts/);
  });

  it("without keys: a record in clear reads; an encrypted one is a configuration error (not untrusted); junk is untrusted", () => {
    const keys = checkKeys({ keys: [{ id: "k1", key: randomBytes(32) }] });
    const data = tokenData("at-2", "rt-2");
    expect(open(seal(data, undefined, REDIS_KEY), undefined, REDIS_KEY, GRANT)).toEqual(data);
    const misconfigured = refusal(seal(data, keys, REDIS_KEY), undefined);
    expect(misconfigured).toBeInstanceOf(FinoauthError);
    expect(isUntrustedRecordError(misconfigured)).toBe(false);
    expect(misconfigured).toMatchObject({
      kind: "invalid_options",
      retryable: false,
      message: expect.stringMatching(/is encrypted \(key id "k1"\) but this store has no encryption keys/),
    });
    for (const junk of [
      "not json",
      "[]",
      "null",
      '{"v":2,"data":{}}',
      '{"v":1,"data":{},"x":1}',
      '{"v":1,"data":null}',
      '{"v":1}',
    ]) {
      expect(isUntrustedRecordError(refusal(junk, undefined))).toBe(true);
    }
  });
});
