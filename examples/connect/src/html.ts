// HTML that is escaped by construction: every value interpolated into `html\`…\`` is escaped unless it is
// itself the result of `html\`…\``. There is no other way to put text into a page here.

/** A fragment of HTML that is already safe to send (built by {@link html}). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === undefined || value === null || value === false) return "";
  return escapeHtml(String(value));
}

/** Tagged template: `html\`<p>${text}</p>\`` escapes `text`; nested `html` fragments and arrays of them pass through. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return new SafeHtml(out);
}

const STYLE = `
  :root { color-scheme: light; --ink: #1d2330; --muted: #5b6475; --line: #d9dee7; --accent: #1f5eff; --bad: #b42318; --good: #067647; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: #f5f7fb; }
  main { max-width: 40rem; margin: 3rem auto; padding: 2rem 2.25rem; background: #fff; border: 1px solid var(--line); border-radius: 12px; }
  h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 .75rem; }
  p { margin: .5rem 0; }
  .muted { color: var(--muted); }
  .error h1 { color: var(--bad); }
  .success h1 { color: var(--good); }
  .buttons { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1.5rem 0 .5rem; }
  form { margin: 0; }
  button, a.button { display: inline-block; font: inherit; font-weight: 600; padding: .6rem 1.1rem; border-radius: 8px; border: 1px solid var(--accent);
    background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; }
  button.secondary { background: #fff; color: var(--ink); border-color: var(--line); }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .4rem 1.25rem; margin: 1.25rem 0; }
  dt { color: var(--muted); }
  dd { margin: 0; overflow-wrap: anywhere; }
  code { font: .9em ui-monospace, "DejaVu Sans Mono", monospace; background: #f0f2f6; padding: .05rem .3rem; border-radius: 4px; }
  ul { padding-left: 1.25rem; }
  footer { margin-top: 1.5rem; font-size: .9rem; }
`;

/** A whole page: the given title (escaped), a `<main>` with `body`, and an optional class on `<main>`. */
export function page(title: string, body: SafeHtml, mainClass?: string): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<main class="${mainClass ?? ""}">
${body}
</main>
</body>
</html>
`.value;
}

/**
 * Response headers for every page: no caching (pages may show connection details), no Referer (a callback
 * URL carries a code), no scripts at all, no framing.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
};
