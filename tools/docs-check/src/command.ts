// The command line shared by `pnpm docs:check` and `finoauth docs-check`: arguments, reading the files,
// the report, the exit code (0 no drift, 1 drift, 2 bad usage or unreadable docs), the optional snapshot.
import { join } from "node:path";
import { isSpecPath, loadSpecFile, SpecError, specFile } from "@finoauth/spec";
import { checkDocs } from "./check.js";
import { DocsCheckError } from "./errors.js";
import { readDocsFile } from "./read-docs.js";
import { exitCodeOf, renderReport } from "./report.js";
import { saveSnapshot } from "./snapshot.js";

/** How to call it. */
export const USAGE = `usage: docs:check <provider | spec.yaml> (--postman <file> | --openapi <file>) [--json] [--snapshot]
  --postman <file>   a Postman collection v2.0/v2.1 or a Postman documenter page (JSON)
  --openapi <file>   an OpenAPI 3.0/3.1 (JSON or YAML) or Swagger 2.0 document
  --json             the report as JSON
  --snapshot         keep the docs as docs/<provider>/<file> (then pnpm generate records its sha256)
exit: 0 no drift, 1 drift, 2 bad usage or unreadable docs`;

/** The parsed command line. */
export interface DocsCheckArgs {
  spec: string;
  docs: string;
  as: "postman" | "openapi";
  json: boolean;
  snapshot: boolean;
}

/** Parses the arguments; throws a {@link DocsCheckError} (exit 2) on bad usage. */
export function parseArgs(argv: string[]): DocsCheckArgs | "help" {
  const positional: string[] = [];
  let docs: { file: string; as: "postman" | "openapi" } | undefined;
  let json = false;
  let snapshot = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return "help";
    if (arg === "--json") json = true;
    else if (arg === "--snapshot") snapshot = true;
    else if (arg === "--postman" || arg === "--openapi") {
      const file = argv[++i];
      if (!file || file.startsWith("--")) throw new DocsCheckError(`${arg} needs a file\n${USAGE}`);
      if (docs) throw new DocsCheckError(`give one of --postman and --openapi, once\n${USAGE}`);
      docs = { file, as: arg === "--postman" ? "postman" : "openapi" };
    } else if (arg.startsWith("--")) throw new DocsCheckError(`unknown option ${arg}\n${USAGE}`);
    else positional.push(arg);
  }
  if (positional.length !== 1) throw new DocsCheckError(`give one provider (or spec file)\n${USAGE}`);
  if (!docs) throw new DocsCheckError(`give the docs: --postman <file> or --openapi <file>\n${USAGE}`);
  if (snapshot && isSpecPath(positional[0]!))
    throw new DocsCheckError("--snapshot needs a provider name (its docs go to docs/<provider>/), not a spec file");
  return { spec: positional[0]!, docs: docs.file, as: docs.as, json, snapshot };
}

/**
 * Runs docs-check from a command line in the repository (or project) at `root`: returns the exit code and
 * the text to print. Bad usage, an unknown spec or unreadable docs: code 2 and the reason.
 */
export async function runDocsCheck(argv: string[], root: string): Promise<{ code: 0 | 1 | 2; out: string }> {
  try {
    const args = parseArgs(argv);
    if (args === "help") return { code: 0, out: USAGE };
    const file = specFile(args.spec, () => join(root, "specs"));
    const spec = loadSpecFile(file);
    const { value } = readDocsFile(args.docs);
    const report = await checkDocs(spec, value, { spec: file, docs: args.docs });
    const isPostman = report.format.startsWith("postman");
    if (isPostman !== (args.as === "postman"))
      throw new DocsCheckError(`${args.docs} is ${report.format}: use --${isPostman ? "postman" : "openapi"}`);
    let out = args.json ? JSON.stringify(report, null, 2) : renderReport(report);
    if (args.snapshot) {
      const saved = saveSnapshot(root, args.spec, args.docs);
      if (!args.json) out += `\n\nsnapshot: ${saved.file} (sha256 ${saved.sha256}); run pnpm generate to record it`;
    }
    return { code: exitCodeOf(report), out };
  } catch (error) {
    if (error instanceof DocsCheckError || error instanceof SpecError)
      return { code: 2, out: `docs-check: ${error.message}` };
    throw error;
  }
}
