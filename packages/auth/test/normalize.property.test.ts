import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AnswerContext, classify, readToken } from "../src/classify.js";
import { FinoauthError } from "../src/errors.js";
import { providers } from "../src/providers/all.js";
import { TokenSet } from "../src/token-set.js";
import { pick, type TokenShape } from "../src/token-shape.js";
import type { ProviderResponse } from "../src/transport.js";

const NOW = 1_700_000_000_000;

const response = (
  status: number,
  body: unknown,
  text = body === undefined ? "" : JSON.stringify(body),
): ProviderResponse => {
  let json: unknown;
  try {
    json = text.trim() === "" ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status, headers: new Headers(), text, json };
};

/** Wraps a token object the way the provider does (an envelope such as `{success, data}`). */
const wrap = (shape: TokenShape, token: Record<string, unknown>, success: unknown = true) =>
  shape.envelope
    ? { ...(shape.envelope.success ? { [shape.envelope.success]: success } : {}), [shape.envelope.data]: token }
    : token;

/** Where the shape says each token field is (its defaults are RFC 6749's names). */
const fieldNames = (shape: TokenShape) => ({
  accessToken: shape.accessToken,
  tokenType: shape.tokenType ?? "token_type",
  expiresIn: shape.expiresIn?.path ?? "expires_in",
  refreshToken: shape.refreshToken ?? "refresh_token",
  scope: shape.scope?.path ?? "scope",
  scopeFormat: shape.scope?.format ?? "space",
});

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

function fieldsOf(shape: TokenShape, errors: AnswerContext["errors"]): string[] {
  const f = fieldNames(shape);
  return [
    f.accessToken,
    f.tokenType,
    f.expiresIn,
    f.refreshToken,
    f.scope,
    ...errors.code,
    ...errors.providerCode,
    ...errors.description,
    ...(shape.expiresAt ? [shape.expiresAt] : []),
    ...Object.values(shape.extras ?? {}).map((e) => e.path),
  ];
}

for (const [name, definition] of Object.entries(providers)) {
  const shape: TokenShape = definition.token;
  const f = fieldNames(shape);
  const context = (): AnswerContext => ({
    provider: definition.id,
    token: shape,
    errors: definition.errors,
    secrets: [],
    now: NOW,
  });
  const check = (res: ProviderResponse) => {
    try {
      const token = readToken(classify(res, context()));
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
      const body = fc.dictionary(fc.constantFrom(...fieldsOf(shape, definition.errors)), anyValue);
      fc.assert(
        fc.property(
          fc.constantFrom(200, 201, 202, 400, 401, 429, 500, 503),
          body,
          fc.oneof(fc.constant(true), anyValue),
          (status, token, success) => {
            check(response(status, wrap(shape, token, success)));
          },
        ),
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
      fc.assert(
        fc.property(
          fc.constantFrom(200, 400, 502),
          text,
          (status, raw) => void check(response(status, undefined, raw)),
        ),
        { numRuns: 300 },
      );
    });

    it("a well-formed token always normalises, with absolute expiry and scopes as a list", () => {
      const nonEmpty = fc.string({ minLength: 1 }).filter((s) => s.trim() === s && s !== "");
      const scopeList = fc.array(fc.stringMatching(/^[A-Za-z0-9_|:.]{1,12}$/), { maxLength: 4 });
      fc.assert(
        fc.property(
          nonEmpty,
          fc.integer({ min: 1, max: 10_000_000 }),
          fc.option(nonEmpty, { nil: undefined }),
          scopeList,
          (accessToken, expiresIn, refreshToken, scopes) => {
            const scope = f.scopeFormat === "array" ? scopes : scopes.join(f.scopeFormat === "comma" ? "," : " ");
            const token = {
              [f.accessToken]: accessToken,
              [f.tokenType]: "bearer",
              [f.expiresIn]: shape.expiresIn?.numericStrings ? String(expiresIn) : expiresIn,
              [f.refreshToken]: refreshToken,
              [f.scope]: scope,
            };
            const result = check(response(200, wrap(shape, token)));
            expect(result).toBeInstanceOf(TokenSet);
            const set = result as TokenSet;
            expect(set.accessToken).toBe(accessToken);
            expect(set.expiresAt).toBe(NOW + expiresIn * 1000);
            expect(set.refreshToken).toBe(refreshToken);
            expect(set.scopes).toEqual(scopes);
            expect(set.tokenType).toBe("Bearer");
            expect(
              pick(set.raw, shape.envelope ? `${shape.envelope.data}.${shape.accessToken}` : shape.accessToken),
            ).toBe(accessToken);
          },
        ),
        { numRuns: 200 },
      );
    });

    it("an error body under HTTP 200 is a provider error, never a token", () => {
      const errorBody = Object.fromEntries(
        [...definition.errors.code, ...definition.errors.providerCode].map((path) => [path, "400"]),
      );
      const error = check(response(200, wrap(shape, { ...errorBody, error_description: "nope" }, false)));
      expect(error).toBeInstanceOf(FinoauthError);
      expect((error as FinoauthError).kind).toBe("provider");
    });
  });
}
