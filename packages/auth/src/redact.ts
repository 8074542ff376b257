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
  let out = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join("[redacted]");
  return out.replace(COMPACT_JWS, "[redacted]");
}
