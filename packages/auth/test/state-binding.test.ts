import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryStateStore, type PendingAuthorization, type StateStore } from "../src/index.js";
import { createProvider } from "../src/providers/all.js";
import { rejection, usePrism } from "./support/prism.js";

const prism = usePrism("oauth2");
const cb = "https://client.example.com/cb";
const CODE = "SplxlOBeZQQYbYS6WxSbIA";
const client = { clientId: "s6BhdRkqt3", clientSecret: "7Fjfp0ZBr1KtDRbnfVdmIw", redirectUri: cb };

/** A second bank's token endpoint: records what reaches it (nothing should). */
function otherBank() {
  const sent: Request[] = [];
  return {
    sent,
    fetch: async (request: Request) => (
      sent.push(request), Response.json({ access_token: "other-bank-token", token_type: "Bearer" })
    ),
  };
}

describe("a pending state is bound to the provider instance (id, client id, server, token endpoint, issuer)", () => {
  it("two generic providers for two servers sharing a store never take each other's states; the state still works at its own", async () => {
    const stateStore = new MemoryStateStore();
    const bank = otherBank();
    const a = createProvider("oauth2", { ...client, baseUrl: prism.url(), fetch: prism.fetch, stateStore });
    const b = createProvider("oauth2", {
      ...client,
      baseUrl: "https://bank-b.example.com/oauth",
      fetch: bank.fetch,
      stateStore,
    });
    const { state } = await a.authorizationUrl();
    // The code and PKCE verifier would go to bank B's token endpoint: refused, and the state is not used up.
    await expect(b.handleCallback(`${cb}?code=${CODE}&state=${state}`)).rejects.toMatchObject({
      kind: "callback",
      reason: "unknown_state",
    });
    expect(bank.sent).toHaveLength(0);
    expect((await a.handleCallback(`${cb}?code=${CODE}&state=${state}`)).accessToken).toBe(
      prism.example("/token", 200, "withRefreshToken").access_token,
    );
  });

  it.each([
    [
      "another token endpoint on the same base URL",
      { endpoints: { token: "https://bank-b.example.com/realms/b/token" } },
    ],
    ["another client id", { clientId: "another-client" }],
    ["another issuer", { issuer: "https://bank-b.example.com" }],
  ])("an instance with %s refuses the state", async (_, differs) => {
    const stateStore = new MemoryStateStore();
    const bank = otherBank();
    const a = createProvider("oauth2", { ...client, baseUrl: prism.url(), fetch: prism.fetch, stateStore });
    const b = createProvider("oauth2", { ...client, baseUrl: prism.url(), fetch: bank.fetch, stateStore, ...differs });
    const { state } = await a.authorizationUrl();
    await expect(b.handleCallback(`${cb}?code=${CODE}&state=${state}`)).rejects.toMatchObject({
      reason: "unknown_state",
    });
    expect(bank.sent).toHaveLength(0);
    expect((await a.handleCallback(`${cb}?code=${CODE}&state=${state}`)).accessToken).toBeTruthy();
  });

  it("a record of another instance read back under this one's key (a store that ignores keys) is wrong_provider, and nothing is sent", async () => {
    const records: PendingAuthorization[] = [];
    const leaky: StateStore = {
      put: async (_key, value) => void records.push(value),
      take: async () => records.shift(),
    };
    const bank = otherBank();
    const a = createProvider("oauth2", { ...client, baseUrl: prism.url(), fetch: prism.fetch, stateStore: leaky });
    const b = createProvider("oauth2", {
      ...client,
      baseUrl: "https://bank-b.example.com",
      fetch: bank.fetch,
      stateStore: leaky,
    });
    const { state } = await a.authorizationUrl();
    await expect(b.handleCallback(`${cb}?code=${CODE}&state=${state}`)).rejects.toMatchObject({
      reason: "wrong_provider",
      description: "the state was issued for another provider or server",
    });
    expect(bank.sent).toHaveLength(0);
  });

  it("instances with the same configuration (several processes) share states", async () => {
    const stateStore = new MemoryStateStore();
    const options = { ...client, baseUrl: `${prism.url()}/`, fetch: prism.fetch, stateStore };
    const { state } = await createProvider("oauth2", options).authorizationUrl();
    expect(
      (
        await createProvider("oauth2", { ...options, baseUrl: prism.url() }).handleCallback(
          `${cb}?code=${CODE}&state=${state}`,
        )
      ).accessToken,
    ).toBeTruthy();
  });
});

/** A store that keeps records as JSON (dropping `undefined`) and lets a test change one on its way back. */
function lossyStore(change: (record: Record<string, unknown>) => unknown = (record) => record) {
  const entries = new Map<string, string>();
  return {
    takes: 0,
    async put(key: string, value: PendingAuthorization) {
      entries.set(key, JSON.stringify(value));
    },
    async take(key: string) {
      const text = entries.get(key);
      entries.delete(key);
      return text === undefined ? undefined : (change(JSON.parse(text)) as PendingAuthorization);
    },
  };
}

describe("a pending state read back from a store is checked field by field, failing closed", () => {
  const withStore = (stateStore: StateStore, now: () => number = Date.now, extra: Record<string, unknown> = {}) =>
    createProvider("oauth2", { ...client, baseUrl: prism.url(), fetch: prism.fetch, stateStore, now, ...extra });

  it("a JSON round trip keeps a state usable", async () => {
    const provider = withStore(lossyStore());
    const { state } = await provider.authorizationUrl();
    expect((await provider.handleCallback(`${cb}?code=${CODE}&state=${state}`)).accessToken).toBeTruthy();
  });

  it.each<[string, (record: Record<string, unknown>) => unknown, string]>([
    ["expiresAt dropped", ({ expiresAt, ...rest }) => rest, "expired_state"],
    ["expiresAt as text", (record) => ({ ...record, expiresAt: String(record.expiresAt) }), "expired_state"],
    ["expiresAt null (NaN through JSON)", (record) => ({ ...record, expiresAt: null }), "expired_state"],
    [
      "expiresAt in seconds a thousand times too far",
      (record) => ({ ...record, expiresAt: (record.expiresAt as number) * 1000 }),
      "expired_state",
    ],
    ["expiresAt a year ahead", (record) => ({ ...record, expiresAt: Date.now() + 365 * 86_400_000 }), "expired_state"],
    ["codeVerifier dropped", ({ codeVerifier, ...rest }) => rest, "unknown_state"],
    ["codeVerifier a number", (record) => ({ ...record, codeVerifier: 42 }), "unknown_state"],
    ["instance dropped", ({ instance, ...rest }) => rest, "unknown_state"],
    ["provider dropped", ({ provider, ...rest }) => rest, "unknown_state"],
    ["state dropped", ({ state, ...rest }) => rest, "unknown_state"],
    ["redirectUri a number", (record) => ({ ...record, redirectUri: 1 }), "unknown_state"],
    [
      "redirectUri turned into javascript:",
      (record) => ({ ...record, redirectUri: "javascript:alert(1)" }),
      "unknown_state",
    ],
    ["the record null", () => null, "unknown_state"],
    ["the record a string", () => "pending", "unknown_state"],
  ])("%s: refused as %s, nothing sent", async (_, change, reason) => {
    const provider = withStore(lossyStore(change));
    const { state } = await provider.authorizationUrl();
    await expect(provider.handleCallback(`${cb}?code=${CODE}&state=${state}`)).rejects.toMatchObject({
      kind: "callback",
      reason,
    });
    expect(prism.requests()).toHaveLength(0);
  });

  it("an issuer dropped by the store does not turn the RFC 9207 iss check off", async () => {
    const provider = withStore(
      lossyStore(({ issuer, issuerRequired, ...rest }) => rest),
      Date.now,
      { issuer: "https://as.example.com", requireIssuerParameter: true },
    );
    const { state } = await provider.authorizationUrl();
    await expect(
      provider.handleCallback(`${cb}?code=${CODE}&state=${state}&iss=https://evil.example.com`),
    ).rejects.toMatchObject({ reason: "unknown_state" });
    expect(prism.requests()).toHaveLength(0);
  });

  it("property: any field of the record replaced by another value is refused, and nothing is sent", async () => {
    let now = 1_000_000_000_000;
    const fields = ["state", "provider", "instance", "expiresAt", "codeVerifier", "issuer", "issuerRequired"] as const;
    // Values that would pass for the field they replace (a live expiry, a well-formed verifier) are no tampering.
    const passes = (field: string, value: unknown) =>
      (field === "expiresAt" && typeof value === "number" && value > now && value <= now + 11 * 60_000) ||
      (field === "codeVerifier" && typeof value === "string" && /^[A-Za-z0-9._~-]{43,128}$/.test(value)) ||
      (field === "issuerRequired" && (value === undefined || value === false));
    let tampering: [string, unknown] = ["state", undefined];
    const store = lossyStore((record) => ({ ...record, [tampering[0]]: tampering[1] }));
    const provider = withStore(store, () => now, { issuer: "https://as.example.com" });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), fc.anything(), async (field, value) => {
        const { state } = await provider.authorizationUrl();
        fc.pre(
          !passes(field, value) &&
            JSON.stringify(value) !==
              JSON.stringify({ issuer: "https://as.example.com", provider: "oauth2", state }[field as string]),
        );
        tampering = [field, value];
        const error = await rejection(
          provider.handleCallback(`${cb}?code=${CODE}&state=${state}&iss=https://as.example.com`),
        );
        expect(error).toMatchObject({
          kind: "callback",
          reason: expect.stringMatching(/^(unknown_state|expired_state|wrong_provider)$/),
        });
        now += 1;
      }),
      { numRuns: 300 },
    );
    expect(prism.requests()).toHaveLength(0);
  });
});
