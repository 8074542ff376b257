import { describe, expect, it } from "vitest";
import { prismFetch } from "../src/index.js";
import { SAMPLE_VIOLATIONS_HEADER } from "../src/prism-samples.js";

describe("prismFetch", () => {
  it("records each request and one line per violation Prism reports, every severity", async () => {
    const prism = prismFetch(
      (request) =>
        new Response(null, {
          status: new URL(request.url).pathname === "/bad" ? 400 : 200,
          headers: new URL(request.url).pathname === "/bad" ? { "sl-violations": SAMPLE_VIOLATIONS_HEADER } : {},
        }),
    );
    await prism.fetch(new Request("http://mock.test/good", { method: "POST", body: "a=1" }));
    expect(prism.violations).toEqual([]);
    await prism.fetch(new Request("http://mock.test/bad", { method: "POST" }));
    expect(prism.requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ["POST", "http://mock.test/good", "a=1"],
      ["POST", "http://mock.test/bad", ""],
    ]);
    expect(prism.violations).toEqual([
      "POST /bad: request.body: Request body must have required property 'client_id' (Error, required)",
      "POST /bad: request.query.old: Query param old is deprecated (Warning, deprecated)",
    ]);
  });
});
