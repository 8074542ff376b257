// Keeping secrets out of everything we print: masks for display, scrubbing for provider text.

/** Node's `util.inspect` hook, by its registered symbol, so no Node import is needed. */
export const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** A display form of a secret that shows its first 4 characters and its length, never the rest. */
export function mask(secret: string | undefined): string | undefined {
  if (secret === undefined) return undefined;
  return secret.length <= 8 ? `…(${secret.length})` : `${secret.slice(0, 4)}…(${secret.length})`;
}

/**
 * Replaces every occurrence of the given secrets in `text` with `[redacted]`, also in their
 * URL-encoded form. Providers echo what they were sent (Finexer's invalid_grant quotes the code).
 */
export function scrub(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join("[redacted]");
  }
  return out;
}
