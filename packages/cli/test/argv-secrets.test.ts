// A secret given as a flag (visible in ps and kept in the shell history) is used, with one warning on
// stderr that names the flag and the stdin and environment alternatives, never the value. Every secret
// flag of every command, from the option tables (the definitions' FieldInfo secrets included). The runs stop
// at a usage error before any request (no --client-id), so no server is needed.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CommandSpec } from "../src/args.js";
import { authorizeUrlCommand, refreshCommand, revokeCommand, tokenCommand } from "../src/commands.js";
import { DEFINITIONS } from "../src/registry.js";
import { verifyCommand } from "../src/verify.js";
import { ARGV_WARNING, lines, run, tokenArgs } from "./support.js";

const COMMANDS: CommandSpec[] = [tokenCommand, refreshCommand, revokeCommand, authorizeUrlCommand, verifyCommand];
const warnings = (stderr: string) => lines(stderr).filter((line) => line.startsWith("finoauth: warning:"));

/** Each secret flag of each command, with a provider that uses it (and a grant for token). */
const cases = COMMANDS.flatMap((command) =>
  Object.entries(command.options)
    .filter(([, spec]) => spec.secret)
    .map(([flag, spec]) => {
      const provider = DEFINITIONS.find((definition) => !spec.providers || spec.providers.includes(definition.id))!.id;
      const grant = command.name === "token" && spec.grants ? ["--grant", spec.grants[0]!] : [];
      const upstream = command.name === "verify" ? ["--upstream", "https://example.com"] : [];
      return {
        command: command.name,
        flag,
        provider,
        env: spec.env === true,
        args: [command.name, provider, ...grant, ...upstream],
      };
    }),
);

describe("secrets in argv", () => {
  it("covers the uniform secrets and the definitions' own", () => {
    const flags = new Set(cases.map((c) => c.flag));
    for (const flag of [
      "client-secret",
      "password",
      "refresh-token",
      "code",
      "code-verifier",
      "token",
      "validation-pin",
      "oauth-key",
    ])
      expect(flags).toContain(flag);
  });

  it.each(cases)(
    "$command $provider --$flag <value>: one warning that names the flag and its alternatives, never the value",
    async ({ flag, provider, env, args }) => {
      const value = "argv-secret-VALUE-1234";
      const result = await run([...args, `--${flag}=${value}`]);
      const [warning, ...more] = warnings(result.stderr);
      expect(more).toEqual([]);
      expect(`${warning}\n`).toMatch(ARGV_WARNING);
      expect(warning).toContain(`--${flag} given on the command line`);
      expect(warning).toContain(`--${flag}-stdin`);
      if (env)
        expect(warning).toContain(
          `FINOAUTH_${provider.toUpperCase().replace(/-/g, "_")}_${flag.toUpperCase().replace(/-/g, "_")}`,
        );
      expect(result.stderr + result.stdout).not.toContain(value);
    },
  );

  it("several secrets: one warning naming them all", async () => {
    const result = await run(
      tokenArgs("finapi", "password", "--username", "u", "--password", "p4ssword", "--client-secret", "s3cret-value"),
    );
    expect(warnings(result.stderr)).toEqual([
      "finoauth: warning: --password, --client-secret given on the command line, where other users can see them (ps, /proc) and the shell history keeps them; use --password-stdin or FINOAUTH_FINAPI_PASSWORD; --client-secret-stdin or FINOAUTH_FINAPI_CLIENT_SECRET instead.",
    ]);
    expect(result.stderr).not.toMatch(/p4ssword|s3cret-value/);
  });

  it("no warning for stdin (- or --<flag>-stdin), the environment, or no secret", async () => {
    const quiet = [
      await run(tokenArgs("finapi", "password", "--username", "u", "--password", "-"), {}, "p"),
      await run(tokenArgs("finapi", "password", "--username", "u", "--password-stdin"), {}, "p"),
      await run(tokenArgs("finapi", "password", "--username", "u"), {
        FINOAUTH_FINAPI_PASSWORD: "p",
        FINOAUTH_FINAPI_CLIENT_SECRET: "s",
      }),
      await run(tokenArgs("finapi", "client_credentials", "--client-id", "x", "--base-url", "ftp://nowhere")),
      await run(["token", "finapi", "--help", "--client-secret", "s"]),
    ];
    for (const result of quiet) expect(warnings(result.stderr), result.stderr).toEqual([]);
  });

  it("never the value, whatever it is (written --flag=<value>, so that any value is a value)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 6, maxLength: 30 }).filter((value) => value.trim().length >= 6 && value !== "-"),
        async (value) => {
          const secret = `«${value}»`;
          const result = await run(tokenArgs("finapi", "password", "--username", "u", `--password=${secret}`));
          expect(warnings(result.stderr)).toHaveLength(1);
          expect(result.stderr).not.toContain(secret);
        },
      ),
      { numRuns: 30 },
    );
  });
});
