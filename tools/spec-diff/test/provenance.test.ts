import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as provenance from "../../../scripts/generator/provenance.mjs";
import { listTargets } from "../../../scripts/generator/targets.mjs";
import { specNames } from "../src/git.mjs";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const tools = { "openapi-typescript": "7.13.0", "openapi-fetch": "0.17.0" };
const record = { spec: "finapi", sha256: "a".repeat(64), tools };

describe("the generation record in a generated file's header", () => {
  it("hashes a spec's bytes with sha256", () => {
    expect(provenance.specSha256("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("writes the spec, its sha256 and both generator versions, and reads them back", () => {
    const line = provenance.headerLine(record);
    expect(line).toContain("specs/finapi.yaml");
    expect(line).toContain(`sha256 ${"a".repeat(64)}`);
    expect(line).toContain("openapi-typescript 7.13.0");
    expect(line).toContain("openapi-fetch 0.17.0");
    expect(line).toContain("do not edit");
    expect(provenance.parseHeader(`${line}export {};\n`)).toEqual(record);
    expect(provenance.parseHeader("// hand written\n")).toBeUndefined();
    // The same record inside a JSON file (a Postman collection's description).
    const json = JSON.stringify({
      info: {
        description: `About.\n\n${provenance.provenanceText({ ...record, tools: { "openapi-to-postmanv2": "6.3.3" } })}`,
      },
    });
    expect(provenance.parseHeader(json)).toEqual({ ...record, tools: { "openapi-to-postmanv2": "6.3.3" } });
  });

  it("resolves installed versions the way the generator does", () => {
    const fetchVersion = JSON.parse(
      readFileSync(`${root}packages/runtime/node_modules/openapi-fetch/package.json`, "utf8"),
    ).version;
    // A generated client reaches openapi-fetch through @finoauth/runtime, which the generator asks.
    expect(provenance.installedVersion("openapi-fetch", `${root}packages/runtime`)).toBe(fetchVersion);
    expect(provenance.installedVersion("openapi-typescript", `${root}scripts/generator`)).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("names the spec that changed, or the generator version that changed", () => {
    const now = `${provenance.headerLine(record)}body`;
    const specEdited = `${provenance.headerLine({ ...record, sha256: "b".repeat(64) })}body`;
    const olderGenerator = `${provenance.headerLine({ ...record, tools: { ...tools, "openapi-typescript": "7.12.0" } })}body`;
    expect(provenance.explainDrift(specEdited, now)).toMatch(
      /specs\/finapi\.yaml changed since it was generated \(sha256 bbbbbbbbbbbb… → aaaaaaaaaaaa…\)/,
    );
    expect(provenance.explainDrift(olderGenerator, now)).toBe("is stale: openapi-typescript changed (7.12.0 → 7.13.0)");
    expect(provenance.explainDrift(`${provenance.headerLine(record)}edited`, now)).toMatch(/same spec and versions/);
    expect(provenance.explainDrift(undefined, now)).toBe("is missing");
    expect(provenance.explainDrift("// old header\n", now)).toMatch(/no generation record/);
  });

  it("names the docs snapshot (docs/<spec>/) with its sha256, reads it back and says when it changed", () => {
    const docs = [{ file: "docs/finapi/finapi.postman_collection.json", sha256: "c".repeat(64) }];
    const line = provenance.headerLine({ ...record, docs });
    expect(line).toContain(`checked against docs/finapi/finapi.postman_collection.json sha256 ${"c".repeat(64)}`);
    expect(provenance.parseHeader(line)).toEqual({ ...record, docs });
    const newer = provenance.headerLine({ ...record, docs: [{ ...docs[0], sha256: "d".repeat(64) }] });
    expect(provenance.explainDrift(`${line}body`, `${newer}body`)).toBe(
      "is stale: the docs snapshot in docs/finapi/ changed since it was generated (pnpm docs:check --snapshot)",
    );
    expect(provenance.explainDrift(`${provenance.headerLine(record)}body`, `${line}body`)).toMatch(/docs snapshot/);
  });

  it("records the committed docs snapshot of a spec (Financial Cents' seed)", () => {
    const [snapshot] = provenance.docsSnapshotOf(root, "financial-cents");
    expect(snapshot?.file).toBe("docs/financial-cents/financial-cents.postman-documenter.json");
    const recorded = provenance.parseHeader(
      readFileSync(join(root, "packages/financial-cents/src/generated/schema.ts"), "utf8"),
    );
    expect(recorded?.docs).toEqual([snapshot]);
    expect(provenance.docsSnapshotOf(root, "no-such-spec")).toEqual([]);
  });

  it("is in every committed generated file, with the sha256 of the spec as it is now", async () => {
    // Every spec of specs/ (the registry of specs) has a generated package: none is silently left out.
    const targets = await listTargets(root);
    expect(targets.map((target) => target.spec)).toEqual(specNames(root));
    for (const { spec, packageDir } of targets) {
      const recorded = provenance.parseHeader(readFileSync(join(packageDir, "src/generated/schema.ts"), "utf8"));
      expect(recorded?.sha256, spec).toBe(provenance.specSha256(readFileSync(`${root}specs/${spec}.yaml`, "utf8")));
    }
  });
});
