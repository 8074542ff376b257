// What `pnpm spec:diff` says of a spec change for the Java client generated from the same spec
// (scripts/generator/java-api.mjs): the real specs/finapi.yaml, edited in memory, through the real
// openapi-generator (its jar from `pnpm setup`). A tag rename changes no TypeScript type, but renames the
// Java API class: breaking for Java callers.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { javaApiChanges, publicMembers } from "../../../scripts/generator/java-api.mjs";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const finapi = readFileSync(new URL("../../../specs/finapi.yaml", import.meta.url), "utf8");

describe("publicMembers", () => {
  it("keeps the types of a signature, not its annotations or parameter names", () => {
    const source = [
      "  public AccessToken token(@jakarta.annotation.Nullable String xRequestId, Map<String, String> headers) throws ApiException {",
      '  public static final String JSON_PROPERTY_SCOPE = "scope";',
      "  private void hidden(String a) {",
    ].join("\n");
    expect([...publicMembers(source)]).toEqual([
      "AccessToken token(String, Map<String, String>)",
      "JSON_PROPERTY_SCOPE",
    ]);
  });
});

describe("javaApiChanges (finAPI)", () => {
  it("a renamed tag renames the API class: breaking (gone) and additive (new)", { timeout: 600_000 }, async () => {
    const findings = await javaApiChanges(
      root,
      "finapi",
      finapi,
      finapi.replaceAll("tags: [Authorization]", "tags: [Auth]"),
    );
    expect(findings).toEqual([
      expect.objectContaining({
        class: "breaking",
        language: "java",
        message: expect.stringContaining("api/AuthorizationApi.java is gone"),
      }),
      expect.objectContaining({
        class: "additive",
        language: "java",
        message: expect.stringContaining("new class dev/finoauth/finapi/api/AuthApi.java"),
      }),
    ]);
  });

  it("a renamed response property removes its getter: breaking", { timeout: 600_000 }, async () => {
    const renamed = finapi.replace(
      "      required: [access_token, token_type, expires_in, scope]\n      properties:\n        access_token:",
      "      required: [token, token_type, expires_in, scope]\n      properties:\n        token:",
    );
    expect(renamed).not.toBe(finapi);
    const gone = (await javaApiChanges(root, "finapi", finapi, renamed)).filter((f) => f.class === "breaking");
    expect(gone.map((f) => f.message)).toContain(
      "Java: dev/finoauth/finapi/model/AccessToken.java: `String getAccessToken()` is gone (removed, renamed or retyped)",
    );
  });

  it("the same text, or a spec no Java client is generated from, gives nothing", async () => {
    expect(await javaApiChanges(root, "finapi", finapi, finapi)).toEqual([]);
    expect(await javaApiChanges(root, "no-such-spec", "a", "b")).toEqual([]);
  });
});
