// `finoauth verify oauth2 --upstream <stand-in>`: the flows through a real `prism proxy` (Prism 5.14.2, through
// @finoauth/mock) in front of a local stand-in server that drifts from specs/oauth2.yaml on purpose, one way
// per case. Each drift must be reported with its JSON pointer and exit 1; the conforming server exits 0.
import { readdirSync, readFileSync } from "node:fs";
import { basicAuthorization } from "@finoauth/auth";
import { startMock } from "@finoauth/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type StartProxy, type Proxy as VerifyProxy, verify } from "../src/verify.js";
import { renderReport, reportJson, type VerifyReport } from "../src/verify-report.js";
import { lines, run, runBinary, withoutArgvWarning } from "./support.js";
import { CONTROL_TEXT, type Drift, ISSUED, startUpstream, type Upstream } from "./upstream.js";

const CLIENT_ID = "s6BhdRkqt3";
const CLIENT_SECRET = "client-secret-7Fjfp0ZBr1KtDRbnfVdmIw";
const PASSWORD = "user pass+word/A3ddj3w!";
const GIVEN_REFRESH = "given-refresh-token-tGzv3JOkF0XG5Qx2";
/** Credentials as CI passes them: from its secret store into the environment. */
const ENV = { FINOAUTH_OAUTH2_CLIENT_ID: CLIENT_ID, FINOAUTH_OAUTH2_CLIENT_SECRET: CLIENT_SECRET };

/** The command lines of every process on the machine (Linux /proc). */
const commandLines = () =>
  readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        return [readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ")];
      } catch {
        return [];
      }
    });

describe("finoauth verify", { timeout: 90_000 }, () => {
  let upstream: Upstream;
  let proxy: VerifyProxy;
  const started: { spec: string; upstream: string }[] = [];
  /** The proxy of this file, started once: each case's verify gets it through the injected startProxy. */
  const shared: StartProxy = async (spec, options) => {
    started.push({ spec, upstream: options.upstream });
    return { url: proxy.url, stop: async () => {} };
  };

  beforeAll(async () => {
    upstream = await startUpstream();
    proxy = await startMock("oauth2", { upstream: upstream.url });
  });
  afterAll(async () => {
    await proxy?.stop();
    await upstream?.close();
  });

  /** `finoauth verify oauth2 --upstream <stand-in> …` in process, the stand-in drifting as asked. */
  const verifyAgainst = (drift: Drift, args: readonly string[] = [], env: Record<string, string> = ENV, stdin = "") => {
    upstream.drift = drift;
    upstream.received.length = 0;
    return run(["oauth2", "--upstream", upstream.url, ...args], env, stdin, (argv, io) =>
      verify(argv, io, { startProxy: shared }),
    );
  };

  /** The client-credentials flow of a `--json` run against a drifted stand-in: exit 1, and its one exchange. */
  async function drifted(drift: Drift) {
    const result = await verifyAgainst(drift, ["--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(false);
    expect(started.at(-1)).toEqual({ spec: "oauth2", upstream: upstream.url });
    const flow = report.flows.find((candidate: { flow: string }) => candidate.flow === "client credentials");
    expect(flow.verdict).toBe("violates");
    expect(flow.exchanges).toHaveLength(1);
    return flow.exchanges[0];
  }

  it("a conforming server: every unattended flow conforms, the code exchange is listed as skipped; exit 0", async () => {
    const result = await verifyAgainst("conforming", [
      "--username",
      "johndoe",
      "--password",
      PASSWORD,
      "--refresh-token",
      GIVEN_REFRESH,
    ]);
    expect(withoutArgvWarning(result.stderr)).toBe("");
    expect(result.code).toBe(0);
    const out = lines(result.stdout);
    expect(out[0]).toBe(
      `finoauth verify oauth2: its flows through prism proxy (specs/oauth2.yaml) in front of ${upstream.url}`,
    );
    expect(result.stdout).toMatch(
      /^authorization code\s+skipped\s+needs a browser: pass --code \(and --code-verifier, --redirect-uri\) from a finoauth authorize-url consent$/m,
    );
    expect(result.stdout).toMatch(/^client credentials\s+POST \/token\s+200\s+conforms\s+token and refresh token$/m);
    expect(result.stdout).toMatch(/^password\s+POST \/token\s+200\s+conforms\s+token and refresh token$/m);
    expect(result.stdout).toMatch(/^refresh\s+POST \/token\s+200\s+conforms\s+token and refresh token$/m);
    expect(result.stdout).toMatch(/^revoke\s+POST \/revoke\s+200\s+conforms\s+access token of this run revoked$/m);
    expect(out.at(-1)).toBe("All 4 flows conform to specs/oauth2.yaml.");
    // Every request reached the real server through the proxy; the refresh used the given token; revoke
    // revoked a token this run obtained, never the one it was given.
    expect(
      upstream.received.map((request) => `${request.path} ${request.body.get("grant_type") ?? ""}`.trim()),
    ).toEqual(["/token client_credentials", "/token password", "/token refresh_token", "/revoke"]);
    expect(upstream.received[2]!.body.get("refresh_token")).toBe(GIVEN_REFRESH);
    expect(upstream.received[3]!.body.get("token")).toBe(ISSUED.accessToken);
    expect(result.stdout).not.toContain(ISSUED.accessToken);
  });

  it("with --code the authorization-code exchange runs too; --json says ok", async () => {
    const result = await verifyAgainst("conforming", ["--code", "SplxlOBeZQQYbYS6WxSbIA", "--json"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ ok: true, provider: "oauth2", spec: "specs/oauth2.yaml", upstream: upstream.url });
    expect(report.flows.map((flow: { flow: string; verdict: string }) => `${flow.flow}: ${flow.verdict}`)).toEqual([
      "authorization code: conforms",
      "client credentials: conforms",
      "password: skipped",
      "refresh: conforms",
      "revoke: conforms",
    ]);
    expect(report.flows[3].note).toBe("token and refresh token (the refresh token of an earlier flow)");
    expect(upstream.received[0]!.body.get("code")).toBe("SplxlOBeZQQYbYS6WxSbIA");
  });

  it("a renamed field (access_token → accessToken): the missing access_token, with its pointer; exit 1", async () => {
    expect(await drifted("renamedField")).toEqual({
      method: "POST",
      path: "/token",
      status: 500,
      answeredBy: "prism",
      violations: [
        {
          pointer: "/response/body/access_token",
          severity: "error",
          message: "Response body must have required property 'access_token'",
          breaks: true,
        },
      ],
    });
    const table = await verifyAgainst("renamedField");
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(
      /^client credentials\s+POST \/token\s+500 \(Prism\)\s+violates\s+\/response\/body\/access_token: Response body must have required property 'access_token'$/m,
    );
    expect(lines(table.stdout).at(-1)).toBe("1 of 1 flows break specs/oauth2.yaml.");
  });

  it("a required field missing (no token_type): reported at /response/body/token_type; exit 1", async () => {
    expect((await drifted("missingRequiredField")).violations).toEqual([
      {
        pointer: "/response/body/token_type",
        severity: "error",
        message: "Response body must have required property 'token_type'",
        breaks: true,
      },
    ]);
  });

  it("a wrong 2xx status (201 where the spec has 200, 400, 401): reported at /response/status; exit 1", async () => {
    expect(await drifted("status201")).toEqual({
      method: "POST",
      path: "/token",
      status: 500,
      answeredBy: "prism",
      violations: [
        {
          pointer: "/response/status",
          severity: "error",
          message: "Unable to match the returned status code with those defined in the document: 200,400,401",
          breaks: true,
        },
      ],
    });
  });

  it("an undocumented 500 (Prism only warns and passes it through): still a violation; exit 1", async () => {
    expect(await drifted("status500")).toEqual({
      method: "POST",
      path: "/token",
      status: 500,
      answeredBy: "upstream",
      violations: [
        {
          pointer: "/response/status",
          severity: "warning",
          message: "Unable to match the returned status code with those defined in the document: 200,400,401",
          breaks: true,
        },
      ],
    });
  });

  it("a changed content type (text/plain): the media type and the body; exit 1", async () => {
    expect((await drifted("textPlain")).violations).toEqual([
      {
        pointer: "/response/headers/content-type",
        severity: "error",
        message:
          'The received media type "text/plain" does not match the one specified in the current response: application/json',
        breaks: true,
      },
      { pointer: "/response/body", severity: "error", message: "Response body must be object", breaks: true },
    ]);
  });

  it("a changed content type (form-encoded): the media type; exit 1", async () => {
    expect((await drifted("formEncoded")).violations).toEqual([
      {
        pointer: "/response/headers/content-type",
        severity: "error",
        message:
          'The received media type "application/x-www-form-urlencoded" does not match the one specified in the current response: application/json',
        breaks: true,
      },
    ]);
  });

  it("never prints a secret, even when the server echoes them back (table and --json)", async () => {
    const env = { ...ENV, FINOAUTH_OAUTH2_REFRESH_TOKEN: GIVEN_REFRESH };
    const basic = basicAuthorization(CLIENT_ID, CLIENT_SECRET);
    const secrets = [
      CLIENT_SECRET,
      PASSWORD,
      encodeURIComponent(PASSWORD),
      new URLSearchParams({ p: PASSWORD }).toString().slice(2),
      GIVEN_REFRESH,
      ISSUED.accessToken,
      ISSUED.refreshToken,
      basic,
      basic.replace(/^Basic /, ""),
    ];
    for (const format of [[], ["--json"]]) {
      // The password comes from stdin, the rest from the environment.
      const result = await verifyAgainst(
        "echoSecrets",
        ["--username", "johndoe", "--password-stdin", ...format],
        env,
        `${PASSWORD}\n`,
      );
      expect(result.code).toBe(1);
      // The server did echo them: the password and the refresh token in its answers' descriptions.
      expect(upstream.received.map((request) => request.body.get("grant_type"))).toEqual([
        "client_credentials",
        "password",
        "refresh_token",
        null,
      ]);
      const printed = result.stdout + result.stderr;
      expect(printed).toContain("[redacted]");
      expect(printed).toMatch(/refused the request \(HTTP 400 invalid_grant\)/);
      for (const secret of secrets) expect(printed).not.toContain(secret);
    }
  });

  it("a server that answers with terminal control sequences: the table and --json write none raw", async () => {
    const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
    const env = { ...ENV, FINOAUTH_OAUTH2_REFRESH_TOKEN: GIVEN_REFRESH };
    const table = await verifyAgainst("controlChars", [], env);
    expect(table.code).toBe(1);
    expect(table.stdout).not.toMatch(RAW);
    expect(table.stdout).toContain("\\u001b[2J");
    expect(lines(table.stdout).some((line) => /^\s+forged line/.test(line))).toBe(false);
    const json = await verifyAgainst("controlChars", ["--json"], env);
    expect(json.stdout).not.toMatch(RAW);
    // The JSON keeps the value (the note's whitespace collapsed to one line, the control characters as sent).
    const note = JSON.parse(json.stdout).flows.find((flow: { flow: string }) => flow.flow === "refresh").note as string;
    expect(note).toContain(CONTROL_TEXT.slice(0, CONTROL_TEXT.indexOf("\r")));
    expect(note).toContain("\u202egnp.exe");
  });

  it("the report itself scrubs every secret it is given, in the table and in JSON", () => {
    const report: VerifyReport = {
      provider: "oauth2",
      spec: "specs/oauth2.yaml",
      upstream: "https://auth.example.com",
      flows: [
        {
          flow: "password",
          verdict: "failed",
          note: `refused ${PASSWORD} and ${encodeURIComponent(PASSWORD)}`,
          exchanges: [{ method: "POST", path: "/token", status: 400, answeredBy: "upstream", violations: [] }],
        },
        {
          flow: "refresh",
          verdict: "violates",
          exchanges: [
            {
              method: "POST",
              path: "/token",
              status: 500,
              answeredBy: "prism",
              violations: [
                {
                  pointer: "/response/body",
                  severity: "error",
                  message: `saw ${JSON.stringify(GIVEN_REFRESH)}`,
                  breaks: true,
                },
              ],
            },
          ],
        },
      ],
    };
    for (const text of [
      renderReport(report, [PASSWORD, GIVEN_REFRESH]),
      reportJson(report, [PASSWORD, GIVEN_REFRESH]),
    ]) {
      expect(text).toContain("[redacted]");
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(encodeURIComponent(PASSWORD));
      expect(text).not.toContain(GIVEN_REFRESH);
    }
    expect(lines(renderReport(report, [])).at(-1)).toBe(
      "1 of 2 flows break specs/oauth2.yaml; 1 failed (no violation found, but they did not complete: they verified nothing).",
    );
  });

  it("usage errors exit 2 before any proxy starts, and help names the environment variables", async () => {
    const before = started.length;
    const missing = await run(["verify", "oauth2"], ENV);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      "finoauth: verify needs the real server: pass --upstream <base-url> (or set FINOAUTH_OAUTH2_UPSTREAM), e.g. a sandbox\n",
    );
    const plain = await run(["verify", "oauth2", "--upstream", "http://auth.example.com"], ENV);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain("--upstream must use https");
    const nothing = await run([
      "verify",
      "finexer",
      "--upstream",
      "https://example.com",
      "--client-id",
      "x",
      "--client-secret",
      "y",
    ]);
    expect(nothing.code).toBe(2);
    expect(withoutArgvWarning(nothing.stderr)).toMatch(
      /^finoauth: nothing to verify for Finexer: authorization code needs a browser/,
    );
    const wrong = await run(["verify", "fincalc", "--upstream", "https://example.com", "--username", "u"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("--username is not used by FinCalc");
    expect(started.length).toBe(before);
    const help = await run(["verify", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("FINOAUTH_FINAPI_CLIENT_ID and FINOAUTH_FINAPI_CLIENT_SECRET");
    expect(help.stdout).toMatch(
      /--client-secret <secret>\s+the client secret \(env FINOAUTH_<PROVIDER>_CLIENT_SECRET; or from stdin/,
    );
    expect((await run(["--help"])).stdout).toContain("verify <provider> --upstream <url>");
  });

  it("the built binary starts its own prism proxy, reports, and leaves no Prism running", async () => {
    const own = await startUpstream("conforming");
    try {
      const result = await runBinary(["verify", "oauth2", "--upstream", own.url], ENV);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(lines(result.stdout).at(-1)).toBe("All 2 flows conform to specs/oauth2.yaml.");
      expect(own.received.map((request) => request.path)).toEqual(["/token", "/revoke"]);
      expect(commandLines().filter((line) => line.includes(own.url))).toEqual([]);
    } finally {
      await own.close();
    }
  });
});
