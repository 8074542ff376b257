import { inspect } from "node:util";
import { SYNAPSEFI_PRODUCTION_URL } from "@finoauth/synapsefi";
import { recordingFetch } from "@finoauth/testkit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FinoauthError, TokenSet } from "../src/index.js";
import { createProvider, type ProviderOptions } from "../src/providers/all.js";
import type { OAuthKeyResult } from "../src/providers/synapsefi.js";
import { rejection, usePrism } from "./support/prism.js";

const prism = usePrism("synapsefi");
const PATH = "/v3.1/oauth/{user_id}";

// Values from the spec's examples, except the secrets, which are ours so that a leak is unambiguous.
const USER_ID = "594e0fa2838454002ea317a0";
const CLIENT_ID = "client_id_2bb1e412edd311e6bd04e285d6015267";
const SECRET = {
  clientSecret: "client_secret_SECRET_2bb1e714edd3",
  refreshToken: "refresh_SECRET_sentByUs_0123456789",
  validationPin: "864209",
  oauthKey: "oauth_SECRET_currentKey_abcdef",
};
const FINGERPRINT = "e83cf6ddcf778e37bfe3d48fc78a6502062fc";
const IP = "127.0.0.1";

const options = (extra: Partial<ProviderOptions<"synapsefi">> = {}): ProviderOptions<"synapsefi"> => ({
  clientId: CLIENT_ID,
  clientSecret: SECRET.clientSecret,
  fingerprint: FINGERPRINT,
  ipAddress: IP,
  baseUrl: prism.url(),
  fetch: prism.fetch,
  ...extra,
});
const synapse = (extra: Partial<ProviderOptions<"synapsefi">> = {}) => createProvider("synapsefi", options(extra));

/** Everything the suite got back from the adapter (results and errors), swept for secrets at the end. */
const produced: unknown[] = [];
const keep = <T>(value: T): T => (produced.push(value), value);

/** Fails if a secret appears in any way the value might be printed or logged. */
function expectNoSecrets(value: unknown, secrets: readonly string[] = Object.values(SECRET)) {
  const forms = [inspect(value, { depth: Infinity, showHidden: true }), String(value), JSON.stringify(value) ?? ""];
  if (value instanceof Error) forms.push(value.message, value.stack ?? "");
  for (const form of forms) for (const secret of secrets) expect(form, "a secret was printed").not.toContain(secret);
}

const ok = (result: OAuthKeyResult): TokenSet => {
  expect(result.status).toBe("ok");
  if (result.status !== "ok") throw new Error("unreachable");
  return result.token;
};

describe("SynapseFI OAuth key against Prism", () => {
  it("without scopes: a normalised TokenSet (absolute expiry from the string expires_in, scopes, user, uses left, rotated refresh token, raw kept)", async () => {
    prism.prefer(200, "pageExample");
    const before = Date.now();
    const result = keep(await synapse().oauthKey({ userId: USER_ID, refreshToken: SECRET.refreshToken }));
    const after = Date.now();
    const example = prism.example(PATH, 200, "pageExample");
    const token = ok(result);
    expect(token).toBeInstanceOf(TokenSet);
    expect(token.provider).toBe("synapsefi");
    expect(token.accessToken).toBe(example.oauth_key);
    expect(token.tokenType).toBe("Bearer");
    expect(typeof example.expires_in).toBe("string");
    expect(token.expiresAt).toBeGreaterThanOrEqual(before + Number(example.expires_in) * 1000);
    expect(token.expiresAt).toBeLessThanOrEqual(after + Number(example.expires_in) * 1000);
    expect(token.scopes).toEqual(example.scope);
    expect(token.extras).toEqual({
      userId: example.user_id,
      refreshUsesLeft: example.refresh_expires_in,
      clientId: example.client_id,
      clientName: example.client_name,
    });
    // Rotation: the TokenSet carries the refresh token of the answer, not the one we sent.
    expect(example.refresh_token).not.toBe(SECRET.refreshToken);
    expect(token.refreshToken).toBe(example.refresh_token);
    expect(token.raw).toEqual(example);

    const request = prism.requests()[0]!;
    expect(request.method).toBe("POST");
    expect(new URL(request.url).pathname).toBe(`/v3.1/oauth/${USER_ID}`);
    expect(request.headers.get("content-type")).toBe("application/json");
    expect(prism.sent()).toEqual({ refresh_token: SECRET.refreshToken }); // no scope, no 2FA fields
    expectNoSecrets(result);
  });

  it("with scopes: sends them as a JSON list and reports the granted ones", async () => {
    prism.prefer(200, "withScope");
    const scopes = ["NODES|POST", "NODES|GET", "NODE|GET", "TRANS|POST"];
    const token = ok(keep(await synapse().oauthKey({ userId: USER_ID, refreshToken: SECRET.refreshToken, scopes })));
    const example = prism.example(PATH, 200, "withScope");
    expect(prism.sent()).toEqual({ refresh_token: SECRET.refreshToken, scope: scopes });
    expect(token.scopes).toEqual(example.scope);
    expect(token.extras.refreshUsesLeft).toBe(7);
    expect(token.accessToken).toBe(example.oauth_key);
  });

  it("sends X-SP-GATEWAY id|secret, X-SP-USER-IP and X-SP-USER with an empty OAuth key, or with the one given", async () => {
    const provider = synapse({ ipAddress: "2001:db8::7" });
    prism.prefer(200, "withoutScope");
    await provider.oauthKey({ userId: USER_ID, refreshToken: SECRET.refreshToken });
    await provider.oauthKey({ userId: USER_ID, refreshToken: SECRET.refreshToken, oauthKey: SECRET.oauthKey });
    const [first, second] = prism.requests();
    expect(first!.headers.get("x-sp-gateway")).toBe(`${CLIENT_ID}|${SECRET.clientSecret}`);
    expect(first!.headers.get("x-sp-user-ip")).toBe("2001:db8::7");
    expect(first!.headers.get("x-sp-user")).toBe(`|${FINGERPRINT}`);
    expect(second!.headers.get("x-sp-user")).toBe(`${SECRET.oauthKey}|${FINGERPRINT}`);
    expect(second!.headers.get("x-sp-gateway")).toBe(`${CLIENT_ID}|${SECRET.clientSecret}`);
  });

  it("defaults to the production server", async () => {
    const recorder = recordingFetch(() => Response.json(prism.example(PATH, 200, "withoutScope")));
    const { baseUrl: _unused, ...rest } = options({ fetch: recorder.fetch });
    ok(await createProvider("synapsefi", rest).oauthKey({ userId: USER_ID, refreshToken: SECRET.refreshToken }));
    expect(recorder.requests[0]!.url).toBe(`${SYNAPSEFI_PRODUCTION_URL}/v3.1/oauth/${USER_ID}`);
    expect(SYNAPSEFI_PRODUCTION_URL).toBe("https://api.synapsefi.com");
  });

  it("2FA: mfa_required lists the devices → phone_number gives pin_sent → validation_pin gives the key", async () => {
    const provider = synapse();
    prism.prefer(202, "mfaRequired");
    const required = keep(await provider.oauthKey({ userId: USER_ID, refreshToken: SECRET.refreshToken }));
    const mfa = prism.example(PATH, 202, "mfaRequired");
    expect(required).toEqual({ status: "mfa_required", phoneNumbers: mfa.phone_numbers, message: mfa.error.en });
    if (required.status !== "mfa_required") throw new Error("unreachable");

    prism.prefer(202, "pinSent");
    const phoneNumber = required.phoneNumbers[1]!;
    const sent = keep(await provider.oauthKey({ userId: USER_ID, refreshToken: SECRET.refreshToken, phoneNumber }));
    expect(sent).toEqual({ status: "pin_sent", message: prism.example(PATH, 202, "pinSent").message.en });
    expect(prism.sent()).toEqual({ refresh_token: SECRET.refreshToken, phone_number: "901-111-2222" });

    prism.prefer(200, "withoutScope");
    const token = ok(
      keep(
        await provider.oauthKey({
          userId: USER_ID,
          refreshToken: SECRET.refreshToken,
          validationPin: SECRET.validationPin,
        }),
      ),
    );
    expect(prism.sent()).toEqual({ refresh_token: SECRET.refreshToken, validation_pin: SECRET.validationPin });
    expect(token.accessToken).toBe(prism.example(PATH, 200, "withoutScope").oauth_key);

    expect(prism.requests()).toHaveLength(3);
    for (const request of prism.requests()) expect(request.headers.get("x-sp-user")).toBe(`|${FINGERPRINT}`);
    for (const result of [required, sent, { status: "ok", token }]) expectNoSecrets(result);
  });

  const documentedErrors = [
    [400, "incorrectClientCredentials", {}],
    [400, "payloadError", {}],
    [401, "incorrectUserCredentials", {}],
    [409, "incorrectRefreshToken", {}],
    [409, "incorrectValidationPin", { validationPin: SECRET.validationPin }],
  ] as const;
  for (const [status, name, extra] of documentedErrors) {
    it(`${status} ${name} → FinoauthError with SynapseFI's error_code and error.en, not retried`, async () => {
      prism.prefer(status, name);
      const error = keep(
        await rejection(
          synapse({ retry: { baseDelayMs: 1 } }).oauthKey({
            userId: USER_ID,
            refreshToken: SECRET.refreshToken,
            ...extra,
          }),
        ),
      );
      const example = prism.example(PATH, status, name);
      expect(error).toBeInstanceOf(FinoauthError);
      expect(error).toMatchObject({
        kind: "provider",
        provider: "synapsefi",
        status,
        providerCode: example.error_code,
        description: example.error.en,
        retryable: false,
      });
      expect(error.code).toBeUndefined(); // SynapseFI has no RFC 6749 codes
      expect(error.message).toBe(`synapsefi HTTP ${status} ${example.error_code}: ${example.error.en}`);
      expect(prism.requests()).toHaveLength(1);
      expectNoSecrets(error);
    });
  }

  it("refresh(): the standard refresh for the token manager, with the user from options", async () => {
    prism.prefer(200, "pageExample");
    const token = keep(
      await synapse({ userId: USER_ID }).refresh({ refreshToken: SECRET.refreshToken, scopes: ["USER|GET"] }),
    );
    const example = prism.example(PATH, 200, "pageExample");
    expect(new URL(prism.requests()[0]!.url).pathname).toBe(`/v3.1/oauth/${USER_ID}`);
    expect(prism.sent()).toEqual({ refresh_token: SECRET.refreshToken, scope: ["USER|GET"] });
    expect(token.accessToken).toBe(example.oauth_key);
    expect(token.refreshToken).toBe(example.refresh_token);
    expect(token.extras.refreshUsesLeft).toBe(example.refresh_expires_in);
  });

  it("refresh(): an unregistered device (202) is a provider error with code 10, a stale refresh token one with code 400", async () => {
    const provider = synapse({ userId: USER_ID });
    prism.prefer(202, "mfaRequired");
    const mfa = keep(await rejection(provider.refresh({ refreshToken: SECRET.refreshToken })));
    expect(mfa).toMatchObject({
      kind: "provider",
      status: 202,
      providerCode: "10",
      description: prism.example(PATH, 202, "mfaRequired").error.en,
      retryable: false,
    });
    prism.prefer(409, "incorrectRefreshToken");
    const stale = keep(await rejection(provider.refresh({ refreshToken: SECRET.refreshToken })));
    expect(stale).toMatchObject({ kind: "provider", status: 409, providerCode: "400" });
    expectNoSecrets(mfa);
    expectNoSecrets(stale);
  });

  it("an OAuth key answer without expires_in/expires_at, or with a non-numeric one, is malformed_response", async () => {
    for (const body of [
      { oauth_key: "oauth_x" },
      { oauth_key: "oauth_x", expires_in: "2 hours" },
      { oauth_key: "oauth_x", expires_at: "tomorrow" },
      { expires_in: "7200" },
    ]) {
      const error = keep(
        await rejection(
          synapse({ fetch: async () => Response.json(body) }).oauthKey({
            userId: USER_ID,
            refreshToken: SECRET.refreshToken,
          }),
        ),
      );
      expect(error, JSON.stringify(body)).toMatchObject({
        kind: "malformed_response",
        provider: "synapsefi",
        status: 200,
      });
    }
  });

  it("a 202 that is neither MFA step is refused: malformed without a code, a provider error with one", async () => {
    const call = (body: unknown) =>
      rejection(
        synapse({ fetch: async () => Response.json(body, { status: 202 }) }).oauthKey({
          userId: USER_ID,
          refreshToken: SECRET.refreshToken,
        }),
      );
    expect(await call({ success: true })).toMatchObject({ kind: "malformed_response", status: 202 });
    expect(await call({ phone_numbers: "901-111-2222" })).toMatchObject({ kind: "malformed_response", status: 202 });
    expect(await call({ error: { en: "Action pending" }, error_code: "10" })).toMatchObject({
      kind: "provider",
      status: 202,
      providerCode: "10",
      description: "Action pending",
    });
  });

  it("refresh() without the userId option says what to pass, before any request", async () => {
    const error = keep(await rejection(synapse().refresh({ refreshToken: SECRET.refreshToken })));
    expect(error).toMatchObject({ kind: "invalid_options" });
    expect(error.message).toMatch(/userId option.*oauthKey\(\{ userId, refreshToken \}\)/);
    expect(prism.requests()).toHaveLength(0);
  });
});

describe("SynapseFI retries only the call that is safe to repeat", () => {
  /** Fails the first attempt of every call with a connection reset, then lets requests through to Prism. */
  const flaky = () => {
    let attempts = 0;
    return {
      attempts: () => attempts,
      fetch: (request: Request) =>
        ++attempts === 1
          ? Promise.reject(new TypeError("fetch failed", { cause: { code: "ECONNRESET" } }))
          : prism.fetch(request),
    };
  };

  it("step 1 (refresh token only) is retried after a network error", async () => {
    const upstream = flaky();
    prism.prefer(202, "mfaRequired");
    const provider = synapse({ fetch: upstream.fetch, retry: { baseDelayMs: 1 } });
    expect((await provider.oauthKey({ userId: USER_ID, refreshToken: SECRET.refreshToken })).status).toBe(
      "mfa_required",
    );
    expect(upstream.attempts()).toBe(2);
  });

  for (const [step, extra] of [
    ["phone_number", { phoneNumber: "901-111-2222" }],
    ["validation_pin", { validationPin: SECRET.validationPin }],
  ] as const) {
    it(`a call carrying ${step} is sent once, never repeated`, async () => {
      const upstream = flaky();
      const provider = synapse({ fetch: upstream.fetch, retry: { baseDelayMs: 1 } });
      const error = keep(
        await rejection(provider.oauthKey({ userId: USER_ID, refreshToken: SECRET.refreshToken, ...extra })),
      );
      expect(error).toMatchObject({ kind: "network", retryable: true });
      expect(upstream.attempts()).toBe(1);
      expect(prism.requests()).toHaveLength(0);
    });
  }
});

describe("SynapseFI options and parameters", () => {
  const bad: [string, Record<string, unknown>, RegExp][] = [
    ["no fingerprint", { fingerprint: undefined }, /fingerprint is required: pass the user's device fingerprint/],
    ["an empty fingerprint", { fingerprint: "" }, /fingerprint is required/],
    [
      "no ipAddress",
      { ipAddress: undefined },
      /ipAddress is required: pass the IP address of the user's device \(sent as X-SP-USER-IP\)/,
    ],
    ["an ipAddress that is a host name", { ipAddress: "localhost" }, /ipAddress must be an IPv4 or IPv6 address/],
    ["an ipAddress out of range", { ipAddress: "256.1.1.1" }, /ipAddress must be an IPv4 or IPv6 address/],
    ["a '|' in clientId", { clientId: "id|x" }, /clientId must not contain "\|"/],
    ["a '|' in clientSecret", { clientSecret: "sec|ret" }, /clientSecret must not contain "\|"/],
    ["a '|' in fingerprint", { fingerprint: "fp|x" }, /fingerprint must not contain "\|"/],
    ["a line break in fingerprint", { fingerprint: "fp\r\nX-Evil: 1" }, /fingerprint must be printable ASCII/],
    ["an empty clientId", { clientId: "" }, /clientId must be a non-empty string/],
    ["a plain-http baseUrl", { baseUrl: "http://api.synapsefi.com" }, /baseUrl must use https/],
    ["an empty userId", { userId: "" }, /userId/],
  ];
  for (const [what, extra, message] of bad) {
    it(`refuses ${what} at construction`, () => {
      let thrown: unknown;
      try {
        createProvider("synapsefi", { ...options(), ...extra } as ProviderOptions<"synapsefi">);
      } catch (error) {
        thrown = keep(error);
      }
      expect(thrown).toBeInstanceOf(FinoauthError);
      expect(thrown).toMatchObject({ kind: "invalid_options", provider: "synapsefi" });
      expect((thrown as Error).message).toMatch(message);
      expectNoSecrets(thrown, ["sec|ret"]);
    });
  }

  it("refuses to be created without a client secret (every flow sends it in X-SP-GATEWAY): a compile error, and at run time before anything is sent", () => {
    const upstream = recordingFetch(() => Response.json({}));
    let thrown: unknown;
    try {
      // @ts-expect-error SynapseFI's definition says requiresClientSecret: "always", so clientSecret is required
      createProvider("synapsefi", { ...options(), clientSecret: undefined, fetch: upstream.fetch });
    } catch (error) {
      thrown = keep(error);
    }
    expect(thrown).toMatchObject({
      kind: "invalid_options",
      provider: "synapsefi",
      description: "clientSecret is required: every SynapseFI flow sends it",
    });
    expect(upstream.requests).toHaveLength(0);
  });

  it("refuses bad oauthKey parameters before sending anything", async () => {
    const provider = synapse();
    const base = { userId: USER_ID, refreshToken: SECRET.refreshToken };
    // @ts-expect-error: phoneNumber and validationPin are separate steps
    await expect(provider.oauthKey({ ...base, phoneNumber: "901-111-2222", validationPin: "1234" })).rejects.toThrow(
      /separate calls/,
    );
    await expect(provider.oauthKey({ ...base, refreshToken: "" })).rejects.toThrow(/needs refreshToken/);
    await expect(provider.oauthKey({ ...base, userId: "" })).rejects.toThrow(/needs userId/);
    await expect(provider.oauthKey({ ...base, scopes: [] })).rejects.toThrow(/omit scopes/);
    await expect(provider.oauthKey({ ...base, phoneNumber: "" })).rejects.toThrow(/phoneNumber must be/);
    await expect(provider.oauthKey({ ...base, oauthKey: "a|b" })).rejects.toThrow(/oauthKey must not contain "\|"/);
    // @ts-expect-error: userId is required
    await expect(provider.oauthKey({ refreshToken: SECRET.refreshToken })).rejects.toMatchObject({
      kind: "invalid_options",
    });
    expect(prism.requests()).toHaveLength(0);
  });
});

describe("SynapseFI keeps secrets out of what it returns and throws", () => {
  it("scrubs the secrets a server echoes back in its error text", async () => {
    const echoing = recordingFetch(() =>
      Response.json(
        {
          error: {
            en: `bad ${SECRET.refreshToken} / ${SECRET.validationPin} / ${SECRET.clientSecret} / ${SECRET.oauthKey}`,
          },
          error_code: "400",
          http_code: "409",
          success: false,
        },
        { status: 409 },
      ),
    );
    const error = keep(
      await rejection(
        synapse({ fetch: echoing.fetch }).oauthKey({
          userId: USER_ID,
          refreshToken: SECRET.refreshToken,
          validationPin: SECRET.validationPin,
          oauthKey: SECRET.oauthKey,
        }),
      ),
    );
    expect(error).toMatchObject({ kind: "provider", status: 409, providerCode: "400" });
    expect(error.description).toBe("bad [redacted] / [redacted] / [redacted] / [redacted]");
    expect(echoing.requests[0]!.headers.get("x-sp-gateway")).toContain(SECRET.clientSecret); // it was sent, and still not printed
    expectNoSecrets(error);
  });

  it("nothing this suite got back prints a secret", () => {
    expect(produced.length).toBeGreaterThan(20);
    for (const value of produced) expectNoSecrets(value);
  });
});

describe("SynapseFI answers, property-based", () => {
  const digits = fc.oneof(fc.integer({ min: 0, max: 10_000_000 }).map(String), fc.stringMatching(/^\d{1,20}$/));
  const scopeList = fc.array(fc.constantFrom("USER|GET", "NODES|POST", "TRAN|PATCH"), { maxLength: 4 });
  const message = fc.oneof(fc.record({ en: fc.string() }), fc.jsonValue());
  /** Each of the spec's response fields: a plausible value, or any JSON value at all. */
  const field = <T>(plausible: fc.Arbitrary<T>) =>
    fc.oneof({ weight: 5, arbitrary: plausible }, { weight: 1, arbitrary: fc.jsonValue() });
  const fields = {
    oauth_key: field(fc.oneof(fc.constant("oauth_x1"), fc.string())),
    refresh_token: field(fc.string()),
    expires_in: field(digits),
    expires_at: field(digits),
    refresh_expires_in: field(fc.integer({ min: -2, max: 10 })),
    scope: field(scopeList),
    user_id: field(fc.string()),
    client_id: field(fc.string()),
    client_name: field(fc.string()),
    error: field(message),
    message: field(message),
    error_code: field(fc.constantFrom("10", "100", "110", "200", "400")),
    http_code: field(fc.constantFrom("202", "400", "409")),
    success: field(fc.boolean()),
    phone_numbers: field(fc.array(fc.string(), { maxLength: 3 })),
  };
  /** Any subset of the fields (fast-check's optional keys are rarely all absent). */
  const answerBody = fc
    .tuple(fc.subarray(Object.keys(fields) as (keyof typeof fields)[]), fc.record(fields))
    .map(([keys, values]) => Object.fromEntries(keys.map((key) => [key, values[key]])));
  const answer = fc.record({
    status: fc.constantFrom(200, 200, 201, 202, 202, 400, 401, 409, 429, 500),
    body: fc.oneof({ weight: 9, arbitrary: answerBody }, { weight: 1, arbitrary: fc.jsonValue() }),
  });

  it("any answer built from the spec's fields is a whole result or a provider/malformed error, never a half token", async () => {
    await fc.assert(
      fc.asyncProperty(answer, fc.boolean(), async ({ status, body }, viaRefresh) => {
        const provider = synapse({
          userId: USER_ID,
          retry: { retries: 0 },
          fetch: async () => Response.json(body, { status }),
        });
        let outcome: OAuthKeyResult | TokenSet;
        try {
          outcome = viaRefresh
            ? await provider.refresh({ refreshToken: SECRET.refreshToken })
            : await provider.oauthKey({ userId: USER_ID, refreshToken: SECRET.refreshToken });
        } catch (error) {
          expect(error).toBeInstanceOf(FinoauthError);
          expect(["malformed_response", "provider"]).toContain((error as FinoauthError).kind);
          return;
        }
        const result: OAuthKeyResult = outcome instanceof TokenSet ? { status: "ok", token: outcome } : outcome;
        expect(status >= 200 && status < 300).toBe(true);
        if (result.status === "mfa_required") {
          expect(status).toBe(202);
          expect(result.phoneNumbers.every((n) => typeof n === "string" && n !== "")).toBe(true);
          expect(typeof result.message).toBe("string");
        } else if (result.status === "pin_sent") {
          expect(status).toBe(202);
          expect(typeof result.message === "string" && result.message !== "").toBe(true);
        } else {
          const token = result.token;
          expect(token).toBeInstanceOf(TokenSet);
          expect(typeof token.accessToken === "string" && token.accessToken !== "").toBe(true);
          if (!viaRefresh) expect(Number.isFinite(token.expiresAt)).toBe(true);
          else expect(token.expiresAt === undefined || Number.isFinite(token.expiresAt)).toBe(true);
          expect(Array.isArray(token.scopes) && token.scopes.every((s) => typeof s === "string")).toBe(true);
          expect(
            token.refreshToken === undefined || (typeof token.refreshToken === "string" && token.refreshToken !== ""),
          ).toBe(true);
          const uses = token.extras.refreshUsesLeft;
          expect(uses === undefined || (Number.isFinite(uses) && uses >= 0)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});

/** Edge cases of the shared normaliser that SynapseFI answers reach: each must end as a typed error or a clean value. */
describe("engine edge cases seen through SynapseFI", () => {
  const answering = (body: unknown, status = 200) =>
    synapse({ userId: USER_ID, retry: { retries: 0 }, fetch: async () => Response.json(body, { status }) });
  const outcome = (promise: Promise<unknown>) =>
    promise.then(
      (value) => value,
      (error: unknown) => error,
    );

  it("an expires_in too large for a finite expiry is malformed_response", async () => {
    for (const expires_in of ["9".repeat(400), 1e306]) {
      const error = await outcome(
        answering({ oauth_key: "oauth_x", expires_in }).oauthKey({
          userId: USER_ID,
          refreshToken: SECRET.refreshToken,
        }),
      );
      expect(error).toMatchObject({ kind: "malformed_response" });
    }
  });

  it("a refresh_expires_in too large to be finite is malformed_response", async () => {
    const result = await outcome(
      answering({ oauth_key: "oauth_x", expires_in: "7200", refresh_expires_in: "9".repeat(400) }).refresh({
        refreshToken: SECRET.refreshToken,
      }),
    );
    expect(result).toMatchObject({ kind: "malformed_response" });
  });

  it("empty strings in scope are dropped, not kept as scopes", async () => {
    const result = await outcome(
      answering({ oauth_key: "oauth_x", expires_in: "7200", scope: ["", "USER|GET"] }).refresh({
        refreshToken: SECRET.refreshToken,
      }),
    );
    expect((result as TokenSet).scopes).toEqual(["USER|GET"]);
  });

  it("a secret echoed in error_code stays out of the error message", async () => {
    const error = await outcome(
      answering(
        {
          error: { en: "Incorrect validation_pin supplied." },
          error_code: `400 ${SECRET.validationPin}`,
          http_code: "409",
          success: false,
        },
        409,
      ).oauthKey({
        userId: USER_ID,
        refreshToken: SECRET.refreshToken,
        validationPin: SECRET.validationPin,
      }),
    );
    expect((error as FinoauthError).providerCode).toBe("400 [redacted]");
    expectNoSecrets(error);
  });

  it("refresh() refuses an OAuth key without expires_in/expires_at, as oauthKey() does", async () => {
    const result = await outcome(answering({ oauth_key: "oauth_x" }).refresh({ refreshToken: SECRET.refreshToken }));
    expect(result).toMatchObject({ kind: "malformed_response" });
  });
});
