// An engine error as the CLI reports it: one line in the CLI's own words (flags, not option names), with
// what to do about it. It reads every provider definition (their flags), so it is loaded only when needed.
import { type AnyDefinition, FinoauthError } from "@finoauth/auth";
import { providers } from "@finoauth/auth/all";
import { CliError, oneLine, onOneLine, usage } from "./errors.js";
import { hintsOf, type OptionHint, plainHint } from "./hints/index.js";

/** How the engine's own option and parameter names are spelt on the command line. */
const BASE_FLAGS: Record<string, string> = {
  clientId: "--client-id",
  clientSecret: "--client-secret",
  baseUrl: "--base-url",
  redirectUri: "--redirect-uri",
  timeoutMs: "--timeout",
  refreshToken: "--refresh-token",
  codeVerifier: "--code-verifier",
  scopes: "--scope",
  prompt: "--prompt",
  code: "--code",
};

/**
 * Every option name → its flag: the engine's own, and each provider's options and per-call parameters as
 * their hints spell them (`emailAddress` → `--email-address`).
 */
export function flagsOf(definitions: readonly AnyDefinition[]): Record<string, string> {
  const flags: Record<string, string> = { ...BASE_FLAGS };
  const add = (fields: Readonly<Record<string, OptionHint>> | undefined) => {
    for (const [name, info] of Object.entries(fields ?? {})) flags[name] ??= `--${info.flag}`;
  };
  for (const definition of definitions) {
    const hints = hintsOf(definition);
    add(Object.fromEntries(Object.keys(definition.options).map((key) => [key, hints.options[key] ?? plainHint(key)])));
    for (const params of Object.values(hints.params ?? {})) add(params);
    add(hints.refreshVia?.params);
  }
  return flags;
}

const FLAG_OF = flagsOf(Object.values(providers));
const OPTION_NAMES = new RegExp(
  `\\b(${Object.keys(FLAG_OF)
    .sort((a, b) => b.length - a.length)
    .join("|")})\\b`,
  "g",
);

/** Rewrites the option names in an @finoauth/auth message into the CLI's flags. */
export function inFlags(message: string): string {
  return message.replace(OPTION_NAMES, (name) => FLAG_OF[name] ?? name);
}

/** What a provider's error code tells the user to do. */
function adviceFor(error: FinoauthError, context: ErrorContext): string {
  const env = context.envPrefix;
  switch (error.code) {
    case "invalid_client":
    case "unauthorized_client":
      return `Check --client-id and --client-secret (or ${env}CLIENT_ID / ${env}CLIENT_SECRET)`;
    case "invalid_grant":
      return "The code, refresh token or password is wrong, expired or already used: get a new one";
    case "invalid_scope":
      return "Check --scope against the scopes your client may request";
    case "unsupported_grant_type":
      return "The server does not accept this grant: try another --grant";
    case "unsupported_token_type":
      return "The server cannot revoke this kind of token: try another --token-type-hint";
    case "access_denied":
      return "The user or the provider refused the request";
    case "invalid_request":
      return "A parameter is missing or malformed: check the flags against the provider's docs";
    default:
      break;
  }
  if (error.status === 401 || error.status === 403)
    return `Check the credentials (--client-id, --client-secret or ${env}*)`;
  if (error.status === 429 || (error.status !== undefined && error.status >= 500))
    return "The provider is busy or failing: try again later";
  return "See the provider's documentation for this error";
}

/** What the error message may mention besides the error itself. */
export interface ErrorContext {
  /** The provider's display name. */
  provider?: string | undefined;
  /** The server that was called. */
  baseUrl?: string | undefined;
  /** `FINOAUTH_FINAPI_` */
  envPrefix: string;
  /** The command that ran, for "run finoauth <command> --help". */
  command?: string | undefined;
  /**
   * The per-request timeout the user set (`--timeout`): a timeout is reported with it, the value the
   * advice says to raise (the engine's own description names the last attempt, which the call's deadline may have shortened).
   */
  timeoutMs?: number | undefined;
}

const withStop = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** Turns any error into a {@link CliError}: one line, and the exit code it deserves. */
export function toCliError(error: unknown, context: ErrorContext): CliError {
  if (error instanceof CliError) return onOneLine(error);
  if (!(error instanceof FinoauthError)) {
    const message = error instanceof Error ? error.message : String(error);
    return new CliError(`unexpected error: ${oneLine(message)}. Please report it with the command you ran`);
  }
  const who = context.provider ?? error.provider ?? "the provider";
  const help = `Run finoauth ${context.command ?? ""} --help`.replace("  ", " ");
  const description = error.description ? oneLine(error.description) : undefined;
  switch (error.kind) {
    case "invalid_options":
      return usage(`${withStop(inFlags(description ?? "invalid options"))} ${help} for the options`);
    case "unsupported":
      return usage(`${withStop(description ?? `${who} does not offer this flow`)} ${help} for what it offers`);
    case "network":
      return new CliError(
        `could not reach ${who} at ${context.baseUrl ?? "its server"}: ${description ?? "network error"}. Check --base-url (or ${context.envPrefix}BASE_URL) and your connection`,
      );
    case "timeout":
      return new CliError(
        `${who} did not answer in time (${context.timeoutMs === undefined ? (description ?? "timeout") : `no answer within ${context.timeoutMs} ms`}). Try again, or raise --timeout`,
      );
    case "aborted":
      return new CliError("interrupted");
    case "malformed_response":
      return new CliError(
        `${who} answered something that is not a usable token${error.status ? ` (HTTP ${error.status})` : ""}: ${description ?? "unreadable answer"}. Check that --base-url points at the provider's API`,
      );
    case "binding_mismatch":
      return new CliError(`${withStop(description ?? "the token is bound to another key")}`);
    case "callback":
      return new CliError(
        `the authorization callback was refused: ${description ?? error.code ?? "unknown"}. Start again with finoauth authorize-url`,
      );
    case "provider": {
      const code = [error.code, error.providerCode].filter(Boolean).join("/");
      const parts = [`${who} refused the request (HTTP ${error.status ?? "?"}${code ? ` ${code}` : ""})`];
      const text = description ? `${parts[0]}: ${withStop(description)}` : withStop(parts[0]!);
      const requestId = error.requestId ? ` (request id ${error.requestId})` : "";
      return new CliError(`${text} ${adviceFor(error, context)}${requestId}`);
    }
  }
}
