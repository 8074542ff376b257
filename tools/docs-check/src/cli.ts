#!/usr/bin/env node
// pnpm docs:check <provider> --postman <file> | --openapi <file> [--json] [--snapshot]
import { execFileSync } from "node:child_process";
import { runDocsCheck } from "./command.js";

/** The repository's root (git), else the working directory. */
function root(): string {
  try {
    return execFileSync("git", ["rev-parse", "--show-toplevel"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return process.cwd();
  }
}

const { code, out } = await runDocsCheck(process.argv.slice(2), root());
(code === 2 ? console.error : console.log)(out);
process.exitCode = code;
