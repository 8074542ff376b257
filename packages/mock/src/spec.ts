// @finoauth/mock/spec: where the mock's specs are (the repository's specs/, or the copy this package ships),
// and finoauth's spec walker, which lives in @finoauth/spec and is re-exported here unchanged. Loading a
// spec through this module throws a `BAD_SPEC` MockError, as every error of the mock does.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadSpecFile, SpecError, type SpecNode, specFile, specNames } from "@finoauth/spec";
import { MockError } from "./errors.js";

export {
  allOperations,
  type ContractCase,
  contractCases,
  deref,
  HTTP_METHODS,
  operationsOf,
  type RequestExample,
  requestContentOf,
  requestExamples,
  requestMediaTypesOf,
  type SpecNode,
  type SpecOperation,
} from "@finoauth/spec";

const packageRoot = fileURLToPath(new URL("../", import.meta.url));

/**
 * The folder of the finoauth specs. In the finoauth repository it is the repository's `specs/` (the source
 * of truth, so that an edited spec is served without a rebuild); in an installed `@finoauth/mock` it is the
 * package's own `specs/`, which its build copies and the published package ships.
 */
export function specsDir(): string {
  const repoRoot = resolve(packageRoot, "../..");
  const inRepository =
    existsSync(join(repoRoot, "specs")) &&
    (() => {
      try {
        return JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).name === "finoauth";
      } catch {
        return false;
      }
    })();
  const dir = inRepository ? join(repoRoot, "specs") : join(packageRoot, "specs");
  if (!existsSync(dir))
    throw new MockError(
      "BAD_SPEC",
      `no specs folder at ${dir}: reinstall @finoauth/mock (or run its build in the repository)`,
    );
  return dir;
}

/** The names of the specs that ship with `@finoauth/mock` (`finapi` for `specs/finapi.yaml`), sorted. */
export function availableSpecs(): string[] {
  return specNames(specsDir());
}

/** Runs a step of @finoauth/spec's loader, its {@link SpecError} turned into the mock's `BAD_SPEC`. */
function asMockError<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof SpecError) throw new MockError("BAD_SPEC", error.message, { cause: error });
    throw error;
  }
}

/**
 * The file of a spec: a shipped spec's name (`"finapi"`) or a path to your own OpenAPI file (resolved
 * against the working directory). Throws a `BAD_SPEC` {@link MockError} that lists the shipped names when
 * the name is unknown, or names the path when the file is missing.
 */
export function specPath(specOrName: string): string {
  return asMockError(() => specFile(specOrName, specsDir));
}

/**
 * Reads and parses a spec (a shipped spec's name or a file path; YAML or JSON). Throws a `BAD_SPEC`
 * {@link MockError} when it does not parse or is not an OpenAPI document with `paths`.
 */
export function loadSpec(specOrName: string): SpecNode {
  const file = specPath(specOrName);
  return asMockError(() => loadSpecFile(file));
}
