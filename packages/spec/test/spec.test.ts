import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  allOperations,
  contractCases,
  deref,
  HTTP_METHODS,
  isSpecPath,
  loadSpecFile,
  operationsOf,
  requestContentOf,
  requestExamples,
  requestMediaTypesOf,
  SpecError,
  specFile,
  specNames,
} from "../src/index.js";

const document = {
  openapi: "3.1.0",
  paths: {
    "/token": {
      post: {
        operationId: "token",
        requestBody: { $ref: "#/components/requestBodies/Token" },
        responses: {
          "200": {
            headers: { "X-Request-Id": { schema: { type: "string" }, example: "abc" } },
            content: { "application/json": { examples: { ok: { value: { access_token: "t" } } } } },
          },
          "400": { $ref: "#/components/responses/Error" },
          default: { description: "anything else" },
        },
      },
    },
    "/authorize": {
      get: {
        operationId: "authorize",
        responses: { "302": { headers: { Location: { examples: { a: { value: "https://cb/?code=1" } } } } } },
      },
    },
    "/revoke": {
      post: {
        operationId: "revoke",
        requestBody: { content: { "application/json": {}, "application/x-www-form-urlencoded": {} } },
        responses: { "204": { description: "revoked" } },
      },
    },
  },
  components: {
    requestBodies: {
      Token: {
        content: { "application/x-www-form-urlencoded": { examples: { grant: { value: { grant_type: "x" } } } } },
      },
    },
    responses: {
      Error: { content: { "application/json": { examples: { bad: { $ref: "#/components/examples/Bad" } } } } },
    },
    examples: { Bad: { value: { error: "invalid_request" } } },
  },
};

const tempFile = (name: string, text: string) => {
  const file = join(mkdtempSync(join(tmpdir(), "finoauth-spec-")), name);
  writeFileSync(file, text);
  return file;
};

describe("the spec walker", () => {
  it("follows local $refs, including escaped segments", () => {
    const doc = { a: { "b/c": { value: 1 } }, ref: { $ref: "#/a/b~1c" } };
    expect(deref(doc, doc.ref)).toEqual({ value: 1 });
    expect(deref(doc, undefined)).toBeUndefined();
    expect(() => deref(doc, { $ref: "other.yaml#/x" })).toThrow(/unsupported \$ref/);
  });

  it("lists every operation by operationId, in document order, and refuses one without operationId", () => {
    expect([...operationsOf(document).entries()].map(([id, op]) => [id, op.method, op.path])).toEqual([
      ["token", "POST", "/token"],
      ["authorize", "GET", "/authorize"],
      ["revoke", "POST", "/revoke"],
    ]);
    expect(() => operationsOf({ paths: { "/x": { get: { responses: {} } } } })).toThrow(/GET \/x has no operationId/);
    expect(allOperations({ paths: { "/x": { get: { responses: {} }, parameters: [] } } })).toEqual([
      { method: "GET", path: "/x", operation: { responses: {} } },
    ]);
    expect(HTTP_METHODS).toContain("patch");
  });

  it("reads request media types through a $ref'ed request body (the first one listed), without needing operationIds", () => {
    expect(requestContentOf(document, document.paths["/token"].post)).toHaveProperty([
      "application/x-www-form-urlencoded",
    ]);
    expect(requestMediaTypesOf(document)).toEqual({
      "POST /token": "application/x-www-form-urlencoded",
      "POST /revoke": "application/json",
    });
    expect(
      requestMediaTypesOf({ paths: { "/x": { put: { requestBody: { content: { "text/plain": {} } } } } } }),
    ).toEqual({ "PUT /x": "text/plain" });
  });

  it("lists one case per (operation, status, named example), with header examples and the request media type", () => {
    const cases = contractCases(document);
    expect(cases.map((c) => [c.operationId, c.status, c.example ?? null])).toEqual([
      ["token", 200, "ok"],
      ["token", 400, "bad"],
      ["authorize", 302, null],
      ["revoke", 204, null],
    ]);
    expect(cases[0]).toMatchObject({ value: { access_token: "t" }, headers: { "X-Request-Id": "abc" } });
    expect(cases[0]!.requestMediaType).toBe("application/x-www-form-urlencoded");
    expect(cases[1]!.value).toEqual({ error: "invalid_request" });
    expect(cases[2]!.headers).toEqual({ Location: "https://cb/?code=1" });
  });

  it("refuses a response body without named examples", () => {
    const broken = structuredClone(document) as any;
    broken.paths["/token"].post.responses["200"].content["application/json"] = { example: {} };
    expect(() => contractCases(broken)).toThrow(/token 200: a response body without named examples/);
  });

  it("lists request examples with the operation's success status", () => {
    expect(requestExamples(document)).toEqual([
      {
        operationId: "token",
        example: "grant",
        value: { grant_type: "x" },
        mediaType: "application/x-www-form-urlencoded",
        successStatus: 200,
      },
    ]);
  });
});

describe("finding and reading a spec file", () => {
  const dir = mkdtempSync(join(tmpdir(), "finoauth-specs-"));
  writeFileSync(join(dir, "zeta.yaml"), "openapi: 3.1.0\npaths: {}\n");
  writeFileSync(
    join(dir, "alpha.yaml"),
    "openapi: 3.1.0\npaths:\n  /x:\n    get:\n      operationId: x\n      responses: {}\n",
  );
  writeFileSync(join(dir, "notes.txt"), "not a spec");

  it("lists the specs of a folder by name, sorted", () => {
    expect(specNames(dir)).toEqual(["alpha", "zeta"]);
  });

  it("tells a path from a name", () => {
    for (const path of ["/abs/spec.yaml", "./own.yaml", "dir/own", "own.yml", "own.JSON"])
      expect(isSpecPath(path), path).toBe(true);
    for (const name of ["finapi", "financial-cents", "oauth2"]) expect(isSpecPath(name), name).toBe(false);
  });

  it("resolves a name in the folder and a path as it is, asking for the folder only for a name", () => {
    expect(specFile("alpha", dir)).toBe(join(dir, "alpha.yaml"));
    expect(specFile("alpha", () => dir)).toBe(join(dir, "alpha.yaml"));
    const own = tempFile("own.yaml", "openapi: 3.1.0\npaths: {}\n");
    expect(specFile(own, () => expect.unreachable("the folder is not needed for a path"))).toBe(own);
    expect(() => specFile("nope", dir)).toThrow(
      new SpecError(`no spec named "nope": the specs are alpha, zeta (or give the path to an OpenAPI file)`),
    );
    expect(() => specFile("/nowhere/spec.yaml", dir)).toThrow(/^no spec file at \/nowhere\/spec\.yaml$/);
  });

  it("reads a spec file, and refuses one that does not parse or is not OpenAPI with a SpecError naming the file", () => {
    expect(operationsOf(loadSpecFile(join(dir, "alpha.yaml"))).has("x")).toBe(true);
    const broken = tempFile("broken.yaml", "openapi: [3.1\n");
    expect(() => loadSpecFile(broken)).toThrow(SpecError);
    expect(() => loadSpecFile(broken)).toThrow(new RegExp(`^${broken} does not parse: `));
    for (const text of [
      "name: not openapi\n",
      "openapi: 3.1.0\n",
      "openapi: 3.1.0\npaths: null\n",
      "openapi: 3\npaths: {}\n",
      "- a list\n",
      "just text\n",
    ]) {
      expect(() => loadSpecFile(tempFile("other.yaml", text)), text).toThrow(
        /is not an OpenAPI document \(it needs an "openapi" version and "paths"\)/,
      );
    }
  });
});
