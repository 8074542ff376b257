// The comparison of documented operations with the spec's, both read into the same shape: operations,
// parameters, body fields, media types, statuses and response headers, each difference with its two
// pointers. A field missing on one side and a new one of the same type on the other, in the same place of
// one operation, is reported once, as a likely rename.
import { type Finding, shownUrl } from "./finding.js";
import { matchOperation } from "./match.js";
import type { DocsField, DocsOperation, DocsParameter, DocsResponse } from "./model.js";

/** A documented operation and the spec operation it lands on. */
export interface Pair {
  docs: DocsOperation[];
  spec: DocsOperation;
}

const keyOf = (operation: { method: string; path: string }) => `${operation.method} ${operation.path}`;
const squash = (name: string) => name.toLowerCase().replace(/[-_\s]/g, "");
const paramKey = (p: DocsParameter) => `${p.in} ${p.in === "header" ? p.name.toLowerCase() : p.name}`;

/** Groups documented operations by the spec operation they land on; the rest are not in the spec. */
export function pairOperations(docs: DocsOperation[], spec: DocsOperation[]): { pairs: Pair[]; findings: Finding[] } {
  const pairs = new Map<DocsOperation, DocsOperation[]>();
  const findings: Finding[] = [];
  for (const operation of docs) {
    const match = matchOperation(operation, spec);
    if (match) pairs.set(match, [...(pairs.get(match) ?? []), operation]);
    else
      findings.push({
        kind: "operation-not-in-spec",
        operation: keyOf(operation),
        name: keyOf(operation),
        message: `the docs document \`${keyOf(operation)}\` (${shownUrl(operation.url)}), the spec has no such operation`,
        spec: "#/paths",
        docs: operation.at,
        docsTitle: operation.title,
        suggestion: `add \`${operation.method.toLowerCase()}\` at #/paths/${operation.path.replace(/~/g, "~0").replace(/\//g, "~1")}`,
      });
  }
  for (const operation of spec) {
    if (!pairs.has(operation))
      findings.push({
        kind: "operation-not-documented",
        operation: keyOf(operation),
        name: operation.title ?? keyOf(operation),
        message: `the spec's \`${keyOf(operation)}\` (${operation.title}) is not in the docs`,
        spec: operation.at,
        docs: "#",
        suggestion: `remove ${operation.at}, or record why it stays in its x-finoauth-docs`,
      });
  }
  return {
    pairs: [...pairs].map(([specOperation, docsOperations]) => ({ spec: specOperation, docs: docsOperations })),
    findings,
  };
}

interface Side<T extends DocsField> {
  key: (field: T) => string;
  group: (field: T) => string;
  what: (field: T) => string;
}

/**
 * Compares two lists of named things of one operation: documented-only, spec-only, and a documented-only
 * and a spec-only one of the same type in the same group as a likely rename (the closest names first).
 */
function compareNames<T extends DocsField>(
  operation: string,
  docs: (T & { title?: string | undefined })[],
  spec: T[],
  side: Side<T>,
  kinds: { added: Finding["kind"]; removed: Finding["kind"]; renamed: Finding["kind"] },
  suggest: { add: (field: T) => string; rename: (from: T, to: T) => string },
): Finding[] {
  const specKeys = new Set(spec.map(side.key));
  const docsKeys = new Set(docs.map(side.key));
  const added = [
    ...new Map(docs.filter((field) => !specKeys.has(side.key(field))).map((f) => [side.key(f), f])).values(),
  ];
  const removed = spec.filter((field) => !docsKeys.has(side.key(field)));
  const findings: Finding[] = [];
  const sameType = (a: T, b: T) =>
    (a.type ?? "string") === (b.type ?? "string") || a.type === undefined || b.type === undefined;
  for (const field of [...added]) {
    const candidates = removed.filter((other) => side.group(other) === side.group(field) && sameType(field, other));
    if (candidates.length === 0) continue;
    const partner =
      candidates.find((other) => squash(other.name) === squash(field.name)) ??
      (candidates.length === 1 ? candidates[0]! : undefined);
    if (!partner) continue;
    added.splice(added.indexOf(field), 1);
    removed.splice(removed.indexOf(partner), 1);
    findings.push({
      kind: kinds.renamed,
      operation,
      name: `${partner.name} → ${field.name}`,
      message: `${side.what(field)}: the docs call \`${field.name}\` what the spec calls \`${partner.name}\` (a likely rename: one is gone, one is new, same type)`,
      spec: partner.at,
      docs: field.at,
      docsTitle: field.title,
      suggestion: suggest.rename(partner, field),
    });
  }
  for (const field of added)
    findings.push({
      kind: kinds.added,
      operation,
      name: field.name,
      message: `${side.what(field)} \`${field.name}\` is documented, the spec does not have it`,
      spec: "",
      docs: field.at,
      docsTitle: field.title,
      suggestion: suggest.add(field),
    });
  for (const field of removed)
    findings.push({
      kind: kinds.removed,
      operation,
      name: field.name,
      message: `${side.what(field)} \`${field.name}\` is in the spec, the docs do not document it`,
      spec: field.at,
      docs: "",
    });
  return findings;
}

/** Parameters, body fields, media types, statuses and response headers of one documented operation. */
export function comparePair(pair: Pair): Finding[] {
  const operation = keyOf(pair.spec);
  const docsAt = pair.docs[0]!.at;
  const titled = <T>(list: T[], title: string | undefined) => list.map((item) => ({ ...item, title }));
  const findings: Finding[] = [];
  const parameters = compareNames(
    operation,
    pair.docs.flatMap((docs) => titled(docs.parameters, docs.title)),
    pair.spec.parameters,
    { key: paramKey, group: (p) => p.in, what: (p) => `${p.in} parameter` },
    { added: "parameter-not-in-spec", removed: "parameter-not-documented", renamed: "parameter-renamed" },
    {
      add: (p) =>
        `add { name: ${p.name}, in: ${p.in}, schema: { type: ${p.type ?? "string"} } } to ${pair.spec.at}/parameters`,
      rename: (from, to) => `set ${from.at}/name to "${to.name}"`,
    },
  );
  const specBodyAt = pair.spec.bodies[0]?.at;
  const fields = compareNames(
    operation,
    pair.docs.flatMap((docs) => docs.bodies.flatMap((body) => titled(body.fields, docs.title))),
    pair.spec.bodies.flatMap((body) => body.fields),
    { key: (f) => f.name, group: () => "body", what: () => "request body field" },
    { added: "field-not-in-spec", removed: "field-not-documented", renamed: "field-renamed" },
    {
      add: (f) =>
        `add property \`${f.name}\` (type ${f.type ?? "string"}) to the request body schema at ${specBodyAt}/schema`,
      rename: (from, to) => `rename the property at ${from.at} to \`${to.name}\``,
    },
  );
  findings.push(
    ...parameters.map((f) => (f.spec ? f : { ...f, spec: `${pair.spec.at}/parameters` })),
    ...fields.map((f) => (f.spec ? f : { ...f, spec: `${specBodyAt ?? `${pair.spec.at}/requestBody`}` })),
  );
  const specMedia = new Set(pair.spec.bodies.map((body) => body.mediaType));
  for (const docs of pair.docs)
    for (const body of docs.bodies)
      if (!specMedia.has(body.mediaType) && (pair.spec.bodies.length > 0 || body.fields.length > 0))
        findings.push({
          kind: "media-type-not-in-spec",
          operation,
          name: body.mediaType,
          message: `the docs send the request body as \`${body.mediaType}\`, the spec takes ${[...specMedia].map((m) => `\`${m}\``).join(", ") || "no body"}`,
          spec: `${pair.spec.at}/requestBody/content`,
          docs: body.at,
          docsTitle: docs.title,
          suggestion: `add \`${body.mediaType}\` to ${pair.spec.at}/requestBody/content (or fix the docs' Content-Type)`,
        });
  findings.push(...compareResponses(pair, operation));
  return findings.map((finding) => ({ ...finding, docs: finding.docs || docsAt }));
}

function compareResponses(pair: Pair, operation: string): Finding[] {
  const findings: Finding[] = [];
  for (const docs of pair.docs)
    for (const response of docs.responses) {
      const spec = pair.spec.responses.filter((candidate) => candidate.status === response.status);
      if (spec.length === 0) {
        findings.push({
          kind: "status-not-in-spec",
          operation,
          name: response.status,
          message: `the docs show a ${response.status} response, the spec does not document that status`,
          spec: `${pair.spec.at}/responses`,
          docs: response.at,
          docsTitle: docs.title,
          suggestion: `add "${response.status}" to ${pair.spec.at}/responses`,
        });
        continue;
      }
      const media = spec.map((candidate) => candidate.mediaType).filter(Boolean);
      if (response.mediaType && !media.includes(response.mediaType))
        findings.push({
          kind: "media-type-not-in-spec",
          operation,
          name: `${response.status} ${response.mediaType}`,
          message: `the docs' ${response.status} response is \`${response.mediaType}\`, the spec's is ${media.map((m) => `\`${m}\``).join(", ") || "without a body"}`,
          spec: `${pair.spec.at}/responses/${response.status}`,
          docs: response.at,
          docsTitle: docs.title,
          suggestion: `add \`${response.mediaType}\` to ${pair.spec.at}/responses/${response.status}/content`,
        });
      const specResponse = spec.find((candidate) => candidate.mediaType === response.mediaType);
      if (response.declared && specResponse)
        findings.push(...compareResponseFields(operation, response, specResponse, docs.title));
      const specHeaders = new Set(
        spec.flatMap((candidate) => candidate.headers.map((header) => header.name.toLowerCase())),
      );
      for (const header of response.headers)
        if (!specHeaders.has(header.name.toLowerCase()))
          findings.push({
            kind: "response-header-not-in-spec",
            operation,
            name: header.name,
            message: `the docs' ${response.status} response has header \`${header.name}\`, the spec does not`,
            spec: `${pair.spec.at}/responses/${response.status}`,
            docs: header.at,
            docsTitle: docs.title,
            suggestion: `add \`${header.name}\` to ${pair.spec.at}/responses/${response.status}/headers`,
          });
    }
  return findings;
}

/** The declared properties of a documented response schema against the spec's (top level). */
function compareResponseFields(
  operation: string,
  docs: DocsResponse,
  spec: DocsResponse,
  title: string | undefined,
): Finding[] {
  const findings: Finding[] = [];
  const specNames = new Set(spec.fields.map((field) => field.name));
  const docsNames = new Set(docs.fields.map((field) => field.name));
  const properties = spec.fields[0] ? spec.fields[0].at.replace(/\/[^/]*$/, "") : `${spec.at}/schema`;
  for (const field of docs.fields)
    if (!specNames.has(field.name))
      findings.push({
        kind: "response-field-not-in-spec",
        operation,
        name: `${docs.status} ${field.name}`,
        message: `the docs' ${docs.status} response declares field \`${field.name}\`, the spec's schema does not`,
        spec: properties,
        docs: field.at,
        docsTitle: title,
        suggestion: `add property \`${field.name}\` (type ${field.type ?? "string"}) at ${properties}`,
      });
  for (const field of spec.fields)
    if (!docsNames.has(field.name))
      findings.push({
        kind: "response-field-not-documented",
        operation,
        name: `${docs.status} ${field.name}`,
        message: `the spec's ${docs.status} response has field \`${field.name}\`, the docs' schema does not declare it`,
        spec: field.at,
        docs: docs.at,
        docsTitle: title,
      });
  return findings;
}
