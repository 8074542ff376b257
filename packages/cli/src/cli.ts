// The `finoauth` command: dispatch, help, version, and the one-line error report with its exit code.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type CommandSpec, envPrefix, providerArg, renderHelp, suggest } from "./args.js";
import { CliError, EXIT_OK, onOneLine, usage } from "./errors.js";
import { prepareDpopKey } from "./hints/oauth2.js";
import { type Io, processIo } from "./io.js";
import { providerNames } from "./provider-names.js";
import { safe, safeIo } from "./terminal.js";

type Run = (args: readonly string[], io: Io) => Promise<number | void>;

/** A command's module, loaded only when that command (or its help) runs: `finoauth --help` loads none. */
type Loaded = { spec: CommandSpec; run: Run };
const provider = async (pick: (m: typeof import("./commands.js")) => Loaded) => pick(await import("./commands.js"));

const COMMANDS: Record<string, { usage: string; line: string; load: () => Promise<Loaded> }> = {
  token: {
    usage: "token <provider> --grant <grant>",
    line: "get a token with one grant",
    load: () => provider((m) => ({ spec: m.tokenCommand, run: m.token })),
  },
  refresh: {
    usage: "refresh <provider>",
    line: "exchange a refresh token for a new token",
    load: () => provider((m) => ({ spec: m.refreshCommand, run: m.refresh })),
  },
  revoke: {
    usage: "revoke <provider>",
    line: "revoke a token",
    load: () => provider((m) => ({ spec: m.revokeCommand, run: m.revoke })),
  },
  "authorize-url": {
    usage: "authorize-url <provider>",
    line: "build the consent URL, with state and PKCE",
    load: () => provider((m) => ({ spec: m.authorizeUrlCommand, run: m.authorizeUrl })),
  },
  mock: {
    usage: "mock [provider…]",
    line: "run Prism mocks of the providers' specs until Ctrl-C",
    load: async () => import("./mock.js").then((m) => ({ spec: m.mockCommand, run: m.mock })),
  },
  verify: {
    usage: "verify <provider> --upstream <url>",
    line: "run the flows through prism proxy in front of the real server; report what breaks the spec",
    load: async () => import("./verify.js").then((m) => ({ spec: m.verifyCommand, run: m.verify })),
  },
  "docs-check": {
    usage: "docs-check <spec> --postman|--openapi <file>",
    line: "report how a spec drifts from the provider's Postman or OpenAPI docs",
    load: async () => import("./docs-check.js").then((m) => ({ spec: m.docsCheckCommand, run: m.docsCheck })),
  },
  demo: {
    usage: "demo [--provider <name>]",
    line: "run every flow against mocks and print one table",
    load: async () => import("./demo.js").then((m) => ({ spec: m.demoCommand, run: m.demo })),
  },
};

export function version(): string {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL("../package.json", import.meta.url)), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

/** The main help, naming `providers` (the registry's names, which the caller loads). */
export function mainHelp(providers: readonly string[], envPrefix: (name: string) => string): string {
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
    `Providers: ${providers.join(", ")}.`,
    "Credentials: --client-id / --client-secret, or FINOAUTH_<PROVIDER>_CLIENT_ID / _CLIENT_SECRET",
    `  (PROVIDER in upper snake case: ${envPrefix(providers[0] ?? "provider")}CLIENT_ID); --base-url for a sandbox or a mock.`,
    "Secrets (client secret, password, code, verifier, tokens, pins…) also come from stdin: --<flag>-stdin, or - as the value.",
    "Output: a summary with secrets masked; --json for scripts; --show-secrets to print tokens in full.",
    "Exit codes: 0 done, 1 the provider refused or could not be reached (or a demo flow failed, or verify found a violation), 2 bad usage.",
    "",
    "Options: -h, --help  show help (also after a command; after a command and a provider, that provider's flags only);  -V, --version  print the version.",
    "",
    "Try: finoauth demo   or   finoauth mock fincalc   then   finoauth token fincalc --base-url <its URL> --client-id 12345 --client-secret s --email-address you@example.com",
    "",
  ].join("\n");
}

/** A command's help: one provider's when the arguments name one and the command has per-provider help. */
function helpOf(spec: CommandSpec, args: readonly string[]): string {
  const provider = spec.providerView ? providerArg(spec, args) : undefined;
  return renderHelp(spec, provider === undefined ? undefined : spec.providerView!(provider));
}

/** Runs the CLI on `argv` (without `node` and the script); resolves to the exit code. */
export async function main(argv: readonly string[], given: Io = processIo): Promise<number> {
  // Everything printed passes the terminal guard: no raw control character but the printers' line breaks.
  const io = safeIo(given);
  try {
    const [first, ...rest] = argv;
    const help = async () => mainHelp(await providerNames(), envPrefix);
    if (first === undefined || first === "--help" || first === "-h") {
      io.out(await help());
      return EXIT_OK;
    }
    if (first === "--version" || first === "-V" || first === "version") {
      io.out(version());
      return EXIT_OK;
    }
    if (first === "help") {
      const topic = rest[0];
      if (topic === undefined) io.out(await help());
      else if (COMMANDS[topic]) io.out(helpOf((await COMMANDS[topic].load()).spec, rest.slice(1)));
      else throw unknownCommand(topic);
      return EXIT_OK;
    }
    if (first.startsWith("-"))
      throw usage(
        `${first} must come after a command, e.g. finoauth token <provider> ${first}. Run finoauth --help for the commands`,
      );
    const command = COMMANDS[first];
    if (!command) throw unknownCommand(first);
    if (rest.includes("--version") || rest.includes("-V")) {
      io.out(version());
      return EXIT_OK;
    }
    const loaded = await command.load();
    if (rest.includes("--help") || rest.includes("-h")) {
      io.out(helpOf(loaded.spec, rest));
      return EXIT_OK;
    }
    // WebCrypto makes keys asynchronously and providers are built synchronously: the run's key is made first.
    if (
      rest.some((arg) => arg === "--dpop" || arg.startsWith("--dpop=")) ||
      Object.entries(process.env).some(([name, value]) => name.endsWith("_DPOP") && value === "true")
    )
      await prepareDpopKey();
    return (await loaded.run(rest, io)) ?? EXIT_OK;
  } catch (error) {
    const failure = await failureLine(error);
    io.err(failure.line);
    return failure.exitCode;
  }
}

/**
 * The one line `main` prints for an error, and its exit code. The message may quote the network (a
 * provider's error code, description, request id): every control character in it is escaped, line breaks
 * included, so that it stays one line and cannot drive the terminal.
 */
export async function failureLine(error: unknown): Promise<{ line: string; exitCode: number }> {
  // The CLI's own errors are ready to print; an engine's needs the provider definitions' flags.
  const failure =
    error instanceof CliError
      ? onOneLine(error)
      : (await import("./failure.js")).toCliError(error, { envPrefix: "FINOAUTH_<PROVIDER>_" });
  return { line: `finoauth: ${safe(failure.message)}`, exitCode: failure.exitCode };
}

function unknownCommand(name: string) {
  const near = suggest(name, Object.keys(COMMANDS));
  return usage(
    `unknown command "${name}"${near ? ` (did you mean ${near}?)` : ""}. Commands: ${Object.keys(COMMANDS).join(", ")}; run finoauth --help`,
  );
}
