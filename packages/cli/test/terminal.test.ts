// Text from the network never reaches the terminal with a raw control character: every printer, driven
// with hostile values (ESC, BEL, C1, CR, backspace, bidi overrides, line breaks), writes none but its own
// line breaks; JSON stays valid and keeps the value. Property tests over arbitrary control characters, and
// the whole CLI against a hostile server.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { FinoauthError, TokenSet } from "@finoauth/auth";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failureLine } from "../src/cli.js";
import { type Row, renderRows } from "../src/demo.js";
import { logLine } from "../src/mock.js";
import { fields, table, tokenJson, tokenSummary } from "../src/output.js";
import { jsonText, safe, safeIo, safeLines } from "../src/terminal.js";
import { renderReport, reportJson, type VerifyReport } from "../src/verify-report.js";
import { lines, run } from "./support.js";

/** What must never be written raw (written out here, not imported: the test checks the module's list). */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const CODES = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
  0x61c,
  0x200e,
  0x200f,
  0x2028,
  0x2029,
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e,
  0x2066,
  0x2067,
  0x2068,
  0x2069,
];
const control = fc.constantFrom(...CODES).map((code) => String.fromCharCode(code));
/** Strings of control characters mixed with ordinary text, ANSI sequences and backslashes; never empty. */
const hostile = fc
  .string({
    unit: fc.oneof(
      control,
      fc.constantFrom("\x1b[2J", "\x1b]0;pwned\x07", "\x9b31m", "a", "é", " ", "\\", "-", "="),
      fc.string({ maxLength: 1 }),
    ),
    minLength: 1,
    maxLength: 30,
  })
  .filter((text) => text !== "");

/** Checks a printer's output: no raw control but line breaks, and as many lines as the benign run. */
function clean(output: string, benign: string): void {
  expect(output).not.toMatch(RAW);
  expect(output.split("\n")).toHaveLength(benign.split("\n").length);
}

const token = (value: string, extraName = "accountId") =>
  new TokenSet({
    provider: "finexer",
    accessToken: value,
    tokenType: value,
    expiresAt: 1_800_000_000_000,
    refreshToken: value,
    scopes: [value, "read"],
    extras: { [extraName]: value, usesLeft: 3 },
    obtainedAt: 1_700_000_000_000,
    raw: { value },
  });

describe("the escapes", () => {
  it("safe leaves no control character; safeLines only line breaks; ordinary text is unchanged", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        expect(safe(text)).not.toMatch(
          /[\u0000-\u001f]|[^\u0020-\u007e\u00a0-\u061b\u061d-\u200d\u2010-\u2027\u202f-\u2065\u206a-\uffff]/u,
        );
        expect(safeLines(text)).not.toMatch(RAW);
        expect(safeLines(text).split("\n")).toHaveLength(text.split("\n").length);
      }),
    );
    fc.assert(fc.property(fc.stringMatching(/^[ -~]*$/), (text) => void expect(safe(text)).toBe(text)));
    expect(safe("a\x1b[2Jb\x07\u202e\n")).toBe("a\\u001b[2Jb\\u0007\\u202e\\u000a");
  });

  it("JSON: valid, the same value, and no raw control character but its own line breaks", () => {
    fc.assert(
      fc.property(
        fc.oneof(hostile, fc.dictionary(hostile, fc.oneof(hostile, fc.array(hostile))), fc.jsonValue()),
        (value) => {
          const text = jsonText(value);
          expect(text).not.toMatch(RAW);
          expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        },
      ),
    );
  });

  it("safeIo guards both streams and keeps stdin", async () => {
    const written: string[] = [];
    const io = safeIo({
      out: (t) => void written.push(t),
      err: (t) => void written.push(t),
      errIsTty: false,
      readStdin: async () => "in",
    });
    io.out("a\x1b]0;title\x07\nb");
    io.err("\x9b2J\r");
    expect(written).toEqual(["a\\u001b]0;title\\u0007\nb", "\\u009b2J\\u000d"]);
    expect(await io.readStdin()).toBe("in");
  });
});

describe("every printer, driven with hostile values", () => {
  it("the token printer (summary, masked or not) and its JSON", () => {
    fc.assert(
      fc.property(hostile, hostile, fc.boolean(), (value, extraName, showSecrets) => {
        const benign = tokenSummary(token("xxxx"), "T", showSecrets, 0);
        clean(tokenSummary(token(value, extraName), "T", showSecrets, 0), benign);
        const json = jsonText(tokenJson(token(value, extraName), { grant: "password" }, showSecrets, 0));
        expect(json).not.toMatch(RAW);
        expect(JSON.parse(json).scopes).toEqual([value, "read"]);
        expect(JSON.parse(json).extras[extraName]).toBe(value);
      }),
    );
  });

  it("fields and tables", () => {
    fc.assert(
      fc.property(hostile, hostile, (a, b) => {
        clean(
          fields([
            [a, b],
            ["x", a],
          ]),
          fields([
            ["l", "v"],
            ["x", "v"],
          ]),
        );
        clean(
          table(
            ["h", a],
            [
              [a, b],
              [b, a],
            ],
          ),
          table(
            ["h", "x"],
            [
              ["x", "x"],
              ["x", "x"],
            ],
          ),
        );
      }),
    );
  });

  it("the error printer: an engine error whose code, description and request id are hostile is one line", async () => {
    await fc.assert(
      fc.asyncProperty(
        hostile,
        hostile,
        fc.constantFrom(
          "provider",
          "malformed_response",
          "network",
          "callback",
          "invalid_options",
          "unsupported",
        ) as fc.Arbitrary<FinoauthError["kind"]>,
        async (text, code, kind) => {
          const error = new FinoauthError({
            kind,
            provider: "oauth2",
            status: 400,
            code,
            providerCode: code,
            description: text,
            requestId: text,
          } as ConstructorParameters<typeof FinoauthError>[0]);
          const { line } = await failureLine(error);
          expect(line).not.toMatch(RAW);
          expect(line).not.toContain("\n");
          expect(line).toMatch(/^finoauth: /);
        },
      ),
    );
  });

  it("the demo's rows and failures, the verify report (table and JSON), the mock's log", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const row = (value: string): Row => ({
          provider: "p",
          flow: value,
          ok: false,
          result: value,
          expiry: value,
          token: value,
          ms: 1,
          error: value,
        });
        clean(renderRows([row(text)], ["p"]), renderRows([row("x")], ["p"]));
        const report = (value: string): VerifyReport => ({
          provider: "oauth2",
          spec: "specs/oauth2.yaml",
          upstream: "http://127.0.0.1:1",
          flows: [
            {
              flow: "password",
              verdict: "violates",
              note: value,
              exchanges: [
                {
                  method: "POST",
                  path: "/token",
                  status: 400,
                  answeredBy: "upstream",
                  violations: [
                    { pointer: `/response/body/${value}`, severity: "error", message: value, breaks: true },
                    { pointer: "/x", severity: "warning", message: value, breaks: false },
                  ],
                },
              ],
            },
            { flow: "refresh", verdict: "failed", note: value, exchanges: [] },
          ],
        });
        clean(renderReport(report(text), ["secret-value"]), renderReport(report("x"), ["secret-value"]));
        const json = reportJson(report(text), []);
        expect(json).not.toMatch(RAW);
        expect(JSON.parse(json).flows[0].note).toBe(text);
        clean(logLine("finapi", text), logLine("finapi", "x"));
      }),
    );
  });
});

describe("the whole CLI against a hostile server", () => {
  const EVIL = "\x1b]0;owned\x07\x1b[2J\x9b1A\rfake line\u202egnp.exe\b\n  access token  forged";
  let answer: { status: number; body: unknown } = { status: 200, body: {} };
  let server: Server;
  let url = "";
  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume().on("end", () => {
        response
          .writeHead(answer.status, { "content-type": "application/json", "x-request-id": "req-1" })
          .end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const FINEXER = () => ["token", "finexer", "--code-stdin", "--client-id", "app", "--base-url", url];

  it("a token whose scope and extras carry control characters: the summary and --json write none", async () => {
    answer = {
      status: 200,
      body: { access_token: "\x1b[31mAAAA-token", token_type: "Bearer", scope: `read,${EVIL}`, account_id: EVIL },
    };
    const env = { FINOAUTH_FINEXER_CLIENT_SECRET: "sk" };
    answer = {
      status: 200,
      body: { access_token: "AAAA-token", token_type: "Bearer", scope: "read,write", account_id: "acc" },
    };
    const benign = await run(FINEXER(), env, "code");
    answer = {
      status: 200,
      body: { access_token: "\x1b[31mAAAA-token", token_type: "Bearer", scope: `read,${EVIL}`, account_id: EVIL },
    };
    const text = await run(FINEXER(), env, "code");
    expect(text.stderr).toBe("");
    expect(text.code).toBe(0);
    expect(text.stdout).not.toMatch(RAW);
    expect(text.stdout).toContain("\\u001b]0;owned\\u0007");
    expect(lines(text.stdout).filter((line) => /^\s*access token/.test(line))).toHaveLength(1);
    expect(lines(text.stdout)).toHaveLength(lines(benign.stdout).length);
    const json = await run([...FINEXER(), "--json", "--show-secrets"], env, "code");
    expect(json.stdout).not.toMatch(RAW);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.extras.accountId).toBe(EVIL);
    expect(parsed.accessToken).toBe("\x1b[31mAAAA-token");
  });

  it("an error whose error_description and error carry control characters: one line, none written", async () => {
    answer = { status: 400, body: { error: "invalid_grant", error_description: EVIL } };
    const result = await run(FINEXER(), { FINOAUTH_FINEXER_CLIENT_SECRET: "sk" }, "code");
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).not.toMatch(RAW);
    expect(result.stderr).toContain("\\u001b[2J");
  });
});
