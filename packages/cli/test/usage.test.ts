// Bad input: one line on stderr that says what to do, exit code 2, nothing on stdout, no request sent.
// And --help / --version.
import { readFileSync } from "node:fs";
import { providers } from "@finoauth/auth/all";
import { describe, expect, it } from "vitest";
import { lines, run, tokenArgs, withoutArgvWarning } from "./support.js";

/** The registry's providers, and those offering a flow: the lists the messages must name, derived, never written out. */
const ALL = Object.values(providers);
const names = (test: (definition: (typeof ALL)[number]) => boolean) =>
  ALL.filter(test).map((definition) => definition.id);
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const WITH_REFRESH = names((d) => "refresh_token" in d.grants).join(", ");
const WITH_REVOKE = names((d) => "revoke" in d && d.revoke !== undefined).join(", ");
const WITH_AUTHORIZE = names(
  (d) => "authorize" in d && d.authorize !== undefined && "authorization_code" in d.grants,
).join(", ");

const FINAPI = ["--client-id", "a", "--client-secret", "b"];
/** A SynapseFI refresh with every flag but the user's id, from the address given. */
const synapseToken = (ipAddress: string, ...rest: string[]) => [
  "token",
  "synapsefi",
  "--refresh-token",
  "r",
  "--client-id",
  "a",
  "--client-secret",
  "b",
  "--fingerprint",
  "f",
  "--ip-address",
  ipAddress,
  ...rest,
];

/** [arguments, what the one line must say] — each exits 2 before any request. */
const USAGE_ERRORS: [string[], RegExp][] = [
  [["tokn"], /unknown command "tokn" \(did you mean token\?\)/],
  [["--bogus"], /--bogus must come after a command/],
  [["token"], new RegExp(`token needs a provider: finoauth token <${escapeRegExp(names(() => true).join("|"))}>`)],
  [
    ["token", "finapy"],
    new RegExp(
      `unknown provider "finapy" \\(did you mean finapi\\?\\)\\. Use one of: ${escapeRegExp(names(() => true).join(", "))}$`,
      "m",
    ),
  ],
  [["token", "finapi", "extra", "--grant", "password"], /unexpected argument "extra"/],
  [["token", "finapi"], /finAPI offers several grants: pass --grant client_credentials\|password\|refresh_token/],
  [
    tokenArgs("finapi", "implicit"),
    /unknown grant "implicit"\. Use one of: authorization_code, client_credentials, password, refresh_token/,
  ],
  [tokenArgs("fincalc", "password"), /FinCalc does not offer the password grant; it offers: client_credentials/],
  [
    ["token", "finapi", "--grnt", "password"],
    /unknown option --grnt for finoauth token \(did you mean --grant\?\)\. Run finoauth token --help/,
  ],
  [["token", "finapi", "--grant"], /--grant needs a value \(--grant <grant>\)/],
  [tokenArgs("finapi", "client_credentials", "--json=yes"), /--json takes no value/],
  [
    tokenArgs("finapi", "client_credentials"),
    /finAPI needs a client id: pass --client-id or set FINOAUTH_FINAPI_CLIENT_ID/,
  ],
  [
    tokenArgs("finapi", "client_credentials", "--client-id", "a"),
    /finAPI needs a client secret: pass --client-secret or set FINOAUTH_FINAPI_CLIENT_SECRET/,
  ],
  [
    tokenArgs("finapi", "password", ...FINAPI),
    /finAPI needs the user's name: pass --username or set FINOAUTH_FINAPI_USERNAME/,
  ],
  [tokenArgs("finapi", "refresh_token", ...FINAPI), /needs the refresh token: pass --refresh-token/],
  [["token", "finexer", "--client-id", "a", "--client-secret", "b"], /Finexer needs the authorization code/],
  [
    ["token", "fincalc", "--client-id", "a", "--client-secret", "b"],
    /FinCalc needs the e-mail address of your FinCalc login: pass --email-address or set FINOAUTH_FINCALC_EMAIL_ADDRESS/,
  ],
  [synapseToken("203.0.113.7"), /SynapseFI needs the user's id: pass --user-id/],
  [synapseToken("nope", "--user-id", "u"), /--ip-address must be an IPv4 or IPv6 address/],
  [
    ["token", "synapsefi", "--refresh-token", "r", "--phone-number", "1", "--validation-pin", "2"],
    /pass --phone-number \(2FA step 2\) or --validation-pin \(2FA step 3\), not both/,
  ],
  [
    tokenArgs("oauth2", "password", "--client-id", "a", "--username", "u", "--password", "p"),
    /needs the authorization server's URL: pass --base-url or set FINOAUTH_OAUTH2_BASE_URL/,
  ],
  [
    tokenArgs(
      "oauth2",
      "client_credentials",
      "--client-id",
      "a",
      "--base-url",
      "http://127.0.0.1:1",
      "--client-auth",
      "basic",
    ),
    /unknown --client-auth "basic"/,
  ],
  [
    tokenArgs("finapi", "client_credentials", ...FINAPI, "--email-address", "x@example.com"),
    /--email-address is not used by finAPI \(only by fincalc\): remove it/,
  ],
  [
    tokenArgs("finapi", "client_credentials", ...FINAPI, "--code", "x"),
    /--code is not used with --grant client_credentials \(only with authorization_code\): remove it/,
  ],
  [
    tokenArgs("finapi", "client_credentials", ...FINAPI, "--timeout", "soon"),
    /--timeout must be a positive duration such as 10, 10s or 500ms/,
  ],
  [
    tokenArgs("finapi", "client_credentials", ...FINAPI, "--base-url", "http://example.com"),
    /--base-url must use https \(plain http only on a loopback host\).*Run finoauth token --help/,
  ],
  [
    tokenArgs("finapi", "client_credentials", ...FINAPI, "--header", "no colon"),
    /--header must look like "Name: value"/,
  ],
  [
    ["refresh", "fincalc"],
    new RegExp(`FinCalc does not offer refresh; providers with refresh: ${escapeRegExp(WITH_REFRESH)}$`, "m"),
  ],
  [
    ["revoke", "financial-cents"],
    new RegExp(`Financial Cents does not offer revoke; providers with revoke: ${escapeRegExp(WITH_REVOKE)}$`, "m"),
  ],
  [
    ["revoke", "finapi", ...FINAPI],
    /revoke needs the token to revoke: pass --token <token> or --refresh-token <token>/,
  ],
  [
    ["revoke", "finapi", ...FINAPI, "--token", "t", "--refresh-token", "r"],
    /pass --token or --refresh-token, not both/,
  ],
  [
    ["revoke", "finexer", ...FINAPI, "--token", "t", "--token-type-hint", "access_token"],
    /--token-type-hint is not used by Finexer/,
  ],
  [
    ["authorize-url", "finapi"],
    new RegExp(`finAPI has no authorization URL .* providers with one: ${escapeRegExp(WITH_AUTHORIZE)}$`, "m"),
  ],
  [
    ["authorize-url", "financial-cents", "--client-id", "a"],
    /Financial Cents needs the redirect URI registered for your client: pass --redirect-uri or set FINOAUTH_FINANCIAL_CENTS_REDIRECT_URI/,
  ],
  [
    [
      "authorize-url",
      "financial-cents",
      "--client-id",
      "a",
      "--redirect-uri",
      "https://a.example/cb",
      "--prompt",
      "always",
    ],
    /--prompt must be one of none, consent, login/,
  ],
  [["mock", "nope"], /unknown provider "nope"/],
  [["mock", "fincalc", "--port", "99999"], /--port must be a port number/],
  [["demo", "--provider", "finapy"], /unknown provider "finapy" \(did you mean finapi\?\)/],
  [["demo", "finapi"], /unexpected argument "finapi": choose providers with --provider <name>/],
  [["help", "tokn"], /unknown command "tokn"/],
];

describe("usage errors", () => {
  it.each(USAGE_ERRORS)("finoauth %j → exit 2 and one line", async (args, expected) => {
    const result = await run(args);
    // Some pass a secret as a flag: its warning comes first (argv-secrets.test.ts), then the one error line.
    const stderr = withoutArgvWarning(result.stderr);
    expect(result.stdout).toBe("");
    expect(lines(stderr), result.stderr).toHaveLength(1);
    expect(stderr).toMatch(/^finoauth: \S/);
    expect(stderr).toMatch(expected);
    expect(result.code).toBe(2);
  });
});

describe("help and version", () => {
  const commands = ["token", "refresh", "revoke", "authorize-url", "mock", "demo", "verify"];

  it("finoauth, --help and help list every command", async () => {
    for (const args of [[], ["--help"], ["-h"], ["help"]]) {
      const result = await run(args);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe("");
      expect(result.stdout).toContain("Usage: finoauth <command> [options]");
      for (const command of commands) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
      expect(result.stdout).toContain(
        "Exit codes: 0 done, 1 the provider refused or could not be reached (or a demo flow failed, or verify found a violation), 2 bad usage.",
      );
    }
  });

  it.each(commands)("finoauth %s --help, -h and `help <command>` show its usage and options", async (command) => {
    const variants = [
      [command, "--help"],
      [command, "-h"],
      ["help", command],
      ["help", command, "--json"],
    ];
    const outputs = await Promise.all(variants.map((args) => run(args)));
    for (const result of outputs) {
      expect(result.code).toBe(0);
      expect(result.stderr).toBe("");
      expect(result.stdout).toMatch(new RegExp(`^Usage: finoauth ${command} `));
      expect(result.stdout).toContain("Options:");
      expect(result.stdout).toContain("-h, --help");
      expect(result.stdout).toContain("Examples:");
    }
    expect(new Set(outputs.map((result) => result.stdout)).size).toBe(1);
    // With a provider, the commands that call one show that provider's help (provider-help.test.ts); the others ignore it.
    const one = await run([command, "finapi", "--grant", "x", "--help"]);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(new RegExp(`^Usage: finoauth ${command} `));
    expect(one.stdout).toContain(["mock", "demo"].includes(command) ? "Options:" : "Options for finapi:");
  });

  it("--version prints the package version", async () => {
    const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    for (const args of [["--version"], ["-V"], ["token", "--version"]]) {
      const result = await run(args);
      expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
    }
  });
});
