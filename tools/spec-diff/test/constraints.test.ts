// The validation keywords spec-diff compares beside the types (src/constraints.mjs): every keyword,
// tightened, loosened and changed both ways, in each place a value travels (a request parameter, a request
// body, a response body, a response header), with the verdict semver for a client SDK gives it. Pure
// functions, no TypeScript program: these run in the vitest worker.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compareSchemas, constraintChanges, keywordChanges } from "../src/constraints.mjs";
import { structuralChanges } from "../src/diff.mjs";

const baseText = readFileSync(new URL("./fixtures/base.yaml", import.meta.url), "utf8");
type Doc = Record<string, any>;
type Change = "narrower" | "wider" | "incomparable";

interface Case {
  name: string;
  old: Doc;
  now: Doc;
  change: Change;
  /** The keyword the finding's pointer ends with. */
  keyword: string;
}

const string = { type: "string" };
const integer = { type: "integer" };
const array = { type: "array", items: { type: "string" } };
const object = { type: "object", properties: { a: { type: "string" }, b: { type: "string" } } };

// Each keyword: tightened (narrower), loosened (wider), and where it applies, changed neither way.
const cases: Case[] = [
  {
    name: "maxLength lowered",
    old: { ...string, maxLength: 255 },
    now: { ...string, maxLength: 64 },
    change: "narrower",
    keyword: "maxLength",
  },
  {
    name: "maxLength raised",
    old: { ...string, maxLength: 64 },
    now: { ...string, maxLength: 255 },
    change: "wider",
    keyword: "maxLength",
  },
  { name: "maxLength added", old: string, now: { ...string, maxLength: 10 }, change: "narrower", keyword: "maxLength" },
  { name: "maxLength removed", old: { ...string, maxLength: 10 }, now: string, change: "wider", keyword: "maxLength" },
  { name: "minLength added", old: string, now: { ...string, minLength: 3 }, change: "narrower", keyword: "minLength" },
  {
    name: "minLength lowered",
    old: { ...string, minLength: 3 },
    now: { ...string, minLength: 1 },
    change: "wider",
    keyword: "minLength",
  },
  {
    name: "pattern added",
    old: string,
    now: { ...string, pattern: "^[a-z]+$" },
    change: "narrower",
    keyword: "pattern",
  },
  {
    name: "pattern removed",
    old: { ...string, pattern: "^[a-z]+$" },
    now: string,
    change: "wider",
    keyword: "pattern",
  },
  // Wider in fact, but regex inclusion is not proved from the text: both ways.
  {
    name: "pattern changed",
    old: { ...string, pattern: "^[a-z]+$" },
    now: { ...string, pattern: "^[a-z0-9]+$" },
    change: "incomparable",
    keyword: "pattern",
  },
  {
    name: "enum lost a value",
    old: { ...string, enum: ["a", "b"] },
    now: { ...string, enum: ["a"] },
    change: "narrower",
    keyword: "enum",
  },
  {
    name: "enum gained a value",
    old: { ...string, enum: ["a"] },
    now: { ...string, enum: ["a", "b"] },
    change: "wider",
    keyword: "enum",
  },
  {
    name: "enum swapped a value",
    old: { ...string, enum: ["a", "b"] },
    now: { ...string, enum: ["a", "c"] },
    change: "incomparable",
    keyword: "enum",
  },
  { name: "enum added", old: string, now: { ...string, enum: ["a"] }, change: "narrower", keyword: "enum" },
  { name: "const added", old: string, now: { ...string, const: "a" }, change: "narrower", keyword: "const" },
  { name: "const removed", old: { ...string, const: "a" }, now: string, change: "wider", keyword: "const" },
  {
    name: "const changed",
    old: { ...string, const: "a" },
    now: { ...string, const: "b" },
    change: "incomparable",
    keyword: "const",
  },
  {
    name: "minimum raised",
    old: { ...integer, minimum: 0 },
    now: { ...integer, minimum: 1 },
    change: "narrower",
    keyword: "minimum",
  },
  {
    name: "minimum made exclusive",
    old: { ...integer, minimum: 0 },
    now: { ...integer, exclusiveMinimum: 0 },
    change: "narrower",
    keyword: "exclusiveMinimum",
  },
  { name: "minimum removed", old: { ...integer, minimum: 0 }, now: integer, change: "wider", keyword: "minimum" },
  {
    name: "maximum raised",
    old: { ...integer, maximum: 10 },
    now: { ...integer, maximum: 100 },
    change: "wider",
    keyword: "maximum",
  },
  {
    name: "maximum lowered",
    old: { ...integer, maximum: 100 },
    now: { ...integer, maximum: 10 },
    change: "narrower",
    keyword: "maximum",
  },
  {
    name: "exclusiveMaximum made inclusive",
    old: { ...integer, exclusiveMaximum: 10 },
    now: { ...integer, maximum: 10 },
    change: "wider",
    keyword: "maximum",
  },
  {
    name: "multipleOf made coarser",
    old: { ...integer, multipleOf: 2 },
    now: { ...integer, multipleOf: 4 },
    change: "narrower",
    keyword: "multipleOf",
  },
  {
    name: "multipleOf made finer",
    old: { ...integer, multipleOf: 4 },
    now: { ...integer, multipleOf: 2 },
    change: "wider",
    keyword: "multipleOf",
  },
  {
    name: "multipleOf changed across",
    old: { ...integer, multipleOf: 2 },
    now: { ...integer, multipleOf: 3 },
    change: "incomparable",
    keyword: "multipleOf",
  },
  { name: "minItems added", old: array, now: { ...array, minItems: 1 }, change: "narrower", keyword: "minItems" },
  {
    name: "maxItems raised",
    old: { ...array, maxItems: 5 },
    now: { ...array, maxItems: 50 },
    change: "wider",
    keyword: "maxItems",
  },
  {
    name: "uniqueItems added",
    old: array,
    now: { ...array, uniqueItems: true },
    change: "narrower",
    keyword: "uniqueItems",
  },
  {
    name: "uniqueItems dropped",
    old: { ...array, uniqueItems: true },
    now: { ...array, uniqueItems: false },
    change: "wider",
    keyword: "uniqueItems",
  },
  {
    name: "a field newly required",
    old: object,
    now: { ...object, required: ["a"] },
    change: "narrower",
    keyword: "required",
  },
  {
    name: "a field no longer required",
    old: { ...object, required: ["a", "b"] },
    now: { ...object, required: ["a"] },
    change: "wider",
    keyword: "required",
  },
  {
    name: "required fields swapped",
    old: { ...object, required: ["a"] },
    now: { ...object, required: ["b"] },
    change: "incomparable",
    keyword: "required",
  },
  {
    name: "minProperties added",
    old: object,
    now: { ...object, minProperties: 1 },
    change: "narrower",
    keyword: "minProperties",
  },
  {
    name: "maxProperties removed",
    old: { ...object, maxProperties: 1 },
    now: object,
    change: "wider",
    keyword: "maxProperties",
  },
  {
    name: "additionalProperties: false added",
    old: object,
    now: { ...object, additionalProperties: false },
    change: "narrower",
    keyword: "additionalProperties",
  },
  {
    name: "additionalProperties: false removed",
    old: { ...object, additionalProperties: false },
    now: object,
    change: "wider",
    keyword: "additionalProperties",
  },
  { name: "format added", old: string, now: { ...string, format: "uuid" }, change: "narrower", keyword: "format" },
  { name: "format removed", old: { ...string, format: "date-time" }, now: string, change: "wider", keyword: "format" },
  {
    name: "format int32 → int64",
    old: { ...integer, format: "int32" },
    now: { ...integer, format: "int64" },
    change: "wider",
    keyword: "format",
  },
  {
    name: "format int64 → int32",
    old: { ...integer, format: "int64" },
    now: { ...integer, format: "int32" },
    change: "narrower",
    keyword: "format",
  },
  {
    name: "format date → date-time",
    old: { ...string, format: "date" },
    now: { ...string, format: "date-time" },
    change: "incomparable",
    keyword: "format",
  },
  {
    name: "null no longer allowed (type list)",
    old: { type: ["string", "null"] },
    now: string,
    change: "narrower",
    keyword: "type",
  },
  {
    name: "null allowed (type list)",
    old: string,
    now: { type: ["string", "null"] },
    change: "wider",
    keyword: "type",
  },
  {
    name: "null no longer allowed (3.0 nullable)",
    old: { ...string, nullable: true },
    now: string,
    change: "narrower",
    keyword: "nullable",
  },
  { name: "integer → number", old: integer, now: { type: "number" }, change: "wider", keyword: "type" },
  { name: "number → integer", old: { type: "number" }, now: integer, change: "narrower", keyword: "type" },
];

/** What semver for a client SDK makes of each change, by where the value travels. */
const expected = {
  request: { narrower: "breaking", wider: "additive", incomparable: "breaking" },
  response: { narrower: "additive", wider: "breaking", incomparable: "breaking" },
} as const;

/** The fixture with one extra value in each place: a request header, a request field, a response field, a response header. */
function withValue(schema: Doc): Doc {
  const doc = parse(baseText) as Doc;
  const token = doc.paths["/oauth/token"].post;
  token.parameters[0].schema = structuredClone(schema);
  doc.components.schemas.TokenRequest.properties.scope = structuredClone(schema);
  doc.components.schemas.Token.properties.extra = structuredClone(schema);
  token.responses["200"].headers = { "X-Extra": { schema: structuredClone(schema) } };
  return doc;
}

const places = [
  { place: "a request header", direction: "request", at: "#/paths/~1oauth~1token/post/parameters/0/schema" },
  { place: "a request body field", direction: "request", at: "#/components/schemas/TokenRequest/properties/scope" },
  { place: "a response body field", direction: "response", at: "#/components/schemas/Token/properties/extra" },
  {
    place: "a response header",
    direction: "response",
    at: "#/paths/~1oauth~1token/post/responses/200/headers/X-Extra/schema",
  },
] as const;

function findingsOf(oldDoc: Doc, newDoc: Doc) {
  return constraintChanges(oldDoc, newDoc, structuralChanges(oldDoc, newDoc).common);
}

describe("each validation keyword, tightened and loosened, in a request and in a response", () => {
  const rows = cases.flatMap((test) => places.map((place) => [`${test.name} in ${place.place}`, test, place] as const));
  it.each(rows)("%s", (_name, test, place) => {
    const findings = findingsOf(withValue(test.old), withValue(test.now)).filter((finding: { pointer: string }) =>
      finding.pointer.startsWith(`${place.at}/`),
    );
    expect(findings).toHaveLength(1);
    const finding = findings[0]!;
    expect(finding.pointer).toBe(`${place.at}/${test.keyword}`);
    expect(finding.class).toBe(expected[place.direction][test.change]);
    expect(finding.constraint).toMatchObject({
      keyword: test.keyword,
      direction: place.direction,
      change: test.change,
    });
    expect(finding.operations).toEqual(["POST /oauth/token"]);
    expect(finding.message).toMatch(/\S/);
  });

  it("finds nothing when no keyword changed, or when it changed only in how it is written", () => {
    const same: [Doc, Doc][] = [
      [
        { ...string, maxLength: 5 },
        { ...string, maxLength: 5 },
      ],
      [
        { ...string, const: "a" },
        { ...string, enum: ["a"] },
      ],
      [
        { ...string, enum: ["a", "b"] },
        { ...string, enum: ["b", "a"] },
      ],
      [
        { type: "object", enum: [{ a: 1, b: 2 }] },
        { type: "object", enum: [{ b: 2, a: 1 }] },
      ],
      [
        { ...integer, minimum: 0, exclusiveMinimum: 0 },
        { ...integer, exclusiveMinimum: 0 },
      ],
      [{ ...string, minLength: 0 }, string],
      [
        { ...object, required: ["a", "b"] },
        { ...object, required: ["b", "a"] },
      ],
      [{ type: ["string", "null"] }, { type: ["null", "string"] }],
      [{ ...object, additionalProperties: true }, object],
      [
        { type: "number", multipleOf: 0.1 },
        { type: "number", multipleOf: 0.1 },
      ],
    ];
    for (const [old, now] of same) expect(keywordChanges(old, now), JSON.stringify([old, now])).toEqual([]);
    expect(findingsOf(withValue(string), withValue(string))).toEqual([]);
  });

  it("reads OpenAPI 3.0's boolean exclusiveMinimum and exclusiveMaximum", () => {
    expect(keywordChanges({ minimum: 0 }, { minimum: 0, exclusiveMinimum: true })).toMatchObject([
      { keyword: "minimum", change: "narrower", was: "≥ 0", now: "> 0" },
    ]);
    expect(keywordChanges({ maximum: 9, exclusiveMaximum: true }, { maximum: 9 })).toMatchObject([
      { keyword: "maximum", change: "wider" },
    ]);
    // multipleOf in decimals: 0.3 is a multiple of 0.1 despite floating point.
    expect(keywordChanges({ multipleOf: 0.1 }, { multipleOf: 0.3 })).toMatchObject([
      { keyword: "multipleOf", change: "narrower" },
    ]);
  });
});

describe("where the walk goes", () => {
  const emitAll = (old: Doc, now: Doc, oldDoc: Doc = {}, newDoc: Doc = {}) => {
    const seen: Doc[] = [];
    compareSchemas(oldDoc, newDoc, old, now, [], [], (change: Doc) => seen.push(change));
    return seen.map((change) => ({ pointer: `#/${change.at.join("/")}`, change: change.change, where: change.where }));
  };

  it("follows $ref, allOf/anyOf/oneOf, properties, items, prefixItems and additionalProperties to the keyword", () => {
    const doc = (maxLength: number) => ({ components: { schemas: { Name: { type: "string", maxLength } } } });
    const schema = {
      type: "object",
      properties: {
        list: { type: "array", items: { $ref: "#/components/schemas/Name" } },
        map: { type: "object", additionalProperties: { allOf: [{ $ref: "#/components/schemas/Name" }] } },
        either: { oneOf: [{ type: "integer" }, { anyOf: [{ $ref: "#/components/schemas/Name" }] }] },
        pair: { type: "array", prefixItems: [{ type: "string" }, { $ref: "#/components/schemas/Name" }] },
      },
    };
    const changes = emitAll(schema, schema, doc(10), doc(5));
    // The shared schema is reported where it lives (the place to edit), once per path that reaches it first.
    expect(changes).toEqual([{ pointer: "#/components/schemas/Name/maxLength", change: "narrower", where: ".list[]" }]);
    // Inline, each place is its own.
    const inline = (maxLength: number) => ({
      type: "object",
      properties: {
        list: { type: "array", items: { type: "string", maxLength } },
        map: { additionalProperties: { type: "string", maxLength } },
      },
    });
    expect(emitAll(inline(10), inline(20)).map((change) => change.pointer)).toEqual([
      "#/properties/list/items/maxLength",
      "#/properties/map/additionalProperties/maxLength",
    ]);
  });

  it("pairs allOf/oneOf members by $ref, and reports a member gained or lost", () => {
    const a = { $ref: "#/components/schemas/A" };
    const b = { $ref: "#/components/schemas/B" };
    const doc = { components: { schemas: { A: { type: "string" }, B: { type: "integer" } } } };
    // Reordered: the same members, nothing to report.
    expect(emitAll({ oneOf: [a, b] }, { oneOf: [b, a] }, doc, doc)).toEqual([]);
    expect(emitAll({ oneOf: [a] }, { oneOf: [a, b] }, doc, doc)).toMatchObject([
      { pointer: "#/oneOf/1", change: "wider" },
    ]);
    expect(emitAll({ allOf: [a] }, { allOf: [a, { maxLength: 3 }] }, doc, doc)).toMatchObject([
      { pointer: "#/allOf/1", change: "narrower" },
    ]);
    expect(emitAll({ anyOf: [a, b] }, { anyOf: [b] }, doc, doc)).toMatchObject([
      { pointer: "#/anyOf", change: "narrower" },
    ]);
  });

  it("ends on a recursive schema", () => {
    const doc = (maxLength: number) => ({
      components: {
        schemas: {
          Node: {
            type: "object",
            properties: {
              name: { type: "string", maxLength },
              children: { type: "array", items: { $ref: "#/components/schemas/Node" } },
            },
          },
        },
      },
    });
    const root = { $ref: "#/components/schemas/Node" };
    expect(emitAll(root, root, doc(10), doc(9))).toEqual([
      { pointer: "#/components/schemas/Node/properties/name/maxLength", change: "narrower", where: ".name" },
    ]);
  });

  it("refuses a remote $ref with the walker's error rather than comparing half a schema", () => {
    expect(() => emitAll({ $ref: "other.yaml#/A" }, { $ref: "other.yaml#/A" })).toThrow(
      /unsupported \$ref other\.yaml#\/A/,
    );
  });

  it("takes the path item's parameters, overridden by the operation's, header names case-insensitively", () => {
    const doc = (pathLength: number, operationLength: number) => {
      const spec = parse(baseText) as Doc;
      const item = spec.paths["/oauth/revoke"];
      item.parameters = [
        { name: "x-trace", in: "header", schema: { type: "string", maxLength: pathLength } },
        { name: "token", in: "query", schema: { type: "string", maxLength: 1 } },
      ];
      item.post.parameters = [
        { name: "token", in: "query", required: true, schema: { type: "string", maxLength: operationLength } },
      ];
      return spec;
    };
    const findings = findingsOf(doc(10, 50), doc(5, 100));
    expect(findings.map((finding: Doc) => [finding.pointer, finding.class])).toEqual([
      ["#/paths/~1oauth~1revoke/parameters/0/schema/maxLength", "breaking"],
      ["#/paths/~1oauth~1revoke/post/parameters/0/schema/maxLength", "additive"],
    ]);
    const renamed = doc(10, 50);
    renamed.paths["/oauth/revoke"].parameters[0].name = "X-Trace";
    renamed.paths["/oauth/revoke"].parameters[0].schema.maxLength = 5;
    expect(findingsOf(doc(10, 50), renamed).map((finding: Doc) => finding.class)).toEqual(["breaking"]);
  });

  it("reports a component shared by many operations once, naming every operation and place", () => {
    const doc = (maxLength: number) => {
      const spec = parse(baseText) as Doc;
      spec.components.headers = { Trace: { schema: { type: "string", maxLength } } };
      spec.paths["/oauth/token"].post.responses["200"].headers = { "X-Trace": { $ref: "#/components/headers/Trace" } };
      spec.paths["/oauth/token"].post.responses["400"].headers = { "X-Trace": { $ref: "#/components/headers/Trace" } };
      spec.paths["/oauth/revoke"].post.responses["200"].headers = { "x-trace": { $ref: "#/components/headers/Trace" } };
      return spec;
    };
    const findings = findingsOf(doc(10), doc(20));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      class: "breaking",
      pointer: "#/components/headers/Trace/schema/maxLength",
      operations: ["POST /oauth/token", "POST /oauth/revoke"],
    });
    expect(findings[0]!.message).toMatch(
      /^response header `X-Trace` of status 200, status 400; response header `x-trace` of status 200: maxLength 10 → 20 \(looser/,
    );
  });

  it("compares a parameter's, a request body's and a response header's own required flag", () => {
    const doc = (required: boolean) => {
      const spec = parse(baseText) as Doc;
      spec.paths["/oauth/token"].post.parameters[0].required = required;
      spec.paths["/oauth/token"].post.requestBody.required = required;
      spec.paths["/oauth/token"].post.responses["200"].headers = {
        "X-Trace": { required, schema: { type: "string" } },
      };
      return spec;
    };
    const tightened = findingsOf(doc(false), doc(true)).map((finding: Doc) => [finding.pointer, finding.class]);
    expect(tightened).toEqual([
      ["#/paths/~1oauth~1token/post/parameters/0/required", "breaking"],
      ["#/paths/~1oauth~1token/post/requestBody/required", "breaking"],
      ["#/paths/~1oauth~1token/post/responses/200/headers/X-Trace/required", "additive"],
    ]);
    const loosened = findingsOf(doc(true), doc(false)).map((finding: Doc) => finding.class);
    expect(loosened).toEqual(["additive", "additive", "breaking"]);
  });

  it("compares every media type both versions have", () => {
    const doc = (maxLength: number) => {
      const spec = parse(baseText) as Doc;
      const content = spec.paths["/oauth/token"].post.requestBody.content;
      content["application/json"] = {
        schema: { type: "object", properties: { client_id: { type: "string", maxLength } } },
      };
      return spec;
    };
    expect(findingsOf(doc(10), doc(5))).toMatchObject([
      {
        class: "breaking",
        pointer:
          "#/paths/~1oauth~1token/post/requestBody/content/application~1json/schema/properties/client_id/maxLength",
      },
    ]);
  });
});
