// `finoauth --help` starts fast because it loads only the help: no engine, no provider definition, no
// generated client, no openapi-fetch. The built binary runs with module hooks that log every file it loads.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { providers } from "@finoauth/auth/all";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, cleanEnv } from "./support.js";

const dir = mkdtempSync(join(tmpdir(), "finoauth-loads-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the binary with `args` and returns the files of the CLI's dist it loaded, with their text. */
function loadedBy(args: string[]): { file: string; text: string }[] {
  const log = join(dir, `${args.join("_").replace(/\W/g, "")}.log`);
  const hooks = pathToFileURL(fileURLToPath(new URL("./fixtures/record-loads.mjs", import.meta.url))).href;
  const register = `data:text/javascript,${encodeURIComponent(`import { register } from "node:module"; register(${JSON.stringify(hooks)});`)}`;
  execFileSync(process.execPath, ["--import", register, BIN, ...args], {
    env: cleanEnv({ FINOAUTH_LOAD_LOG: log }),
    stdio: "pipe",
  });
  const dist = pathToFileURL(join(BIN, "..")).href;
  return readFileSync(log, "utf8")
    .split("\n")
    .filter((url) => url.startsWith(`${dist}/`))
    .map((url) => ({ file: url.slice(dist.length + 1), text: readFileSync(fileURLToPath(url), "utf8") }));
}

/** What marks the engine in a bundled file: the generated clients' runtime and openapi-fetch. */
const ENGINE = /createSpecClient|openapi-fetch/;

describe("a lazy start", () => {
  it("finoauth --help loads a few kilobytes of the CLI and none of the engine, yet lists every provider", () => {
    const loaded = loadedBy(["--help"]);
    expect(loaded.map(({ file }) => file)).toContain("bin.js");
    expect(loaded.filter(({ text }) => ENGINE.test(text)).map(({ file }) => file)).toEqual([]);
    expect(loaded.reduce((bytes, { text }) => bytes + text.length, 0)).toBeLessThan(32 * 1024);
    const help = execFileSync(process.execPath, [BIN, "--help"], { env: cleanEnv(), encoding: "utf8" });
    // The names are baked in at build time: they must still be the registry's.
    expect(help).toContain(
      `\nProviders: ${Object.values(providers)
        .map((definition) => definition.id)
        .join(", ")}.\n`,
    );
  });

  it("a command that calls a provider does load the engine (the hooks see it)", () => {
    const loaded = loadedBy(["token", "--help"]);
    expect(loaded.some(({ text }) => ENGINE.test(text))).toBe(true);
  });
});
