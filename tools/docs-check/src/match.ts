// Where a documented URL lands in the spec: the server (a spec server URL, a docs server, or a Postman
// `{{baseUrl}}`) is removed, variables (`:id`, `{{id}}`, `{id}`) become templates, and the path is matched
// with the spec's paths segment by segment (a spec template matches any one segment).
import type { DocsOperation } from "./model.js";

/** A documented URL split into the host it names (when absolute and no known server) and its path. */
export interface UrlPath {
  path: string;
  /** The origin of an absolute URL that is none of the known servers. */
  host?: string | undefined;
}

const stripQuery = (url: string) => url.replace(/[?#].*$/s, "");

/** Variables written `:name` (Postman) or `{{name}}` (Postman) become `{name}` (OpenAPI); no trailing slash. */
export function normalisePath(path: string): string {
  const withSlash = path.startsWith("/") ? path : `/${path}`;
  const normal = withSlash
    .split("/")
    .map((segment) => segment.replace(/^:(\w+)$/, "{$1}").replace(/\{\{\s*([^{}]+?)\s*\}\}/g, "{$1}"))
    .join("/");
  return normal.length > 1 ? normal.replace(/\/+$/, "") : normal;
}

/**
 * The path of a documented URL relative to one of `servers` (longest first). A leading `{{variable}}` the
 * docs do not define counts as a server; an absolute URL on another host keeps its host for the report.
 */
export function pathOfUrl(url: string, servers: string[]): UrlPath {
  const bare = stripQuery(url.trim());
  const known = [...new Set(servers.map((server) => server.replace(/\/+$/, "")))].sort((a, b) => b.length - a.length);
  for (const server of known) {
    if (server && bare.toLowerCase().startsWith(server.toLowerCase())) {
      const rest = bare.slice(server.length);
      if (rest === "" || rest.startsWith("/")) return { path: normalisePath(rest || "/") };
    }
  }
  const variable = /^\{\{[^{}]+\}\}(.*)$/s.exec(bare);
  if (variable) return { path: normalisePath(variable[1] || "/") };
  const absolute = /^(https?:\/\/[^/]+)(.*)$/is.exec(bare);
  if (absolute) return { path: normalisePath(absolute[2] || "/"), host: absolute[1] };
  return { path: normalisePath(bare) };
}

const segments = (path: string) => path.split("/").filter(Boolean);
const isTemplate = (segment: string) => /^\{[^{}]+\}$/.test(segment);

/** How well a documented path fits a spec path: 2 per equal segment, 1 per template; undefined if it does not. */
function fitOf(docsPath: string, specPath: string): number | undefined {
  const a = segments(docsPath);
  const b = segments(specPath);
  if (a.length !== b.length) return undefined;
  let score = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i] || (isTemplate(a[i]!) && isTemplate(b[i]!))) score += 2;
    else if (isTemplate(b[i]!)) score += 1;
    else return undefined;
  }
  return score;
}

/** The spec operation a documented one lands on (same method, best-fitting path), if any. */
export function matchOperation(
  docs: { method: string; path: string },
  spec: DocsOperation[],
): DocsOperation | undefined {
  let best: { operation: DocsOperation; score: number } | undefined;
  for (const operation of spec) {
    if (operation.method !== docs.method) continue;
    const score = fitOf(docs.path, operation.path);
    if (score !== undefined && (!best || score > best.score)) best = { operation, score };
  }
  return best?.operation;
}

/** The spec operations at a path, whatever the method (for prose that names a URL but no method). */
export function operationsAtPath(path: string, spec: DocsOperation[]): DocsOperation[] {
  return spec.filter((operation) => fitOf(path, operation.path) !== undefined);
}
