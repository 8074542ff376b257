// Random pairs of schemas, judged against an independent JSON-Schema validator (Ajv, draft 2020-12, what
// OpenAPI 3.1 uses) over a finite universe of values: whenever some value was valid and is no longer, the
// comparison must report a tightening (or a change it cannot order), and whenever some value is newly
// valid, a loosening. For bounds and lengths alone it must also be exact: no tightening reported that no
// value shows.
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareSchemas } from "../src/constraints.mjs";

type Schema = Record<string, unknown>;
const ajv = new Ajv2020({ strict: false, allErrors: false });

/** Every string over {a, b} up to 6 characters, and a few others. */
const strings: string[] = [""];
for (let length = 1; length <= 6; length++)
  for (const prefix of strings.filter((text) => text.length === length - 1)) strings.push(`${prefix}a`, `${prefix}b`);
strings.push("c", "abc", "ca");
const numbers = Array.from({ length: 25 }, (_, index) => -6 + index * 0.5);
const arrays = [[], ["a"], ["a", "a"], ["a", "b"], ["b", "ab", "a"], ["a", "b", "c", "a"], [1], ["aaaaaa"]];
const objects = [
  {},
  { a: "a" },
  { b: "b" },
  { c: "c" },
  { a: "a", b: "b" },
  { a: "a", c: "c" },
  { a: "a", b: "b", c: "c" },
  { a: 1 },
  { a: "aaaaaa" },
  { b: "" },
];
const universe: unknown[] = [...strings, ...numbers, ...arrays, ...objects, null, true, 1.25];

const STRING_POOL = ["", "a", "b", "ab", "abc", "c"];
const PATTERNS = ["^a", "b$", "^[ab]*$", "a", "^(ab)+$"];
const opt = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const clean = (schema: Schema): Schema =>
  Object.fromEntries(Object.entries(schema).filter(([, value]) => value !== undefined));

const stringSchema = fc
  .record({
    type: opt(fc.constantFrom<unknown>("string", ["string", "null"], ["string", "integer"])),
    minLength: opt(fc.integer({ min: 0, max: 4 })),
    maxLength: opt(fc.integer({ min: 0, max: 5 })),
    pattern: opt(fc.constantFrom(...PATTERNS)),
    enum: opt(fc.subarray(STRING_POOL, { minLength: 1 })),
    const: opt(fc.constantFrom(...STRING_POOL)),
  })
  .map(clean);
const numberSchema = fc
  .record({
    type: opt(fc.constantFrom<unknown>("integer", "number", ["number", "null"])),
    minimum: opt(fc.integer({ min: -4, max: 4 })),
    maximum: opt(fc.integer({ min: -4, max: 4 })),
    exclusiveMinimum: opt(fc.integer({ min: -4, max: 4 })),
    exclusiveMaximum: opt(fc.integer({ min: -4, max: 4 })),
    multipleOf: opt(fc.constantFrom(0.5, 1, 2, 3, 4)),
    enum: opt(fc.subarray([-1, 0, 0.5, 1, 2, 3], { minLength: 1 })),
  })
  .map(clean);
const arraySchema = fc
  .record({
    type: fc.constant("array"),
    minItems: opt(fc.integer({ min: 0, max: 3 })),
    maxItems: opt(fc.integer({ min: 0, max: 3 })),
    uniqueItems: opt(fc.boolean()),
    items: opt(stringSchema),
  })
  .map(clean);
// The properties stay the same on both sides: a property added or removed is the type comparison's
// business (a removed response field is "no longer sent", not "now unconstrained").
const objectSchema = fc
  .record({
    type: fc.constant("object"),
    properties: fc.record({ a: stringSchema, b: stringSchema }),
    required: opt(fc.subarray(["a", "b", "c"])),
    minProperties: opt(fc.integer({ min: 0, max: 3 })),
    maxProperties: opt(fc.integer({ min: 0, max: 3 })),
    additionalProperties: opt(
      fc.constantFrom<unknown>(false, true, { type: "string" }, { type: "string", maxLength: 1 }),
    ),
  })
  .map(clean);

/** An old schema and a new one: the old with some of its keywords redrawn or removed. */
function pairOf(schema: fc.Arbitrary<Schema>): fc.Arbitrary<[Schema, Schema]> {
  return fc.tuple(schema, schema).chain(([old, patch]) =>
    fc.subarray([...new Set([...Object.keys(old), ...Object.keys(patch)])]).map((keys) => {
      const now: Schema = structuredClone(old);
      for (const key of keys) {
        if (key in patch) now[key] = structuredClone(patch[key]);
        else delete now[key];
      }
      return [old, now] as [Schema, Schema];
    }),
  );
}

/** What the comparison reports for a pair of inline schemas: the list of changes. */
function changesOf(old: Schema, now: Schema): { change: string; keyword: string }[] {
  const changes: { change: string; keyword: string }[] = [];
  compareSchemas({}, {}, old, now, [], [], (change: { change: string; keyword: string }) => changes.push(change));
  return changes;
}

/** What the validator says: does some value lose validity, does some value gain it? */
function oracle(old: Schema, now: Schema) {
  const before = ajv.compile(old);
  const after = ajv.compile(now);
  let lost: unknown;
  let gained: unknown;
  for (const value of universe) {
    const was = before(value);
    const is = after(value);
    if (was && !is && lost === undefined) lost = { value };
    if (is && !was && gained === undefined) gained = { value };
  }
  return { lost, gained };
}

describe("the comparison never misses a change a validator sees", () => {
  const kinds = { strings: stringSchema, numbers: numberSchema, arrays: arraySchema, objects: objectSchema };
  it.each(Object.entries(kinds))("%s", (_kind, schema) => {
    fc.assert(
      fc.property(pairOf(schema), ([old, now]) => {
        const changes = changesOf(old, now);
        const { lost, gained } = oracle(old, now);
        // A value old allowed and new refuses: the request verdict must be breaking.
        if (lost)
          expect(
            changes.some((change) => change.change !== "wider"),
            `lost ${JSON.stringify(lost)}: ${JSON.stringify(changes)}`,
          ).toBe(true);
        // A value new allows and old refused: the response verdict must be breaking.
        if (gained)
          expect(
            changes.some((change) => change.change !== "narrower"),
            `gained ${JSON.stringify(gained)}: ${JSON.stringify(changes)}`,
          ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("bounds and lengths alone are judged exactly", () => {
  const bounds = fc
    .record({
      minimum: opt(fc.integer({ min: -4, max: 4 })),
      exclusiveMinimum: opt(fc.integer({ min: -4, max: 4 })),
      maximum: opt(fc.integer({ min: -4, max: 4 })),
      exclusiveMaximum: opt(fc.integer({ min: -4, max: 4 })),
    })
    .map(clean);
  const lengths = fc
    .record({ minLength: opt(fc.integer({ min: 0, max: 5 })), maxLength: opt(fc.integer({ min: 0, max: 5 })) })
    .map(clean);
  // A schema that allows nothing hides every change (no value to lose): the lower limit stays below the upper.
  const lowest = (schema: Schema) =>
    Math.max(
      Number(schema.minimum ?? -Infinity),
      Number(schema.exclusiveMinimum ?? -Infinity),
      Number(schema.minLength ?? -Infinity),
    );
  const highest = (schema: Schema) =>
    Math.min(
      Number(schema.maximum ?? Infinity),
      Number(schema.exclusiveMaximum ?? Infinity),
      Number(schema.maxLength ?? Infinity),
    );
  const nonEmpty = (schema: Schema) => lowest(schema) < highest(schema);

  it.each([
    ["numbers", bounds, { type: "number" }],
    ["strings", lengths, { type: "string" }],
  ] as const)("%s", (_kind, schema, base) => {
    fc.assert(
      fc.property(pairOf(schema), ([oldBounds, newBounds]) => {
        fc.pre(nonEmpty(oldBounds) && nonEmpty(newBounds));
        const old = { ...base, ...oldBounds };
        const now = { ...base, ...newBounds };
        const changes = changesOf(old, now);
        const { lost, gained } = oracle(old, now);
        expect(changes.every((change) => change.change !== "incomparable")).toBe(true);
        expect(Boolean(lost), JSON.stringify({ old, now, changes, lost })).toBe(
          changes.some((change) => change.change === "narrower"),
        );
        expect(Boolean(gained), JSON.stringify({ old, now, changes, gained })).toBe(
          changes.some((change) => change.change === "wider"),
        );
      }),
      { numRuns: 300 },
    );
  });
});
