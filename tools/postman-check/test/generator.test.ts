// The Postman side of the generator (scripts/generator/postman.mjs): deterministic, complete output.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  MOCK_BASE_URL,
  parseSavedResponseName,
  renderPostman,
  requestItems,
  savedResponseName,
  specPathOf,
  stableId,
  variablesOf,
} from "../../../scripts/generator/postman.mjs";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const target = {
  spec: "finapi",
  clientName: "Finapi",
  packageDir: `${root}packages/finapi`,
  specFile: `${root}specs/finapi.yaml`,
};

describe("the Postman generator", () => {
  it("derives stable, UUID-shaped ids", () => {
    expect(stableId("finapi/item/0")).toBe(stableId("finapi/item/0"));
    expect(stableId("finapi/item/0")).not.toBe(stableId("finapi/item/1"));
    expect(stableId("x")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("maps Postman URL paths back to spec paths", () => {
    expect(specPathOf(["v3.1", "oauth", ":user_id"])).toBe("/v3.1/oauth/{user_id}");
    expect(specPathOf([])).toBe("/");
  });

  it("names saved responses by status and example, and reads the names back", () => {
    expect(savedResponseName(200, "userToken", "Token of a user")).toBe("200 userToken: Token of a user");
    expect(savedResponseName(204)).toBe("204");
    expect(parseSavedResponseName("200 userToken: Token of a user")).toEqual({ status: "200", example: "userToken" });
    expect(parseSavedResponseName("204")).toEqual({ status: "204", example: undefined });
    expect(parseSavedResponseName("Approval page")).toBeUndefined();
  });

  it("lists the variables a collection uses, other than baseUrl", () => {
    expect(variablesOf({ a: "{{baseUrl}}/x", b: [{ c: "Bearer {{bearerToken}}" }] })).toEqual(["bearerToken"]);
  });

  it("renders the same bytes twice, as the committed files, with the spec's examples in requests and saved responses", async () => {
    const [first, second] = [await renderPostman(target), await renderPostman(target)];
    expect(first).toEqual(second);
    expect(Object.keys(first).sort()).toEqual([
      "finapi.mock.postman_environment.json",
      "finapi.postman_collection.json",
      "finapi.production.postman_environment.json",
      "finapi.sandbox.postman_environment.json",
    ]);
    for (const [name, text] of Object.entries(first)) expect(readFileSync(`${root}postman/${name}`, "utf8")).toBe(text);
    const collection = JSON.parse(first["finapi.postman_collection.json"]!);
    const [token, revoke] = requestItems(collection.item);
    expect(token.request.body.urlencoded.find((field: { key: string }) => field.key === "grant_type").value).toBe(
      "password",
    );
    expect(token.response.map((response: { name: string }) => response.name.split(":")[0])).toEqual([
      "200 userToken",
      "200 clientToken",
      "400 badRequest",
      "401 invalidClient",
      "403 userNotVerified",
      "423 userLocked",
      "500 unexpectedError",
    ]);
    expect(JSON.parse(token.response[1].body)).not.toHaveProperty("refresh_token");
    expect(revoke.request.auth.type).toBe("bearer");
    const mock = JSON.parse(first["finapi.mock.postman_environment.json"]!);
    expect(mock.values).toContainEqual({ key: "baseUrl", value: MOCK_BASE_URL, type: "default", enabled: true });
    expect(mock.values).toContainEqual({
      key: "bearerToken",
      value: "mock-bearerToken",
      type: "secret",
      enabled: true,
    });
    const sandbox = JSON.parse(first["finapi.sandbox.postman_environment.json"]!);
    expect(sandbox.values[0].value).toBe("https://sandbox.finapi.io");
    expect(sandbox.values.find((value: { key: string }) => value.key === "bearerToken").value).toBe("");
  });
});

describe("syncPostman: the drift check of postman/", () => {
  it("writes the files, then finds them up to date; names an edited, a stale and a missing file", async () => {
    const { mkdtempSync, mkdirSync, copyFileSync, writeFileSync, readdirSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { syncPostman } = await import("../../../scripts/generator/postman.mjs");
    const work = mkdtempSync(`${tmpdir()}/postman-sync-`);
    try {
      mkdirSync(`${work}/specs`);
      copyFileSync(`${root}specs/fincalc.yaml`, `${work}/specs/fincalc.yaml`);
      const fincalc = {
        spec: "fincalc",
        clientName: "Fincalc",
        packageDir: `${root}packages/fincalc`,
        specFile: `${work}/specs/fincalc.yaml`,
      };
      const missing = await syncPostman(work, [fincalc], { check: true });
      expect(missing).toContain("postman/fincalc.postman_collection.json is missing");
      expect(await syncPostman(work, [fincalc], { check: false })).toEqual([]);
      expect(readdirSync(`${work}/postman`).sort()).toEqual([
        "fincalc.mock.postman_environment.json",
        "fincalc.postman_collection.json",
        "fincalc.production.postman_environment.json",
      ]);
      expect(await syncPostman(work, [fincalc], { check: true })).toEqual([]);
      writeFileSync(`${work}/postman/fincalc.sandbox.postman_environment.json`, "{}\n");
      writeFileSync(
        `${work}/specs/fincalc.yaml`,
        readFileSync(`${work}/specs/fincalc.yaml`, "utf8").replace("title:", "title: Edited"),
      );
      const drift = await syncPostman(work, [fincalc], { check: true });
      expect(drift).toContain("postman/fincalc.sandbox.postman_environment.json is not produced by any spec (stale)");
      expect(drift.find((line: string) => line.startsWith("postman/fincalc.postman_collection.json"))).toMatch(
        /is stale: specs\/fincalc\.yaml changed since it was generated/,
      );
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
