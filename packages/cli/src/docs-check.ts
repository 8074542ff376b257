// `finoauth docs-check`: how a spec (one of the CLI's providers' names in ./specs, or the user's own spec
// file) drifts from the provider's published docs. The work is @finoauth/docs-check's, bundled into this
// command's chunk (loaded only when it runs); it reads Postman collections with `postman-collection`, an
// optional peer kept out of the bundle (lodash, faker, iconv: megabytes), loaded only for Postman docs.
import type { CommandSpec } from "./args.js";
import { EXIT_USAGE } from "./errors.js";
import type { Io } from "./io.js";

/** `finoauth docs-check`'s help (its arguments are parsed by @finoauth/docs-check itself). */
export const docsCheckCommand: CommandSpec = {
  name: "docs-check",
  synopsis: "<spec | provider> (--postman <file> | --openapi <file>) [--json] [--snapshot]",
  summary:
    "Compares a provider's published docs (a Postman collection v2.0/v2.1 or documenter page, an OpenAPI 3.0/3.1 or Swagger 2.0 document) with an OpenAPI spec: operations, parameters and body fields (likely renames too), required-ness, media types, statuses, headers, and every example validated against the spec's schemas. Each finding has a JSON pointer into the spec and one into the docs, and a suggested spec edit where it is mechanical; differences the spec accepts (x-finoauth-docs on the operation) are reported as accepted, with the reason. A collection that holds prose only gets a weaker text check, and the report says so.",
  options: {
    postman: {
      type: "string",
      value: "<file>",
      help: "a Postman collection (v2.0/v2.1) or a Postman documenter page (JSON); needs postman-collection installed",
    },
    openapi: { type: "string", value: "<file>", help: "an OpenAPI 3.0/3.1 (JSON or YAML) or Swagger 2.0 document" },
    json: { type: "boolean", help: "print the report as JSON" },
    snapshot: {
      type: "boolean",
      help: "keep the docs as ./docs/<provider>/<file> (with a provider name, not a spec file)",
    },
    help: { type: "boolean", short: "h", help: "show this help" },
  },
  details: [
    "<spec | provider>: a spec file (./my-provider.yaml), or a name in ./specs (finapi for ./specs/finapi.yaml).",
    "Exit codes: 0 no drift, 1 drift, 2 bad usage or unreadable docs.",
  ],
  examples: [
    "finoauth docs-check ./specs/finapi.yaml --openapi finapi-openapi.yaml",
    "finoauth docs-check ./specs/financial-cents.yaml --postman financial-cents.postman-documenter.json --json",
  ],
};

/** Runs the check from the working directory; prints the report (stdout) or the usage error (stderr). */
export async function docsCheck(args: readonly string[], io: Io): Promise<number> {
  const { runDocsCheck } = await import("@finoauth/docs-check");
  const { code, out } = await runDocsCheck([...args], process.cwd());
  (code === EXIT_USAGE ? io.err : io.out)(out);
  return code;
}
