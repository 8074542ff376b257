import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ProviderResponse } from "../src/call.js";
import { FinoauthError } from "../src/errors.js";
import { normalizeToken, pick, type TokenResponseShape } from "../src/normalize.js";
import { providers } from "../src/providers/index.js";
import { TokenSet } from "../src/token-set.js";

const NOW = 1_700_000_000_000;

const response = (status: number, body: unknown, text = body === undefined ? "" : JSON.stringify(body)): ProviderResponse => {
  let json: unknown;
  try {
    json = text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status, headers: new Headers(), text, json };
};

/** Wraps a token object the way the provider does (FinCalc's `{success, data}`). */
const wrap = (shape: TokenResponseShape, token: Record<string, unknown>, success: unknown = true) =>
  shape.envelope ? { [shape.envelope.success]: success, [shape.envelope.data]: token } : token;

const anyValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { maxKeys: 2 }),
  fc.integer({ min: 0, max: 1e7 }).map(String),
);

function fieldsOf(shape: TokenResponseShape): string[] {
  return [shape.accessToken, "token_type", "expires_in", "refresh_token", "scope", "error", "error_description", "error_code", ...(shape.expiresAt ? [shape.expiresAt] : []), ...Object.values(shape.extras ?? {})];
}

for (const [name, definition] of Object.entries(providers)) {
  const shape = definition.token as TokenResponseShape;
  const context = () => ({ provider: definition.id, errors: definition.errors, secrets: [], now: NOW });
  const check = (res: ProviderResponse) => {
    try {
      const token = normalizeToken(res, shape, context());
      expect(token).toBeInstanceOf(TokenSet);
      expect(typeof token.accessToken === "string" && token.accessToken.length > 0).toBe(true);
      expect(token.expiresAt === undefined || Number.isFinite(token.expiresAt)).toBe(true);
      expect(token.scopes.every((scope) => typeof scope === "string" && scope !== "")).toBe(true);
      expect(token.refreshToken === undefined || token.refreshToken.length > 0).toBe(true);
      return token;
    } catch (error) {
      if (!(error instanceof FinoauthError)) throw error;
      expect(["malformed_response", "provider"]).toContain(error.kind);
      return error;
    }
  };

  describe(`${name} token normaliser (property-based)`, () => {
    it("any JSON object built from its fields gives a valid TokenSet or a typed error", () => {
      const body = fc.dictionary(fc.constantFrom(...fieldsOf(shape)), anyValue);
      fc.assert(
        fc.property(fc.constantFrom(200, 201, 202, 400, 401, 429, 500, 503), body, fc.oneof(fc.constant(true), anyValue), (status, token, success) => {
          check(response(status, wrap(shape, token, success)));
        }),
        { numRuns: 300 },
      );
    });

    it("any body at all (JSON of any type, HTML, truncated, empty) gives a valid TokenSet or a typed error", () => {
      const text = fc.oneof(
        fc.json(),
        fc.string(),
        fc.constant("<html><body>502 Bad Gateway</body></html>"),
        fc.json().map((json) => json.slice(0, Math.floor(json.length / 2))),
      );
      fc.assert(fc.property(fc.constantFrom(200, 400, 502), text, (status, raw) => void check(response(status, undefined, raw))), { numRuns: 300 });
    });

    it("a well-formed token always normalises, with absolute expiry and scopes as a list", () => {
      const nonEmpty = fc.string({ minLength: 1 }).filter((s) => s.trim() === s && s !== "");
      const scopeList = fc.array(fc.stringMatching(/^[A-Za-z0-9_|:.]{1,12}$/), { maxLength: 4 });
      fc.assert(
        fc.property(nonEmpty, fc.integer({ min: 0, max: 10_000_000 }), fc.option(nonEmpty, { nil: undefined }), scopeList, (accessToken, expiresIn, refreshToken, scopes) => {
          const scope = shape.scopes === "array" ? scopes : scopes.join(shape.scopes === "comma" ? "," : " ");
          const token = { [shape.accessToken]: accessToken, token_type: "bearer", expires_in: shape.expiresIn === "number" ? expiresIn : String(expiresIn), refresh_token: refreshToken, scope };
          const result = check(response(200, wrap(shape, token)));
          expect(result).toBeInstanceOf(TokenSet);
          const set = result as TokenSet;
          expect(set.accessToken).toBe(accessToken);
          expect(set.expiresAt).toBe(NOW + expiresIn * 1000);
          expect(set.refreshToken).toBe(refreshToken);
          expect(set.scopes).toEqual(scopes);
          expect(set.tokenType).toBe("Bearer");
          expect(pick(set.raw, shape.envelope ? `${shape.envelope.data}.${shape.accessToken}` : shape.accessToken)).toBe(accessToken);
        }),
        { numRuns: 200 },
      );
    });

    it("an error body under HTTP 200 is a provider error, never a token", () => {
      const error = check(response(200, wrap(shape, { error: "invalid_grant", error_description: "nope", error_code: "400" }, false)));
      expect(error).toBeInstanceOf(FinoauthError);
      expect((error as FinoauthError).kind).toBe("provider");
    });
  });
}
