// Java clients: sdks/java/<provider>/ is generated from specs/<provider>.yaml by openapi-generator's `java`
// generator (library `native`), with the options in sdks/java/<provider>/generator.yaml. One run of
// `openapi-generator-cli batch` generates every client into a temporary folder (one JVM start for all);
// the files it lists in .openapi-generator/FILES are then written into sdks/java/<provider>/ (or, with
// --check, compared with it), like the TypeScript clients. The hand-written files beside them (pom.xml,
// generator.yaml, src/test/) are never touched.
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";

const run = promisify(execFile);

/** @typedef {{ name: string, dir: string, config: Record<string, unknown> }} JavaTarget */

/** The Java clients: every sdks/java/<name>/ with a generator.yaml, sorted by name. */
export async function listJavaTargets(root) {
  const sdksDir = join(root, "sdks/java");
  /** @type {JavaTarget[]} */
  const targets = [];
  for (const entry of await readdir(sdksDir, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isDirectory()) continue;
    const dir = join(sdksDir, entry.name);
    const text = await readFile(join(dir, "generator.yaml"), "utf8").catch(() => undefined);
    if (text === undefined) continue;
    const config = parse(text);
    if (config?.outputDir !== relative(root, dir) || typeof config.inputSpec !== "string") {
      throw new Error(`${relative(root, dir)}/generator.yaml: needs inputSpec and outputDir: ${relative(root, dir)}`);
    }
    targets.push({ name: entry.name, dir, config });
  }
  return targets.sort((a, b) => a.name.localeCompare(b.name));
}

/** Every file under `dir` (relative paths), or none when it does not exist. */
async function walk(dir, base = dir) {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(path, base)));
    else files.push(relative(base, path));
  }
  return files;
}

/**
 * Runs openapi-generator once over `targets`, each into `<outDir>/<name>/`. The ignore file is copied
 * into each output folder first: the generator's `ignoreFileOverride` option is not honoured (upstream
 * issue OpenAPITools/openapi-generator#5723), a `.openapi-generator-ignore` in the output folder is.
 */
export async function generateInto(root, targets, outDir) {
  const configs = [];
  for (const target of targets) {
    const out = join(outDir, target.name);
    await mkdir(out, { recursive: true });
    await copyFile(join(root, "sdks/java/.openapi-generator-ignore"), join(out, ".openapi-generator-ignore"));
    const configFile = join(outDir, `${target.name}.json`);
    const config = { ...target.config, inputSpec: resolve(root, target.config.inputSpec), outputDir: out };
    await writeFile(configFile, JSON.stringify(config));
    configs.push(configFile);
  }
  const cli = join(root, "node_modules/.bin/openapi-generator-cli");
  try {
    await run(cli, ["batch", "--fail-fast", ...configs], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    throw new Error(
      `openapi-generator-cli batch failed (did \`pnpm setup\` fetch its jar?):\n${error.stdout ?? ""}${error.stderr ?? ""}`,
    );
  }
}

/** The generated files of one client (paths relative to its folder): those in FILES, and FILES and VERSION. */
export async function generatedFiles(out) {
  const list = await readFile(join(out, ".openapi-generator/FILES"), "utf8");
  return [...list.split("\n").filter(Boolean), ".openapi-generator/FILES", ".openapi-generator/VERSION"];
}

/**
 * Regenerates the Java clients named in `only` (spec names; all when empty), writing changed files and
 * removing stale ones under each client's src/main/java/; with `check`, writes nothing and returns one
 * line per file that differs.
 */
export async function syncJava(root, { check, only = [] }) {
  const targets = (await listJavaTargets(root)).filter(
    (target) => only.length === 0 || only.some((spec) => target.config.inputSpec === `specs/${spec}.yaml`),
  );
  if (targets.length === 0) return [];
  const outDir = await mkdtemp(join(tmpdir(), "finoauth-java-"));
  const drift = [];
  try {
    await generateInto(root, targets, outDir);
    for (const target of targets) {
      const out = join(outDir, target.name);
      const files = await generatedFiles(out);
      for (const file of files) {
        const text = await readFile(join(out, file), "utf8");
        const path = join(target.dir, file);
        const current = await readFile(path, "utf8").catch(() => undefined);
        if (current === text) continue;
        if (check)
          drift.push(
            `${relative(root, path)} ${current === undefined ? "is missing" : "differs from what the spec produces now"}`,
          );
        else {
          await mkdir(dirname(path), { recursive: true });
          await writeFile(path, text);
          console.log(`generated ${relative(root, path)}`);
        }
      }
      const stale = (await walk(join(target.dir, "src/main"))).map((file) => join("src/main", file));
      for (const file of stale.filter((file) => !files.includes(file))) {
        const path = join(target.dir, file);
        if (check) drift.push(`${relative(root, path)} is not produced by the spec (stale)`);
        else await rm(path);
      }
    }
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
  return drift;
}
