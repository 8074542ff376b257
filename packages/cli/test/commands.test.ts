// token, refresh, revoke and authorize-url against the Prism mocks of the specs, through the CLI's main
// (in process) and, for the first case, through the built binary.
import { execFileSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, cleanEnv, example, lines, mockUrl, run, runBinary, tokenArgs, withoutArgvWarning } from "./support.js";

const FINCALC = [
  "--client-id",
  "12345",
  "--client-secret",
  "fincalc-secret-value",
  "--email-address",
  "hello@example.com",
];
const FINAPI = ["--client-id", "clientId_example", "--client-secret", "finapi-secret-value"];
const SYNAPSEFI = [
  "--client-id",
  "589acd9ecb3cd400fa75ac06",
  "--client-secret",
  "synapse-secret",
  "--fingerprint",
  "e83cf6ddcf778e37bfe3d48fc78a6502",
  "--ip-address",
  "203.0.113.7",
  "--user-id",
  "594e0fa2838454002ea317a0",
];
const OAUTH2 = ["--client-id", "s6BhdRkqt3", "--client-secret", "7Fjfp0ZBr1KtDRbnfVdmIw"];
/** Financial Cents' client and its mock (a function: the mock's URL is known once the tests run). */
const FINANCIAL_CENTS = () => ["--client-id", "7956", "--client-secret", "s", "--base-url", mockUrl("financial-cents")];
/** A SynapseFI OAuth-key call against its mock, with the spec's refresh token and every flag it needs. */
const synapseToken = () => [
  "token",
  "synapsefi",
  "--refresh-token",
  "refresh_ehG7YBS8ZiD0sLa6PQHMUxryovVkJzElC5gWROXq",
  "--base-url",
  mockUrl("synapsefi"),
  ...SYNAPSEFI,
];

const fincalcToken = () => example("fincalc", "/api/oauth/token", 200, "success").data.access_token as string;
const finapiUser = () =>
  example("finapi", "/oauth/token", 200, "userToken") as { access_token: string; refresh_token: string };

/** A successful run: exit 0, nothing on stderr (no progress line when stderr is not a terminal). */
function ok(result: { code: number | null; stdout: string; stderr: string }) {
  expect(withoutArgvWarning(result.stderr), result.stderr).toBe("");
  expect(result.code).toBe(0);
  return result.stdout;
}

/** A failed run: the exit code, exactly one line on stderr, nothing on stdout. */
function failed(result: { code: number | null; stdout: string; stderr: string }, code: number): string {
  const stderr = withoutArgvWarning(result.stderr);
  expect(result.stdout).toBe("");
  expect(lines(stderr)).toHaveLength(1);
  expect(stderr).toMatch(/^finoauth: /);
  expect(result.code).toBe(code);
  return stderr.trim();
}

describe("token", () => {
  it("gets a FinCalc token with its only grant and prints a summary with the token masked (built binary)", async () => {
    const out = ok(await runBinary(["token", "fincalc", "--base-url", mockUrl("fincalc"), ...FINCALC]));
    const token = fincalcToken();
    expect(out).toContain("FinCalc token (client_credentials grant)");
    expect(out).toContain(`${token.slice(0, 4)}…(${token.length})`);
    expect(out).toMatch(/expires\s+\S+Z \(in 24 h\)/);
    expect(out).not.toContain(token);
    expect(out).not.toContain("fincalc-secret-value");
  });

  it("--json prints parseable JSON, masked", async () => {
    const out = ok(
      await run(
        tokenArgs(
          "finapi",
          "password",
          "--username",
          "username_example",
          "--password",
          "password_example",
          "--json",
          "--base-url",
          mockUrl("finapi"),
          ...FINAPI,
        ),
      ),
    );
    const json = JSON.parse(out);
    const user = finapiUser();
    expect(json).toMatchObject({ provider: "finapi", grant: "password", tokenType: "Bearer", scopes: ["all"] });
    expect(json.accessToken).toBe(`${user.access_token.slice(0, 4)}…(${user.access_token.length})`);
    expect(json.refreshToken).toBe(`${user.refresh_token.slice(0, 4)}…(${user.refresh_token.length})`);
    expect(json.expiresIn).toBeGreaterThan(3500);
    expect(json.raw).toBeUndefined();
    expect(out).not.toContain(user.access_token);
    expect(out).not.toContain("password_example");
  });

  it("--show-secrets prints the tokens in full (and the raw answer in JSON)", async () => {
    const user = finapiUser();
    const text = ok(
      await run(
        tokenArgs(
          "finapi",
          "client_credentials",
          "--show-secrets",
          "--base-url",
          mockUrl("finapi"),
          ...FINAPI,
          "--header",
          "Prefer: example=userToken",
        ),
      ),
    );
    expect(text).toContain(user.access_token);
    expect(text).toContain(user.refresh_token);
    const json = JSON.parse(
      ok(await run(["token", "fincalc", "--json", "--show-secrets", "--base-url", mockUrl("fincalc"), ...FINCALC])),
    );
    expect(json.accessToken).toBe(fincalcToken());
    expect(json.raw).toEqual(example("fincalc", "/api/oauth/token", 200, "success"));
  });

  it("reads credentials and options from FINOAUTH_<PROVIDER>_* variables; a flag wins over its variable", async () => {
    const env = {
      FINOAUTH_FINCALC_CLIENT_ID: "12345",
      FINOAUTH_FINCALC_CLIENT_SECRET: "fincalc-secret-value",
      FINOAUTH_FINCALC_EMAIL_ADDRESS: "hello@example.com",
      FINOAUTH_FINCALC_BASE_URL: mockUrl("fincalc"),
    };
    expect(JSON.parse(ok(await run(["token", "fincalc", "--json"], env))).provider).toBe("fincalc");
    // An invalid value from the environment is refused, and the flag overrides it.
    const bad = { ...env, FINOAUTH_FINCALC_EMAIL_ADDRESS: "not-an-email" };
    expect(failed(await run(["token", "fincalc"], bad), 2)).toContain(
      "--email-address must be the e-mail address of your FinCalc login",
    );
    ok(await run(["token", "fincalc", "--email-address", "hello@example.com"], bad));
    // Upper snake case for a dashed provider name; variables of another provider are not read.
    const fc = await run(tokenArgs("financial-cents", "refresh_token", "--refresh-token", "r"), {
      FINOAUTH_FINCALC_CLIENT_ID: "x",
    });
    expect(failed(fc, 2)).toContain(
      "Financial Cents needs a client id: pass --client-id or set FINOAUTH_FINANCIAL_CENTS_CLIENT_ID",
    );
    const fcEnv = {
      FINOAUTH_FINANCIAL_CENTS_CLIENT_ID: "7956",
      FINOAUTH_FINANCIAL_CENTS_CLIENT_SECRET: "s",
      FINOAUTH_FINANCIAL_CENTS_BASE_URL: mockUrl("financial-cents"),
    };
    expect(ok(await run(["refresh", "financial-cents", "--refresh-token", "the-refresh-token"], fcEnv))).toContain(
      "Financial Cents token (refresh_token grant)",
    );
  });

  it("runs every finAPI grant and the oauth2 grants with either client authentication", async () => {
    for (const grant of ["client_credentials", "password", "refresh_token"]) {
      const extra =
        grant === "password"
          ? ["--username", "u", "--password", "p"]
          : grant === "refresh_token"
            ? ["--refresh-token", finapiUser().refresh_token]
            : [];
      expect(
        JSON.parse(
          ok(await run(tokenArgs("finapi", grant, "--json", "--base-url", mockUrl("finapi"), ...FINAPI, ...extra))),
        ).grant,
      ).toBe(grant);
    }
    for (const auth of ["client_secret_basic", "client_secret_post"]) {
      const out = ok(
        await run(
          tokenArgs(
            "oauth2",
            "password",
            "--username",
            "johndoe",
            "--password",
            "A3ddj3w",
            "--scope",
            "read",
            "--scope",
            "write",
            "--client-auth",
            auth,
            "--base-url",
            mockUrl("oauth2"),
            ...OAUTH2,
          ),
        ),
      );
      expect(out).toContain("OAuth 2.0 server token (password grant)");
    }
  });

  it("SynapseFI: the 2FA steps, then an OAuth key; exit 0 with the next step spelt out", async () => {
    const base = synapseToken();
    const mfa = JSON.parse(ok(await run([...base, "--json", "--header", "Prefer: code=202, example=mfaRequired"])));
    expect(mfa).toMatchObject({
      provider: "synapsefi",
      status: "mfa_required",
      phoneNumbers: ["developer@email.com", "901-111-2222"],
    });
    expect(mfa.next).toContain("--phone-number");
    const sent = ok(
      await run([...base, "--phone-number", "901-111-2222", "--header", "Prefer: code=202, example=pinSent"]),
    );
    expect(sent).toContain("SynapseFI: pin sent. MFA sent to 901-111-2222.");
    expect(sent).toContain("--validation-pin");
    const key = ok(await run([...base, "--validation-pin", "123456"]));
    expect(key).toContain("SynapseFI token (OAuth key)");
    expect(key).toMatch(/refresh uses left\s+8/);
    expect(key).not.toContain("oauth_bo4WXMIT5V0zKSRLYcqNwGtHZEDaA1k3pBv7r20s");
  });
});

describe("refresh", () => {
  it("refreshes at finAPI, Financial Cents and SynapseFI (the rotated refresh token is printed)", async () => {
    ok(
      await run([
        "refresh",
        "finapi",
        "--refresh-token",
        finapiUser().refresh_token,
        "--base-url",
        mockUrl("finapi"),
        ...FINAPI,
      ]),
    );
    const rotated = JSON.parse(
      ok(
        await run([
          "refresh",
          "synapsefi",
          "--refresh-token",
          "refresh_ehG7YBS8ZiD0sLa6PQHMUxryovVkJzElC5gWROXq",
          "--json",
          "--show-secrets",
          "--base-url",
          mockUrl("synapsefi"),
          ...SYNAPSEFI,
          "--header",
          "Prefer: code=200, example=pageExample",
        ]),
      ),
    );
    expect(rotated.refreshToken).toBe("refresh_3ZPYv0UAyKQxGpW4iM0hdT7r1j2JEuzIalLceXDt");
    expect(rotated.extras).toMatchObject({ refreshUsesLeft: 9, userId: "5bb6ab05472e2500adffad5a" });
    const fc = JSON.parse(
      ok(
        await run([
          "refresh",
          "financial-cents",
          "--refresh-token",
          "the-refresh-token",
          "--json",
          ...FINANCIAL_CENTS(),
        ]),
      ),
    );
    expect(fc.grant).toBe("refresh_token");
  });
});

describe("revoke", () => {
  it("finAPI: fetches the client token that authenticates revoke, and prints the echoed request id", async () => {
    expect(
      ok(await run(["revoke", "finapi", "--token", "some-access-token", "--base-url", mockUrl("finapi"), ...FINAPI])),
    ).toMatch(/^finAPI: revoked \(request id \S+\)\.$/m);
    const json = JSON.parse(
      ok(
        await run([
          "revoke",
          "finapi",
          "--refresh-token",
          "rt-to-revoke",
          "--client-access-token",
          "client-token",
          "--json",
          "--base-url",
          mockUrl("finapi"),
          ...FINAPI,
        ]),
      ),
    );
    expect(json).toMatchObject({ provider: "finapi", revoked: true });
  });

  it("Finexer revokes by refresh token; oauth2 by token", async () => {
    const finexer = ["--client-id", "app_demo", "--client-secret", "sk_demo", "--base-url", mockUrl("finexer")];
    expect(ok(await run(["revoke", "finexer", "--refresh-token", "{REFRESH_TOKEN}", ...finexer]))).toBe(
      "Finexer: revoked.\n",
    );
    expect(
      JSON.parse(ok(await run(["revoke", "finexer", "--token", "{REFRESH_TOKEN}", "--json", ...finexer]))),
    ).toEqual({ provider: "finexer", revoked: true });
    expect(
      ok(
        await run([
          "revoke",
          "oauth2",
          "--token",
          "45ghiukldjahdnhzdauz",
          "--token-type-hint",
          "refresh_token",
          "--base-url",
          mockUrl("oauth2"),
          ...OAUTH2,
        ]),
      ),
    ).toContain("revoked");
  });
});

describe("authorize-url and the code exchange", () => {
  it("Financial Cents: a URL with state and PKCE; the printed verifier completes the exchange at the mock", async () => {
    const redirect = "https://app.example.com/callback";
    const out = JSON.parse(
      ok(
        await run([
          "authorize-url",
          "financial-cents",
          "--json",
          "--client-id",
          "7956",
          "--redirect-uri",
          redirect,
          "--prompt",
          "consent",
          "--base-url",
          mockUrl("financial-cents"),
        ]),
      ),
    );
    const url = new URL(out.url);
    expect(url.pathname).toBe("/oauth/authorize");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: "7956",
      redirect_uri: redirect,
      response_type: "code",
      prompt: "consent",
      state: out.state,
      code_challenge_method: "S256",
    });
    expect(out.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The mock accepts the URL as the spec describes it (Prism validates the query).
    const consent = await fetch(out.url, { redirect: "manual", headers: { Prefer: "code=302" } });
    expect(consent.status).toBe(302);
    expect(consent.headers.get("sl-violations")).toBeNull();
    const token = ok(
      await run(
        tokenArgs(
          "financial-cents",
          "authorization_code",
          "--code",
          "AUTHORIZATION_CODE",
          `--code-verifier=${out.codeVerifier}`,
          "--redirect-uri",
          redirect,
          ...FINANCIAL_CENTS(),
        ),
      ),
    );
    expect(token).toContain("Financial Cents token (authorization_code grant)");
  });

  it("Finexer: comma-separated scopes, no PKCE; the exchange is its only grant", async () => {
    const out = ok(
      await run([
        "authorize-url",
        "finexer",
        "--client-id",
        "app_demo",
        "--scope",
        "customer_read",
        "--scope",
        "customer_write",
      ]),
    );
    const url = new URL(lines(out)[1]!);
    expect(url.origin + url.pathname).toBe("https://finexer.com/oauth/");
    expect(url.searchParams.get("scope")).toBe("customer_read,customer_write");
    expect(url.searchParams.has("code_challenge")).toBe(false);
    expect(out).not.toContain("code verifier");
    const token = JSON.parse(
      ok(
        await run([
          "token",
          "finexer",
          "--code",
          "{AUTHORIZATION_CODE}",
          "--json",
          "--client-id",
          "app_demo",
          "--client-secret",
          "sk",
          "--base-url",
          mockUrl("finexer"),
        ]),
      ),
    );
    expect(token).toMatchObject({
      grant: "authorization_code",
      extras: { accountId: "{ACCOUNT_IDENTIFIER}" },
      scopes: ["customer_read", "customer_write"],
    });
  });
});

describe('a PKCE verifier that starts with "-" (one in 64)', () => {
  it("authorize-url prints --code-verifier=<verifier>, which the exchange accepts; the spaced form gets a usage error that says to use =", async () => {
    // Ask until a verifier starts with "-" (its first six bits 111110, a first byte 0xF8–0xFB: one in 64).
    // The engine draws random bytes in 4 KiB batches, so no mock of getRandomValues reaches one verifier;
    // 3,000 tries all miss with probability (63/64)^3000, about 2e-21. Each try only builds a URL.
    const redirect = "https://app.example.com/callback";
    let out = "";
    for (let tries = 0; tries < 3_000 && !/--code-verifier=-/.test(out); tries++) {
      out = ok(
        await run([
          "authorize-url",
          "financial-cents",
          "--client-id",
          "7956",
          "--redirect-uri",
          redirect,
          "--base-url",
          mockUrl("financial-cents"),
        ]),
      );
    }
    const verifier = /--code-verifier=(\S+)/.exec(out)?.[1];
    expect(verifier).toMatch(/^-[A-Za-z0-9_-]{42}$/);
    const exchange = /then\s+finoauth (token .*)$/m
      .exec(out)![1]!
      .replace("<code from the redirect>", "AUTHORIZATION_CODE")
      .split(" ");
    expect(exchange).toContain(`--code-verifier=${verifier}`);
    const creds = FINANCIAL_CENTS();
    expect(ok(await run([...exchange, ...creds]))).toContain("Financial Cents token (authorization_code grant)");
    const spaced = failed(
      await run(
        tokenArgs("financial-cents", "authorization_code", "--code", "c", "--code-verifier", verifier!, ...creds),
      ),
      2,
    );
    expect(spaced).toContain(
      `--code-verifier's value starts with "-": write it after "=" as one argument, --code-verifier=-…`,
    );
    expect(spaced).not.toContain(verifier!.slice(1));
  });
});

describe("secrets from stdin and the environment, never printed", () => {
  it("--client-secret-stdin and - read the secret from stdin (one trailing newline dropped)", async () => {
    const noSecret = FINCALC.filter(
      (arg, index) => arg !== "--client-secret" && FINCALC[index - 1] !== "--client-secret",
    );
    for (const flag of [["--client-secret-stdin"], ["--client-secret", "-"]]) {
      const out = ok(
        await run(
          ["token", "fincalc", "--base-url", mockUrl("fincalc"), ...noSecret, ...flag],
          {},
          "fincalc-secret-value\n",
        ),
      );
      expect(out).toContain("FinCalc token (client_credentials grant)");
      expect(out).not.toContain("fincalc-secret-value");
    }
    expect(
      failed(
        await run(["token", "fincalc", "--base-url", mockUrl("fincalc"), ...noSecret, "--client-secret-stdin"], {}, ""),
        2,
      ),
    ).toContain("--client-secret was to come from stdin, which was empty");
    // The built binary reads the process's stdin.
    const out = execFileSync(
      process.execPath,
      [BIN, "token", "fincalc", "--base-url", mockUrl("fincalc"), ...noSecret, "--client-secret-stdin"],
      { input: "fincalc-secret-value\n", encoding: "utf8", env: cleanEnv() },
    );
    expect(out).toContain("FinCalc token (client_credentials grant)");
  });

  it("the password, refresh token, code, validation pin and a revoke token come from stdin; two at once is a usage error", async () => {
    const base = ["--base-url", mockUrl("finapi"), ...FINAPI];
    expect(
      JSON.parse(
        ok(
          await run(
            tokenArgs("finapi", "password", "--username", "u", "--password-stdin", "--json", ...base),
            {},
            "p4ss!",
          ),
        ),
      ).grant,
    ).toBe("password");
    expect(
      JSON.parse(
        ok(await run(["refresh", "finapi", "--refresh-token", "-", "--json", ...base], {}, finapiUser().refresh_token)),
      ).grant,
    ).toBe("refresh_token");
    expect(
      ok(
        await run(
          ["revoke", "finapi", "--token-stdin", "--client-access-token", "client-token", ...base],
          {},
          "some-access-token",
        ),
      ),
    ).toMatch(/^finAPI: revoked/);
    const finexer = ["--client-id", "app_demo", "--client-secret", "sk", "--base-url", mockUrl("finexer")];
    expect(
      JSON.parse(ok(await run(["token", "finexer", "--code-stdin", "--json", ...finexer], {}, "{AUTHORIZATION_CODE}")))
        .grant,
    ).toBe("authorization_code");
    const synapse = synapseToken();
    expect(ok(await run([...synapse, "--validation-pin-stdin"], {}, "123456"))).toContain(
      "SynapseFI token (OAuth key)",
    );
    const two = failed(
      await run(
        tokenArgs(
          "finapi",
          "password",
          "--username",
          "u",
          "--password-stdin",
          "--client-secret",
          "-",
          "--client-id",
          "a",
        ),
        {},
        "x",
      ),
      2,
    );
    expect(two).toContain(
      "only one secret can come from stdin, got --password and --client-secret: pass the others by environment variable",
    );
  });

  it("every secret flag reads its FINOAUTH_<PROVIDER>_* variable (code, refresh token, validation pin, OAuth key, client access token)", async () => {
    const finapi = {
      FINOAUTH_FINAPI_CLIENT_ID: "clientId_example",
      FINOAUTH_FINAPI_CLIENT_SECRET: "finapi-secret-value",
      FINOAUTH_FINAPI_BASE_URL: mockUrl("finapi"),
    };
    expect(
      JSON.parse(
        ok(
          await run(["refresh", "finapi", "--json"], {
            ...finapi,
            FINOAUTH_FINAPI_REFRESH_TOKEN: finapiUser().refresh_token,
          }),
        ),
      ).grant,
    ).toBe("refresh_token");
    expect(
      ok(
        await run(["revoke", "finapi", "--token", "t"], {
          ...finapi,
          FINOAUTH_FINAPI_CLIENT_ACCESS_TOKEN: "client-token",
        }),
      ),
    ).toMatch(/^finAPI: revoked/);
    const finexer = {
      FINOAUTH_FINEXER_CLIENT_ID: "app_demo",
      FINOAUTH_FINEXER_CLIENT_SECRET: "sk",
      FINOAUTH_FINEXER_BASE_URL: mockUrl("finexer"),
      FINOAUTH_FINEXER_CODE: "{AUTHORIZATION_CODE}",
    };
    expect(JSON.parse(ok(await run(["token", "finexer", "--json"], finexer))).grant).toBe("authorization_code");
    const synapse = synapseToken();
    const key = ok(
      await run(synapse, {
        FINOAUTH_SYNAPSEFI_VALIDATION_PIN: "123456",
        FINOAUTH_SYNAPSEFI_OAUTH_KEY: "oauth_current",
      }),
    );
    expect(key).toContain("SynapseFI token (OAuth key)");
    expect(key).not.toContain("oauth_current");
  });

  it("each command's --help documents the environment variable and stdin of every secret flag", async () => {
    for (const command of ["token", "refresh", "revoke", "authorize-url"]) {
      const help = ok(await run([command, "--help"]));
      const secretLines = help.split("\n").filter((line) => /or from stdin: --(\S+)-stdin or --\1 -/.test(line));
      expect(secretLines.length, help).toBeGreaterThan(0);
      expect(help).toContain("Secrets (the options that say");
    }
    const token = ok(await run(["token", "--help"]));
    for (const flag of [
      "client-secret",
      "password",
      "code",
      "code-verifier",
      "refresh-token",
      "validation-pin",
      "oauth-key",
      "fingerprint",
    ]) {
      expect(token).toMatch(
        new RegExp(
          `--${flag} <[^>]+>.*env FINOAUTH_<PROVIDER>_${flag.toUpperCase().replace(/-/g, "_")}; or from stdin: --${flag}-stdin or --${flag} -`,
        ),
      );
    }
    const revoke = ok(await run(["revoke", "--help"]));
    for (const flag of ["token", "refresh-token", "client-access-token"])
      expect(revoke).toMatch(new RegExp(`--${flag} <[^>]+>.*or from stdin: --${flag}-stdin`));
  });
});

describe("failures at run time: one line, exit 1, no secret", () => {
  let silent: Server;
  let html: Server;
  const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  beforeAll(async () => {
    silent = createServer(() => {});
    html = createServer((_, response) =>
      response.writeHead(200, { "content-type": "text/html" }).end("<html>login</html>"),
    );
    await Promise.all(
      [silent, html].map((server) => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))),
    );
  });
  afterAll(() => {
    silent.closeAllConnections();
    silent.close();
    html.close();
  });

  it("a provider error says what the provider said and what to do, without the secret", async () => {
    const line = failed(
      await run(
        tokenArgs(
          "finapi",
          "client_credentials",
          "--base-url",
          mockUrl("finapi"),
          ...FINAPI,
          "--header",
          "Prefer: code=401, example=invalidClient",
        ),
      ),
      1,
    );
    expect(line).toMatch(
      /^finoauth: finAPI refused the request \(HTTP 401 invalid_client\): .+ Check --client-id and --client-secret \(or FINOAUTH_FINAPI_CLIENT_ID/,
    );
    expect(line).not.toContain("finapi-secret-value");
    const grant = failed(
      await run(
        tokenArgs(
          "oauth2",
          "refresh_token",
          "--refresh-token",
          "tGzv3JOkF0XG5Qx2TlKWIA",
          "--base-url",
          mockUrl("oauth2"),
          ...OAUTH2,
          "--header",
          "Prefer: code=400, example=invalidGrant",
        ),
      ),
      1,
    );
    expect(grant).toContain("invalid_grant");
    expect(grant).toContain("get a new one");
    expect(grant).not.toContain("tGzv3JOkF0XG5Qx2TlKWIA");
  });

  it("an unreachable server, a server that never answers, and an answer that is not a token", async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const refused = failed(await run(["token", "fincalc", "--base-url", `http://127.0.0.1:${closed}`, ...FINCALC]), 1);
    expect(refused).toContain(`could not reach FinCalc at http://127.0.0.1:${closed}`);
    expect(refused).toContain("ECONNREFUSED");
    expect(refused).toContain("Check --base-url (or FINOAUTH_FINCALC_BASE_URL)");
    expect(
      failed(await run(["token", "fincalc", "--timeout", "200ms", "--base-url", urlOf(silent), ...FINCALC]), 1),
    ).toContain("did not answer in time (no answer within 200 ms). Try again, or raise --timeout");
    expect(failed(await run(["token", "fincalc", "--base-url", urlOf(html), ...FINCALC]), 1)).toContain(
      "answered something that is not a usable token (HTTP 200): HTML instead of JSON",
    );
  });
});

describe("on a terminal", () => {
  it("shows a progress line on stderr while waiting, and clears it", async () => {
    // `script` gives the CLI a pseudo-terminal; the tests above show that a pipe gets no progress line.
    const command = [process.execPath, BIN, "token", "fincalc", "--base-url", mockUrl("fincalc"), ...FINCALC]
      .map((arg) => `'${arg}'`)
      .join(" ");
    const output = execFileSync("script", ["-qec", command, "/dev/null"], { encoding: "utf8", env: cleanEnv() });
    expect(output).toContain("FinCalc: requesting a token…");
    expect(output).toContain("\r\x1b[K");
    expect(output).toContain("FinCalc token (client_credentials grant)");
  });
});
