import { describe, expect, it } from "vitest";
// By path, not as @finoauth/testkit: testkit depends on this package (see support.ts).
import { SAMPLE_VIOLATIONS, SAMPLE_VIOLATIONS_HEADER } from "../../../tools/testkit/src/prism-samples.js";
import { describeViolations, violationsOf } from "../src/violations.js";

describe("violationsOf", () => {
  it("reads every violation of the sl-violations header, whatever its severity", () => {
    const response = new Response(null, { headers: { "sl-violations": SAMPLE_VIOLATIONS_HEADER } });
    const violations = violationsOf(response);
    expect(violations).toEqual(SAMPLE_VIOLATIONS);
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
    const violations = violationsOf(new Headers({ "sl-violations": SAMPLE_VIOLATIONS_HEADER }));
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
