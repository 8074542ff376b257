// `finoauth <command> <provider> --help` shows that provider's flags only: its own options and its flows'
// parameters, the common ones, and its grants and examples; no other provider's.
import type { AnyDefinition } from "@finoauth/auth";
import { describe, expect, it } from "vitest";
import { type CommandSpec, providerArg } from "../src/args.js";
import { authorizeUrlCommand, refreshCommand, revokeCommand, tokenCommand } from "../src/commands.js";
import { hintsOf } from "../src/hints/index.js";
import { DEFINITIONS, grantsOf, offers } from "../src/registry.js";
import { verifyCommand } from "../src/verify.js";
import { run } from "./support.js";

const COMMANDS: CommandSpec[] = [tokenCommand, refreshCommand, revokeCommand, authorizeUrlCommand, verifyCommand];

/** The "Options" section of a help text. */
const optionsOf = (help: string): string =>
  help.slice(help.indexOf("\nOptions"), help.indexOf("\n\n", help.indexOf("\nOptions")));
/** The flags listed under "Options" of a help text. */
const listed = (help: string): string[] =>
  [...optionsOf(help).matchAll(/^\s+(?:-\w, )?--([\w-]+)/gm)].map((match) => match[1]!);

/** Whether a command runs a flow the provider offers (else its table has none of the provider's flags). */
const FLOWS_OF: Record<string, (definition: AnyDefinition) => boolean> = {
  token: () => true,
  refresh: (d) => offers(d, "refresh"),
  revoke: (d) => offers(d, "revoke"),
  "authorize-url": (d) => offers(d, "authorizationUrl"),
  verify: () => true,
};

const cases = COMMANDS.flatMap((command) =>
  DEFINITIONS.map((definition) => ({ command, name: command.name, id: definition.id, definition })),
);

describe("per-provider help", () => {
  it.each(cases)(
    "$name $id --help: its options only, its grants, its examples",
    async ({ command, id, definition }) => {
      const result = await run([command.name, id, "--help"]);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe("");
      const help = result.stdout;
      expect(help).toMatch(new RegExp(`^Usage: finoauth ${command.name} ${id} `));
      const flags = listed(help);
      const grants = grantsOf(definition);
      for (const [flag, spec] of Object.entries(command.options)) {
        const applies =
          (!spec.providers || spec.providers.includes(id)) &&
          (!spec.grants || spec.grants.some((grant) => grants.includes(grant)));
        expect(flags.includes(flag), `--${flag}`).toBe(applies);
      }
      // Every flag of the definition that the command's flows use is there.
      if (FLOWS_OF[command.name]!(definition))
        for (const field of Object.values(hintsOf(definition).options)) expect(flags).toContain(field.flag);
      // Environment variables are spelt for this provider; no other provider is named in the options or examples.
      expect(optionsOf(help)).not.toContain("FINOAUTH_<PROVIDER>_");
      const others = DEFINITIONS.map((d) => d.id).filter(
        (other) => other !== id && !id.includes(other) && !other.includes(id),
      );
      const examples = help.slice(help.indexOf("Examples:"));
      for (const other of others) expect(examples).not.toMatch(new RegExp(`finoauth \\S+ ${other}\\b`));
      if (command === tokenCommand) {
        const grantLine = help.split("\n").find((line) => /^\s+--grant /.test(line))!;
        for (const grant of ["authorization_code", "client_credentials", "password", "refresh_token"])
          expect(grantLine.includes(grant), grant).toBe(grants.includes(grant as never));
      }
    },
  );

  it("finAPI's token help has neither Financial Cents' PKCE verifier nor SynapseFI's 2FA flags nor FinCalc's e-mail; the full help has them all", async () => {
    const finapi = listed((await run(["token", "finapi", "--help"])).stdout);
    expect(finapi).toEqual(
      expect.arrayContaining([
        "client-id",
        "client-secret",
        "base-url",
        "request-id",
        "username",
        "password",
        "refresh-token",
        "json",
        "help",
      ]),
    );
    for (const other of ["code-verifier", "fingerprint", "validation-pin", "email-address", "prompt", "code"])
      expect(finapi).not.toContain(other);
    const all = await run(["token", "--help"]);
    expect(listed(all.stdout)).toEqual(
      expect.arrayContaining(["code-verifier", "fingerprint", "validation-pin", "email-address", "request-id"]),
    );
    expect(all.stdout).toContain("One provider's options only: finoauth token <provider> --help");
  });

  it("finds the provider among options (with values), and through finoauth help <command> <provider>", async () => {
    const direct = (await run(["token", "finapi", "--help"])).stdout;
    expect((await run(["token", "--base-url", "http://x", "finapi", "-h"])).stdout).toBe(direct);
    expect((await run(["token", "--json", "--client-id=a", "finapi", "--help"])).stdout).toBe(direct);
    expect((await run(["help", "token", "finapi"])).stdout).toBe(direct);
    expect(providerArg(tokenCommand, ["--timeout", "5", "--", "fincalc"])).toBe("fincalc");
    expect(providerArg(tokenCommand, ["--json", "--help"])).toBeUndefined();
  });

  it("an unknown provider: a usage error with a suggestion", async () => {
    const result = await run(["token", "finap", "--help"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain('unknown provider "finap" (did you mean finapi?)');
  });

  it("a provider that lacks the command's flow still gets its help (the command then says it does not offer it)", async () => {
    const lacking = DEFINITIONS.find((definition) => !offers(definition, "revoke"))!;
    const result = await run(["revoke", lacking.id, "--help"]);
    expect(result.code).toBe(0);
    expect(listed(result.stdout)).toEqual(expect.arrayContaining(["client-id", "help"]));
  });
});
