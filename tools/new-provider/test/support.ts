// A throw-away copy of the repository for the end-to-end test: the files git tracks or would track (the
// working tree as it is, uncommitted edits included), the packages' built dist/ folders, and its own
// node_modules from `pnpm install --offline` (pnpm's store: a few seconds, nothing downloaded).
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const exec = promisify(execFile);

/** The repository this test runs in. */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** How long each successful command took, for the report the test prints at the end. */
export const timings: string[] = [];

/** What a command printed, and how it ended. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command in `cwd`; resolves with its output and exit code whatever the code (a failing step is an assertion). */
export async function run(
  cwd: string,
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<Run> {
  const started = Date.now();
  try {
    const { stdout, stderr } = await exec(command, args, {
      cwd,
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    timings.push(`${((Date.now() - started) / 1000).toFixed(1)} s  ${command.split("/").pop()} ${args.join(" ")}`);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string; message: string };
    if (typeof failed.code !== "number") throw error;
    return { code: failed.code, stdout: failed.stdout ?? "", stderr: failed.stderr ?? failed.message };
  }
}

/** A command that must succeed: its output, or an error carrying everything it printed. */
export async function ok(cwd: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const result = await run(cwd, command, args, env);
  if (result.code !== 0)
    throw new Error(`${command} ${args.join(" ")} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Copies the working tree and the built packages to a new temporary folder, and installs it offline. */
export async function copyRepository(): Promise<string> {
  const work = mkdtempSync(join(tmpdir(), "finoauth-new-provider-"));
  const listed = await ok(repoRoot, "git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"]);
  for (const file of listed.split("\0").filter(Boolean)) {
    if (!existsSync(join(repoRoot, file))) continue; // deleted in the working tree
    mkdirSync(dirname(join(work, file)), { recursive: true });
    cpSync(join(repoRoot, file), join(work, file));
  }
  for (const folder of ["packages", "tools"]) {
    for (const name of readdirSync(join(repoRoot, folder))) {
      const dist = join(repoRoot, folder, name, "dist");
      if (existsSync(dist)) cpSync(dist, join(work, folder, name, "dist"), { recursive: true });
    }
  }
  await ok(work, "pnpm", ["install", "--offline", "--frozen-lockfile", "--reporter=silent"]);
  return work;
}

/** Removes the copy. */
export function removeCopy(work: string | undefined): void {
  if (work?.startsWith(join(tmpdir(), "finoauth-new-provider-"))) rmSync(work, { recursive: true, force: true });
}
