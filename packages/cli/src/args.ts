// Command-line parsing on node:util's parseArgs: option tables (which also say which provider and grant
// each option is for, and whether an environment variable can stand in for it), help text, and the
// rewriting of parse errors into one line that says what to do.
import { parseArgs } from "node:util";
import { usage } from "./errors.js";
import { closestName } from "@finoauth/auth/did-you-mean";

export type Grant = "authorization_code" | "client_credentials" | "password" | "refresh_token";
export const GRANTS: readonly Grant[] = ["authorization_code", "client_credentials", "password", "refresh_token"];

/** One option of one command. */
export interface OptionSpec {
  type: "string" | "boolean";
  multiple?: boolean | undefined;
  short?: string | undefined;
  /** The value's placeholder in help: `<url>`. */
  value?: string | undefined;
  help: string;
  /** Read from `FINOAUTH_<PROVIDER>_<NAME>` (e.g. `FINOAUTH_FINAPI_CLIENT_ID`) when the flag is absent. */
  env?: boolean | undefined;
  /** Only these providers use it; given for another one, it is a usage error. */
  providers?: readonly string[] | undefined;
  /** Only these grants use it (`token`); given with another grant, it is a usage error. */
  grants?: readonly Grant[] | undefined;
  /**
   * A secret: also read from stdin (`--<name>-stdin`, or `-` as the value) and from its environment
   * variable, so that it need not appear in argv (visible to other users in `ps`); never printed.
   */
  secret?: boolean | undefined;
}

/** The stdin switch of a secret option: `client-secret` → `client-secret-stdin`. */
export const stdinFlag = (option: string) => `${option}-stdin`;

/** One command: its positionals, options, help. */
export interface CommandSpec {
  name: string;
  /** What follows the command name in the usage line. */
  synopsis: string;
  summary: string;
  options: Record<string, OptionSpec>;
  /** Free text after the options in help. */
  details?: string[];
  examples: string[];
}

/** What a command got: option values (only those given) and positionals. */
export interface Parsed {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** The closest of `candidates` to `input`, when it is close enough to be a likely typo (the engine's, shared with its messages). */
export const suggest = closestName;

const didYouMean = (input: string, candidates: readonly string[], prefix = "") => {
  const match = suggest(input, candidates);
  return match ? ` (did you mean ${prefix}${match}?)` : "";
};

/**
 * Parses a command's arguments strictly. A bare `--` is dropped (`pnpm demo -- --provider finapi` passes it
 * through). Unknown options and missing values become one-line usage errors.
 */
export function parseCommand(command: CommandSpec, args: readonly string[]): Parsed {
  const options = Object.fromEntries(
    Object.entries(command.options).flatMap(([name, spec]) => [
      [name, { type: spec.type, ...(spec.multiple ? { multiple: true } : {}), ...(spec.short ? { short: spec.short } : {}) }],
      ...(spec.secret ? [[stdinFlag(name), { type: "boolean" as const }]] : []),
    ]),
  );
  const helpHint = `Run finoauth ${command.name} --help for its options`;
  try {
    const { values, positionals } = parseArgs({ args: args.filter((arg) => arg !== "--"), options, allowPositionals: true, strict: true });
    return { values: values as Parsed["values"], positionals };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    const flag = /'(-{1,2}[^' =]+)/.exec(message)?.[1] ?? "an option";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      const names = Object.keys(command.options);
      const near = flag.startsWith("--") ? didYouMean(flag.slice(2), names, "--") : "";
      throw usage(`unknown option ${flag} for finoauth ${command.name}${near}. ${helpHint}`);
    }
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      const name = flag.replace(/^-+/, "");
      const spec = command.options[name] ?? Object.entries(command.options).find(([, s]) => s.short === name)?.[1];
      if (spec?.type === "boolean") throw usage(`${flag} takes no value. ${helpHint}`);
      // parseArgs refuses `--flag -value` as ambiguous: a value that starts with "-" (a PKCE verifier may) goes after "=".
      if (/ambiguous/.test(message)) throw usage(`${flag}'s value starts with "-": write it as ${flag}=<value>. ${helpHint}`);
      throw usage(`${flag} needs a value${spec?.value ? ` (${flag} ${spec.value})` : ""}. ${helpHint}`);
    }
    throw usage(`${message.split("\n")[0]}. ${helpHint}`);
  }
}

/** Checks a name against a list, with a suggestion for a typo. */
export function oneOf(kind: string, input: string, allowed: readonly string[], hint = ""): void {
  if (!allowed.includes(input)) {
    throw usage(`unknown ${kind} "${input}"${didYouMean(input, allowed)}. Use one of: ${allowed.join(", ")}${hint}`);
  }
}

/** `--timeout 10`, `10s`, `1.5s`, `500ms` → milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text.trim());
  const ms = match ? Number(match[1]) * (match[2] === "ms" ? 1 : 1000) : NaN;
  if (!(Number.isFinite(ms) && ms > 0)) throw usage(`${flag} must be a positive duration such as 10, 10s or 500ms (seconds by default), got "${text}"`);
  return ms;
}

/** `--header "Name: value"` (repeatable) → pairs. */
export function parseHeaders(lines: readonly string[]): [string, string][] {
  return lines.map((line) => {
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon).trim() : "";
    // The value is not echoed: it may be a credential.
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw usage('--header must look like "Name: value", e.g. --header "Prefer: code=401"');
    return [name, line.slice(colon + 1).trim()];
  });
}

/** The upper-snake name of an option in the environment: `client-id` → `CLIENT_ID`. */
export const envName = (option: string) => option.toUpperCase().replace(/-/g, "_");

/** `FINOAUTH_<NAME>_`, the name in upper snake case (`my-bank` → `FINOAUTH_MY_BANK_`). */
export const envPrefix = (name: string): string => `FINOAUTH_${envName(name)}_`;

/** A command's help text. */
export function renderHelp(command: CommandSpec): string {
  const rows = Object.entries(command.options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : "    "}--${name}${spec.value ? ` ${spec.value}` : ""}`;
    const notes = [
      spec.multiple ? "repeatable" : undefined,
      spec.providers ? `for ${spec.providers.join(", ")}` : undefined,
      spec.grants ? `with --grant ${spec.grants.join("|")}` : undefined,
      spec.env ? `env FINOAUTH_<PROVIDER>_${envName(name)}` : undefined,
      spec.secret ? `or from stdin: --${stdinFlag(name)} or --${name} -` : undefined,
    ].filter(Boolean);
    return [flag, `${spec.help}${notes.length ? ` (${notes.join("; ")})` : ""}`] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  const secrets = Object.values(command.options).some((spec) => spec.secret);
  return [
    `Usage: finoauth ${command.name} ${command.synopsis}`.trimEnd(),
    "",
    command.summary,
    "",
    "Options:",
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`),
    ...(secrets
      ? [
          "",
          "Secrets (the options that say \"or from stdin\"): give them by environment variable or stdin rather than as flags,",
          "which other users see in ps. One secret per run from stdin: printf %s \"$SECRET\" | finoauth … --client-secret-stdin.",
          "Values that start with \"-\" go after \"=\": --code-verifier=-abc… . Secrets are never printed.",
        ]
      : []),
    ...(command.details ? ["", ...command.details] : []),
    "",
    "Examples:",
    ...command.examples.map((example) => `  ${example}`),
    "",
  ].join("\n");
}
