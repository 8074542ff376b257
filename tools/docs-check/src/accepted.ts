// Known, deliberate differences, recorded in the spec itself: an `x-finoauth-docs` list on an operation
// (or at the document's root for what belongs to no operation, such as a URL the docs name):
//
//   x-finoauth-docs:
//     - kind: parameter-not-documented   # a finding kind
//       name: code_challenge             # optional: which parameter, field, URL…
//       spec: "#/components/schemas/X"   # optional: only findings at or under this spec pointer
//       reason: PKCE; Passport supports it, the docs do not mention it
//
// A finding an entry matches is reported as accepted, with the reason, and does not count as drift.
import { allOperations, type SpecNode } from "@finoauth/spec";
import { DocsCheckError } from "./errors.js";
import { FINDING_KINDS, type Finding, type FindingKind } from "./finding.js";

/** One accepted difference, from the spec. */
export interface Acceptance {
  /** The operation it is recorded on (`POST /oauth/token`), or undefined at the root. */
  operation?: string | undefined;
  kind: FindingKind;
  name?: string | undefined;
  /** Only findings whose spec pointer is this one or under it. */
  spec?: string | undefined;
  reason: string;
  at: string;
}

const token = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

function entriesOf(list: unknown, at: string, operation: string | undefined): Acceptance[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new DocsCheckError(`the spec's ${at} must be a list of { kind, name?, reason }`);
  return list.map((entry, index) => {
    const where = `${at}/${index}`;
    if (!FINDING_KINDS.includes(entry?.kind))
      throw new DocsCheckError(`the spec's ${where}/kind must be one of ${FINDING_KINDS.join(", ")}`);
    if (typeof entry.reason !== "string" || !entry.reason.trim())
      throw new DocsCheckError(`the spec's ${where}/reason must say why the difference is accepted`);
    for (const key of ["name", "spec"])
      if (entry[key] !== undefined && typeof entry[key] !== "string")
        throw new DocsCheckError(`the spec's ${where}/${key} must be a string`);
    return {
      operation,
      kind: entry.kind,
      name: entry.name,
      spec: entry.spec,
      reason: entry.reason.trim().replace(/\s+/g, " "),
      at: where,
    };
  });
}

/** Every `x-finoauth-docs` entry of a spec; throws a {@link DocsCheckError} on a malformed one. */
export function acceptancesOf(document: SpecNode): Acceptance[] {
  const all = entriesOf(document["x-finoauth-docs"], "#/x-finoauth-docs", undefined);
  for (const { method, path, operation } of allOperations(document))
    all.push(
      ...entriesOf(
        operation["x-finoauth-docs"],
        `#/paths/${token(path)}/${method.toLowerCase()}/x-finoauth-docs`,
        `${method} ${path}`,
      ),
    );
  return all;
}

/**
 * The findings with `accepted` set where an entry matches: same kind, same operation (or an entry at the
 * root), and the same name and a spec pointer under the entry's, where the entry gives them. Also
 * returns the entries that matched nothing.
 */
export function applyAcceptances(
  findings: Finding[],
  acceptances: Acceptance[],
): { findings: Finding[]; unused: Acceptance[] } {
  const used = new Set<Acceptance>();
  const marked = findings.map((finding) => {
    const entry = acceptances.find(
      (candidate) =>
        candidate.kind === finding.kind &&
        (candidate.operation === undefined || candidate.operation === finding.operation) &&
        (candidate.name === undefined || candidate.name === finding.name) &&
        (candidate.spec === undefined ||
          finding.spec === candidate.spec ||
          finding.spec.startsWith(`${candidate.spec}/`)),
    );
    if (entry) used.add(entry);
    return entry ? { ...finding, accepted: entry.reason } : finding;
  });
  // An entry no finding needs: the docs changed, or it is written for other docs. Listed, not drift.
  return { findings: marked, unused: acceptances.filter((entry) => !used.has(entry)) };
}
