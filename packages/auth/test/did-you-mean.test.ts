// "Did you mean …?": one implementation (the engine's), used by @finoauth/auth/all's by-name lookup and the CLI.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closestName, didYouMean, FinoauthError } from "../src/index.js";
import { createProvider, providers } from "../src/providers/all.js";

const NAMES = Object.keys(providers);
/** Levenshtein distance, written plainly (the table in full) to check the implementation against. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

describe("closestName", () => {
  it("suggests the name one typo away, in any letter case, and nothing for a name far from all", () => {
    expect(closestName("finapl", NAMES)).toBe("finapi");
    expect(closestName("FINEXR", NAMES)).toBe("finexer");
    expect(closestName("financialcents", NAMES)).toBe("financial-cents");
    expect(closestName("stripe", NAMES)).toBeUndefined();
    expect(closestName("x", [])).toBeUndefined();
    expect(didYouMean("synapsfi", NAMES)).toBe(" (did you mean synapsefi?)");
    expect(didYouMean("stripe", NAMES)).toBe("");
  });

  it("property: the suggestion is a candidate at the least distance, within the typo bound; none means none is within it", () => {
    const candidates = fc.uniqueArray(
      fc.string({ unit: fc.constantFrom("a", "b", "c", "-"), minLength: 1, maxLength: 8 }),
      { minLength: 0, maxLength: 6 },
    );
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "b", "c", "-", "A"), maxLength: 10 }),
        candidates,
        (input, names) => {
          const scores = names.map((name) => distance(input.toLowerCase(), name.toLowerCase()));
          const best = Math.min(...scores);
          const found = closestName(input, names);
          // None: the first candidate at the least distance is beyond the bound its length gives.
          if (found === undefined)
            expect(names.length === 0 || best > Math.max(2, Math.floor(names[scores.indexOf(best)]!.length / 3))).toBe(
              true,
            );
          else {
            expect(names).toContain(found);
            expect(distance(input.toLowerCase(), found.toLowerCase())).toBe(best);
          }
        },
      ),
    );
  });

  it("property: a provider name with one character changed, added or dropped is suggested back (none is another's near miss)", () => {
    const edit = fc.record({
      name: fc.constantFrom(...NAMES),
      at: fc.nat(),
      char: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-"),
      how: fc.constantFrom("change", "add", "drop"),
    });
    fc.assert(
      fc.property(edit, ({ name, at, char, how }) => {
        const i = at % name.length;
        const typo =
          how === "change"
            ? name.slice(0, i) + char + name.slice(i + 1)
            : how === "add"
              ? name.slice(0, i) + char + name.slice(i)
              : name.slice(0, i) + name.slice(i + 1);
        expect(closestName(typo, NAMES)).toBe(name);
      }),
    );
  });
});

describe("@finoauth/auth/all by name", () => {
  it("an unknown name is an invalid_options error that suggests the near one and lists them all", () => {
    let thrown: unknown;
    try {
      createProvider("finapl" as never, { clientId: "x", clientSecret: "s" } as never);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FinoauthError);
    expect(thrown).toMatchObject({
      kind: "invalid_options",
      description: `unknown provider "finapl" (did you mean finapi?); expected one of: ${NAMES.join(", ")}`,
    });
  });
});
