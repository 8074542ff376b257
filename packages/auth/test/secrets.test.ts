// The secret sweep: runs every flow of every provider through every kind of outcome (success, each error
// the provider could send back — echoing what we sent —, malformed bodies, network failure, timeout) with
// known secret values, and scans everything that comes out — results, errors, console output — for them.
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createProvider, type ProviderName } from "../src/providers/all.js";

const SECRET = {
  clientSecret: "cs-SECRET-a1b2c3d4e5",
  refreshToken: "rt-SECRET-f6g7h8i9j0",
  password: "pw-SECRET-k1l2m3n4o5",
  code: "code-SECRET-p6q7r8s9",
  clientToken: "ct-SECRET-t0u1v2w3x4",
  accessToken: "at-SECRET-y5z6a7b8c9",
  newRefreshToken: "rt-SECRET-NEW-d0e1f2",
  /** The client secret as a Basic credential (client_secret_basic). */
  basicCredential: btoa("client-id:cs-SECRET-a1b2c3d4e5"),
};

/** Everything a flow produced, printed every way a person or a logger might print it. */
const printed: string[] = [];
const printAll = (value: unknown) => {
  printed.push(inspect(value, { depth: Infinity, showHidden: true }), String(value));
  try {
    printed.push(JSON.stringify(value) ?? "");
  } catch {
    printed.push("(not JSON)");
  }
  if (value instanceof Error) printed.push(value.message, value.stack ?? "");
};

/** Upstream behaviours; each echoes what it was sent wherever a careless client might repeat it. */
type Upstream = (request: Request, body: string) => Response | Promise<Response>;
const echo = async (request: Request) => `${request.url} ${request.headers.get("authorization")} ${await request.clone().text()}`;
const upstreams: Record<string, Upstream> = {
  success: () => Response.json({ access_token: SECRET.accessToken, token_type: "bearer", expires_in: 3600, refresh_token: SECRET.newRefreshToken, scope: "a b", data: { access_token: SECRET.accessToken, expires_in: 60 } }),
  "error echoing the request": async (r) => Response.json({ error: "invalid_grant", error_description: await echo(r), message: { description: await echo(r) }, errors: [{ message: await echo(r) }] }, { status: 400 }),
  "error under 200": async (r) => Response.json({ error: "invalid_request", error_description: await echo(r), success: false, message: { description: await echo(r) } }),
  "malformed token": async (r) => Response.json({ access_token: 42, refresh_token: SECRET.newRefreshToken, note: await echo(r), data: { access_token: 42 } }),
  "HTML error page": async (r) => new Response(`<html>${await echo(r)}</html>`, { status: 502, headers: { "content-type": "text/html" } }),
  "not JSON": async (r) => new Response(`oops ${await echo(r)}`, { status: 200 }),
  "network failure": () => Promise.reject(new TypeError("fetch failed", { cause: new Error(`connect ECONNRESET ${SECRET.clientSecret}`) })),
  timeout: (request) => new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason))),
};

const common = { clientId: "client-id", clientSecret: SECRET.clientSecret, baseUrl: "https://provider.test", redirectUri: "https://app.test/cb", timeoutMs: 500, retry: { retries: 0 } };
/** A revocation succeeds on any 2xx without an error body (RFC 7009 §2.2): malformed or non-JSON bodies are fine. */
const revoking = (promise: Promise<unknown>) => Object.assign(promise, { revoke: true });
const flows: { [N in ProviderName]?: (upstream: Upstream) => Promise<unknown>[] } = {
  oauth2: (u) => {
    const p = createProvider("oauth2", { ...common, fetch: async (r) => u(r, "") });
    const post = createProvider("oauth2", { ...common, clientAuth: "client_secret_post", fetch: async (r) => u(r, "") });
    return [
      p.clientCredentials(),
      post.password({ username: "user", password: SECRET.password }),
      p.refresh({ refreshToken: SECRET.refreshToken }),
      p.exchangeCode({ code: SECRET.code, codeVerifier: "v".repeat(43) }),
      revoking(p.revoke({ token: SECRET.refreshToken })),
    ];
  },
  "financial-cents": (u) => {
    const p = createProvider("financial-cents", { ...common, fetch: async (r) => u(r, "") });
    return [p.exchangeCode({ code: SECRET.code }), p.refresh({ refreshToken: SECRET.refreshToken })];
  },
  finexer: (u) => {
    const p = createProvider("finexer", { ...common, fetch: async (r) => u(r, "") });
    return [p.exchangeCode({ code: SECRET.code }), revoking(p.revoke({ refreshToken: SECRET.refreshToken }))];
  },
  fincalc: (u) => [createProvider("fincalc", { ...common, emailAddress: "me@example.com", fetch: async (r) => u(r, "") }).clientCredentials()],
  finapi: (u) => {
    const p = createProvider("finapi", { ...common, fetch: async (r) => u(r, "") });
    return [
      p.clientCredentials(),
      p.password({ username: "user", password: SECRET.password }),
      p.refresh({ refreshToken: SECRET.refreshToken }),
      revoking(p.revoke({ token: SECRET.refreshToken, clientAccessToken: SECRET.clientToken })),
    ];
  },
};

const consoleSpies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
  vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void printed.push(args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: Infinity }))).join(" "))),
);
beforeAll(() => void consoleSpies);
afterAll(() => consoleSpies.forEach((spy) => spy.mockRestore()));

describe("no secret in anything a flow produces", () => {
  for (const [provider, run] of Object.entries(flows)) {
    for (const [name, upstream] of Object.entries(upstreams)) {
      it(`${provider}: ${name}`, async () => {
        const calls = run!(upstream);
        const outcomes = await Promise.allSettled(calls);
        outcomes.forEach((outcome, i) => {
          printAll(outcome.status === "fulfilled" ? outcome.value : outcome.reason);
          const revoke = "revoke" in calls[i]!;
          const mustFail = name !== "success" && !(revoke && (name === "malformed token" || name === "not JSON"));
          expect(outcome.status, `${provider} call ${i}: ${name}`).toBe(mustFail ? "rejected" : "fulfilled");
        });
      });
    }
  }

  it("the sweep saw every outcome, and none of the printed text holds a secret", () => {
    expect(printed.length).toBeGreaterThan(Object.keys(upstreams).length * 10);
    const leaks = printed.flatMap((text) => Object.entries(SECRET).filter(([, secret]) => text.includes(secret)).map(([name]) => `${name} in: ${text.slice(0, 300)}`));
    expect(leaks).toEqual([]);
  });
});
