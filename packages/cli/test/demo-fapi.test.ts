// `finoauth demo`'s FAPI 2.0 rows, run against the real FAPI server of @finoauth/mock/fapi (no Prism): every
// row ok, the token DPoP-bound (or certificate-bound), masked, and no key, secret or whole token in the table
// or the JSON. The loader is the real module, wrapped to see what the demo cannot print: the server (its
// clients' keys) and the tokens the server issued.
import * as fapiModule from "@finoauth/mock/fapi";
import { describe, expect, it } from "vitest";
import { FAPI_PROVIDER, type LoadFapi, renderRows, runFapi } from "../src/demo.js";
import { jsonText } from "../src/terminal.js";

/** The real module, recording the servers it starts (and their stops) and every token their token endpoint issues. */
function watched() {
  const servers: fapiModule.FapiServer[] = [];
  const tokens: string[] = [];
  let stops = 0;
  const load: LoadFapi = async () => ({
    ...fapiModule,
    startFapiServer: async (options) => {
      const server = await fapiModule.startFapiServer(options);
      servers.push(server);
      return {
        ...server,
        stop: () => ((stops += 1), server.stop()),
      };
    },
    fetchOver: (agent) => async (request) => {
      const response = await fapiModule.fetchOver(agent)(request);
      if (new URL(request.url).pathname === "/token" && response.ok) {
        const body = (await response.clone().json()) as { access_token?: string; refresh_token?: string };
        for (const token of [body.access_token, body.refresh_token]) if (token) tokens.push(token);
      }
      return response;
    },
  });
  return { load, servers, tokens, stops: () => stops };
}

describe("finoauth demo: the FAPI 2.0 rows", { timeout: 60_000 }, () => {
  it("runs PAR + private_key_jwt + DPoP, userinfo, refresh keeping the binding, revoke and mTLS: every row ok", async () => {
    const { load, servers, tokens, stops } = watched();
    const rows = await runFapi(load);
    expect(servers).toHaveLength(1);
    expect(stops()).toBe(1);
    expect(rows.map((row) => [row.provider, row.flow, row.ok, row.error])).toEqual(
      [
        "PAR + authorization URL",
        "consent + code exchange",
        "userinfo",
        "refresh",
        "revoke",
        "mTLS: PAR + code exchange",
      ].map((flow) => [FAPI_PROVIDER, flow, true, undefined]),
    );
    const row = (flow: string) => rows.find((r) => r.flow === flow)!;
    expect(row("PAR + authorization URL").result).toBe(
      "ok: pushed with private_key_jwt + DPoP, URL has request_uri only",
    );
    expect(row("consent + code exchange").result).toMatch(/^ok: DPoP, cnf\.jkt = key thumbprint, PKCE S256/);
    expect(row("userinfo").result).toBe(`ok: Authorization: DPoP + proof with ath, sub ${servers[0]!.accountId}`);
    expect(row("refresh").result).toBe("ok: refresh token rotated, new one stored, DPoP binding kept");
    expect(row("revoke").result).toBe("ok: refresh token revoked, introspection: inactive");
    expect(row("mTLS: PAR + code exchange").result).toBe(
      "ok: self_signed_tls_client_auth, certificate-bound (x5t#S256)",
    );
    // The rows that show a token show it masked: four characters and the length.
    for (const flow of ["consent + code exchange", "refresh", "mTLS: PAR + code exchange"]) {
      expect(row(flow).token).toMatch(/^\S{4}…\(\d+\)$/);
      expect(row(flow).expiry).toBe("in 10 min");
    }

    // Nothing secret in what the demo prints: the tokens issued, the client's keys, the certificates' keys.
    const printed = `${renderRows(rows, ["oauth2"])}\n${jsonText(rows)}`;
    const { clients } = servers[0]!;
    const secrets = [
      ...tokens,
      ...Object.values(clients.privateKeyJwt.signingKeys).map((key) => key.privateJwk.d as string),
      clients.selfSignedTls.tls.keyPem,
      clients.secretBasic.clientSecret,
    ];
    expect(tokens.length).toBeGreaterThanOrEqual(2); // the code exchange's and the refresh's, at least
    for (const secret of secrets) expect(printed).not.toContain(secret);
    expect(printed).not.toMatch(/PRIVATE KEY|"d":/);
  });

  it("a FAPI server that cannot start is one failing row, not a crash", async () => {
    const missing: LoadFapi = async () => {
      throw Object.assign(new Error("Package subpath './fapi' is not defined by \"exports\""), {
        code: "ERR_PACKAGE_PATH_NOT_EXPORTED",
      });
    };
    const rows = await runFapi(missing);
    expect(rows).toEqual([
      {
        provider: FAPI_PROVIDER,
        flow: "start the FAPI 2.0 server",
        ok: false,
        result: "FAILED",
        expiry: "",
        token: "",
        ms: expect.any(Number),
        error: expect.stringContaining("could not load @finoauth/mock/fapi"),
      },
    ]);
    const failing: LoadFapi = async () => ({
      ...fapiModule,
      startFapiServer: () => Promise.reject(new Error("listen EADDRINUSE")),
    });
    const [row] = await runFapi(failing);
    expect(row).toMatchObject({ flow: "start the FAPI 2.0 server", ok: false, error: "listen EADDRINUSE" });
    expect(renderRows(await runFapi(failing), ["oauth2"])).toContain("1 of 1 flows failed.");
  });
});
