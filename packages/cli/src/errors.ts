// Every failure ends as ONE line on stderr that says what went wrong and what to do, and an exit code:
// 2 for usage errors (bad flags, unknown provider or grant, missing credential), 1 for everything else.
// This module is light (the help and the argument parser use it); turning an engine error into that line
// needs the provider definitions, and lives in failure.ts.

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** An error the CLI reports as is: a message (what went wrong. what to do.) and an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILURE,
  ) {
    super(message);
  }
}

/** A usage error: exit code 2. */
export const usage = (message: string) => new CliError(message, EXIT_USAGE);

/** Collapses whitespace: an error is reported on one line. */
export const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

/** A CLI error as it is printed: its message on one line, its exit code kept. */
export const onOneLine = (error: CliError) => new CliError(oneLine(error.message), error.exitCode);
