import { describe, expect, it } from "vitest";
import { contractCases, deref, loadSpec, operationsOf, requestExamples } from "../src/spec.js";

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
  },
  components: {
    requestBodies: {
      Token: { content: { "application/x-www-form-urlencoded": { examples: { grant: { value: { grant_type: "x" } } } } } },
    },
    responses: {
      Error: { content: { "application/json": { examples: { bad: { $ref: "#/components/examples/Bad" } } } } },
    },
    examples: { Bad: { value: { error: "invalid_request" } } },
  },
};

describe("spec reading", () => {
  it("follows local $refs, including escaped segments", () => {
    const doc = { a: { "b/c": { value: 1 } }, ref: { $ref: "#/a/b~1c" } };
    expect(deref(doc, doc.ref)).toEqual({ value: 1 });
    expect(() => deref(doc, { $ref: "other.yaml#/x" })).toThrow(/unsupported \$ref/);
  });

  it("lists one case per (operation, status, named example), with header examples and the request media type", () => {
    const cases = contractCases(document);
    expect(cases.map((c) => [c.operationId, c.status, c.example ?? null])).toEqual([
      ["token", 200, "ok"],
      ["token", 400, "bad"],
      ["authorize", 302, null],
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

  it("refuses an operation without operationId", () => {
    expect(() => operationsOf({ paths: { "/x": { get: { responses: {} } } } })).toThrow(/GET \/x has no operationId/);
  });

  it("lists request examples with the operation's success status", () => {
    expect(requestExamples(document)).toEqual([
      { operationId: "token", example: "grant", value: { grant_type: "x" }, mediaType: "application/x-www-form-urlencoded", successStatus: 200 },
    ]);
  });

  it("reads the repository's specs", () => {
    expect(operationsOf(loadSpec("oauth2")).has("token")).toBe(true);
  });
});
