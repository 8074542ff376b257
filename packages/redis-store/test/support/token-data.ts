// Token data for the store's tests: a fresh, distinct access and refresh token per call (so that a test
// can tell which write won), valid for an hour unless overridden.
import { randomBytes } from "node:crypto";
import type { TokenSetData } from "@finoauth/auth";

let serial = 0;

/** A TokenSetData with unique tokens, an hour to live, and `overrides` on top. */
export function tokenData(overrides: Partial<TokenSetData> = {}): TokenSetData {
  const n = ++serial;
  return {
    provider: "oauth2",
    accessToken: `access-${n}-${randomBytes(8).toString("hex")}`,
    tokenType: "Bearer",
    expiresAt: Date.now() + 3_600_000,
    refreshToken: `refresh-${n}-${randomBytes(8).toString("hex")}`,
    scopes: ["read"],
    extras: {},
    obtainedAt: Date.now(),
    raw: { n },
    ...overrides,
  };
}
