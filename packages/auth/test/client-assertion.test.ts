// private_key_jwt and client_secret_jwt (RFC 7523), and the other client authentication methods, on the
// wire: each assertion decoded and verified with jose against the public key, a fresh one per attempt.
import { decodeProtectedHeader, exportJWK, generateKeyPair, type JWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { JWT_BEARER } from "../src/fapi/client-assertion.js";
import { createProvider, FinoauthError } from "../src/index.js";
import { oauth2 } from "../src/providers/oauth2.js";

const clientId = "s6BhdRkqt3";
const baseUrl = "https://as.example.com/";
const tokenBody = { access_token: "at-1", token_type: "Bearer", expires_in: 3600 };

/** A fetch that records each request (URL, headers, form) and answers with the next of `answers` (the last repeats). */
function recording(...answers: [number, unknown][]) {
  const sent: { url: string; headers: Headers; form: URLSearchParams }[] = [];
  const fetch = async (request: Request) => {
    sent.push({ url: request.url, headers: request.headers, form: new URLSearchParams(await request.text()) });
    const [status, body] = answers[Math.min(sent.length - 1, answers.length - 1)]!;
    return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  };
  return { fetch, sent };
}

const ALGS = ["ES256", "PS256", "EdDSA", "RS256"] as const;

async function keysFor(alg: (typeof ALGS)[number]) {
  const pair = await generateKeyPair(alg, { extractable: true });
  const jwk: JWK = { ...(await exportJWK(pair.privateKey)), alg, kid: `kid-${alg}` };
  return { ...pair, jwk };
}

describe("private_key_jwt (RFC 7523 §2.2, §3)", () => {
  for (const alg of ALGS) {
    for (const form of ["JWK", "CryptoKey"] as const) {
      it(`${alg} (${form}): iss = sub = client id, aud = the issuer, unique jti, 60 s, verified with the public key`, async () => {
        const { privateKey, publicKey, jwk } = await keysFor(alg);
        const { fetch, sent } = recording([200, tokenBody]);
        const provider = createProvider(oauth2, {
          baseUrl,
          clientId,
          issuer: "https://as.example.com",
          fetch,
          ...(form === "JWK" ? { clientKey: jwk } : { clientKey: privateKey, clientKeyId: `kid-${alg}` }),
        });
        await provider.clientCredentials();
        await provider.clientCredentials();
        const jtis: string[] = [];
        for (const { form: body, headers } of sent) {
          expect(headers.get("authorization")).toBeNull();
          expect(body.get("client_id")).toBe(clientId);
          expect(body.get("client_assertion_type")).toBe(JWT_BEARER);
          const assertion = body.get("client_assertion")!;
          expect(decodeProtectedHeader(assertion)).toEqual({ alg, kid: `kid-${alg}` });
          const { payload } = await jwtVerify(assertion, publicKey, {
            issuer: clientId,
            subject: clientId,
            audience: "https://as.example.com",
            algorithms: [alg],
          });
          expect(payload.exp! - payload.iat!).toBe(60);
          expect(typeof payload.jti).toBe("string");
          jtis.push(payload.jti!);
        }
        expect(new Set(jtis).size).toBe(2);
      });
    }
  }

  it("a retried attempt gets a fresh assertion (its own jti), never the first one again", async () => {
    const { jwk, publicKey } = await keysFor("ES256");
    const { fetch, sent } = recording([503, { error: "temporarily_unavailable" }], [200, tokenBody]);
    const provider = createProvider(oauth2, {
      baseUrl,
      clientId,
      clientKey: jwk,
      fetch,
      retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 1 },
    });
    await provider.clientCredentials();
    expect(sent).toHaveLength(2);
    const jtis = await Promise.all(
      sent.map(async ({ form }) => (await jwtVerify(form.get("client_assertion")!, publicKey)).payload.jti),
    );
    expect(jtis[0]).not.toBe(jtis[1]);
  });

  it("without an issuer, aud is the endpoint's URL (token, revocation, introspection; endpoints.* honoured)", async () => {
    const { jwk, publicKey } = await keysFor("ES256");
    const { fetch, sent } = recording([200, tokenBody], [200, {}], [200, { active: false }]);
    const provider = createProvider(oauth2, {
      baseUrl,
      clientId,
      clientKey: jwk,
      endpoints: { introspect: "https://as.example.com/oauth/introspection" },
      fetch,
    });
    await provider.clientCredentials();
    await provider.revoke({ token: "at-1" });
    await provider.introspect({ token: "at-1" });
    const audiences = await Promise.all(
      sent.map(async ({ form }) => (await jwtVerify(form.get("client_assertion")!, publicKey)).payload.aud),
    );
    expect(audiences).toEqual([
      "https://as.example.com/token",
      "https://as.example.com/revoke",
      "https://as.example.com/oauth/introspection",
    ]);
    expect(sent.map(({ url }) => url)).toEqual(audiences);
  });
});

describe("the other methods on the wire", () => {
  it("client_secret_jwt: HS256 with the client secret, no secret sent", async () => {
    const clientSecret = "a-32-byte-long-shared-secret-xyz";
    const { fetch, sent } = recording([200, tokenBody]);
    const provider = createProvider(oauth2, {
      baseUrl,
      clientId,
      clientSecret,
      clientAuth: "client_secret_jwt",
      fetch,
    });
    await provider.clientCredentials();
    const { form, headers } = sent[0]!;
    expect(headers.get("authorization")).toBeNull();
    expect(form.get("client_secret")).toBeNull();
    const { payload, protectedHeader } = await jwtVerify(
      form.get("client_assertion")!,
      new TextEncoder().encode(clientSecret),
      { issuer: clientId, subject: clientId, audience: "https://as.example.com/token" },
    );
    expect(protectedHeader.alg).toBe("HS256");
    expect(payload.jti).toEqual(expect.any(String));
  });

  for (const clientAuth of ["tls_client_auth", "self_signed_tls_client_auth", "none"] as const) {
    it(`${clientAuth}: client_id in the body, nothing else`, async () => {
      const { fetch, sent } = recording([200, tokenBody]);
      const provider = createProvider(oauth2, { baseUrl, clientId, clientAuth, fetch });
      await provider.clientCredentials();
      const { form, headers } = sent[0]!;
      expect(headers.get("authorization")).toBeNull();
      expect(Object.fromEntries(form)).toEqual({ grant_type: "client_credentials", client_id: clientId });
    });
  }

  it("a clientKey alone means private_key_jwt", async () => {
    const { jwk } = await keysFor("EdDSA");
    const { fetch, sent } = recording([200, tokenBody]);
    await createProvider(oauth2, { baseUrl, clientId, clientKey: jwk, fetch }).clientCredentials();
    expect(sent[0]!.form.get("client_assertion_type")).toBe(JWT_BEARER);
  });
});

describe("no key material or assertion in any error", () => {
  it("a server echoing the assertion: the error is scrubbed of it", async () => {
    const { jwk } = await keysFor("ES256");
    let assertion = "";
    const fetch = async (request: Request) => {
      assertion = new URLSearchParams(await request.text()).get("client_assertion")!;
      return new Response(
        JSON.stringify({ error: "invalid_client", error_description: `bad assertion ${assertion} (d=${jwk.d})` }),
        { status: 401, headers: { "Content-Type": "application/json" } },
      );
    };
    const provider = createProvider(oauth2, { baseUrl, clientId, clientKey: jwk, fetch });
    const error = await provider.clientCredentials().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FinoauthError);
    expect((error as FinoauthError).code).toBe("invalid_client");
    const text = `${String(error)} ${JSON.stringify(error)} ${(error as FinoauthError).description}`;
    expect(assertion.length).toBeGreaterThan(100);
    expect(text).not.toContain(assertion);
    expect(text).not.toContain(jwk.d!);
    expect(text).toContain("[redacted]");
  });

  it("a key jose cannot import: invalid_options naming the option, not the key", async () => {
    const { jwk } = await keysFor("ES256");
    const broken = { ...jwk, d: `${jwk.d!.slice(0, 10)}AAAA` };
    const { fetch, sent } = recording([200, tokenBody]);
    const provider = createProvider(oauth2, { baseUrl, clientId, clientKey: broken, fetch });
    const error = await provider.clientCredentials().catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: "invalid_options",
      description: expect.stringMatching(/clientKey could not be imported/),
    });
    expect(JSON.stringify(error) + String(error)).not.toContain(broken.d);
    expect(sent).toHaveLength(0);
  });
});
