// DPoP properties over many inputs: the proof's htu for any URL (query, fragment, default ports, case),
// proofs jose verifies for any method and URL, the bounded nonce memory, and no secret, proof or key in
// any error a hostile server can provoke.
import { inspect } from "node:util";
import fc from "fast-check";
import { EmbeddedJWK, exportJWK, jwtVerify } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { checkDpopKey, DpopSigner, htuOf, NonceCache } from "../src/fapi/dpop.js";
import { FinoauthError, TokenSet } from "../src/index.js";
import { createProvider } from "../src/providers/all.js";
import { oauth2 } from "../src/providers/oauth2.js";

let keys: CryptoKeyPair;
let signer: DpopSigner;
beforeAll(async () => {
  keys = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  signer = new DpopSigner(keys, checkDpopKey(keys, "test"));
});

const urlParts = fc.record({
  scheme: fc.constantFrom("https", "http", "HTTPS"),
  host: fc.domain(),
  port: fc.constantFrom("", ":443", ":80", ":8443"),
  path: fc.webPath(),
  query: fc.option(fc.webQueryParameters(), { nil: undefined }),
  fragment: fc.option(fc.webFragments(), { nil: undefined }),
});
type Parts = typeof urlParts extends fc.Arbitrary<infer T> ? T : never;
const urlOf = (p: Parts) =>
  `${p.scheme}://${p.host.toUpperCase()}${p.port}${p.path}${p.query === undefined ? "" : `?${p.query}`}${p.fragment === undefined ? "" : `#${p.fragment}`}`;

describe("htu", () => {
  it("is the URL without query and fragment, the scheme's default port dropped, scheme and host in lower case", () => {
    fc.assert(
      fc.property(urlParts, (parts) => {
        const htu = htuOf(urlOf(parts));
        const scheme = parts.scheme.toLowerCase();
        const defaultPort =
          (scheme === "https" && parts.port === ":443") || (scheme === "http" && parts.port === ":80");
        const parsed = new URL(htu);
        expect(htu).not.toMatch(/[?#]/);
        expect(parsed.protocol).toBe(`${scheme}:`);
        expect(parsed.hostname).toBe(parts.host.toLowerCase());
        expect(parsed.port).toBe(defaultPort || parts.port === "" ? "" : parts.port.slice(1));
        // The same resource with another query or fragment has the same htu.
        expect(htuOf(urlOf({ ...parts, query: "other=1", fragment: "elsewhere" }))).toBe(htu);
      }),
      { numRuns: 300 },
    );
  });

  it("goes into proofs jose verifies, with htm upper case, for any method and URL", async () => {
    const jwk = await exportJWK(keys.publicKey);
    await fc.assert(
      fc.asyncProperty(
        urlParts,
        fc.constantFrom("get", "POST", "Put", "delete"),
        fc.option(fc.string({ minLength: 1, maxLength: 40 }), { nil: undefined }),
        async (parts, method, accessToken) => {
          const url = urlOf(parts);
          const proof = await signer.proof({ method, url, accessToken });
          const { payload, protectedHeader } = await jwtVerify(proof, EmbeddedJWK, { typ: "dpop+jwt" });
          expect(protectedHeader.jwk).toEqual({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y });
          expect(payload.htm).toBe(method.toUpperCase());
          expect(payload.htu).toBe(htuOf(url));
          expect(typeof payload.jti).toBe("string");
          expect(payload.ath === undefined).toBe(accessToken === undefined);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("the nonce memory", () => {
  it("keeps the latest valid nonce per origin, at most `limit` origins, forgetting the least recent", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.string({ maxLength: 12 })), { maxLength: 60 }),
        (sets) => {
          const cache = new NonceCache(5);
          const model = new Map<string, string>();
          for (const [server, nonce] of sets) {
            const origin = `https://s${server}.example`;
            cache.set(`${origin}/token?x=1`, nonce);
            if (/^[\x21\x23-\x5B\x5D-\x7E]{1,1024}$/.test(nonce)) {
              model.delete(origin);
              model.set(origin, nonce);
              if (model.size > 5) model.delete(model.keys().next().value as string);
            }
          }
          expect(cache.size).toBe(model.size);
          for (const [origin, nonce] of model) expect(cache.get(`${origin}/other#f`)).toBe(nonce);
        },
      ),
    );
  });
});

describe("no secret, proof or key in any error", () => {
  /** A fetch that answers with whatever the property draws, echoing what it was sent. */
  const hostile =
    (kind: number, seen: string[]) =>
    async (request: Request): Promise<Response> => {
      const proof = request.headers.get("dpop") ?? "";
      const authorization = request.headers.get("authorization") ?? "";
      const body = request.method === "GET" ? "" : await request.text();
      seen.push(proof, authorization, body);
      const echo = `${proof} ${authorization} ${body} ${encodeURIComponent(proof)}`;
      switch (kind) {
        case 0:
          return Response.json({ error: "invalid_dpop_proof", error_description: echo }, { status: 400 });
        case 1:
          return Response.json(
            { error: "use_dpop_nonce", error_description: echo },
            { status: 400, headers: { "dpop-nonce": "n1" } },
          );
        case 2:
          return new Response(echo, { status: 200 });
        case 3:
          return Response.json({ access_token: "a", token_type: echo }, { status: 200 });
        default:
          throw new TypeError(`fetch failed: ${echo}`);
      }
    };

  it("holds for token calls and resource calls against a hostile server", async () => {
    const jwk = await exportJWK(keys.privateKey);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 4 }),
        fc.string({ minLength: 8, maxLength: 30 }).filter((s) => s.trim().length >= 8),
        fc.stringMatching(/^[A-Za-z0-9._~-]{12,40}$/),
        async (kind, clientSecret, accessToken) => {
          const seen: string[] = [];
          const p = createProvider(oauth2, {
            clientId: "client",
            clientSecret,
            baseUrl: "https://as.example",
            dpop: keys,
            fetch: hostile(kind, seen),
            retry: { retries: 0 },
          });
          const token = new TokenSet({
            provider: "oauth2",
            accessToken,
            tokenType: "DPoP",
            scopes: [],
            extras: {},
            obtainedAt: Date.now(),
            raw: {},
            cnf: await p.binding(),
          });
          const errors: unknown[] = [];
          await p.clientCredentials().catch((e: unknown) => errors.push(e));
          if (kind !== 2 && kind !== 3)
            await p.fetchProtectedResource(token, "https://rs.example/accounts").then(
              (answer) => expect(answer.status).toBe(400),
              (e: unknown) => errors.push(e),
            );
          expect(errors.length).toBeGreaterThan(0);
          const proofs = seen.filter((s) => s.startsWith("eyJ"));
          expect(proofs.length).toBeGreaterThan(0);
          for (const error of errors) {
            expect(error).toBeInstanceOf(FinoauthError);
            const shown = [String(error), JSON.stringify(error), inspect(error), (error as Error).message].join("\n");
            for (const secret of [clientSecret, accessToken, jwk.d as string, ...proofs])
              expect(shown).not.toContain(secret);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
