// Reading `--client-key`: a file holding a private JWK. The key itself is never printed: a failure names
// the file, never its contents.
import { readFileSync } from "node:fs";
import { usage } from "./errors.js";

/** Reads a private JWK from `path` for `--client-key`; the engine checks what it holds when the provider is created. */
export function readClientKey(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw usage(`--client-key: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? "unreadable"})`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw usage(`--client-key: ${path} is not a JSON Web Key (JSON)`);
  }
}
