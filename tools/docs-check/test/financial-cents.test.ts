// The Financial Cents seed (a Postman documenter page whose collection is prose only) against today's spec:
// the weaker text check, said as such; every URL and name the text documents is in the spec or accepted by
// it; edited copies of the text (a renamed parameter, a new endpoint URL) are reported.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exitCodeOf, renderReport } from "../src/index.js";
import { check, json, lines, root } from "./support.js";

const seed = () => json(join(root, "docs/financial-cents/financial-cents.postman-documenter.json"));
/** The seed with its collection's description edited. */
function edited(edit: (text: string) => string) {
  const docs = seed();
  const before = docs.collection.info.description;
  docs.collection.info.description = edit(before);
  expect(docs.collection.info.description).not.toBe(before);
  return docs;
}

describe("the Financial Cents seed against specs/financial-cents.yaml", () => {
  it("finds every URL and name of the text in the spec, the callback URL accepted by the spec", async () => {
    const report = await check("financial-cents", seed());
    expect(report.format).toBe("postman-documenter");
    expect(report.check).toBe("text");
    expect(lines(report)).toEqual([
      "accepted url-not-in-spec | (none) | https://REDIRECT_URI/ | #/paths | #/collection/info/description",
    ]);
    expect(exitCodeOf(report)).toBe(0);
    const authorize = report.coverage!.find((entry) => entry.operation === "GET /oauth/authorize")!;
    expect(authorize.names).toEqual(["client_id", "prompt", "redirect_uri", "response_type", "scope", "state"]);
    expect(authorize.notMentioned).toContain("code_challenge");
    const token = report.coverage!.find((entry) => entry.operation === "POST /oauth/token")!;
    expect(token.names).toEqual([
      "access_token",
      "client_id",
      "client_secret",
      "code",
      "expires_in",
      "grant_type",
      "redirect_uri",
      "refresh_token",
      "scope",
    ]);
    // The report says the check is the weaker one, not a silent pass.
    expect(renderReport(report)).toContain("TEXT ONLY");
  });

  it("never prints the environment's secrets (its access_token)", async () => {
    const docs = seed();
    const secret = docs.environments[0].values.find((value: any) => value.key === "access_token").value;
    docs.collection.info.description += "\n\nCall {{base_url}}/users?token={{access_token}}";
    const report = await check("financial-cents", docs);
    expect(JSON.stringify(report)).not.toContain(secret);
    expect(renderReport(report)).not.toContain(secret);
  });

  it("reports a renamed parameter of the authorize URL", async () => {
    const docs = edited((text) => text.replaceAll("response_type", "responseType"));
    const report = await check("financial-cents", docs);
    expect(lines(report).filter((line) => !line.startsWith("accepted"))).toEqual([
      "name-not-in-spec | GET /oauth/authorize | responseType | #/paths/~1oauth~1authorize/get | #/collection/info/description",
    ]);
    const finding = report.findings.find((candidate) => candidate.kind === "name-not-in-spec")!;
    expect(finding.message).toContain("(likely a rename of the spec's `response_type`)");
    expect(finding.docsTitle).toBe("line 16 of the text");
  });

  it("reports a new endpoint URL", async () => {
    const docs = edited((text) => text.replaceAll("/oauth/token", "/oauth/v2/token"));
    const report = await check("financial-cents", docs);
    expect(lines(report).filter((line) => !line.startsWith("accepted"))).toEqual([
      "url-not-in-spec | (none) | /oauth/v2/token | #/paths | #/collection/info/description",
      "url-not-in-spec | (none) | https://app.financial-cents.com/oauth/v2/token | #/paths | #/collection/info/description",
      "operation-not-documented | POST /oauth/token | token | #/paths/~1oauth~1token/post | #",
    ]);
    expect(exitCodeOf(report)).toBe(1);
  });
});
