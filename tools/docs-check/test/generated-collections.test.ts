// The Postman collections `pnpm generate` makes from the specs (openapi-to-postmanv2: an exporter's real
// output, with path variables, empty saved responses and one example body per request) read against their
// own specs: every operation, parameter, media type, status and example agrees. The converter shows one
// example body per request, so the fields only other grants send are the one thing reported, as such.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check, json, root } from "./support.js";

const specs = readdirSync(join(root, "specs"))
  .filter((file) => file.endsWith(".yaml"))
  .map((file) => file.slice(0, -".yaml".length));

describe("the generated Postman collections against their specs", () => {
  it.each(specs)("%s: only body fields of other grants are missing from the collection", async (spec) => {
    const report = await check(spec, json(join(root, "postman", `${spec}.postman_collection.json`)));
    expect(report.format).toBe("postman-2.1");
    expect(report.findings.filter((finding) => finding.kind !== "field-not-documented")).toEqual([]);
  });

  it("reads a path variable (:user_id) as the path parameter, not as its example value", async () => {
    const report = await check("synapsefi", json(join(root, "postman", "synapsefi.postman_collection.json")));
    expect(report.findings.map((finding) => finding.name)).not.toContain("user_id");
  });
});
