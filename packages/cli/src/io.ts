// Where the CLI's output goes and where its stdin comes from: the process's streams, or a test's capture.
// Kept apart from output.ts (which formats tokens with @finoauth/auth) so that `--help` loads no engine.

/** Where output goes: injectable for tests of the formatting, the process streams otherwise. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is a terminal (progress lines are shown only then). */
  errIsTty: boolean;
  /** All of stdin, for a secret given as `-` or `--<flag>-stdin`. */
  readStdin(): Promise<string>;
}

/** Reads the process's stdin to its end. */
async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

export const processIo: Io = {
  out: (text) => void process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => void process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
  errIsTty: Boolean(process.stderr.isTTY),
  readStdin: readProcessStdin,
};
