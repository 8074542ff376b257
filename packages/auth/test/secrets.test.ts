// The secret sweep: runs every flow of every provider through every kind of outcome (success, each error
// the provider could send back — echoing what we sent —, malformed bodies, network failure, timeout) with
// known secret values, and scans everything that comes out — results, errors, console output — for them.
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { basicAuthorization, type TokenShape } from "../src/index.js";
import { createProvider, type ProviderName, providers } from "../src/providers/all.js";

// Secrets with the characters that encodings treat differently (space, + / ! ' ( ) * ~ and non-ASCII), so
// that a form-encoded, percent-encoded or JSON-escaped echo of them is caught too.
const CLIENT_SECRET = "cs-SECRET!(a1)*'b2~c3";
const SECRET = {
  clientSecret: CLIENT_SECRET,
  refreshToken: "rt SECRET+f6/g7 (h8)!",
  password: "pw SECRET !k1* 'l2' é",
  code: "code SECRET p6!q7 r8",
  codeVerifier: "cv-SECRET-~verifier.with_chars-0123456789",
  clientToken: "ct SECRET t0(u1)",
  accessToken: "at-SECRET-y5z6a7b8c9",
  newRefreshToken: "rt-SECRET-NEW-d0e1f2",
  fingerprint: "fp-SECRET!(x1)*'y2",
  validationPin: "pin-SECRET-918273",
  oauthKey: "oauth_SECRET_key!(z)",
  /** The client secret as a Basic credential (client_secret_basic). */
  basicCredential: basicAuthorization("client-id", CLIENT_SECRET).slice("Basic ".length),
};

/** The forms a secret may be echoed in, written out here rather than taken from the scrubber under test. */
const formsOf = (secret: string) => {
  const uri = encodeURIComponent(secret);
  const forms = [
    secret,
    uri,
    uri.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
  ];
  return new Set([...forms, ...forms.map((form) => form.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()))]);
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
/** The request as a careless provider would echo it: URL, every header, and the body as sent (form-encoded or JSON). */
const echo = async (request: Request) =>
  `${request.url} ${[...request.headers].map(([k, v]) => `${k}: ${v}`).join("; ")} ${await request.clone().text()}`;
const upstreams: Record<string, Upstream> = {
  // RFC 6749 §5.1's field names (plus FinCalc's `data` envelope). A provider's flows get the success answer its
  // token shape describes (shapedSuccess), or its own in `successes`; this one stays for what they pass on to it.
  success: () =>
    Response.json({
      access_token: SECRET.accessToken,
      token_type: "bearer",
      expires_in: 3600,
      refresh_token: SECRET.newRefreshToken,
      scope: "a b",
      data: { access_token: SECRET.accessToken, expires_in: 60 },
    }),
  "echo of the form body as text, under 200": async (r) => new Response(await echo(r), { status: 200 }),
  "error echoing the request": async (r) =>
    Response.json(
      {
        error: "invalid_grant",
        error_description: await echo(r),
        message: { description: await echo(r) },
        errors: [{ message: await echo(r) }],
        error_code: "400",
        error_obj: { en: await echo(r) },
      },
      { status: 400 },
    ),
  "error echoing the request, percent-encoded": async (r) =>
    Response.json({ error: "invalid_request", error_description: encodeURIComponent(await echo(r)) }, { status: 400 }),
  "redirect to a URL carrying the request": async (r) =>
    new Response(null, {
      status: 307,
      headers: { location: `https://elsewhere.test/?${new URLSearchParams({ echo: await echo(r) })}` },
    }),
  "error under 200": async (r) =>
    Response.json({
      error: "invalid_request",
      error_description: await echo(r),
      success: false,
      message: { description: await echo(r) },
    }),
  "malformed token": async (r) =>
    Response.json({
      access_token: 42,
      refresh_token: SECRET.newRefreshToken,
      note: await echo(r),
      data: { access_token: 42 },
    }),
  "HTML error page": async (r) =>
    new Response(`<html>${await echo(r)}</html>`, { status: 502, headers: { "content-type": "text/html" } }),
  "not JSON": async (r) => new Response(`oops ${await echo(r)}`, { status: 200 }),
  "network failure": () =>
    Promise.reject(new TypeError("fetch failed", { cause: new Error(`connect ECONNRESET ${SECRET.clientSecret}`) })),
  timeout: (request) =>
    new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason))),
};

const common = {
  clientId: "client-id",
  clientSecret: SECRET.clientSecret,
  baseUrl: "https://provider.test",
  redirectUri: "https://app.test/cb",
  timeoutMs: 500,
  retry: { retries: 0 },
};
/** A revocation succeeds on any 2xx without an error body (RFC 7009 §2.2): malformed or non-JSON bodies are fine. */
const revoking = (promise: Promise<unknown>) => Object.assign(promise, { revoke: true });
/** Sets a dotted path (`data.token`) in a JSON object, making the objects on the way. */
const setPath = (body: Record<string, unknown>, path: string, value: unknown) => {
  const keys = path.split(".");
  const last = keys.pop()!;
  let at = body;
  for (const key of keys) at = (at[key] ??= {}) as Record<string, unknown>;
  at[last] = value;
};

/**
 * A success answer laid out as a provider's definition says its token answers are (`token`: the fields'
 * names, an envelope, the scope format), with the secrets from SECRET: every provider's success answer
 * unless it has its own in `successes`, so that a new provider succeeds whatever names its token answer uses.
 */
const shapedSuccess =
  (name: ProviderName): Upstream =>
  () => {
    const shape: TokenShape = providers[name].token;
    const token: Record<string, unknown> = {};
    setPath(token, shape.accessToken, SECRET.accessToken);
    setPath(token, shape.refreshToken ?? "refresh_token", SECRET.newRefreshToken);
    setPath(token, shape.tokenType ?? "token_type", shape.tokenTypes?.[0] ?? "Bearer");
    setPath(token, shape.expiresIn?.path ?? "expires_in", 3600);
    const format = shape.scope?.format ?? "space";
    setPath(token, shape.scope?.path ?? "scope", format === "array" ? ["a", "b"] : format === "comma" ? "a,b" : "a b");
    if (!shape.envelope) return Response.json(token);
    const body: Record<string, unknown> = {};
    setPath(body, shape.envelope.data, token);
    if (shape.envelope.success) setPath(body, shape.envelope.success, true);
    return Response.json(body);
  };

/**
 * The success answer of a provider whose calls answer in more than one layout (one token shape cannot say
 * it): a new provider needs an entry here only then; else its definition's layout is used (shapedSuccess).
 */
const successes: Partial<Record<ProviderName, Upstream>> = {
  // SynapseFI's key-issuing endpoint: `oauth_key`, scopes as a list.
  synapsefi: (r, body) =>
    new URL(r.url).pathname.startsWith("/v3.1/oauth/")
      ? Response.json({
          oauth_key: SECRET.accessToken,
          expires_in: "3600",
          refresh_token: SECRET.newRefreshToken,
          scope: ["USER|GET"],
        })
      : upstreams.success!(r, body),
};

/** Every provider of the registry must be here: a new provider without an entry does not compile. */
const flows: { [N in ProviderName]: (upstream: Upstream) => Promise<unknown>[] } = {
  oauth2: (u) => {
    const p = createProvider("oauth2", { ...common, fetch: async (r) => u(r, "") });
    const post = createProvider("oauth2", {
      ...common,
      clientAuth: "client_secret_post",
      fetch: async (r) => u(r, ""),
    });
    return [
      p.clientCredentials(),
      post.password({ username: "user", password: SECRET.password }),
      p.refresh({ refreshToken: SECRET.refreshToken }),
      p.exchangeCode({ code: SECRET.code, codeVerifier: SECRET.codeVerifier }),
      post.exchangeCode({ code: SECRET.code, codeVerifier: SECRET.codeVerifier }),
      revoking(p.revoke({ token: SECRET.refreshToken })),
    ];
  },
  synapsefi: (u) => {
    const p = createProvider("synapsefi", {
      ...common,
      fingerprint: SECRET.fingerprint,
      ipAddress: "203.0.113.7",
      userId: "user-1",
      fetch: async (r) => u(r, ""),
    });
    return [
      p.refresh({ refreshToken: SECRET.refreshToken }),
      p.oauthKey({ userId: "user-1", refreshToken: SECRET.refreshToken, validationPin: SECRET.validationPin }),
      p.oauthKey({ userId: "user-1", refreshToken: SECRET.refreshToken, oauthKey: SECRET.oauthKey }),
    ];
  },
  "financial-cents": (u) => {
    const p = createProvider("financial-cents", { ...common, fetch: async (r) => u(r, "") });
    return [
      p.exchangeCode({ code: SECRET.code, codeVerifier: SECRET.codeVerifier }),
      p.refresh({ refreshToken: SECRET.refreshToken }),
    ];
  },
  finexer: (u) => {
    const p = createProvider("finexer", { ...common, fetch: async (r) => u(r, "") });
    return [p.exchangeCode({ code: SECRET.code }), revoking(p.revoke({ token: SECRET.refreshToken }))];
  },
  fincalc: (u) => [
    createProvider("fincalc", {
      ...common,
      emailAddress: "me@example.com",
      fetch: async (r) => u(r, ""),
    }).clientCredentials(),
  ],
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
  vi
    .spyOn(console, level)
    .mockImplementation(
      (...args: unknown[]) =>
        void printed.push(args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: Infinity }))).join(" ")),
    ),
);
beforeAll(() => void consoleSpies);
afterAll(() => {
  for (const spy of consoleSpies) spy.mockRestore();
});

describe("no secret in anything a flow produces", () => {
  for (const [provider, run] of Object.entries(flows)) {
    for (const [name, shared] of Object.entries(upstreams)) {
      const upstream =
        name === "success" ? (successes[provider as ProviderName] ?? shapedSuccess(provider as ProviderName)) : shared;
      it(`${provider}: ${name}`, async () => {
        const calls = run!(upstream);
        const outcomes = await Promise.allSettled(calls);
        outcomes.forEach((outcome, i) => {
          printAll(outcome.status === "fulfilled" ? outcome.value : outcome.reason);
          const revoke = "revoke" in calls[i]!;
          const mustFail =
            name !== "success" &&
            !(
              revoke &&
              (name === "malformed token" || name === "not JSON" || name.startsWith("echo of the form body"))
            );
          // A wrong outcome names what the call resolved or threw, so that a failure says why.
          const why = outcome.status === "rejected" ? String(outcome.reason) : "resolved";
          expect(outcome.status, `${provider} call ${i}: ${name} (${why})`).toBe(mustFail ? "rejected" : "fulfilled");
        });
      });
    }
  }

  it("the sweep saw every outcome, and none of the printed text holds a secret", () => {
    expect(printed.length).toBeGreaterThan(Object.keys(upstreams).length * 10);
    const leaks = printed.flatMap((text) =>
      Object.entries(SECRET).flatMap(([name, secret]) =>
        [...formsOf(secret)]
          .filter((form) => text.includes(form))
          .map((form) => `${name} (as ${form}) in: ${text.slice(0, 300)}`),
      ),
    );
    expect(leaks).toEqual([]);
  });
});
