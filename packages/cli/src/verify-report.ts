// What `finoauth verify` reports: each HTTP exchange a flow made through `prism proxy`, the violations Prism
// found in it (its `sl-violations` header, or the problem JSON it answers with instead of the upstream's
// answer under `--errors`), each with a JSON pointer, and per flow a verdict; as a table or as JSON, scrubbed
// of every secret the run held.
import { scrub } from "@finoauth/auth";
import { table } from "./output.js";
import { safeLines } from "./terminal.js";

/** One place where an exchange breaks the spec, as Prism reported it. */
export interface Violation {
  /**
   * A JSON pointer into the exchange: `/response/body/access_token`, `/response/status`,
   * `/response/headers/content-type`, `/request/body/grant_type`, … A missing required property or a
   * property the schema forbids is pointed at by its name.
   */
  pointer: string;
  /** Prism's severity: `error`, or `warning` (an undocumented non-2xx status, a deprecated parameter…). */
  severity: "error" | "warning" | "info";
  message: string;
  /** Whether it makes the exchange break the spec: every error, and every warning about the upstream's answer. */
  breaks: boolean;
}

/** One request a flow sent through the proxy, and what came back. */
export interface Exchange {
  method: string;
  /** The request's path (no query: it may carry a secret). */
  path: string;
  /** The HTTP status the client received. */
  status: number;
  /**
   * Who made the answer: `upstream` (passed through, maybe with violations), or `prism` (Prism answered in
   * its place: a request that breaks the spec is not forwarded, and an answer that breaks it is replaced
   * by a 500 problem under `--errors`; the upstream's own status is then not known).
   */
  answeredBy: "upstream" | "prism";
  violations: Violation[];
}

/** How a flow went: `conforms` (it completed and every answer matched the spec), `violates` (some answer or request broke the spec), `failed` (no violation, but the flow did not complete: unreachable, refused), `skipped` (not run). */
export type Verdict = "conforms" | "violates" | "failed" | "skipped";

/** One flow of the provider, its exchanges and verdict. */
export interface FlowReport {
  flow: string;
  verdict: Verdict;
  /** Why it was skipped or failed, or what it got (`token`, `revoked`…). */
  note?: string;
  exchanges: Exchange[];
}

/** The whole run. */
export interface VerifyReport {
  provider: string;
  /** The spec the answers were checked against (`specs/<provider>.yaml`). */
  spec: string;
  upstream: string;
  flows: FlowReport[];
}

/** Prism's own problem types: `https://stoplight.io/prism/errors#<TYPE>`. */
const PRISM_PROBLEM = "https://stoplight.io/prism/errors#";

/** A diagnostic as Prism writes it in `sl-violations` and in its problem JSON's `validation`. */
interface PrismDiagnostic {
  location?: unknown;
  severity?: unknown;
  code?: unknown;
  message?: unknown;
}

/** RFC 6901: `~` → `~0`, `/` → `~1`. */
const escapeSegment = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");

/** A JSON pointer from path segments. */
export const pointer = (segments: readonly string[]): string =>
  segments.map((segment) => `/${escapeSegment(segment)}`).join("");

/**
 * One Prism diagnostic as a {@link Violation}. `side` is where a location without a side prefix belongs (the
 * problem JSON of a refused request writes `["body"]` for the request's body). The pointer names the member
 * a `required` or `additionalProperties` message is about, the status for an unmatched status code, and the
 * `content-type` header for a media type mismatch.
 */
export function toViolation(diagnostic: PrismDiagnostic, side: "request" | "response"): Violation {
  const message = typeof diagnostic.message === "string" ? diagnostic.message : JSON.stringify(diagnostic);
  const raw = Array.isArray(diagnostic.location) ? diagnostic.location.map(String) : [];
  const segments = raw[0] === "request" || raw[0] === "response" ? [...raw] : [side, ...raw];
  if (segments[1] === "header") segments[1] = "headers";
  if (segments.length === 1 && /returned status code/.test(message)) segments.push("status");
  if (segments.length === 1 && /media type/.test(message)) segments.push("headers", "content-type");
  const member = /required property '([^']+)'|additional properties; found '([^']+)'/.exec(message);
  if (member) segments.push(member[1] ?? member[2]!);
  const severity =
    diagnostic.severity === "Error" || diagnostic.severity === 0
      ? "error"
      : diagnostic.severity === "Warning" || diagnostic.severity === 1
        ? "warning"
        : "info";
  return {
    pointer: pointer(segments),
    severity,
    message,
    breaks: severity === "error" || (severity === "warning" && segments[0] === "response"),
  };
}

/** The diagnostics of an `sl-violations` header (a JSON array); a header that is not JSON is one violation of its own. */
export function parseViolationsHeader(header: string | null): Violation[] {
  if (header === null || header.trim() === "") return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(header);
  } catch {
    return [
      {
        pointer: "",
        severity: "error",
        message: `unreadable sl-violations header: ${header.slice(0, 200)}`,
        breaks: true,
      },
    ];
  }
  const list = Array.isArray(parsed) ? (parsed as PrismDiagnostic[]) : [parsed as PrismDiagnostic];
  return list.map((diagnostic) =>
    toViolation(
      diagnostic,
      Array.isArray(diagnostic.location) && diagnostic.location[0] === "request" ? "request" : "response",
    ),
  );
}

/** A problem JSON that Prism made itself (not the upstream's), or undefined. */
export function prismProblem(
  contentType: string | null,
  body: string,
):
  | {
      type: string;
      title?: string | undefined;
      detail?: string | undefined;
      validation?: PrismDiagnostic[] | undefined;
    }
  | undefined {
  if (!contentType?.toLowerCase().startsWith("application/problem+json")) return undefined;
  try {
    const problem = JSON.parse(body) as { type?: unknown; title?: unknown; detail?: unknown; validation?: unknown };
    if (typeof problem.type !== "string" || !problem.type.startsWith(PRISM_PROBLEM)) return undefined;
    return {
      type: problem.type.slice(PRISM_PROBLEM.length),
      title: typeof problem.title === "string" ? problem.title : undefined,
      detail: typeof problem.detail === "string" ? problem.detail : undefined,
      validation: Array.isArray(problem.validation) ? (problem.validation as PrismDiagnostic[]) : undefined,
    };
  } catch {
    return undefined;
  }
}

/**
 * The exchange of `request` and `response` (through `prism proxy … --errors`): the violations of the
 * `sl-violations` header; and when Prism answered itself, those of its problem JSON (a request that breaks
 * the spec: 422, 415 or 401, never forwarded; an answer that breaks it: 500 `VIOLATIONS`). A Prism problem
 * that is not about the spec (the upstream unreachable) is described in `failure`.
 */
export async function inspectExchange(request: Request, response: Response): Promise<Exchange & { failure?: string }> {
  const exchange: Exchange & { failure?: string } = {
    method: request.method,
    path: new URL(request.url).pathname,
    status: response.status,
    answeredBy: "upstream",
    violations: parseViolationsHeader(response.headers.get("sl-violations")),
  };
  const contentType = response.headers.get("content-type");
  if (!contentType?.toLowerCase().startsWith("application/problem+json")) return exchange;
  const problem = prismProblem(contentType, await response.clone().text());
  if (!problem) return exchange;
  exchange.answeredBy = "prism";
  const side = problem.type === "VIOLATIONS" ? "response" : "request";
  if (exchange.violations.length === 0 && problem.validation)
    exchange.violations = problem.validation.map((diagnostic) => toViolation(diagnostic, side));
  if (exchange.violations.length > 0) return exchange;
  const text = [problem.title, problem.detail].filter(Boolean).join(": ");
  switch (problem.type) {
    case "NO_PATH_MATCHED_ERROR":
    case "NO_METHOD_MATCHED_ERROR":
    case "UNAUTHORIZED":
      exchange.violations.push({ pointer: "/request", severity: "error", message: text, breaks: true });
      break;
    case "UPSTREAM_NOT_IMPLEMENTED":
      exchange.violations.push({
        pointer: "/response/status",
        severity: "error",
        message: `the upstream answered 501: ${text}`,
        breaks: true,
      });
      break;
    default:
      exchange.failure = `Prism could not get an answer from the upstream (${problem.type}${text ? `: ${text}` : ""})`;
  }
  return exchange;
}

/** Whether an exchange breaks the spec. */
export const breaks = (exchange: Exchange): boolean => exchange.violations.some((violation) => violation.breaks);

/** The verdict of a flow from its exchanges and whether it completed. */
export function verdictOf(exchanges: readonly Exchange[], completed: boolean): Verdict {
  if (exchanges.some(breaks)) return "violates";
  return completed ? "conforms" : "failed";
}

/** Whether the run passes: no flow violates or failed, and at least one ran. */
export function passed(report: VerifyReport): boolean {
  const ran = report.flows.filter((flow) => flow.verdict !== "skipped");
  return ran.length > 0 && ran.every((flow) => flow.verdict === "conforms");
}

const statusCell = (exchange: Exchange) => `${exchange.status}${exchange.answeredBy === "prism" ? " (Prism)" : ""}`;

/** The report as a table: one row per exchange (a flow without one: one row), one more per further violation; then the notes and a summary line. */
export function renderReport(report: VerifyReport, given: Iterable<string | undefined>): string {
  const secrets = [...given];
  const rows: string[][] = [];
  for (const flow of report.flows) {
    if (flow.exchanges.length === 0) rows.push([flow.flow, "", "", flow.verdict, flow.note ?? ""]);
    flow.exchanges.forEach((exchange, index) => {
      const [first, ...more] = exchange.violations;
      const describe = (violation: Violation) =>
        `${violation.pointer || "/"}: ${violation.message}${violation.breaks ? "" : ` (${violation.severity}, not counted)`}`;
      const last = index === flow.exchanges.length - 1;
      const verdict = breaks(exchange) ? "violates" : last ? flow.verdict : "conforms";
      rows.push([
        index === 0 ? flow.flow : "",
        `${exchange.method} ${exchange.path}`,
        statusCell(exchange),
        verdict,
        first ? describe(first) : last ? (flow.note ?? "") : "",
      ]);
      for (const violation of more) rows.push(["", "", "", "", describe(violation)]);
    });
  }
  const ran = report.flows.filter((flow) => flow.verdict !== "skipped");
  const violating = ran.filter((flow) => flow.verdict === "violates").length;
  const failed = ran.filter((flow) => flow.verdict === "failed").length;
  const summary =
    ran.length === 0
      ? "No flow ran."
      : violating + failed === 0
        ? `All ${ran.length} flows conform to ${report.spec}.`
        : [
            `${violating} of ${ran.length} flows break ${report.spec}`,
            failed > 0
              ? `; ${failed} failed (no violation found, but they did not complete: they verified nothing)`
              : "",
            ".",
          ].join("");
  const text = [
    `finoauth verify ${report.provider}: its flows through prism proxy (${report.spec}) in front of ${report.upstream}`,
    "",
    // Scrubbed before the table escapes its cells (a secret with a control character would no longer match).
    table(
      ["flow", "request", "status", "verdict", "violations (JSON pointer into the exchange: message), or note"],
      rows.map((row) => row.map((cell) => scrub(cell, secrets))),
    ),
    "",
    summary,
  ].join("\n");
  return scrub(text, secrets);
}

/** The report as JSON for scripts, with `ok` (what the exit code says), scrubbed like the table, controls escaped (the JSON stays valid). */
export function reportJson(report: VerifyReport, secrets: Iterable<string | undefined>): string {
  return safeLines(scrub(JSON.stringify({ ok: passed(report), ...report }, null, 2), secrets));
}
