import { describe, expect, it } from "vitest";
import { FinoauthError } from "../src/index.js";
import { createProvider } from "../src/providers/all.js";
import { rejection, usePrism } from "./support/prism.js";

const prism = usePrism("oauth2");
const token = "mF_9.B5f-4.1JqM";

const provider = (extra: Record<string, unknown> = {}) =>
  createProvider("oauth2", {
    clientId: "s6BhdRkqt3",
    clientSecret: "7Fjfp0ZBr1KtDRbnfVdmIw",
    baseUrl: prism.url(),
    fetch: prism.fetch,
    ...extra,
  });

/** A fetch that answers every request with this JSON body and status. */
const answering = (status: number, body: unknown) => async () =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

describe("RFC 7662 introspection on the generic provider, against Prism", () => {
  it("reads an active token strictly: scopes as a list, times in milliseconds, aud as a list", async () => {
    prism.prefer(200, "active");
    const result = await provider().introspect({ token, tokenTypeHint: "access_token" });
    const example = prism.example("/introspect", 200, "active");
    expect(result).toEqual({
      active: true,
      scopes: ["read", "write"],
      clientId: example.client_id,
      username: example.username,
      tokenType: "Bearer",
      subject: example.sub,
      audience: [example.aud],
      issuer: example.iss,
      expiresAt: example.exp * 1000,
      issuedAt: example.iat * 1000,
      raw: example,
    });
    expect(prism.sent()).toEqual({ token, token_type_hint: "access_token" });
    expect(prism.requests()[0]!.headers.get("authorization")).toBe(
      "Basic czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3",
    );
  });

  it("an inactive token says nothing else; client_secret_post puts the credentials in the body", async () => {
    prism.prefer(200, "inactive");
    await expect(provider({ clientAuth: "client_secret_post" }).introspect({ token })).resolves.toEqual({
      active: false,
      raw: { active: false },
    });
    expect(prism.sent()).toEqual({ token, client_id: "s6BhdRkqt3", client_secret: "7Fjfp0ZBr1KtDRbnfVdmIw" });
  });

  it("a documented 401 is a FinoauthError with the RFC 6749 code, not retried", async () => {
    prism.prefer(401, "invalidClient");
    const error = await rejection(provider().introspect({ token }));
    expect(error).toBeInstanceOf(FinoauthError);
    expect(error).toMatchObject({ kind: "provider", status: 401, code: "invalid_client", retryable: false });
    expect(prism.requests()).toHaveLength(1);
  });

  it("goes to endpoints.introspect when the server's URL is not baseUrl + /introspect", async () => {
    prism.prefer(200, "inactive");
    const p = provider({
      baseUrl: "http://127.0.0.1:9/unused",
      endpoints: { introspect: `${prism.url()}/introspect` },
    });
    expect((await p.introspect({ token })).active).toBe(false);
    expect(prism.requests()[0]!.url).toBe(`${prism.url()}/introspect`);
  });
});

describe("introspection answers that are not what RFC 7662 says", () => {
  const options = { clientId: "s6BhdRkqt3", clientSecret: "7Fjfp0ZBr1KtDRbnfVdmIw", baseUrl: "http://127.0.0.1:9" };

  it("scrubs the token from an error that echoes it", async () => {
    const fetch = answering(400, { error: "invalid_request", error_description: `token ${token} is malformed` });
    const error = await rejection(createProvider("oauth2", { ...options, fetch }).introspect({ token }));
    expect(error).toMatchObject({ kind: "provider", code: "invalid_request" });
    for (const text of [error.message, error.description, JSON.stringify(error), String(error)])
      expect(text).not.toContain(token);
  });

  it.each([
    [{ active: "yes" }, /no boolean active/],
    [["active"], /not a JSON object/],
    [{ active: true, exp: "tomorrow" }, /exp is not a Unix time/],
    [{ active: true, aud: [1] }, /aud is not a string or a list of strings/],
    [{ active: true, scope: ["read"] }, /scope is not a string/],
    [{ active: true, sub: 7 }, /sub is not a string/],
  ])("%o is a malformed_response", async (body, why) => {
    const error = await rejection(
      createProvider("oauth2", { ...options, fetch: answering(200, body) }).introspect({ token }),
    );
    expect(error).toMatchObject({ kind: "malformed_response", description: expect.stringMatching(why) });
  });

  it("needs a token", async () => {
    // @ts-expect-error: token is required
    await expect(createProvider("oauth2", options).introspect({})).rejects.toThrow(
      /introspect needs a non-empty token/,
    );
  });
});
