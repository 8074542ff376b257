// diffSpecs in a child process. Its TypeScript program is one long synchronous stretch; on a loaded
// machine it can hold a vitest worker past vitest's fixed 60 s RPC timeout ("Timeout calling
// onTaskUpdate"), which fails the run though every test passed. A child process keeps the worker free.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const diff = new URL("../../src/diff.mjs", import.meta.url).href;
const script = `
  let input = "";
  for await (const chunk of process.stdin) input += chunk;
  const { diffSpecs } = await import(${JSON.stringify(diff)});
  process.stdout.write(JSON.stringify(await diffSpecs(JSON.parse(input))));
`;

/** The reports of `diffSpecs(pairs)`, computed in a child process (as JSON). */
export function diffInChild(pairs: readonly { spec: string; oldText?: string; newText?: string }[]): Promise<any[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ["--input-type=module", "-e", script],
      { cwd: fileURLToPath(new URL("../..", import.meta.url)), maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`diffSpecs in a child process failed: ${stderr || error.message}`)) : resolve(JSON.parse(stdout))),
    );
    child.stdin!.end(JSON.stringify(pairs));
  });
}
