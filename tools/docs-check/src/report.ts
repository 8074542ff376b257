// The report in words (a table per finding) or as JSON; exit 0 for no drift, 1 for drift.
import type { DocsReport } from "./check.js";

/** The exit code of a report: 1 when some finding is drift (not accepted by the spec), else 0. */
export const exitCodeOf = (report: DocsReport): 0 | 1 => (report.drift > 0 ? 1 : 0);

/** One row per finding: verdict, kind, operation, what differs; columns as wide as their widest cell. */
function table(findings: DocsReport["findings"]): string[] {
  const rows = [
    ["verdict", "kind", "operation", "what"],
    ...findings.map((finding) => [
      finding.accepted ? "accepted" : "DRIFT",
      finding.kind,
      finding.operation,
      finding.name,
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join("  ")
      .trimEnd();
  return [line(rows[0]!), widths.map((width) => "─".repeat(width)).join("  "), ...rows.slice(1).map(line)];
}

/**
 * The report as text: what was checked, a table of the findings (drift first), then each finding with its
 * two pointers and the suggested edit, then (text check) the coverage.
 */
export function renderReport(report: DocsReport): string {
  const lines = [
    `docs-check: ${report.docs} (${report.format}) against ${report.spec}`,
    report.check === "text"
      ? "check: TEXT ONLY — the docs hold no requests, so only the URLs and names their prose documents were compared (a weaker check than a collection's requests)"
      : "check: requests — operations, parameters, body fields, media types, statuses, headers and examples",
    `${report.drift} drift, ${report.accepted} accepted`,
  ];
  const ordered = [...report.findings].sort((a, b) => Number(Boolean(a.accepted)) - Number(Boolean(b.accepted)));
  if (ordered.length > 0) lines.push("", ...table(ordered));
  for (const finding of ordered) {
    lines.push("");
    lines.push(`${finding.accepted ? "accepted" : "DRIFT"}  ${finding.kind}  ${finding.operation}  ${finding.name}`);
    lines.push(`  ${finding.message}`);
    lines.push(`  spec: ${finding.spec}`);
    lines.push(`  docs: ${finding.docs}${finding.docsTitle ? ` (${finding.docsTitle})` : ""}`);
    if (finding.suggestion && !finding.accepted) lines.push(`  edit: ${finding.suggestion}`);
    if (finding.accepted) lines.push(`  why:  ${finding.accepted}`);
  }
  for (const entry of report.unused) {
    lines.push("");
    lines.push(
      `unused acceptance  ${entry.at}  ${entry.kind}${entry.name ? `  ${entry.name}` : ""}: no finding needs it (stale, or written for other docs)`,
    );
  }
  for (const entry of report.coverage ?? []) {
    lines.push("");
    lines.push(`coverage  ${entry.operation}: ${entry.mentioned ? "mentioned" : "NOT mentioned"}`);
    if (entry.names.length) lines.push(`  names the text gives: ${entry.names.join(", ")}`);
    if (entry.notMentioned.length) lines.push(`  in the spec, not in the text: ${entry.notMentioned.join(", ")}`);
  }
  // Names and URLs come from the docs: no control character of theirs reaches the terminal.
  return lines
    .join("\n")
    .replace(
      /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
}
