// @finoauth/auth/all imports every provider's client: when one is not installed, the error names it and says
// how to install it or which provider entry point to import instead (run in a child process whose module
// resolution does not find the clients named in FINOAUTH_TEST_MISSING).
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const all = fileURLToPath(new URL("../src/providers/all.ts", import.meta.url));
const hook = fileURLToPath(new URL("./support/missing-clients.mjs", import.meta.url));

/** Imports @finoauth/auth/all (its source, through tsx) with `missing` unresolvable; what it threw, or "loaded". */
async function importAllWithout(
  missing: readonly string[],
): Promise<{ name?: string; kind?: string; message?: string } | "loaded"> {
  const script = `import(${JSON.stringify(all)}).then(() => console.log('"loaded"'), (e) => console.log(JSON.stringify({ name: e.name, kind: e.kind, message: e.message })))`;
  const { stdout } = await run(
    process.execPath,
    ["--import", "tsx", "--import", hook, "--input-type=module", "-e", script],
    {
      env: { ...process.env, FINOAUTH_TEST_MISSING: missing.join(",") },
    },
  );
  return JSON.parse(stdout.trim().split("\n").pop()!);
}

describe("@finoauth/auth/all with a client missing", () => {
  it("names the missing package, how to install it, and the entry point of a provider that is installed", async () => {
    const missing = [
      "@finoauth/synapsefi",
      "@finoauth/financial-cents",
      "@finoauth/finexer",
      "@finoauth/fincalc",
      "@finoauth/oauth2",
    ];
    expect(await importAllWithout(missing)).toEqual({
      name: "FinoauthError",
      kind: "invalid_options",
      message:
        "@finoauth/auth/all needs @finoauth/financial-cents, @finoauth/finexer, @finoauth/fincalc, @finoauth/synapsefi and @finoauth/oauth2: " +
        "npm i @finoauth/financial-cents @finoauth/finexer @finoauth/fincalc @finoauth/synapsefi @finoauth/oauth2, or import the provider you use from @finoauth/auth/finapi",
    });
  });

  it("one missing: the message the README quotes", async () => {
    expect(await importAllWithout(["@finoauth/synapsefi"])).toMatchObject({
      message:
        "@finoauth/auth/all needs @finoauth/synapsefi: npm i @finoauth/synapsefi, or import the provider you use from @finoauth/auth/financial-cents or @finoauth/auth/finexer or @finoauth/auth/fincalc or @finoauth/auth/finapi or @finoauth/auth/oauth2",
    });
  });

  it("with every client installed it loads", async () => {
    expect(await importAllWithout([])).toBe("loaded");
  });
});
