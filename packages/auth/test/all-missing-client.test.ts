// @finoauth/auth/all imports every provider's client: when one is not installed, the error names it and says
// how to install it or which provider entry point to import instead (run in a child process whose module
// resolution does not find the clients named in FINOAUTH_TEST_MISSING).
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { providers } from "../src/providers/all.js";

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

/** The registry's client packages, in its order (a new provider is covered without editing this test). */
const clients = Object.keys(providers).map((name) => `@finoauth/${name}`);
const entries = (list: readonly string[]) => list.map((client) => client.replace("@finoauth/", "@finoauth/auth/"));

describe("@finoauth/auth/all with a client missing", () => {
  it("names the missing packages, how to install them, and the entry point of a provider that is installed", async () => {
    const missing = clients.filter((client) => client !== "@finoauth/finapi");
    expect(missing.length).toBeGreaterThan(2);
    expect(await importAllWithout([...missing].reverse())).toEqual({
      name: "FinoauthError",
      kind: "invalid_options",
      message:
        `@finoauth/auth/all needs ${missing.slice(0, -1).join(", ")} and ${missing.at(-1)}: ` +
        `npm i ${missing.join(" ")}, or import the provider you use from @finoauth/auth/finapi`,
    });
  });

  it("one missing: the message the README quotes", async () => {
    const installed = clients.filter((client) => client !== "@finoauth/synapsefi");
    expect(await importAllWithout(["@finoauth/synapsefi"])).toMatchObject({
      message: `@finoauth/auth/all needs @finoauth/synapsefi: npm i @finoauth/synapsefi, or import the provider you use from ${entries(installed).join(" or ")}`,
    });
    expect(installed.slice(0, 2)).toEqual(["@finoauth/financial-cents", "@finoauth/finexer"]);
  });

  it("with every client installed it loads", async () => {
    expect(await importAllWithout([])).toBe("loaded");
  });
});
