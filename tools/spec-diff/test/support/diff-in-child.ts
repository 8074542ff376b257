// The TypeScript-heavy calls of the tests (diffSpecs, and the CLI's run, which calls it), each in a child
// process. diffSpecs' TypeScript program is one long synchronous stretch; on a loaded machine it can hold a
// vitest worker past vitest's fixed 60 s RPC timeout ("Timeout calling onTaskUpdate"), which fails the run
// though every test passed. A child process keeps the worker free.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const source = (file: string) => new URL(`../../src/${file}`, import.meta.url).href;

/**
 * `await (await import(src/<file>))[name](...args)` in a child process; resolves to its result (through
 * JSON), or rejects with an Error of the message it threw.
 */
function callInChild(file: string, name: string, args: unknown[]): Promise<any> {
  const script = `
    let input = "";
    for await (const chunk of process.stdin) input += chunk;
    const module = await import(${JSON.stringify(source(file))});
    try {
      process.stdout.write(JSON.stringify({ value: await module[${JSON.stringify(name)}](...JSON.parse(input)) }));
    } catch (error) {
      process.stdout.write(JSON.stringify({ thrown: error instanceof Error ? error.message : String(error) }));
    }
  `;
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ["--input-type=module", "-e", script],
      { cwd: fileURLToPath(new URL("../..", import.meta.url)), maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`${name} in a child process failed: ${stderr || error.message}`));
        const answer = JSON.parse(stdout) as { value?: unknown; thrown?: string };
        return answer.thrown === undefined ? resolve(answer.value) : reject(new Error(answer.thrown));
      },
    );
    child.stdin!.end(JSON.stringify(args));
  });
}

/** The reports of `diffSpecs(pairs)`, computed in a child process. */
export const diffInChild = (
  pairs: readonly { spec: string; oldText?: string | undefined; newText?: string | undefined }[],
): Promise<any[]> => callInChild("diff.mjs", "diffSpecs", [pairs]);

/** `run(argv, root)` of the spec:diff command line (its exit code and output), in a child process. */
export const runInChild = (argv: readonly string[], root: string): Promise<{ code: number; out: string }> =>
  callInChild("cli.mjs", "run", [argv, root]);
