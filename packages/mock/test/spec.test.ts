import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MockError } from "../src/errors.js";
import { availableSpecs, loadSpec, operationsOf, specPath, specsDir } from "../src/spec.js";

// The walker itself is @finoauth/spec's (its tests are in packages/spec/test); these are the mock's folder of specs and its errors.
const tempFile = (name: string, text: string) => {
  const file = join(mkdtempSync(join(tmpdir(), "finoauth-spec-")), name);
  writeFileSync(file, text);
  return file;
};

describe("where the specs are", () => {
  it("in the repository, reads the repository's specs/ (the source of truth)", () => {
    expect(specsDir()).toBe(join(import.meta.dirname, "../../../specs"));
    expect(availableSpecs()).toEqual(expect.arrayContaining(["finapi", "fincalc", "oauth2"]));
    expect(availableSpecs()).toEqual([...availableSpecs()].sort());
  });

  it("resolves a name to its file, a path as it is, and says what exists when it cannot", () => {
    expect(specPath("finapi")).toBe(join(specsDir(), "finapi.yaml"));
    const own = tempFile("own.yaml", "openapi: 3.1.0\npaths: {}\n");
    expect(specPath(own)).toBe(own);
    expect(() => specPath("nope")).toThrow(/no spec named "nope": the specs are .*finapi/);
    expect(() => specPath("/nowhere/spec.yaml")).toThrow(MockError);
  });

  it("loads a spec by name, and refuses a file that does not parse or is not OpenAPI with a BAD_SPEC error", () => {
    expect(operationsOf(loadSpec("oauth2")).has("token")).toBe(true);
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return [(error as MockError).code, (error as Error).message];
      }
      return undefined;
    };
    expect(code(() => loadSpec(tempFile("broken.yaml", "openapi: [3.1\n")))).toEqual([
      "BAD_SPEC",
      expect.stringMatching(/does not parse/),
    ]);
    expect(code(() => loadSpec(tempFile("other.yaml", "name: not openapi\n")))).toEqual([
      "BAD_SPEC",
      expect.stringMatching(/is not an OpenAPI document/),
    ]);
  });
});

describe("@finoauth/mock/spec", () => {
  it("re-exports @finoauth/spec's walker itself, not a copy", async () => {
    const walker = await import("@finoauth/spec");
    const ours = await import("../src/spec.js");
    for (const name of [
      "allOperations",
      "contractCases",
      "deref",
      "HTTP_METHODS",
      "operationsOf",
      "requestContentOf",
      "requestExamples",
      "requestMediaTypesOf",
    ] as const) {
      expect(ours[name], name).toBe(walker[name]);
    }
  });
});
