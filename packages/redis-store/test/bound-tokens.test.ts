// A sender-constrained token (its cnf: DPoP key or client certificate thumbprint) through RedisTokenStore,
// in clear and encrypted: stored and read back unchanged, and a manager holding another key refuses it
// before use. No key goes into Redis: only the thumbprint, which is public.
import { randomBytes } from "node:crypto";
import { createTokenManager, FinoauthError, TokenSet } from "@finoauth/auth";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { RedisTokenStore } from "../src/index.js";
import { tokenData } from "./support/token-data.js";

const url = inject("redisUrl");
let client: Redis;
beforeAll(async () => {
  client = new Redis(url);
});
afterAll(() => void client.disconnect());

const cnf = {
  jkt: "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I",
  "x5t#S256": "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2",
};

describe("RedisTokenStore and bound tokens", () => {
  for (const encrypted of [false, true]) {
    it(`keeps cnf unchanged${encrypted ? ", encrypted at rest" : ""}, and a manager with another key refuses it`, async () => {
      const prefix = `bound:${randomBytes(4).toString("hex")}:`;
      const store = new RedisTokenStore({
        client,
        prefix,
        ...(encrypted ? { encryption: { keys: [{ id: "k1", key: randomBytes(32) }] } } : {}),
      });
      const token = new TokenSet({ ...tokenData({ tokenType: "DPoP" }), cnf });
      await store.set("grant", token.toData());
      const back = new TokenSet((await store.get("grant")) as never);
      expect(back.cnf).toEqual(cnf);
      expect(back.toData()).toEqual(token.toData());

      const same = createTokenManager({ key: "grant", store, obtain: async () => token, binding: cnf });
      expect((await same.getTokenSet()).accessToken).toBe(token.accessToken);
      const other = createTokenManager({
        key: "grant",
        store,
        obtain: async () => token,
        binding: { ...cnf, jkt: "another-key-thumbprint" },
      });
      const error = await other.getAccessToken().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FinoauthError);
      expect((error as FinoauthError).kind).toBe("binding_mismatch");
    });
  }
});
