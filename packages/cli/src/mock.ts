// `finoauth mock [provider…]`: Prism mocks of the providers' specs, until Ctrl-C.
import { stripVTControlCharacters } from "node:util";
import type { Mocks } from "@finoauth/mock";
import { type CommandSpec, oneOf, parseCommand } from "./args.js";
import { CliError, EXIT_FAILURE, EXIT_OK, usage } from "./errors.js";
import { type LoadMock, loadMock } from "./load-mock.js";
import { fields, type Io, withProgress } from "./output.js";
import { safe } from "./terminal.js";

export const mockCommand: CommandSpec = {
  name: "mock",
  synopsis: "[provider…] [options]",
  summary:
    "Runs a Prism mock server of each provider's spec (all by default) on 127.0.0.1, prints their URLs, and stops them all on Ctrl-C.",
  options: {
    port: {
      type: "string",
      value: "<port>",
      help: "the first provider's port; the next ones get the following ports (default: free ports)",
    },
    verbose: { type: "boolean", help: "print Prism's request log (validation results) on stderr" },
    json: { type: "boolean", help: 'print the URLs as one JSON line: {"<provider>": "<url>", …}' },
    help: { type: "boolean", short: "h", help: "show this help" },
  },
  details: [
    "Prism answers with the examples documented in the spec and validates each request against it.",
    'Ask for a documented answer with a header, e.g. finoauth token … --header "Prefer: code=401, example=invalidClient".',
  ],
  examples: ["finoauth mock", "finoauth mock finapi fincalc --port 4010", "finoauth mock fincalc --json"],
};

/**
 * One line of Prism's log for the terminal: its colours stripped, and what is left of control characters
 * escaped (a logged request or answer can quote what a client or an upstream sent).
 */
export const logLine = (spec: string, line: string): string => `[${spec}] ${safe(stripVTControlCharacters(line))}`;

/** Resolves when SIGINT or SIGTERM arrives (and removes its listeners). */
function untilSignal(): { promise: Promise<NodeJS.Signals>; cancel(): void } {
  let cancel = () => {};
  const promise = new Promise<NodeJS.Signals>((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      cancel();
      resolve(signal);
    };
    process.on("SIGINT", onSignal).on("SIGTERM", onSignal).on("SIGHUP", onSignal);
    cancel = () => process.off("SIGINT", onSignal).off("SIGTERM", onSignal).off("SIGHUP", onSignal);
  });
  return { promise, cancel };
}

/** `finoauth mock`: starts the mocks, prints their URLs, and stops them on a signal or when one dies. `load` loads @finoauth/mock. */
export async function mock(args: readonly string[], io: Io, load?: LoadMock): Promise<number> {
  const parsed = parseCommand(mockCommand, args);
  const { availableSpecs, startMocks, MockError } = await loadMock("mock", load);
  const known = availableSpecs();
  const names = parsed.positionals.length > 0 ? [...new Set(parsed.positionals)] : known;
  for (const name of names) oneOf("provider", name, known);
  let ports: number[] | undefined;
  if (typeof parsed.values.port === "string") {
    const first = Number(parsed.values.port);
    if (!Number.isInteger(first) || first < 1 || first + names.length - 1 > 65_535)
      throw usage(`--port must be a port number (1-65535), got "${parsed.values.port}"`);
    ports = names.map((_, index) => first + index);
  }

  // Signals that arrive while the mocks start must stop them too: listen before starting.
  const signal = untilSignal();
  let unexpected: ((why: string) => void) | undefined;
  const died = new Promise<string>((resolve) => (unexpected = resolve));
  let mocks: Mocks;
  try {
    mocks = await withProgress(io, `Starting ${names.length} Prism mock${names.length === 1 ? "" : "s"}…`, () =>
      startMocks(names, {
        ports,
        onLog: parsed.values.verbose ? (spec, line) => io.err(logLine(spec, line)) : undefined,
        onExit: (spec, code) => unexpected?.(`the ${spec} mock stopped on its own (exit code ${code})`),
      }),
    );
  } catch (error) {
    signal.cancel();
    const message = error instanceof Error ? error.message : String(error);
    const code = error instanceof MockError ? error.code : undefined;
    const advice =
      code === "PORT_IN_USE"
        ? "Pick other ports with --port, or leave it out to get free ones"
        : code === "BAD_SPEC"
          ? "Check the spec with pnpm lint:specs"
          : "Run with --verbose to see Prism's log";
    throw new CliError(`could not start the mocks: ${message}. ${advice}`, EXIT_FAILURE);
  }

  if (parsed.values.json) {
    io.out(JSON.stringify(mocks.urls));
  } else {
    const example = mocks.urls.fincalc
      ? `finoauth token fincalc --base-url ${mocks.urls.fincalc} --client-id 12345 --client-secret secret --email-address you@example.com`
      : `finoauth token ${names[0]} --base-url ${mocks.urls[names[0]!]} …`;
    io.out(
      [
        `Prism mocks of the finoauth specs (Ctrl-C stops them all):`,
        fields(names.map((name) => [name, mocks.urls[name]] as const)),
        `Use one with --base-url, e.g. ${example}`,
      ].join("\n"),
    );
  }

  const outcome = await Promise.race([signal.promise.then(() => undefined), died]);
  signal.cancel();
  await mocks.stop();
  if (outcome !== undefined) throw new CliError(`${outcome}. Run with --verbose to see Prism's log`, EXIT_FAILURE);
  if (!parsed.values.json) io.err("Mocks stopped.");
  return EXIT_OK;
}
