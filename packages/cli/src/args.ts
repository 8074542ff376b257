// Command-line parsing on node:util's parseArgs: option tables (which also say which provider and grant
// each option is for, and whether an environment variable can stand in for it), help text, and the
// rewriting of parse errors into one line that says what to do.
import { parseArgs } from "node:util";
import { closestName } from "@finoauth/auth/did-you-mean";
import { usage } from "./errors.js";

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
  /**
   * What one provider's help shows (`finoauth token finapi --help`): its grants, and the details that
   * replace the command's (which speak of every provider). Throws a usage error for an unknown provider.
   */
  providerView?: (provider: string) => ProviderView;
}

/** One provider as its help shows it: only the options it uses, with the grants it offers. */
export interface ProviderView {
  id: string;
  grants: readonly Grant[];
  details?: string[] | undefined;
  /** Help texts that differ for this provider, by option (`grant`: only its grants). */
  help?: Readonly<Record<string, string>> | undefined;
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
      [
        name,
        { type: spec.type, ...(spec.multiple ? { multiple: true } : {}), ...(spec.short ? { short: spec.short } : {}) },
      ],
      ...(spec.secret ? [[stdinFlag(name), { type: "boolean" as const }]] : []),
    ]),
  );
  const helpHint = `Run finoauth ${command.name} --help for its options`;
  try {
    const { values, positionals } = parseArgs({
      args: args.filter((arg) => arg !== "--"),
      options,
      allowPositionals: true,
      strict: true,
    });
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
      if (/ambiguous/.test(message))
        throw usage(
          `${flag}'s value starts with "-": write it after "=" as one argument, ${flag}=-… (the value is not repeated here: it may be a secret). ${helpHint}`,
        );
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
  if (!(Number.isFinite(ms) && ms > 0))
    throw usage(`${flag} must be a positive duration such as 10, 10s or 500ms (seconds by default), got "${text}"`);
  return ms;
}

/** `--header "Name: value"` (repeatable) → pairs. */
export function parseHeaders(lines: readonly string[]): [string, string][] {
  return lines.map((line) => {
    const colon = line.indexOf(":");
    const name = colon > 0 ? line.slice(0, colon).trim() : "";
    // The value is not echoed: it may be a credential.
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
      throw usage('--header must look like "Name: value", e.g. --header "Prefer: code=401"');
    return [name, line.slice(colon + 1).trim()];
  });
}

/** The secret options given as values in argv (not `-`, which reads stdin): what other users can see in `ps`. */
export function secretsInArgv(command: CommandSpec, parsed: Parsed): string[] {
  return Object.keys(command.options).filter(
    (name) => command.options[name]!.secret && typeof parsed.values[name] === "string" && parsed.values[name] !== "-",
  );
}

/**
 * The one warning for secrets given in argv (as `docker login` warns for `--password`): the flags, never
 * their values, and for each the way that keeps it out of argv: `--<flag>-stdin`, and its environment
 * variable when it has one (`envOf`).
 */
export function argvWarning(names: readonly string[], envOf: (name: string) => string | undefined): string {
  const instead = names.map((name) => {
    const env = envOf(name);
    return `--${stdinFlag(name)}${env ? ` or ${env}` : ""}`;
  });
  const flags = names.map((name) => `--${name}`).join(", ");
  return `finoauth: warning: ${flags} given on the command line, where other users can see ${names.length === 1 ? "it" : "them"} (ps, /proc) and the shell history keeps ${names.length === 1 ? "it" : "them"}; use ${instead.join("; ")} instead.`;
}

/** The upper-snake name of an option in the environment: `client-id` → `CLIENT_ID`. */
export const envName = (option: string) => option.toUpperCase().replace(/-/g, "_");

/** `FINOAUTH_<NAME>_`, the name in upper snake case (`my-bank` → `FINOAUTH_MY_BANK_`). */
export const envPrefix = (name: string): string => `FINOAUTH_${envName(name)}_`;

/**
 * The provider a command's arguments name, for its help: the first argument that is neither an option nor
 * the value of one (`token --base-url <url> finapi --help` → `finapi`).
 */
export function providerArg(command: CommandSpec, args: readonly string[]): string | undefined {
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === "--") continue;
    if (!arg.startsWith("-") || arg === "-") return arg;
    if (arg.includes("=")) continue;
    const name = arg.startsWith("--")
      ? arg.slice(2)
      : Object.keys(command.options).find((key) => `-${command.options[key]!.short}` === arg);
    if (name !== undefined && command.options[name]?.type === "string") index++;
  }
  return undefined;
}

/** Whether an option applies to the provider of `view` (every option applies without one). */
const appliesTo = (spec: OptionSpec, view: ProviderView | undefined) =>
  !view ||
  ((!spec.providers || spec.providers.includes(view.id)) &&
    (!spec.grants || spec.grants.some((grant) => view.grants.includes(grant))));

/**
 * A command's help text; with `view`, one provider's: only the options it uses (its own, its flows'
 * parameters, and the common ones), the grants it offers, and its examples.
 */
export function renderHelp(command: CommandSpec, view?: ProviderView): string {
  const shown = Object.entries(command.options).filter(([, spec]) => appliesTo(spec, view));
  const rows = shown.map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : "    "}--${name}${spec.value ? ` ${spec.value}` : ""}`;
    const grants = spec.grants?.filter((grant) => !view || view.grants.includes(grant));
    const notes = [
      spec.multiple ? "repeatable" : undefined,
      spec.providers && !view ? `for ${spec.providers.join(", ")}` : undefined,
      grants && (!view || view.grants.length > 1) ? `with --grant ${grants.join("|")}` : undefined,
      spec.env ? `env ${view ? envPrefix(view.id) : "FINOAUTH_<PROVIDER>_"}${envName(name)}` : undefined,
      spec.secret ? `or from stdin: --${stdinFlag(name)} or --${name} -` : undefined,
    ].filter(Boolean);
    return [flag, `${view?.help?.[name] ?? spec.help}${notes.length ? ` (${notes.join("; ")})` : ""}`] as const;
  });
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  const secrets = shown.some(([, spec]) => spec.secret);
  const mentions = (example: string) =>
    !view || new RegExp(`(^|\\s)${view.id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\s|$)`).test(example);
  const examples = command.examples.filter(mentions);
  const synopsis = view ? command.synopsis.replace("<provider>", view.id) : command.synopsis;
  const details = view?.details ?? command.details;
  return [
    `Usage: finoauth ${command.name} ${synopsis}`.trimEnd(),
    "",
    command.summary,
    "",
    ...(!view && command.providerView
      ? [`One provider's options only: finoauth ${command.name} <provider> --help`, ""]
      : []),
    view ? `Options for ${view.id}:` : "Options:",
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`),
    ...(secrets
      ? [
          "",
          'Secrets (the options that say "or from stdin"): give them by environment variable or stdin rather than as flags,',
          "which other users see in ps (a secret given as a flag gets a warning on stderr). One secret per run from stdin:",
          'printf %s "$SECRET" | finoauth … --client-secret-stdin. Values that start with "-" go after "=": --code-verifier=-abc… .',
          "Secrets are never printed.",
        ]
      : []),
    ...(details ? ["", ...details] : []),
    ...(examples.length > 0 ? ["", "Examples:", ...examples.map((example) => `  ${example}`)] : []),
    "",
  ].join("\n");
}
