// A token already expired when it arrives is refused, and a short-lived one is renewed once per half
// life, never on every call: through createTokenManager, on a fake clock (nothing here depends on time).
import { describe, expect, it } from "vitest";
import { createProvider } from "../src/providers/all.js";
import { createTokenManager } from "../src/token-manager.js";
import { rejection } from "./support/prism.js";

let clock = 1_700_000_000_000;
const now = () => clock;

/** The generic provider over a fetch that answers `body` and counts the requests. */
function serving(body: () => Record<string, unknown>) {
  const sent = { n: 0 };
  const fetch = async () => (sent.n++, Response.json(body()));
  const provider = createProvider("oauth2", {
    clientId: "c",
    clientSecret: "s",
    baseUrl: "http://127.0.0.1:9",
    fetch,
    now,
    retry: { retries: 0 },
  });
  return { sent, provider };
}

describe("already expired on arrival", () => {
  it("expires_in 0: every caller gets malformed_response, one request per need, no loop", async () => {
    const { sent, provider } = serving(() => ({
      access_token: "dead-on-arrival",
      token_type: "Bearer",
      expires_in: 0,
    }));
    expect(await rejection(provider.clientCredentials())).toMatchObject({
      kind: "malformed_response",
      description: expect.stringMatching(/already expired/),
    });
    sent.n = 0;
    const manager = createTokenManager({ key: "zero", now, obtain: () => provider.clientCredentials() });
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => manager.getAccessToken()));
    expect(
      outcomes.every((o) => o.status === "rejected" && (o.reason as { kind: string }).kind === "malformed_response"),
    ).toBe(true);
    expect(sent.n).toBe(1);
  });

  it("an absolute expiry in the past (SynapseFI's expires_at) is malformed_response", async () => {
    const fetch = async () => Response.json({ oauth_key: "k", expires_at: String(Math.floor(clock / 1000) - 10) });
    const synapse = createProvider("synapsefi", {
      clientId: "c",
      clientSecret: "s",
      fingerprint: "f",
      ipAddress: "203.0.113.7",
      userId: "u",
      baseUrl: "http://127.0.0.1:9",
      fetch,
      now,
      retry: { retries: 0 },
    });
    expect(await rejection(synapse.refresh({ refreshToken: "r" }))).toMatchObject({
      kind: "malformed_response",
      description: expect.stringMatching(/already expired \(expires_at/),
    });
  });
});

describe("a token that lives shorter than the refresh margin", () => {
  it("is renewed at half its life, not on every call", async () => {
    let n = 0;
    // 30 s: shorter than the default margin (60 s + 5 s of clock skew).
    const { sent, provider } = serving(() => ({ access_token: `short-${++n}`, token_type: "Bearer", expires_in: 30 }));
    const manager = createTokenManager({ key: "short", now, obtain: () => provider.clientCredentials() });
    expect(new Set(await Promise.all(Array.from({ length: 20 }, () => manager.getAccessToken())))).toEqual(
      new Set(["short-1"]),
    );
    for (let i = 0; i < 20; i++) expect(await manager.getAccessToken()).toBe("short-1");
    expect(sent.n).toBe(1);
    clock += 14_000;
    expect(await manager.getAccessToken()).toBe("short-1");
    clock += 2_000; // past half its life: renewed once
    expect(await manager.getAccessToken()).toBe("short-2");
    for (let i = 0; i < 20; i++) expect(await manager.getAccessToken()).toBe("short-2");
    expect(sent.n).toBe(2);
  });
});
