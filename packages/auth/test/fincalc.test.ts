import { describe, expect, it } from "vitest";
import { createProvider } from "../src/providers/all.js";
import { rejection, usePrism } from "./support/prism.js";

const prism = usePrism("fincalc");
const fincalc = (extra = {}) =>
  createProvider("fincalc", {
    clientId: "12345",
    clientSecret: "bVc8ztJq3N92uUM4",
    emailAddress: "hello@example.com",
    baseUrl: prism.url(),
    fetch: prism.fetch,
    ...extra,
  });

describe("FinCalc through @finoauth/auth", () => {
  it("client credentials: JSON body with email_address; the {success, data} wrapper is unwrapped", async () => {
    const token = await fincalc().clientCredentials();
    const example = prism.example("/api/oauth/token", 200, "success");
    expect(token.accessToken).toBe(example.data.access_token);
    expect(token.expiresIn()).toBeGreaterThan((example.data.expires_in - 5) * 1000);
    expect(token.refreshToken).toBeUndefined();
    expect(prism.requests()[0]!.headers.get("content-type")).toBe("application/json");
    expect(prism.sent()).toEqual({
      grant_type: "client_credentials",
      client_id: "12345",
      client_secret: "bVc8ztJq3N92uUM4",
      scope: "api_scope",
      email_address: "hello@example.com",
    });
  });

  it("a {success: false} answer becomes a provider error with FinCalc's description", async () => {
    prism.prefer(400, "invalidRequest");
    const error = await rejection(fincalc({ retry: { retries: 0 } }).clientCredentials());
    expect(error).toMatchObject({ kind: "provider", status: 400, retryable: false });
    expect(error.description).toBe(prism.example("/api/oauth/token", 400, "invalidRequest").message.description);
  });

  it("offers only client credentials, and checks the e-mail address", () => {
    const provider = fincalc();
    expect(Object.keys(provider).sort()).toEqual(["clientCredentials", "definition", "displayName", "id"]);
    expect(() => fincalc({ emailAddress: "not-an-email" })).toThrow(
      /emailAddress must be the e-mail address of your FinCalc login/,
    );
  });
});
