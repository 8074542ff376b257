// `finoauth demo` (what `pnpm demo` runs): starts its own mocks, runs every flow, prints one table, exits 0.
import { providers } from "@finoauth/auth/all";
import { describe, expect, it } from "vitest";
import { FAPI_PROVIDER } from "../src/demo.js";
import { example, lines, runBinary } from "./support.js";

// The provider column: a registry name, or the generic provider's FAPI rows ("oauth2 (FAPI 2.0)").
const ROW = /^(\S+(?: \(FAPI 2\.0\))?)\s{2,}(.+?)\s{2,}(ok(?:: .+?)?|FAILED|skipped: .+?)(?:\s{2,}(.*?))?\s+(\d+)$/;

describe("finoauth demo", { timeout: 180_000 }, () => {
  it("runs every flow of every provider against mocks and prints one table; exit 0", async () => {
    const result = await runBinary(["demo"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const out = lines(result.stdout);
    // Every provider of the registry is demoed (none silently skipped): the count comes from the registry.
    expect(out[0]).toMatch(
      new RegExp(
        `^finoauth demo: \\d+ flows of ${Object.keys(providers).length} providers .* and a FAPI 2\\.0 server$`,
      ),
    );
    expect(out[1]).toMatch(/^provider\s+flow\s+result\s+expiry\s+token\s+ms$/);
    const rows = out.filter((line) => ROW.test(line)).map((line) => ROW.exec(line)!);
    const flows = rows.map((row) => `${row[1]}: ${row[2]}`);
    expect(new Set(rows.map((row) => row[1]))).toEqual(new Set([...Object.keys(providers), FAPI_PROVIDER]));
    expect(flows).toEqual(
      expect.arrayContaining([
        "financial-cents: authorization URL",
        "financial-cents: callback + code exchange",
        "financial-cents: refresh",
        "finexer: callback + code exchange",
        "finexer: callback: consent denied",
        "finexer: revoke",
        "fincalc: client credentials",
        "finapi: client credentials",
        "finapi: password",
        "finapi: refresh",
        "finapi: revoke",
        "synapsefi: 2FA 1: refresh token",
        "synapsefi: 2FA 2: phone number",
        "synapsefi: 2FA 3: pin -> OAuth key",
        "synapsefi: scoped OAuth key",
        "synapsefi: refresh",
        "oauth2: authorization URL",
        "oauth2: client credentials",
        "oauth2: password",
        "oauth2: refresh",
        "oauth2: revoke",
        `${FAPI_PROVIDER}: PAR + authorization URL`,
        `${FAPI_PROVIDER}: consent + code exchange`,
        `${FAPI_PROVIDER}: refresh`,
        `${FAPI_PROVIDER}: revoke`,
        `${FAPI_PROVIDER}: mTLS: PAR + code exchange`,
      ]),
    );
    expect(rows.every((row) => row[3]!.startsWith("ok"))).toBe(true);
    expect(out.at(-1)).toBe(`All ${rows.length} flows worked.`);
    // Rotation: the token manager stored the new refresh token before handing out the access token.
    expect(result.stdout).toMatch(/financial-cents\s+refresh\s+ok: refresh token rotated, new one stored\s/);
    expect(result.stdout).toMatch(
      /synapsefi\s+refresh\s+ok: refresh token rotated, new one stored, refresh uses left 9\s/,
    );
    expect(result.stdout).toMatch(/synapsefi\s+2FA 1: refresh token\s+ok: MFA required, 2 phone numbers offered/);
    expect(result.stdout).toMatch(/finexer\s+callback: consent denied\s+ok: refused with access_denied/);
    expect(result.stdout).toMatch(/fincalc\s+client credentials\s+ok\s+in 24 h\s+eyJh…\(277\)/);
    // Tokens are masked.
    expect(result.stdout).not.toContain(example("fincalc", "/api/oauth/token", 200, "success").data.access_token);
  });

  it("--provider runs one provider, also as pnpm passes it (demo -- --provider fincalc)", async () => {
    const result = await runBinary(["demo", "--", "--provider", "fincalc", "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout);
    expect(rows).toEqual([
      {
        provider: "fincalc",
        flow: "client credentials",
        ok: true,
        result: "ok",
        expiry: "in 24 h",
        token: "eyJh…(277)",
        ms: expect.any(Number),
      },
    ]);
  });

  it("--provider oauth2 adds the FAPI 2.0 rows after the generic provider's own: a real server, DPoP-bound tokens, masked", async () => {
    const result = await runBinary(["demo", "--provider", "oauth2", "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as {
      provider: string;
      flow: string;
      ok: boolean;
      result: string;
      token: string;
    }[];
    expect(rows.every((row) => row.ok)).toBe(true);
    const providersInOrder = [...new Set(rows.map((row) => row.provider))];
    expect(providersInOrder).toEqual(["oauth2", FAPI_PROVIDER]);
    const fapi = rows.filter((row) => row.provider === FAPI_PROVIDER);
    // Each row's checks: demo-fapi.test.ts. Here: they come through the binary, in the JSON, masked.
    const exchange = fapi.find((row) => row.flow === "consent + code exchange");
    expect(exchange?.result).toMatch(/^ok: DPoP, cnf\.jkt = key thumbprint/);
    expect(exchange?.token).toMatch(/^\S{4}…\(\d+\)$/);
    expect(fapi.at(-1)?.flow).toBe("mTLS: PAR + code exchange");
    expect(result.stdout).not.toMatch(/PRIVATE KEY|"d":/);
  });
});
