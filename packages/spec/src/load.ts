// Finding and reading a spec file: a name in a specs folder, or a path; YAML (or JSON) through `yaml`.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { parse } from "yaml";
import type { SpecNode } from "./walk.js";

/** A spec that cannot be found, does not parse, or is not an OpenAPI document; the message names the file. */
export class SpecError extends Error {
  override name = "SpecError";
}

/** The names of the specs in a folder (`finapi` for `<dir>/finapi.yaml`), sorted. */
export function specNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith(".yaml"))
    .map((file) => file.slice(0, -".yaml".length))
    .sort();
}

/** Whether a string names a file (a path, or a name with a spec file's extension) rather than a spec by name. */
export const isSpecPath = (specOrName: string): boolean =>
  isAbsolute(specOrName) || /[\\/]/.test(specOrName) || /\.(ya?ml|json)$/i.test(specOrName);

/**
 * The file of a spec: a name (`"finapi"` → `<specsDir>/finapi.yaml`) or a path to an OpenAPI file (resolved
 * against the working directory). `specsDir` may be a function, called only for a name. Throws a
 * {@link SpecError} that lists the names in the folder when the name is unknown, or names the missing path.
 */
export function specFile(specOrName: string, specsDir: string | (() => string)): string {
  if (isSpecPath(specOrName)) {
    const file = resolve(specOrName);
    if (!existsSync(file)) throw new SpecError(`no spec file at ${file}`);
    return file;
  }
  const dir = typeof specsDir === "function" ? specsDir() : specsDir;
  const file = join(dir, `${specOrName}.yaml`);
  if (!existsSync(file))
    throw new SpecError(
      `no spec named "${specOrName}": the specs are ${specNames(dir).join(", ")} (or give the path to an OpenAPI file)`,
    );
  return file;
}

/**
 * Reads and parses a spec file (YAML or JSON). Throws a {@link SpecError} when it does not parse or is not
 * an OpenAPI document with `paths`.
 */
export function loadSpecFile(file: string): SpecNode {
  let document: unknown;
  try {
    document = parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new SpecError(
      `${file} does not parse: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
      { cause: error },
    );
  }
  const node = document as SpecNode | null;
  if (
    !node ||
    typeof node !== "object" ||
    typeof node.openapi !== "string" ||
    typeof node.paths !== "object" ||
    !node.paths
  ) {
    throw new SpecError(`${file} is not an OpenAPI document (it needs an "openapi" version and "paths")`);
  }
  return node;
}
