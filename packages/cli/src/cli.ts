// The `finoauth` command: dispatch, help, version, and the one-line error report with its exit code.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderHelp, suggest, type CommandSpec } from "./args.js";
import { authorizeUrl, authorizeUrlCommand, refresh, refreshCommand, revoke, revokeCommand, token, tokenCommand } from "./commands.js";
import { demo, demoCommand } from "./demo.js";
import { EXIT_OK, toCliError, usage } from "./errors.js";
import { mock, mockCommand } from "./mock.js";
import { processIo, type Io } from "./output.js";
import { envPrefix, PROVIDER_NAMES } from "./providers.js";

type Run = (args: readonly string[], io: Io) => Promise<number | void>;

const COMMANDS: Record<string, { spec: CommandSpec; run: Run; usage: string; line: string }> = {
  token: { spec: tokenCommand, run: token, usage: "token <provider> --grant <grant>", line: "get a token with one grant" },
  refresh: { spec: refreshCommand, run: refresh, usage: "refresh <provider>", line: "exchange a refresh token for a new token" },
  revoke: { spec: revokeCommand, run: revoke, usage: "revoke <provider>", line: "revoke a token" },
  "authorize-url": { spec: authorizeUrlCommand, run: authorizeUrl, usage: "authorize-url <provider>", line: "build the consent URL, with state and PKCE" },
  mock: { spec: mockCommand, run: mock, usage: "mock [provider…]", line: "run Prism mocks of the providers' specs until Ctrl-C" },
  demo: { spec: demoCommand, run: demo, usage: "demo [--provider <name>]", line: "run every flow against mocks and print one table" },
};

export function version(): string {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL("../package.json", import.meta.url)), "utf8")) as { version: string };
  return pkg.version;
}

export function mainHelp(): string {
  const width = Math.max(...Object.values(COMMANDS).map((command) => command.usage.length)) + 2;
  return [
    "finoauth: tokens from fintech OAuth providers in the terminal, and Prism mocks of their APIs.",
    "",
    "Usage: finoauth <command> [options]",
    "",
    "Commands:",
    ...Object.values(COMMANDS).map((command) => `  ${command.usage.padEnd(width)}${command.line}`),
    `  ${"help [command]".padEnd(width)}show a command's options`,
    "",
    `Providers: ${PROVIDER_NAMES.join(", ")}.`,
    "Credentials: --client-id / --client-secret, or FINOAUTH_<PROVIDER>_CLIENT_ID / _CLIENT_SECRET",
    `  (PROVIDER in upper snake case: ${envPrefix(PROVIDER_NAMES[0] ?? "provider")}CLIENT_ID); --base-url for a sandbox or a mock.`,
    "Secrets (client secret, password, code, verifier, tokens, pins…) also come from stdin: --<flag>-stdin, or - as the value.",
    "Output: a summary with secrets masked; --json for scripts; --show-secrets to print tokens in full.",
    "Exit codes: 0 done, 1 the provider refused or could not be reached (or a demo flow failed), 2 bad usage.",
    "",
    "Options: -h, --help  show help (also after a command);  -V, --version  print the version.",
    "",
    "Try: finoauth demo   or   finoauth mock fincalc   then   finoauth token fincalc --base-url <its URL> --client-id 12345 --client-secret s --email-address you@example.com",
    "",
  ].join("\n");
}

/** Runs the CLI on `argv` (without `node` and the script); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first === "--help" || first === "-h") {
      io.out(mainHelp());
      return EXIT_OK;
    }
    if (first === "--version" || first === "-V" || first === "version") {
      io.out(version());
      return EXIT_OK;
    }
    if (first === "help") {
      const topic = rest[0];
      if (topic === undefined) io.out(mainHelp());
      else if (COMMANDS[topic]) io.out(renderHelp(COMMANDS[topic].spec));
      else throw unknownCommand(topic);
      return EXIT_OK;
    }
    if (first.startsWith("-")) throw usage(`${first} must come after a command, e.g. finoauth token <provider> ${first}. Run finoauth --help for the commands`);
    const command = COMMANDS[first];
    if (!command) throw unknownCommand(first);
    if (rest.includes("--help") || rest.includes("-h")) {
      io.out(renderHelp(command.spec));
      return EXIT_OK;
    }
    if (rest.includes("--version") || rest.includes("-V")) {
      io.out(version());
      return EXIT_OK;
    }
    return (await command.run(rest, io)) ?? EXIT_OK;
  } catch (error) {
    const failure = toCliError(error, { envPrefix: "FINOAUTH_<PROVIDER>_" });
    io.err(`finoauth: ${failure.message}`);
    return failure.exitCode;
  }
}

function unknownCommand(name: string) {
  const near = suggest(name, Object.keys(COMMANDS));
  return usage(`unknown command "${name}"${near ? ` (did you mean ${near}?)` : ""}. Commands: ${Object.keys(COMMANDS).join(", ")}; run finoauth --help`);
}
