// The scrubber against random secrets: whatever characters a secret has, none of the forms it travels in
// (raw, percent-encoded both ways, form-encoded, JSON-escaped, inside a Basic credential) survives.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scrub } from "../src/redact.js";
import { basicAuthorization } from "../src/request-parts.js";

/** Secrets of 4 characters or more (shorter ones are left alone by design), from every part of Unicode and with the characters encodings treat specially. */
const secret = fc.oneof(
  fc.string({ minLength: 4, maxLength: 40 }),
  fc.string({ minLength: 4, maxLength: 40, unit: "grapheme" }),
  fc.string({ minLength: 4, maxLength: 40, unit: "binary" }),
  fc.stringMatching(/^[ !'()*~+/=&%:;,?#@\-._A-Za-z0-9]{4,30}$/),
);

/** The string with each lone surrogate replaced by U+FFFD, as a UTF-8 encoder sends it. */
const wellFormed = (text: string) =>
  text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");

/** The forms, computed here independently of the scrubber. */
function encodings(value: string): string[] {
  const uri = encodeURIComponent(wellFormed(value));
  const strict = uri.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const form = new URLSearchParams({ v: value }).toString().slice(2);
  const json = JSON.stringify(value).slice(1, -1);
  const lower = (text: string) => text.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
  return [value, uri, strict, form, json, lower(uri), lower(strict), lower(form)];
}

/** True when `form` appears in the scrubbed text outside a `[redacted]` marker. */
const survives = (scrubbed: string, form: string) => scrubbed.split("[redacted]").some((part) => part.includes(form));

describe("scrub (property-based)", () => {
  it("removes every encoding of every secret from any text around it", () => {
    fc.assert(
      fc.property(secret, fc.string(), fc.string(), (value, before, after) => {
        const text = encodings(value)
          .map((form) => `${before}${form}${after}`)
          .join(" | ");
        const scrubbed = scrub(text, [value]);
        for (const form of encodings(value))
          expect(survives(scrubbed, form), `${JSON.stringify(form)} in ${JSON.stringify(scrubbed)}`).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("removes a form-encoded body echo of a secret, and the secret inside a Basic credential when that is scrubbed", () => {
    fc.assert(
      fc.property(secret, fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/), (value, clientId) => {
        const body = new URLSearchParams({
          grant_type: "client_credentials",
          client_id: clientId,
          client_secret: value,
        }).toString();
        const basic = basicAuthorization(clientId, value).slice("Basic ".length);
        const scrubbed = scrub(`echo: ${body}; authorization: Basic ${basic}`, [value, basic]);
        for (const form of [...encodings(value), basic]) expect(survives(scrubbed, form)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("leaves text without secrets as it is", () => {
    fc.assert(fc.property(fc.string(), (text) => void expect(scrub(text, [])).toBe(text)));
  });
});
