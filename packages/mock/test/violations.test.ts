import { describe, expect, it } from "vitest";
import { describeViolations, violationsOf } from "../src/violations.js";

const prismHeader = JSON.stringify([
  {
    location: ["request", "body"],
    severity: "Error",
    code: "required",
    message: "Request body must have required property 'client_id'",
  },
  {
    location: ["request", "query", "old"],
    severity: "Warning",
    code: "deprecated",
    message: "Query param old is deprecated",
  },
]);

describe("violationsOf", () => {
  it("reads every violation of the sl-violations header, whatever its severity", () => {
    const response = new Response(null, { headers: { "sl-violations": prismHeader } });
    const violations = violationsOf(response);
    expect(violations).toEqual([
      {
        location: ["request", "body"],
        severity: "Error",
        code: "required",
        message: "Request body must have required property 'client_id'",
      },
      {
        location: ["request", "query", "old"],
        severity: "Warning",
        code: "deprecated",
        message: "Query param old is deprecated",
      },
    ]);
    expect(violationsOf(response.headers)).toEqual(violations);
    expect(violationsOf({ response })).toEqual(violations);
  });

  it("is empty when Prism found nothing", () => {
    expect(violationsOf(new Response("{}"))).toEqual([]);
    expect(violationsOf(new Headers({ "sl-violations": " " }))).toEqual([]);
  });

  it("keeps a header that is not JSON (Prism truncates long ones) as one Error", () => {
    expect(violationsOf(new Headers({ "sl-violations": "Too many violations! [{" }))).toEqual([
      { location: [], severity: "Error", message: "Too many violations! [{" },
    ]);
  });
});

describe("describeViolations", () => {
  it("gives one line per violation: where, what, severity and code, with an optional context", () => {
    const violations = violationsOf(new Headers({ "sl-violations": prismHeader }));
    expect(describeViolations(violations, "POST /oauth/token")).toBe(
      [
        "POST /oauth/token: request.body: Request body must have required property 'client_id' (Error, required)",
        "POST /oauth/token: request.query.old: Query param old is deprecated (Warning, deprecated)",
      ].join("\n"),
    );
    expect(describeViolations([{ location: [], severity: "Error", message: "x" }])).toBe("x (Error)");
    expect(describeViolations([])).toBe("");
  });
});
