import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryStateStore, type PendingAuthorization, type StateStore } from "../src/index.js";
import { createProvider } from "../src/providers/all.js";
import { rejection, usePrism } from "./support/prism.js";

const prism = usePrism("oauth2");
const cb = "https://client.example.com/cb";
const CODE = "SplxlOBeZQQYbYS6WxSbIA";

/** A memory store that counts its takes: a callback refused while parsing never touches the store. */
function countingStore() {
  const inner = new MemoryStateStore();
  const store = {
    takes: 0,
    put: (key: string, value: PendingAuthorization) => inner.put(key, value),
    take(key: string) {
      store.takes++;
      return inner.take(key);
    },
  };
  return store satisfies StateStore;
}

function setup() {
  const stateStore = countingStore();
  const provider = createProvider("oauth2", {
    clientId: "s6BhdRkqt3",
    clientSecret: "7Fjfp0ZBr1KtDRbnfVdmIw",
    baseUrl: prism.url(),
    fetch: prism.fetch,
    redirectUri: cb,
    stateStore,
  });
  return { provider, stateStore };
}

describe("callback parsing (RFC 6749 §3.1, §4.1.2, Appendix A)", () => {
  it.each(["code", "state", "iss", "error", "error_description", "error_uri"])(
    "refuses a repeated %s before the store is touched; the state still works afterwards",
    async (name) => {
      const { provider, stateStore } = setup();
      const { state } = await provider.authorizationUrl();
      const query = new URLSearchParams({ code: CODE, state });
      query.append(name, name === "state" ? state : "again");
      if (name !== "code" && name !== "state") query.append(name, "first");
      const error = await rejection(provider.handleCallback(`${cb}?${query}`));
      expect(error).toMatchObject({
        kind: "callback",
        reason: "repeated_parameter",
        description: expect.stringContaining(`"${name}"`),
      });
      expect(error.description).toContain("RFC 6749 §3.1");
      expect(stateStore.takes).toBe(0);
      expect(prism.requests()).toHaveLength(0);
      expect((await provider.handleCallback(`${cb}?code=${CODE}&state=${state}`)).accessToken).toBeTruthy();
    },
  );

  it("sees through percent-encoded names: st%61te and c%6Fde are state and code", async () => {
    const { provider, stateStore } = setup();
    const { state } = await provider.authorizationUrl();
    await expect(provider.handleCallback(`${cb}?code=${CODE}&state=${state}&st%61te=${state}`)).rejects.toMatchObject({
      reason: "repeated_parameter",
    });
    await expect(provider.handleCallback(`${cb}?c%6Fde=evil&state=${state}&code=${CODE}`)).rejects.toMatchObject({
      reason: "repeated_parameter",
    });
    expect(stateStore.takes).toBe(0);
  });

  it("refuses response parameters in the fragment (a fragment answer is never read), and ignores a harmless fragment", async () => {
    const { provider, stateStore } = setup();
    const { state } = await provider.authorizationUrl();
    await expect(provider.handleCallback(`${cb}#code=${CODE}&state=${state}`)).rejects.toMatchObject({
      reason: "malformed_callback",
      description: expect.stringMatching(/fragment.*RFC 6749 §4\.1\.2/),
    });
    await expect(provider.handleCallback(`${cb}?state=${state}#code=${CODE}`)).rejects.toMatchObject({
      reason: "malformed_callback",
    });
    await expect(provider.handleCallback(`${cb}?code=${CODE}&state=${state}#access_token=x`)).rejects.toMatchObject({
      reason: "malformed_callback",
    });
    expect(stateStore.takes).toBe(0);
    // Some servers append "#_=_" to every redirect: no response parameter, nothing to refuse.
    expect((await provider.handleCallback(`${cb}?code=${CODE}&state=${state}#_=_`)).accessToken).toBeTruthy();
  });

  it("treats an empty state or code as missing, refuses an empty error, and never looks up a state it cannot have made", async () => {
    const { provider, stateStore } = setup();
    const { state } = await provider.authorizationUrl();
    await expect(provider.handleCallback(`${cb}?code=${CODE}&state=`)).rejects.toMatchObject({
      reason: "missing_state",
    });
    await expect(provider.handleCallback(`${cb}?error=&state=${state}`)).rejects.toMatchObject({
      reason: "malformed_callback",
    });
    for (const forged of ["x", `${state}A`, state.slice(1), `${state.slice(0, -1)}+`, "!".repeat(43)]) {
      await expect(provider.handleCallback(`${cb}?code=${CODE}&state=${forged}`)).rejects.toMatchObject({
        reason: "unknown_state",
      });
    }
    expect(stateStore.takes).toBe(0);
    await expect(provider.handleCallback(`${cb}?code=&state=${state}`)).rejects.toMatchObject({
      reason: "missing_code",
    });
    expect(prism.requests()).toHaveLength(0);
  });

  it("refuses a callback URL over 16 KiB before reading it", async () => {
    const { provider, stateStore } = setup();
    const { state } = await provider.authorizationUrl();
    const huge = `${cb}?code=${CODE}&state=${state}&padding=${"a".repeat(16 * 1024)}`;
    await expect(provider.handleCallback(huge)).rejects.toMatchObject({
      kind: "callback",
      reason: "malformed_callback",
      description: expect.stringMatching(/longer than 16384/),
    });
    expect(stateStore.takes).toBe(0);
  });

  it("refuses characters RFC 6749 Appendix A does not allow (CR/LF that would forge a log line, NUL, non-ASCII)", async () => {
    const { provider, stateStore } = setup();
    const { state } = await provider.authorizationUrl();
    for (const bad of [
      `code=a%0Ab&state=${state}`,
      `code=a%00&state=${state}`,
      `code=caf%C3%A9&state=${state}`,
      `error=access_denied&error_description=no%0D%0AFAKE%20LOG&state=${state}`,
      `error=a%22b&state=${state}`,
      `code=x&state=${state}&iss=a%0A`,
    ]) {
      const error = await rejection(provider.handleCallback(`${cb}?${bad}`));
      expect(error).toMatchObject({ reason: "malformed_callback" });
      expect(error.message).not.toMatch(/[\r\n]/);
    }
    expect(stateStore.takes).toBe(0);
  });

  it("property: a callback that repeats any response parameter is refused as repeated_parameter, without touching the store", async () => {
    const { provider, stateStore } = setup();
    const { state } = await provider.authorizationUrl();
    const names = ["code", "state", "iss", "error", "error_description", "error_uri"];
    // A name as a server (or an attacker) may spell it: plain, or with one letter percent-encoded.
    const spelled = (name: string, at: number) =>
      at % 2 === 0 ? name : name.replace(/[a-z]/, (c) => `%${c.charCodeAt(0).toString(16)}`);
    const value = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.array(fc.tuple(fc.constantFrom(...names, "other", "lang"), value), { maxLength: 6 }),
        fc.nat(),
        fc.nat(),
        async (name, extra, at, spelling) => {
          const twice =
            name === "state"
              ? [`${spelled("state", spelling)}=${state}`]
              : [`${spelled(name, spelling)}=a`, `${name}=b`];
          const parts = [`state=${state}`, ...extra.filter(([n]) => n !== "state").map(([n, v]) => `${n}=${v}`)];
          for (const part of twice) parts.splice(at % (parts.length + 1), 0, part);
          const error = await rejection(provider.handleCallback(`${cb}?${parts.join("&")}`));
          expect(error).toMatchObject({ kind: "callback", reason: "repeated_parameter" });
        },
      ),
      { numRuns: 200 },
    );
    expect(stateStore.takes).toBe(0);
    expect(prism.requests()).toHaveLength(0);
  });
});
