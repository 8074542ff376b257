// Any value a flag can be given, random ones included (a base64url PKCE verifier, code or state starts with
// "-" one time in 64): written `--flag=<value>` it is read exactly as given, whatever it holds ("-" first,
// "=" inside, empty, spaces); written `--flag <value>` it is read too unless it starts with "-", and then the
// usage error says to write `--flag=-…`, without repeating the value.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CommandSpec, parseCommand } from "../src/args.js";
import { authorizeUrlCommand, refreshCommand, revokeCommand, tokenCommand } from "../src/commands.js";
import { CliError } from "../src/errors.js";
import { verifyCommand } from "../src/verify.js";

const COMMANDS: CommandSpec[] = [tokenCommand, refreshCommand, revokeCommand, authorizeUrlCommand, verifyCommand];
const STRING_FLAGS = COMMANDS.flatMap((command) =>
  Object.entries(command.options)
    .filter(([, spec]) => spec.type === "string" && !spec.multiple)
    .map(([flag]) => ({ command, flag, toString: () => `${command.name} --${flag}` })),
);

/** Values with the edge cases drawn often: "-" first, "=" inside, empty, base64url. */
const value = fc.oneof(
  fc.string(),
  fc.string().map((rest) => `-${rest}`),
  fc.string().map((rest) => `--${rest}`),
  fc.tuple(fc.string(), fc.string()).map(([a, b]) => `${a}=${b}`),
  fc.constantFrom("", "-", "--", "=", "-=-", "-h", "--help", "--json"),
  fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes).toString("base64url")),
);

describe("flag values", () => {
  it("--flag=<value> reads every value exactly, for every string flag of every command", () => {
    fc.assert(
      fc.property(fc.constantFrom(...STRING_FLAGS), value, ({ command, flag }, text) => {
        const parsed = parseCommand(command, ["finapi", `--${flag}=${text}`]);
        expect(parsed.values[flag]).toBe(text);
        expect(parsed.positionals).toEqual(["finapi"]);
      }),
    );
  });

  it('--flag <value>: read when it does not start with "-"; else a usage error that says --flag=-… and hides the value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STRING_FLAGS), value, ({ command, flag }, text) => {
        const args = ["finapi", `--${flag}`, text];
        if (!(text.length > 1 && text.startsWith("-"))) {
          expect(parseCommand(command, args).values[flag]).toBe(text);
          return;
        }
        let error: unknown;
        try {
          parseCommand(command, args);
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(CliError);
        expect((error as CliError).exitCode).toBe(2);
        // A bare "--" is dropped before parsing (`pnpm demo -- --provider x` passes it on): the flag then lacks a value.
        const expected =
          text === "--"
            ? `--${flag} needs a value`
            : `--${flag}'s value starts with "-": write it after "=" as one argument, --${flag}=-…`;
        expect((error as CliError).message).toContain(expected);
        if (text.length > 12) expect((error as CliError).message).not.toContain(text);
      }),
    );
  });
});
