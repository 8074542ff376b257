// The docs snapshot: `docs/<provider>/` keeps the docs each spec was last checked against; the generator
// records each file's sha256 in the spec's generation record. A path that leaves the folder is refused.
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { basename, isAbsolute, join, relative, resolve, sep } from "node:path";
import { DocsCheckError } from "./errors.js";

/** A provider name as the specs folder has it (`financial-cents`): no separator, no dot-dot. */
const PROVIDER = /^[a-z0-9][a-z0-9-]*$/;

/** The sha256 (hex) of some bytes. */
export const sha256 = (bytes: Buffer | string): string => createHash("sha256").update(bytes).digest("hex");

/**
 * The path of `name` in `<root>/docs/<provider>/`, refusing a provider or file name that leaves that folder
 * (`..`, an absolute path, a separator) or a symbolic link that points out of it.
 */
export function snapshotPath(root: string, provider: string, name: string): string {
  if (!PROVIDER.test(provider))
    throw new DocsCheckError(`"${provider}" is no provider name (lower-case letters, digits and -)`);
  const folder = resolve(root, "docs", provider);
  const file = resolve(folder, name);
  const inside = relative(folder, file);
  if (!name || isAbsolute(name) || inside.startsWith("..") || inside.includes(sep) || inside === "")
    throw new DocsCheckError(`the snapshot file "${name}" leaves docs/${provider}/: give a plain file name`);
  if (existsSync(file) && lstatSync(file).isSymbolicLink()) {
    const real = realpathSync(file);
    if (relative(realpathSync(folder), real).startsWith(".."))
      throw new DocsCheckError(`docs/${provider}/${name} is a link out of docs/${provider}/`);
  }
  return file;
}

/** Copies a docs file into `docs/<provider>/` (its own name); returns the snapshot's path and sha256. */
export function saveSnapshot(root: string, provider: string, docsFile: string): { file: string; sha256: string } {
  const file = snapshotPath(root, provider, basename(docsFile));
  mkdirSync(resolve(root, "docs", provider), { recursive: true });
  if (resolve(docsFile) !== file) copyFileSync(docsFile, file);
  return { file, sha256: sha256(readFileSync(file)) };
}

/** The snapshot files of a provider, sorted, each with its sha256 (none when the folder does not exist). */
export function snapshotsOf(root: string, provider: string): { file: string; sha256: string }[] {
  const folder = join(root, "docs", provider);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .sort()
    .map((name) => snapshotPath(root, provider, name))
    .map((file) => ({ file, sha256: sha256(readFileSync(file)) }));
}
