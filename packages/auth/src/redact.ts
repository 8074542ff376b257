// Keeping secrets out of everything we print: masks for display, scrubbing for provider text.

/** Node's `util.inspect` hook, by its registered symbol, so no Node import is needed. */
export const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** A display form of a secret that shows its first 4 characters and its length, never the rest. */
export function mask(secret: string | undefined): string | undefined {
  if (secret === undefined) return undefined;
  return secret.length <= 8 ? `…(${secret.length})` : `${secret.slice(0, 4)}…(${secret.length})`;
}

/** The string with each lone surrogate replaced by U+FFFD, as a UTF-8 encoder sends it. */
const wellFormed = (text: string) =>
  text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");

const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (sequence) => sequence.toLowerCase());

/**
 * Every form in which `secret` travels or is echoed: raw; percent-encoded (`encodeURIComponent`, and the
 * stricter RFC 3986 form that also escapes `!'()*`), with upper- or lower-case hex; form-encoded
 * (`application/x-www-form-urlencoded`: `+` for space, `%21` for `!`…); and JSON-escaped.
 */
function secretForms(secret: string): Set<string> {
  // A lone surrogate cannot be percent-encoded (encodeURIComponent throws); it travels as U+FFFD then.
  const uri = encodeURIComponent(wellFormed(secret));
  const strict = uri.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  const json = JSON.stringify(secret).slice(1, -1);
  const forms = [secret, uri, strict, form, json, form.replace(/\+/g, "%20")];
  return new Set([...forms, ...forms.map(lowerHex)]);
}

/**
 * A compact JWS (a DPoP proof, a client assertion, an ID token): a JSON header (`{"` is `eyJ`) and two more
 * base64url parts. Made per request inside the transport, a proof is never in a request's list of
 * secrets; a server that echoes one gets it scrubbed by its shape. base64url survives every encoding as is.
 */
const COMPACT_JWS = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;

/**
 * Replaces every occurrence of the given secrets in `text` with `[redacted]`, in every form
 * {@link secretForms} knows, and every compact JWS. Providers echo what they were sent (a form body, a code in an error).
 * Secrets shorter than 4 characters are left alone: scrubbing them would mangle ordinary words.
 */
export function scrub(text: string, secrets: Iterable<string | undefined>): string {
  const forms = new Set<string>();
  for (const secret of secrets)
    if (secret && secret.length >= 4) for (const form of secretForms(secret)) forms.add(form);
  // Longest first, so that a form containing a shorter one is replaced whole.
  let out = scrubKeyMaterial(text);
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join("[redacted]");
  return out.replace(COMPACT_JWS, "[redacted]");
}

/** The members of a JWK that hold private key material (RFC 7518 §6.2.2, §6.3.2, §6.4.1; RFC 8037 §2). */
export const PRIVATE_JWK_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "k"] as const;

/** A space as it travels: raw, percent-encoded, form-encoded. */
const SPACE = "(?: |%20|\\+)";
const LABEL = `(?:[A-Z0-9]+${SPACE})*PRIVATE${SPACE}KEY-----`;
/** A PEM private-key block, in any label (`RSA`, `EC`, `ENCRYPTED`), up to its END line or, cut short, the end of the text. */
const PEM_PRIVATE_KEY = new RegExp(`-----BEGIN${SPACE}${LABEL}[\\s\\S]*?(?:-----END${SPACE}${LABEL}|$)`, "g");
/** A JSON object that names a key type: a JWK (no nested object, as a JWK has none but `oth`). */
const JWK_OBJECT = /\{[^{}]*kty[^{}]*\}/g;
/** A quote, raw or escaped once or more (a JWK inside a JSON string). */
const QUOTE = '\\\\*"';
/** A private member and its value (base64url, tolerant of padding and the standard alphabet). */
const PRIVATE_MEMBER = new RegExp(
  `(${QUOTE}(?:${PRIVATE_JWK_MEMBERS.join("|")})${QUOTE}\\s*:\\s*${QUOTE})[A-Za-z0-9_\\-+/=]+`,
  "g",
);

/**
 * Removes key material that no known secret names, by its shape: every PEM private-key block (raw,
 * JSON-escaped or form-encoded), and the private members of every JWK written as JSON.
 */
export function scrubKeyMaterial(text: string): string {
  if (!text.includes("PRIVATE") && !text.includes("kty")) return text;
  return text
    .replace(PEM_PRIVATE_KEY, "[redacted private key]")
    .replace(JWK_OBJECT, (jwk) => jwk.replace(PRIVATE_MEMBER, "$1[redacted]"));
}

/**
 * The secrets a private key holds, to scrub wherever they appear: a PEM key whole, its base64 body
 * unwrapped and each of its lines (a server may echo a part); a private JWK's private members (and
 * those of its `oth` primes). Anything else (a `CryptoKey`, undefined) holds no string to scrub.
 */
export function keySecrets(key: unknown): string[] {
  if (typeof key === "string") {
    const lines = key
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("-----") && !line.includes(":"));
    return [key, lines.join(""), ...lines];
  }
  if (key === null || typeof key !== "object") return [];
  const jwk = key as Record<string, unknown>;
  const primes = Array.isArray(jwk.oth) ? (jwk.oth as (Record<string, unknown> | null)[]) : [];
  const values = [
    ...PRIVATE_JWK_MEMBERS.map((member) => jwk[member]),
    ...primes.flatMap((prime) => [prime?.r, prime?.d, prime?.t]),
  ];
  return values.filter((value): value is string => typeof value === "string");
}
