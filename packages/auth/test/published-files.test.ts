// What @finoauth/auth publishes (package.json "files": dist without source maps, and the README) carries
// none of the CLI's demo data: no demo credential of a provider's spec examples, and no Prism `Prefer`
// string (`code=200, example=…`). Those are the finoauth CLI's (packages/cli/src/hints). The sources are
// read too, so that a demo value added to an adapter fails here before any build.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The demo credentials and values the adapters used to ship (client ids, secrets, tokens, users, devices). */
const DEMO_VALUES = [
  "demo-client-secret",
  "app_demo",
  "sk_demo_secret_api_key",
  "bVc8ztJq3N92uUM4mRSoDkE6Wx5fnGhXlPaPyTg7",
  "clientId_example",
  "clientSecret_example",
  "username_example",
  "password_example",
  "589acd9ecb3cd400fa75ac06",
  "client_secret_demo",
  "refresh_ehG7YBS8ZiD0sLa6PQHMUxryovVkJzElC5gWROXq",
  "e83cf6ddcf778e37bfe3d48fc78a6502",
  "594e0fa2838454002ea317a0",
  "s6BhdRkqt3",
  "7Fjfp0ZBr1KtDRbnfVdmIw",
  "A3ddj3w",
  "hello@example.com",
];

/** Prism's `Prefer` header values: `code=302`, `code=200, example=userToken`. */
const PRISM_PREFER = [/\bcode=\d{3}\b/, /\bexample=[A-Za-z]/, /\bPrefer\b/];

/** Every file below `dir`, but source maps (not published). */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith(".map"))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The files that carry no demo data, each with the text found in it. */
function offenders(files: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const value of DEMO_VALUES) if (text.includes(value)) found.push(`${file.slice(root.length)}: ${value}`);
    for (const pattern of PRISM_PREFER) {
      const match = pattern.exec(text);
      if (match) found.push(`${file.slice(root.length)}: ${match[0]}`);
    }
  }
  return found;
}

describe("the published files carry no demo data", () => {
  it("dist (without source maps) has no demo credential and no Prism Prefer string", () => {
    expect(existsSync(join(root, "dist", "index.js")), "build @finoauth/auth first (pnpm build)").toBe(true);
    const files = filesBelow(join(root, "dist"));
    expect(files.some((file) => file.endsWith(".d.ts"))).toBe(true);
    expect(files.some((file) => file.includes("providers"))).toBe(true);
    expect(offenders(files)).toEqual([]);
  });

  it("nor do the sources the build reads, nor the README", () => {
    const files = [...filesBelow(join(root, "src")), join(root, "README.md")];
    expect(files.some((file) => file.endsWith("synapsefi.ts"))).toBe(true);
    expect(offenders(files)).toEqual([]);
  });

  it("the check finds a demo value and a Prefer string where there is one", () => {
    const here = fileURLToPath(import.meta.url);
    expect(offenders([here]).length).toBeGreaterThan(DEMO_VALUES.length);
  });
});
