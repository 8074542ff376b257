// One provider command's set-up and calls: its parsed flags, a reader of flags, stdin and environment, the
// provider built from them, and each call's failure turned into a one-line CLI error. Shared by the
// commands and `finoauth verify`.
import type { AnyDefinition, FlowName, TokenSet } from "@finoauth/auth";
import {
  argvWarning,
  type CommandSpec,
  envName,
  envPrefix,
  type Parsed,
  parseCommand,
  parseDuration,
  secretsInArgv,
  stdinFlag,
} from "./args.js";
import { usage } from "./errors.js";
import { toCliError } from "./failure.js";
import { type Io, tokenJson, tokenSummary, withProgress } from "./output.js";
import {
  type BuildOptions,
  buildProvider,
  checkProvider,
  type Flows,
  fieldsOf,
  fieldValue,
  type Read,
  reader,
} from "./registry.js";
import { jsonText } from "./terminal.js";

/** One provider command's run: its provider, its parsed flags, a reader of flags/stdin/environment, and where output goes. */
export interface Context {
  command: string;
  definition: AnyDefinition;
  parsed: Parsed;
  read: Read;
  /** Whether a flag may come from the environment (for the message when it is missing). */
  envAllowed: (flag: string) => boolean;
  json: boolean;
  showSecrets: boolean;
  io: Io;
}

/** Reads the one secret that comes from stdin, without its final line break. */
async function secretFromStdin(io: Io, flag: string): Promise<string> {
  const text = (await io.readStdin()).replace(/\r?\n$/, "");
  if (text === "") throw usage(`--${flag} was to come from stdin, which was empty`);
  return text;
}

/**
 * Parses a provider command's arguments: the provider, at most one secret from stdin, and a reader of each
 * flag (then stdin, then `FINOAUTH_<PROVIDER>_<FLAG>`). Undefined when `--help` was asked for.
 */
export async function setUp(command: CommandSpec, args: readonly string[], io: Io): Promise<Context | undefined> {
  const parsed = parseCommand(command, args);
  if (parsed.values.help) {
    return undefined;
  }
  const [name, ...extra] = parsed.positionals;
  const definition = checkProvider(name, command.name);
  if (extra.length > 0)
    throw usage(
      `unexpected argument "${extra[0]}": finoauth ${command.name} takes one provider. Run finoauth ${command.name} --help`,
    );
  const fromStdin = Object.keys(command.options).filter(
    (option) =>
      command.options[option]!.secret && (parsed.values[option] === "-" || parsed.values[stdinFlag(option)] === true),
  );
  if (fromStdin.length > 1)
    throw usage(
      `only one secret can come from stdin, got ${fromStdin.map((option) => `--${option}`).join(" and ")}: pass the others by environment variable`,
    );
  const envAllowed = (option: string) => command.options[option]?.env === true;
  const inArgv = secretsInArgv(command, parsed);
  if (inArgv.length > 0)
    io.err(
      argvWarning(inArgv, (option) =>
        envAllowed(option) ? `${envPrefix(definition.id)}${envName(option)}` : undefined,
      ),
    );
  const stdin = fromStdin[0] === undefined ? undefined : await secretFromStdin(io, fromStdin[0]);
  const read = reader(parsed, definition.id, envAllowed, stdin);
  return {
    command: command.name,
    definition,
    parsed,
    read,
    envAllowed,
    json: parsed.values.json === true,
    showSecrets: parsed.values["show-secrets"] === true,
    io,
  };
}

/** Runs one provider call and turns any failure into a one-line CLI error that names the server. */
export async function call<T>(
  ctx: Context,
  baseUrl: string,
  text: string | undefined,
  work: () => Promise<T>,
): Promise<T> {
  const { displayName, id } = ctx.definition;
  try {
    return text === undefined ? await work() : await withProgress(ctx.io, `${displayName}: ${text}…`, work);
  } catch (error) {
    const timeout = ctx.read("timeout");
    const timeoutMs = timeout === undefined ? undefined : parseDuration(timeout, "--timeout");
    throw toCliError(error, {
      provider: displayName,
      baseUrl,
      envPrefix: envPrefix(id),
      command: ctx.command,
      timeoutMs,
    });
  }
}

/** Builds the provider, with auth's option errors turned into usage errors that name the flags. */
export function build(ctx: Context, options: BuildOptions) {
  try {
    return buildProvider(ctx.definition, ctx.parsed, ctx.read, options);
  } catch (error) {
    throw toCliError(error, {
      provider: ctx.definition.displayName,
      envPrefix: envPrefix(ctx.definition.id),
      command: ctx.command,
    });
  }
}

export const scopesOf = (parsed: Parsed): string[] | undefined => {
  const given = (parsed.values.scope as string[] | undefined)?.flatMap((scope) => scope.split(/\s+/)).filter(Boolean);
  return given && given.length > 0 ? given : undefined;
};

/** The per-call parameters a provider adds to a flow (`params` of its hints), from their flags; a fallback flow fills a missing one. */
export async function flowParams(
  ctx: Context,
  flows: Flows,
  baseUrl: string,
  flow: FlowName,
): Promise<Record<string, unknown>> {
  const params: Record<string, unknown> = {};
  for (const field of fieldsOf(ctx.definition, [flow]).filter((field) => field.kind === "param")) {
    let value = fieldValue(ctx.read, ctx.definition, field, flow, ctx.envAllowed(field.info.flag));
    const fallback = field.info.fallback;
    if (value === undefined && fallback === "clientCredentials" && flows.clientCredentials) {
      const getToken = flows.clientCredentials;
      value = (await call(ctx, baseUrl, `getting the client token for --${field.info.flag}`, () => getToken()))
        .accessToken;
    }
    if (value !== undefined) params[field.key] = value;
  }
  return params;
}

/** Prints a token: masked unless --show-secrets, as JSON with --json. */
export function printToken(ctx: Context, token: TokenSet, grant: string, label: string): void {
  const { displayName } = ctx.definition;
  ctx.io.out(
    ctx.json
      ? jsonText(tokenJson(token, { grant }, ctx.showSecrets))
      : tokenSummary(token, `${displayName} token (${label})`, ctx.showSecrets),
  );
}
