// One reading of Prism's `sl-violations` header: the request (or, proxying, the response) broke the spec.

/** One finding of Prism's validator, as it sends it in `sl-violations`. */
export interface Violation {
  /** Where: `["request", "body", "client_secret"]`, `["response", "headers", "x-request-id"]`, … */
  location: string[];
  /** Prism's severity: `Error`, `Warning`, `Information` or `Hint`. Every severity counts as a violation. */
  severity: string;
  /** Prism's (or the JSON Schema validator's) code, e.g. `required`; absent on a header Prism truncated. */
  code?: string | number;
  message: string;
}

/** Anything that carries response headers: a `Response`, openapi-fetch's `{ response }`, or `Headers` itself. */
export type WithHeaders = Headers | { headers: Headers } | { response: { headers: Headers } };

const headersOf = (from: WithHeaders): Headers =>
  from instanceof Headers ? from : "response" in from ? from.response.headers : from.headers;

/**
 * The violations Prism reports on a response (its `sl-violations` header), all severities: an empty list
 * when the request (and, with `prism proxy`, the response) matched the spec. A header that is not JSON
 * (Prism truncates a long one to `Too many violations! …`) is one `Error` violation with its text.
 */
export function violationsOf(from: WithHeaders): Violation[] {
  const header = headersOf(from).get("sl-violations");
  if (header === null || header.trim() === "") return [];
  try {
    const parsed: unknown = JSON.parse(header);
    const list = Array.isArray(parsed) ? parsed : [parsed];
    return list.map((item: any) => ({
      location: Array.isArray(item?.location) ? item.location.map(String) : [],
      severity: typeof item?.severity === "string" ? item.severity : "Error",
      ...(item?.code !== undefined ? { code: item.code } : {}),
      message: typeof item?.message === "string" ? item.message : JSON.stringify(item),
    }));
  } catch {
    return [{ location: [], severity: "Error", message: header }];
  }
}

/**
 * One line per violation, for a test's failure message or a log: `request.body.client_secret: must have
 * required property 'client_secret' (Error, required)`. With `context` (e.g. `POST /oauth/token`), each line
 * starts with it. An empty list gives an empty string.
 */
export function describeViolations(violations: readonly Violation[], context?: string): string {
  return violations
    .map((v) => {
      const where = v.location.join(".");
      const details = [v.severity, v.code].filter((part) => part !== undefined && part !== "").join(", ");
      return `${context ? `${context}: ` : ""}${where ? `${where}: ` : ""}${v.message} (${details})`;
    })
    .join("\n");
}
