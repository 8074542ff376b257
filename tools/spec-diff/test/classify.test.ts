// The fixture history of spec edits: one edit per class of change, each with the classification the
// TypeScript compiler must reach (and the JSON pointer the report must name). Every edit starts from
// test/fixtures/base.yaml.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { authMustChange, BUMP_OF, pointer, strongest, structuralChanges } from "../src/diff.mjs";
import { diffInChild } from "./support/diff-in-child.js";

const baseText = readFileSync(new URL("./fixtures/base.yaml", import.meta.url), "utf8");
type Doc = Record<string, any>;
const schemas = (doc: Doc) => doc.components.schemas;
const token = (doc: Doc) => doc.paths["/oauth/token"].post;

interface Edit {
  name: string;
  edit: (doc: Doc) => void;
  expected: "breaking" | "additive" | "docs";
  pointer: string;
  /** Whether @finoauth/auth's adapter must change too. */
  auth: boolean;
}

const history: Edit[] = [
  {
    name: "rename a required request field",
    edit: (doc) => {
      const request = schemas(doc).TokenRequest;
      request.properties.clientId = request.properties.client_id;
      delete request.properties.client_id;
      request.required = ["grant_type", "clientId", "client_secret"];
    },
    expected: "breaking",
    pointer: "#/paths/~1oauth~1token/post/requestBody",
    auth: true,
  },
  {
    name: "make an optional request field required",
    edit: (doc) => void schemas(doc).TokenRequest.required.push("scope"),
    expected: "breaking",
    pointer: "#/paths/~1oauth~1token/post/requestBody",
    auth: true,
  },
  {
    // Old callers' object literals with the field no longer type-check (excess property), and the
    // server refuses it (additionalProperties: false), though the old type is still assignable.
    name: "remove an optional request field",
    edit: (doc) => void delete schemas(doc).TokenRequest.properties.scope,
    expected: "breaking",
    pointer: "#/paths/~1oauth~1token/post/requestBody",
    auth: true,
  },
  {
    name: "remove an optional request header",
    edit: (doc) => void (token(doc).parameters = []),
    expected: "breaking",
    pointer: "#/paths/~1oauth~1token/post/parameters",
    auth: true,
  },
  {
    name: "remove an optional response field",
    edit: (doc) => {
      schemas(doc).OAuthError.properties = { error: { type: "string" } };
    },
    expected: "additive",
    pointer: "#/paths/~1oauth~1token/post/responses/400",
    auth: false,
  },
  {
    name: "add an error status without a body",
    edit: (doc) => void (token(doc).responses["503"] = { description: "Down for maintenance." }),
    expected: "additive",
    pointer: "#/paths/~1oauth~1token/post/responses/503",
    auth: false,
  },
  {
    name: "remove an operation",
    edit: (doc) => void delete doc.paths["/oauth/revoke"],
    expected: "breaking",
    pointer: "#/paths/~1oauth~1revoke/post",
    auth: true,
  },
  {
    name: "change a response field's type",
    edit: (doc) => void (schemas(doc).Token.properties.expires_in = { type: "string" }),
    expected: "breaking",
    pointer: "#/paths/~1oauth~1token/post/responses/200",
    auth: true,
  },
  {
    name: "add an optional request field",
    edit: (doc) => void (schemas(doc).TokenRequest.properties.audience = { type: "string" }),
    expected: "additive",
    pointer: "#/paths/~1oauth~1token/post/requestBody",
    auth: false,
  },
  {
    name: "add an optional response field",
    edit: (doc) => void (schemas(doc).Token.properties.refresh_token = { type: "string" }),
    expected: "additive",
    pointer: "#/paths/~1oauth~1token/post/responses/200",
    auth: false,
  },
  {
    name: "add a status whose body old consumers already handle",
    edit: (doc) =>
      void (token(doc).responses["401"] = {
        description: "Bad client.",
        content: { "application/json": { schema: { $ref: "#/components/schemas/OAuthError" } } },
      }),
    expected: "additive",
    pointer: "#/paths/~1oauth~1token/post/responses/401",
    auth: false,
  },
  {
    name: "add a status with a body shape old consumers do not know",
    edit: (doc) =>
      void (token(doc).responses["429"] = {
        description: "Slow down.",
        content: {
          "application/json": {
            schema: { type: "object", required: ["retry_after"], properties: { retry_after: { type: "integer" } } },
          },
        },
      }),
    expected: "breaking",
    pointer: "#/paths/~1oauth~1token/post/responses/429",
    auth: true,
  },
  {
    // A response may now carry a value that old consumers' types (an exhaustive switch, a literal
    // union) do not allow: the compiler says the new response type is not assignable to the old one.
    name: "add an enum value to a response",
    edit: (doc) => void schemas(doc).Token.properties.token_type.enum.push("mac"),
    expected: "breaking",
    pointer: "#/paths/~1oauth~1token/post/responses/200",
    auth: true,
  },
  {
    name: "add an enum value to a request",
    edit: (doc) => void schemas(doc).TokenRequest.properties.grant_type.enum.push("password"),
    expected: "additive",
    pointer: "#/paths/~1oauth~1token/post/requestBody",
    auth: false,
  },
  {
    name: "change only descriptions",
    edit: (doc) => {
      token(doc).description = "Client credentials grant (RFC 6749 §4.4).";
      schemas(doc).TokenRequest.properties.client_id.description = "The id the provider issued.";
    },
    expected: "docs",
    pointer: "#",
    auth: false,
  },
  // Validation keywords the types do not express (the types stay equal): compared by constraints.mjs.
  {
    name: "tighten a pattern only",
    edit: (doc) => void (schemas(doc).TokenRequest.properties.client_id.pattern = "^[a-z]+$"),
    expected: "breaking",
    pointer: "#/components/schemas/TokenRequest/properties/client_id/pattern",
    auth: true,
  },
  {
    // finAPI's X-Request-Id, 255 → 64: a request that was valid is refused.
    name: "lower a request header's maxLength",
    edit: (doc) => void (token(doc).parameters[0].schema.maxLength = 64),
    expected: "breaking",
    pointer: "#/paths/~1oauth~1token/post/parameters/0/schema/maxLength",
    auth: true,
  },
  {
    name: "raise a request header's maxLength",
    edit: (doc) => void (token(doc).parameters[0].schema.maxLength = 1024),
    expected: "additive",
    pointer: "#/paths/~1oauth~1token/post/parameters/0/schema/maxLength",
    auth: false,
  },
  {
    name: "drop additionalProperties: false from a request body",
    edit: (doc) => void delete schemas(doc).TokenRequest.additionalProperties,
    expected: "additive",
    pointer: "#/components/schemas/TokenRequest/additionalProperties",
    auth: false,
  },
  {
    name: "raise a response field's minimum",
    edit: (doc) => void (schemas(doc).Token.properties.expires_in.minimum = 1),
    expected: "additive",
    pointer: "#/components/schemas/Token/properties/expires_in/minimum",
    auth: false,
  },
  {
    // A response may now carry a value that old consumers' validation refuses (expires_in: -1).
    name: "drop a response field's minimum",
    edit: (doc) => void delete schemas(doc).Token.properties.expires_in.minimum,
    expected: "breaking",
    pointer: "#/components/schemas/Token/properties/expires_in/minimum",
    auth: true,
  },
  {
    // The biggest bump wins: an additive type change beside a breaking constraint change.
    name: "add an optional request field and lower a request header's maxLength",
    edit: (doc) => {
      schemas(doc).TokenRequest.properties.audience = { type: "string" };
      token(doc).parameters[0].schema.maxLength = 64;
    },
    expected: "breaking",
    pointer: "#/paths/~1oauth~1token/post/parameters/0/schema/maxLength",
    auth: true,
  },
  {
    name: "change form to JSON",
    edit: (doc) => {
      const content = token(doc).requestBody.content;
      content["application/json"] = content["application/x-www-form-urlencoded"];
      delete content["application/x-www-form-urlencoded"];
    },
    expected: "breaking",
    pointer: "#/paths/~1oauth~1token/post/requestBody/content",
    auth: true,
  },
  {
    name: "add a required query parameter",
    edit: (doc) =>
      void doc.paths["/oauth/revoke"].post.parameters.push({
        name: "token_type_hint",
        in: "query",
        required: true,
        schema: { type: "string" },
      }),
    expected: "breaking",
    pointer: "#/paths/~1oauth~1revoke/post/parameters",
    auth: true,
  },
  {
    name: "remove a server",
    edit: (doc) => void doc.servers.pop(),
    expected: "breaking",
    pointer: "#/servers/1",
    auth: true,
  },
  {
    name: "require authentication on an operation that had none",
    edit: (doc) => void (token(doc).security = [{ bearer: [] }]),
    expected: "breaking",
    pointer: "#/paths/~1oauth~1token/post/security",
    auth: true,
  },
  {
    name: "add an operation",
    edit: (doc) =>
      void (doc.paths["/oauth/introspect"] = {
        post: { operationId: "introspect", responses: { "200": { description: "Active." } } },
      }),
    expected: "additive",
    pointer: "#/paths/~1oauth~1introspect/post",
    auth: false,
  },
];

function edited(edit: Edit): string {
  const doc = parse(baseText) as Doc;
  edit.edit(doc);
  return stringify(doc);
}

describe("the fixture history: what each spec edit means", async () => {
  // One program for the whole history, as `pnpm spec:diff` checks every changed spec at once (in a child
  // process: see support/diff-in-child.ts).
  const reports = await diffInChild(
    history.map((edit) => ({ spec: edit.name, oldText: baseText, newText: edited(edit) })),
  );

  it.each(history.map((edit, index) => [edit.name, edit, index] as const))("%s", (_name, edit, index) => {
    const report = reports[index]!;
    expect(report.class).toBe(edit.expected);
    const strongestFindings = report.findings.filter((finding: { class: string }) => finding.class === edit.expected);
    expect(strongestFindings.map((finding: { pointer: string }) => finding.pointer)).toContain(edit.pointer);
    for (const finding of report.findings) expect(finding.message).toMatch(/\S/);
    expect(authMustChange(report)).toBe(edit.auth);
  });

  it("explains a breaking type change with the compiler's own words", () => {
    const report = reports[history.findIndex((edit) => edit.name === "change a response field's type")]!;
    const finding = report.findings.find((candidate: { pointer: string }) =>
      candidate.pointer.endsWith("/responses/200"),
    );
    expect(finding?.reason).toMatch(/expires_in/);
    expect(finding?.reason).toMatch(/Type 'string' is not assignable to type 'number'/);
    const renamed = reports[0]!.findings[0];
    expect(renamed?.reason).toMatch(/Property 'clientId' is missing/);
    const widened = reports[history.findIndex((edit) => edit.name === "add an enum value to a request")]!.findings[0];
    expect(widened?.class).toBe("additive");
    expect(widened?.reason).toMatch(/"password"/);
    const removed = reports[history.findIndex((edit) => edit.name === "remove an optional request field")]!.findings[0];
    expect(removed?.reason).toMatch(/Type '"scope"' is not assignable to type 'never'/);
  });

  it("reports a constraint change beside the compiler's findings, with its verdict and its words", () => {
    const both =
      reports[
        history.findIndex(
          (edit) => edit.name === "add an optional request field and lower a request header's maxLength",
        )
      ]!;
    expect(
      both.findings.map((finding: { class: string; pointer: string }) => [finding.class, finding.pointer]),
    ).toEqual([
      ["breaking", "#/paths/~1oauth~1token/post/parameters/0/schema/maxLength"],
      ["additive", "#/paths/~1oauth~1token/post/requestBody"],
    ]);
    expect(both.findings[0].message).toBe(
      "header parameter `X-Request-Id`: maxLength 255 → 64 (tighter: a request old callers could send is now refused)",
    );
    expect(both.findings[0].operation).toBe("POST /oauth/token");
    const pattern = reports[history.findIndex((edit) => edit.name === "tighten a pattern only")]!;
    // The types are identical: the constraint finding is the only one.
    expect(pattern.findings).toHaveLength(1);
    expect(pattern.findings[0].constraint).toEqual({
      keyword: "pattern",
      direction: "request",
      change: "narrower",
      was: null,
      now: "^[a-z]+$",
    });
  });

  it("names form ↔ JSON in plain words", () => {
    const report = reports[history.findIndex((edit) => edit.name === "change form to JSON")]!;
    expect(report.findings[0]?.message).toMatch(/from `application\/x-www-form-urlencoded` to `application\/json`/);
  });

  it("reports an unchanged spec as unchanged", async () => {
    const [report] = await diffInChild([{ spec: "same", oldText: baseText, newText: baseText }]);
    expect(report!.unchanged).toBe(true);
    expect(report!.class).toBe("docs");
  });

  it("reports a new and a removed spec", async () => {
    const [added, removed] = await diffInChild([
      { spec: "new", oldText: undefined, newText: baseText },
      { spec: "gone", oldText: baseText, newText: undefined },
    ]);
    expect(added!.class).toBe("additive");
    expect(removed!.class).toBe("breaking");
  });
});

describe("the helpers", () => {
  it("escapes JSON pointers as RFC 6901 says", () => {
    expect(pointer("paths", "/oauth/token", "post")).toBe("#/paths/~1oauth~1token/post");
    expect(pointer("a~b")).toBe("#/a~0b");
  });

  it("takes the strongest class and maps classes to bumps", () => {
    expect(strongest([])).toBe("docs");
    expect(strongest(["docs", "breaking", "additive"])).toBe("breaking");
    expect(BUMP_OF).toEqual({ docs: "patch", additive: "minor", breaking: "major" });
  });

  it("lists only the operations both versions have for the type checks", () => {
    const doc = parse(baseText) as Doc;
    const without = structuredClone(doc);
    delete without.paths["/oauth/revoke"];
    expect(structuralChanges(doc, without).common.map((entry: { key: string }) => entry.key)).toEqual([
      "POST /oauth/token",
    ]);
  });
});
