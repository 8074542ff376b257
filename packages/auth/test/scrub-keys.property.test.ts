// The scrubber against random key material: a PEM private-key block (any label, raw, JSON-escaped,
// form-encoded, cut short) and the private members of a JWK leave no trace in scrubbed text, whether or
// not the key was registered as a secret; a registered PEM key's lines are scrubbed even without its
// BEGIN line around them.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FinoauthError } from "../src/errors.js";
import { keySecrets, PRIVATE_JWK_MEMBERS, scrub } from "../src/redact.js";

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** A base64 line of 16 to 64 characters: shorter ones are not what a key body is made of. */
const line = (alphabet: string, min = 16) =>
  fc.array(fc.constantFrom(...alphabet), { minLength: min, maxLength: 64 }).map((chars) => chars.join(""));

/** A PEM private key: a label a key may have, 1–8 body lines, the last one padded or not. */
const pemKey = fc
  .record({
    label: fc.constantFrom("", "RSA ", "EC ", "ENCRYPTED ", "DSA ", "OPENSSH "),
    body: fc.array(line(BASE64), { minLength: 1, maxLength: 8 }),
    padding: fc.constantFrom("", "=", "=="),
  })
  .map(({ label, body: lines, padding }) => {
    const body = lines.map((one, index) => (index === lines.length - 1 ? one + padding : one));
    return {
      pem: `-----BEGIN ${label}PRIVATE KEY-----\n${body.join("\n")}\n-----END ${label}PRIVATE KEY-----\n`,
      body,
    };
  });

/** Text around the key with no dash runs of its own (a random `-----END …` would be a different test). */
const around = fc.string({ maxLength: 30 }).map((text) => text.replace(/-/g, "_"));

/** The ways a key block reaches provider text: as it is, JSON-escaped, form-encoded, cut short. */
const forms = (pem: string) => [
  pem,
  JSON.stringify(pem),
  JSON.stringify(JSON.stringify({ key: pem })),
  new URLSearchParams({ key: pem }).toString(),
  pem.slice(0, Math.max(40, Math.floor(pem.length / 2))),
];

/** True when `part` appears in the scrubbed text outside every redaction marker. */
const survives = (scrubbed: string, part: string) =>
  scrubbed.split(/\[redacted(?: private key)?\]/).some((piece) => piece.includes(part));

describe("scrub: PEM private keys (property-based)", () => {
  it("removes every body line of a private-key block in every form, secret or not", () => {
    fc.assert(
      fc.property(pemKey, around, around, ({ pem, body }, before, after) => {
        for (const form of forms(pem)) {
          const scrubbed = scrub(`${before}${form}${after}`, []);
          // The cut-short form holds only some lines, and maybe a part of one: none of them survives.
          for (const part of body.map((one) => one.slice(0, 12)))
            if (form.includes(part)) expect(survives(scrubbed, part), `${part} in ${scrubbed}`).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a registered key: each of its lines alone, and its body unwrapped, are scrubbed too", () => {
    fc.assert(
      fc.property(pemKey, around, ({ pem, body }, before) => {
        const secrets = keySecrets(pem);
        const text = `${before} ${body.join(" | ")} ${body.join("")}`;
        const scrubbed = scrub(text, secrets);
        for (const one of body) expect(survives(scrubbed, one)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

/** A private JWK: every private member with a random base64url value, public members beside. */
const privateJwk = fc
  .record({
    kty: fc.constantFrom("RSA", "EC", "OKP", "oct"),
    kid: line(BASE64URL, 1),
    values: fc.array(line(BASE64URL), {
      minLength: PRIVATE_JWK_MEMBERS.length,
      maxLength: PRIVATE_JWK_MEMBERS.length,
    }),
    order: fc.shuffledSubarray([...PRIVATE_JWK_MEMBERS], { minLength: 1 }),
  })
  .map(({ kty, kid, values, order }) => {
    const jwk: Record<string, string> = { kty, kid, n: "public-modulus", e: "AQAB" };
    order.forEach((member, index) => {
      jwk[member] = values[index]!;
    });
    return { jwk, secrets: order.map((_, index) => values[index]!) };
  });

describe("scrub: private JWKs (property-based)", () => {
  it("removes the private members of a JWK written as JSON, once or twice escaped, secret or not", () => {
    fc.assert(
      fc.property(privateJwk, around, ({ jwk, secrets }, before) => {
        const texts = [JSON.stringify(jwk), JSON.stringify(JSON.stringify(jwk)), JSON.stringify(jwk, null, 2)];
        for (const text of texts) {
          const scrubbed = scrub(`${before}${text}`, []);
          for (const value of secrets) expect(survives(scrubbed, value), `${value} in ${scrubbed}`).toBe(false);
          expect(scrubbed).toContain("public-modulus");
        }
      }),
      { numRuns: 300 },
    );
  });

  it("a registered JWK's private values are secrets wherever they appear, in a FinoauthError too", () => {
    fc.assert(
      fc.property(privateJwk, around, ({ jwk, secrets }, before) => {
        const registered = keySecrets({
          ...jwk,
          oth: [{ r: "prime-r-value", d: "prime-d-value", t: "prime-t-value" }],
        });
        expect(registered).toEqual(
          expect.arrayContaining([...secrets, "prime-r-value", "prime-d-value", "prime-t-value"]),
        );
        const error = new FinoauthError({
          kind: "provider",
          description: `${before} echoed ${secrets.join(",")}`,
          secrets: registered,
        });
        for (const value of secrets) expect(survives(error.message, value)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
