// What a spec change does to a Java client's public API, for `pnpm spec:diff`: the client is generated
// from the old and from the new spec text (one openapi-generator batch run), and the public classes and
// the public members of each (constructors, methods, constants) are compared. A class or member that is
// gone (removed or renamed) breaks Java callers; a new one is additive.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generatedFiles, generateInto, listJavaTargets } from "./java.mjs";

/** Splits a parameter list at its top-level commas (not those inside `<…>`). */
function splitParameters(list) {
  const parts = [];
  let depth = 0;
  let current = "";
  for (const char of list) {
    if (char === "<") depth++;
    if (char === ">") depth--;
    if (char === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else current += char;
  }
  if (current.trim()) parts.push(current);
  return parts;
}

/**
 * The public members of one generated class, as signatures without annotations and parameter names
 * (renaming a parameter does not break a Java caller): `AccessToken token(String, String)`.
 */
export function publicMembers(source) {
  const members = new Set();
  for (const match of source.matchAll(/^ {2}public ([^=;{(]+)\(([^)]*)\)/gm)) {
    const strip = (text) => text.replace(/@[\w.]+(\([^)]*\))?\s*/g, "").trim();
    const types = splitParameters(match[2]).map((parameter) => strip(parameter).replace(/\s+\S+$/, ""));
    members.add(`${strip(match[1]).replace(/\s+/g, " ")}(${types.join(", ")})`);
  }
  for (const match of source.matchAll(/^ {2}public static final \S+ (\w+)/gm)) members.add(match[1]);
  return members;
}

/** The public API of a generated client folder: class path → its public members. */
async function apiOf(out) {
  const api = new Map();
  for (const file of (await generatedFiles(out)).filter((name) => name.endsWith(".java"))) {
    api.set(file.replace(/^src\/main\/java\//, ""), publicMembers(await readFile(join(out, file), "utf8")));
  }
  return api;
}

/**
 * The findings (spec-diff's shape: class, pointer, message; `language: "java"`) of one spec change for the Java client
 * generated from that spec, or none when no Java client is generated from it.
 */
export async function javaApiChanges(root, spec, oldText, newText) {
  const target = (await listJavaTargets(root)).find((t) => t.config.inputSpec === `specs/${spec}.yaml`);
  if (!target || oldText === undefined || newText === undefined || oldText === newText) return [];
  const dir = await mkdtemp(join(tmpdir(), "finoauth-java-api-"));
  try {
    const sides = ["old", "new"];
    await Promise.all(sides.map((side, i) => writeFile(join(dir, `${side}.yaml`), [oldText, newText][i])));
    const targets = sides.map((side) => ({
      ...target,
      name: side,
      config: { ...target.config, inputSpec: join(dir, `${side}.yaml`) },
    }));
    await generateInto(root, targets, join(dir, "out"));
    const [before, after] = await Promise.all(sides.map((side) => apiOf(join(dir, "out", side))));
    const where = `sdks/java/${target.name}`;
    const findings = [];
    for (const [file, members] of before) {
      const now = after.get(file);
      if (!now) {
        findings.push({
          class: "breaking",
          language: "java",
          pointer: where,
          message: `Java: class ${file} is gone (removed or renamed)`,
        });
        continue;
      }
      for (const member of members)
        if (!now.has(member))
          findings.push({
            class: "breaking",
            language: "java",
            pointer: where,
            message: `Java: ${file}: \`${member}\` is gone (removed, renamed or retyped)`,
          });
      for (const member of now)
        if (!members.has(member))
          findings.push({
            class: "additive",
            language: "java",
            pointer: where,
            message: `Java: ${file}: new \`${member}\``,
          });
    }
    for (const file of after.keys())
      if (!before.has(file))
        findings.push({ class: "additive", language: "java", pointer: where, message: `Java: new class ${file}` });
    return findings;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
