// finAPI's token endpoints as finAPI's own OpenAPI 3.0 document writes them, against specs/finapi.yaml:
// the one deliberate difference (one form schema for every grant, split by grant in the spec) is accepted
// by the spec's x-finoauth-docs; each mutated copy adds exactly its own finding. Also as JSON, and as Swagger 2.0.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { exitCodeOf, renderReport } from "../src/index.js";
import { check, fixture, lines, spec } from "./support.js";

const document = (): any => parse(readFileSync(fixture("finapi.openapi.yaml"), "utf8"));
const drift = async (docs: unknown) =>
  lines(await check("finapi", docs)).filter((line) => !line.startsWith("accepted"));

describe("finAPI's OpenAPI document against specs/finapi.yaml", () => {
  it("finds no drift; the split token body is accepted, with the spec's reason", async () => {
    const report = await check("finapi", document());
    expect(report.format).toBe("openapi-3.0");
    expect(report.drift).toBe(0);
    expect(report.accepted).toBeGreaterThan(0);
    for (const finding of report.findings) {
      expect(finding.kind).toBe("constraint-changed");
      expect(finding.spec).toMatch(/^#\/components\/schemas\/TokenRequest\//);
      expect(finding.accepted).toMatch(/^finAPI documents one form schema for every grant/);
    }
    expect(exitCodeOf(report)).toBe(0);
    expect(report.unused).toEqual([]);
  });

  it("lists an acceptance no finding needs, without counting it as drift", async () => {
    const docs = document();
    docs.paths["/oauth/token"].post.requestBody.content["application/x-www-form-urlencoded"].schema = {
      $ref: "#/components/schemas/SplitTokenRequest",
    };
    // The docs now split the body by grant as the spec does: the accepted difference is gone.
    docs.components.schemas.SplitTokenRequest = spec("finapi").components.schemas.TokenRequest;
    for (const name of ["PasswordGrantRequest", "ClientCredentialsGrantRequest", "RefreshTokenGrantRequest"])
      docs.components.schemas[name] = spec("finapi").components.schemas[name];
    const report = await check("finapi", docs);
    expect(report.drift).toBe(0);
    expect(report.unused).toEqual([
      expect.objectContaining({ at: "#/paths/~1oauth~1token/post/x-finoauth-docs/0", kind: "constraint-changed" }),
    ]);
    expect(renderReport(report)).toContain(
      "unused acceptance  #/paths/~1oauth~1token/post/x-finoauth-docs/0  constraint-changed",
    );
  });

  it("reads the same document as JSON", async () => {
    const report = await check("finapi", JSON.parse(JSON.stringify(document())));
    expect(report.drift).toBe(0);
  });

  it("reports a renamed parameter", async () => {
    const docs = document();
    docs.paths["/oauth/revoke"].post.parameters[1].name = "tokenTypeHint";
    expect(await drift(docs)).toEqual([
      "parameter-renamed | POST /oauth/revoke | token_type_hint → tokenTypeHint | #/paths/~1oauth~1revoke/post/parameters/1 | #/paths/~1oauth~1revoke/post/parameters/1",
    ]);
  });

  it("reports a parameter that became required, through spec-diff's keyword comparison", async () => {
    const docs = document();
    docs.paths["/oauth/revoke"].post.parameters[1].required = true;
    expect(await drift(docs)).toEqual([
      "constraint-changed | POST /oauth/revoke | query parameter `token_type_hint` required | #/paths/~1oauth~1revoke/post/parameters/1/required | #/paths/~1oauth~1revoke/post",
    ]);
  });

  it("reports a removed and a new operation", async () => {
    const docs = document();
    delete docs.paths["/oauth/revoke"];
    docs.paths["/oauth/introspect"] = {
      post: { operationId: "introspect", responses: { "200": { description: "ok" } } },
    };
    expect(await drift(docs)).toEqual([
      "operation-not-in-spec | POST /oauth/introspect | POST /oauth/introspect | #/paths | #/paths/~1oauth~1introspect/post",
      "operation-not-documented | POST /oauth/revoke | revoke | #/paths/~1oauth~1revoke/post | #",
    ]);
  });

  it("reports a response field the spec lacks, and one the docs no longer declare", async () => {
    const docs = document();
    docs.components.schemas.AccessToken.properties.id_token = { type: "string" };
    delete docs.components.schemas.AccessToken.properties.scope;
    docs.components.schemas.AccessToken.required = ["access_token", "token_type", "expires_in"];
    delete docs.paths["/oauth/token"].post.responses["200"].content["application/json"].example.scope;
    expect(await drift(docs)).toEqual([
      "response-field-not-in-spec | POST /oauth/token | 200 id_token | #/components/schemas/AccessToken/properties | #/components/schemas/AccessToken/properties/id_token",
      "response-field-not-documented | POST /oauth/token | 200 scope | #/components/schemas/AccessToken/properties/scope | #/paths/~1oauth~1token/post/responses/200/content/application~1json",
      "constraint-changed | POST /oauth/token | response body (application/json) required | #/components/schemas/AccessToken/required | #/paths/~1oauth~1token/post",
    ]);
  });

  it("reports a changed content type and a header the spec lacks", async () => {
    const docs = document();
    const token = docs.paths["/oauth/token"].post;
    token.requestBody.content = { "application/json": token.requestBody.content["application/x-www-form-urlencoded"] };
    token.parameters.push({ name: "X-Tenant-Id", in: "header", schema: { type: "string" } });
    expect(await drift(docs)).toEqual([
      "parameter-not-in-spec | POST /oauth/token | X-Tenant-Id | #/paths/~1oauth~1token/post/parameters | #/paths/~1oauth~1token/post/parameters/1",
      "media-type-not-in-spec | POST /oauth/token | application/json | #/paths/~1oauth~1token/post/requestBody/content | #/paths/~1oauth~1token/post/requestBody/content/application~1json",
    ]);
  });

  it("reports an example that does not fit the spec's schema", async () => {
    const docs = document();
    docs.paths["/oauth/token"].post.responses["200"].content["application/json"].example.expires_in = "3600";
    const report = await check("finapi", docs);
    expect(lines(report).filter((line) => !line.startsWith("accepted"))).toEqual([
      "example-invalid | POST /oauth/token | 200 response | #/paths/~1oauth~1token/post/responses/200/content/application~1json/schema | #/paths/~1oauth~1token/post/responses/200/content/application~1json/example",
    ]);
    expect(report.findings.find((finding) => finding.kind === "example-invalid")!.message).toContain(
      "/expires_in must be integer",
    );
  });
});

describe("a Swagger 2.0 document", () => {
  it("is read in the OpenAPI 3 shape: form parameters as a form body, definitions as schemas", async () => {
    const swagger = {
      swagger: "2.0",
      info: { title: "finAPI", version: "1" },
      host: "sandbox.finapi.io",
      schemes: ["https"],
      paths: {
        "/oauth/revoke": {
          post: {
            operationId: "revokeToken",
            parameters: [
              { name: "token", in: "query", required: true, type: "string", minLength: 1 },
              { name: "token_type_hint", in: "query", type: "string", enum: ["access_token", "refresh_token"] },
              { name: "X-Request-Id", in: "header", type: "string", maxLength: 255 },
            ],
            responses: {
              "200": { description: "ok", headers: { "X-Request-Id": { type: "string", maxLength: 255 } } },
            },
          },
        },
        "/oauth/token": {
          post: {
            consumes: ["application/x-www-form-urlencoded"],
            produces: ["application/json"],
            parameters: [
              { name: "grant_type", in: "formData", type: "string", required: true },
              { name: "client_id", in: "formData", type: "string", required: true },
              { name: "client_secret", in: "formData", type: "string", required: true },
              { name: "refresh_token", in: "formData", type: "string" },
              { name: "username", in: "formData", type: "string" },
              { name: "password", in: "formData", type: "string" },
              { name: "X-Request-Id", in: "header", type: "string", maxLength: 255 },
            ],
            responses: {
              "200": { description: "ok", schema: { $ref: "#/definitions/AccessToken" } },
              "201": { description: "created" },
            },
          },
        },
      },
      definitions: {
        AccessToken: {
          type: "object",
          required: ["access_token", "token_type", "expires_in", "scope"],
          properties: {
            access_token: { type: "string" },
            refresh_token: { type: "string" },
            token_type: { type: "string" },
            expires_in: { type: "integer" },
            scope: { type: "string" },
          },
        },
      },
    };
    const report = await check("finapi", swagger);
    expect(report.format).toBe("swagger-2.0");
    expect(lines(report).filter((line) => !line.startsWith("accepted"))).toEqual([
      "status-not-in-spec | POST /oauth/token | 201 | #/paths/~1oauth~1token/post/responses | #/paths/~1oauth~1token/post/responses/201",
    ]);
  });
});
