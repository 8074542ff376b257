// --client-key: a JWK or PEM file read into a private JWK; errors name the file, never the key.
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readClientKey } from "../src/client-key.js";

const dir = mkdtempSync(join(tmpdir(), "finoauth-client-key-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const pem = (type: "ec" | "rsa" | "ed25519", options: object = {}): string =>
  generateKeyPairSync(type as "ec", options as { namedCurve: string })
    .privateKey.export({ format: "pem", type: "pkcs8" })
    .toString();

describe("--client-key", () => {
  it("reads a JWK file as it is", () => {
    const jwk = { kty: "EC", crv: "P-256", x: "x", y: "y", d: "d", kid: "k", alg: "ES256" };
    expect(readClientKey(file("key.json", JSON.stringify(jwk)))).toEqual(jwk);
  });

  it.each([
    ["ec", { namedCurve: "P-256" }, "ES256"],
    ["ed25519", {}, "EdDSA"],
    ["rsa", { modulusLength: 2048 }, "PS256"],
  ] as const)("reads a PKCS#8 PEM %s key as a private JWK with alg %s", (type, options, alg) => {
    const key = readClientKey(file(`${type}.pem`, pem(type, options))) as Record<string, unknown>;
    expect(key).toMatchObject({ alg, d: expect.any(String) });
  });

  it("refuses a public key, garbage and a missing file, naming the file and never its contents", () => {
    const publicPem = generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({
      format: "pem",
      type: "spki",
    }) as string;
    const privatePem = pem("ec", { namedCurve: "P-256" });
    const lines = privatePem.trim().split("\n");
    const broken = file("broken.pem", [lines[0], lines[1]!.slice(0, 30), lines.at(-1)].join("\n"));
    for (const [path, leak] of [
      [file("public.pem", publicPem), publicPem.split("\n")[1]!],
      [broken, lines[1]!.slice(0, 30)],
      [file("garbage.json", "{not json"), "{not json"],
      [join(dir, "missing.pem"), ""],
    ] as const) {
      let error: unknown;
      try {
        readClientKey(path);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toContain(path);
      if (leak) expect((error as Error).message).not.toContain(leak);
    }
  });
});
