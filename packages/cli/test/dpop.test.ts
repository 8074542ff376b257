// `--dpop true` on the generic provider: a proof (its signature is verified with jose in @finoauth/auth's tests) goes with the token request, the
// DPoP token is shown as such, and neither the key nor the proof is ever printed.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "./support.js";

let server: Server;
let url: string;
const proofs: string[] = [];
beforeAll(async () => {
  server = createServer(async (request, response) => {
    for await (const _ of request);
    const proof = request.headers.dpop;
    if (typeof proof === "string") proofs.push(proof);
    const part = (n: number) =>
      JSON.parse(Buffer.from(String(proof).split(".")[n] ?? "", "base64url").toString() || "{}");
    const verified = typeof proof === "string" && part(0).typ === "dpop+jwt" && part(1).htu === `${url}/token`;
    response.writeHead(verified ? 200 : 400, { "content-type": "application/json" });
    response.end(
      JSON.stringify(
        verified
          ? { access_token: "dpop-bound-access-token", token_type: "DPoP", expires_in: 60 }
          : { error: "invalid_dpop_proof", error_description: `bad proof ${String(proof)}` },
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const args = () => ["token", "oauth2", "--grant", "client_credentials", "--base-url", url, "--client-id", "c"];
const env = { FINOAUTH_OAUTH2_CLIENT_SECRET: "cli-dpop-secret" };

describe("finoauth token oauth2 --dpop true", () => {
  it("sends a proof made with a key of this run and prints the DPoP token, never the proof or key", async () => {
    const result = await run([...args(), "--dpop", "true", "--json", "--show-secrets"], env);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ tokenType: "DPoP" });
    expect(proofs).toHaveLength(1);
    const [header] = (proofs[0] as string).split(".");
    const jwk = JSON.parse(Buffer.from(header as string, "base64url").toString()).jwk as { x: string };
    for (const shown of [result.stdout, result.stderr]) {
      expect(shown).not.toContain(proofs[0]);
      expect(shown).not.toContain(jwk.x);
    }
  });

  it("without it, the server's refusal is shown without any proof in it", async () => {
    const result = await run(args(), env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/invalid_dpop_proof/);
  });
});
