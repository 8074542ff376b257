// randomToken draws its bytes from a pooled CSPRNG draw (pkce.ts): state, PKCE verifiers, DPoP proofs'
// and client assertions' jti. Each byte handed out once, lengths exact, few system calls.
import { afterEach, describe, expect, it, vi } from "vitest";
import { randomToken } from "../src/pkce.js";

const decode = (token: string) => Buffer.from(token, "base64url");

afterEach(() => vi.restoreAllMocks());

describe("randomToken", () => {
  it("gives base64url strings of exactly the bytes asked for, beyond the pool's size too", () => {
    for (const [bytes, length] of [
      [16, 22],
      [24, 32],
      [32, 43],
      [5000, 6667],
    ] as const) {
      const token = randomToken(bytes);
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(token).toHaveLength(length);
      expect(decode(token)).toHaveLength(bytes);
    }
  });

  it("never hands the same bytes out twice, across many refills of the pool", () => {
    const tokens = Array.from({ length: 20_000 }, () => randomToken(16));
    expect(new Set(tokens).size).toBe(tokens.length);
    // No 8-byte window of one token appears in another (a reused pool slice would repeat whole tokens or halves).
    const halves = new Set(
      tokens.flatMap((token) => [
        decode(token).subarray(0, 8).toString("hex"),
        decode(token).subarray(8).toString("hex"),
      ]),
    );
    expect(halves.size).toBe(tokens.length * 2);
  });

  it("spreads its bytes evenly (each of 256 values within 30 % of its share in 1 MiB)", () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 32_768; i++) for (const byte of decode(randomToken(32))) counts[byte]!++;
    const expected = (32_768 * 32) / 256;
    for (const count of counts) expect(Math.abs(count - expected)).toBeLessThan(expected * 0.3);
  });

  it("makes one system draw for many tokens, not one each", () => {
    const draws = vi.spyOn(crypto, "getRandomValues");
    for (let i = 0; i < 100; i++) randomToken(32);
    // 3,200 bytes from 4 KiB draws: one or two (the pool may have been part used before).
    expect(draws.mock.calls.length).toBeLessThanOrEqual(2);
  });
});
