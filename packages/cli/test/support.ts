// Runs the built CLI as a child process, and inspects the processes it leaves behind.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadSpec } from "@finoauth/testkit";
import type {} from "@finoauth/testkit/global-setup";

export { alive, answers, descendants, eventually } from "@finoauth/testkit/processes";

import { inject } from "vitest";
import { main } from "../src/cli.js";
import type { Io } from "../src/output.js";

export const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build first (npx tsc -p tsconfig.build.json, or pnpm build)`);

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `finoauth token <provider> --grant <grant> …rest`: the argv most command tests start from. */
export const tokenArgs = (provider: string, grant: string, ...rest: string[]): string[] => [
  "token",
  provider,
  "--grant",
  grant,
  ...rest,
];

/** The environment without any FINOAUTH_* variable of the machine, plus `env`. */
export function cleanEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("FINOAUTH_")));
  return { ...base, NO_COLOR: "1", ...env };
}

/**
 * Starts `finoauth …` with pipes (so neither stdout nor stderr is a terminal). `detached`: in its own
 * process group, so that `process.kill(-pid, "SIGINT")` is what Ctrl-C in a terminal does.
 */
export function start(
  args: readonly string[],
  env: Record<string, string> = {},
  { detached = false } = {},
): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { env: cleanEnv(env), stdio: ["ignore", "pipe", "pipe"], detached });
}

/**
 * Runs `finoauth …` to completion in this process (the CLI's `main` with captured output and `env` as the
 * whole environment, `stdin` as its stdin; or `entry`, a command's own function): the same code path as the binary without a node start per case. Tests that need the
 * built binary or real signals use {@link runBinary} and {@link start}.
 */
export async function run(
  args: readonly string[],
  env: Record<string, string> = {},
  stdin = "",
  entry: (args: readonly string[], io: Io) => Promise<number> = main,
): Promise<Result> {
  const saved = process.env;
  let stdout = "";
  let stderr = "";
  const line = (text: string) => (text.endsWith("\n") ? text : `${text}\n`);
  process.env = cleanEnv(env);
  try {
    const code = await entry(args, {
      out: (text) => void (stdout += line(text)),
      err: (text) => void (stderr += line(text)),
      errIsTty: false,
      readStdin: async () => stdin,
    });
    return { code, stdout, stderr };
  } finally {
    process.env = saved;
  }
}

/** Runs the built `finoauth` binary to completion, as a child process. */
export function runBinary(args: readonly string[], env: Record<string, string> = {}): Promise<Result> {
  const child = start(args, env);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The warning for secrets given in argv (tested in argv-secrets.test.ts), one line. */
export const ARGV_WARNING = /^finoauth: warning: --\S+(?:, --\S+)* given on the command line, .*\n/m;

/** stderr without the argv warning: for the tests that pass secrets as flags on purpose (short and readable). */
export const withoutArgvWarning = (stderr: string) => stderr.replace(ARGV_WARNING, "");

/** The non-empty lines of a text. */
export const lines = (text: string) => text.split("\n").filter((line) => line.trim() !== "");

/** A running Prism mock of the test run (started by testkit's global setup). */
export const mockUrl = (spec: string) => inject("prismUrls")[spec]!;

/** A named example of a documented 2xx response body of a spec. */
export function example(spec: string, path: string, status: number, name: string): any {
  const document = loadSpec(spec);
  const operation = Object.values<any>(document.paths[path]).find((op) => op?.responses?.[String(status)]);
  return (Object.values<any>(operation.responses[String(status)].content)[0] as any).examples[name].value;
}
