// docs-check itself: the docs and the spec read into one shape, compared, examples judged, the spec's
// accepted differences applied. Pure: no file is read or written here.
import type { SpecNode } from "@finoauth/spec";
import {
  type CommonOperation,
  type ConstraintFinding,
  constraintChanges,
} from "@finoauth/spec-diff/src/constraints.mjs";
import { acceptancesOf, applyAcceptances } from "./accepted.js";
import { comparePair, type Pair, pairOperations } from "./compare.js";
import { judgeExamples, SpecValidator } from "./examples.js";
import type { Finding } from "./finding.js";
import type { DocsFormat, DocsOperation } from "./model.js";
import { readOpenApi, serversOf } from "./openapi.js";
import { assertBoundedTree } from "./read-docs.js";
import { readModel } from "./read-model.js";
import { type Coverage, compareText } from "./text-check.js";

type Node = SpecNode;

/** What docs-check found: the formats, the kind of check, every finding (accepted ones marked). */
export interface DocsReport {
  spec: string;
  docs: string;
  format: DocsFormat;
  /** `requests`: the docs' requests or operations were compared; `text`: prose only, the weaker check. */
  check: "requests" | "text";
  /** Findings that are drift (not accepted by the spec). */
  drift: number;
  accepted: number;
  findings: Finding[];
  /** The spec's x-finoauth-docs entries that no finding needed (stale, or written for other docs): not drift. */
  unused: { at: string; kind: string; name?: string | undefined; reason: string }[];
  /** For the text check: which spec operations and names the prose mentions. */
  coverage?: Coverage[] | undefined;
}

const STRUCTURAL = new Set<Finding["kind"]>([
  "field-not-in-spec",
  "field-not-documented",
  "field-renamed",
  "media-type-not-in-spec",
  "response-field-not-in-spec",
]);

/** The keyword differences (required-ness, types, bounds…) of documents that carry schemas: spec-diff's comparison. */
function constraintFindings(docsDocument: Node, spec: Node, pairs: Pair[], swagger: boolean): Finding[] {
  const common: CommonOperation[] = pairs.flatMap((pair) =>
    pair.docs.map((docs: DocsOperation) => {
      const method = docs.method.toLowerCase();
      const item = docsDocument.paths?.[docs.url] ?? {};
      const specMethod = pair.spec.method.toLowerCase();
      return {
        key: `${pair.spec.method} ${pair.spec.path}`,
        old: { path: docs.url, method, operation: item[method] ?? {}, item },
        now: {
          path: pair.spec.path,
          method: specMethod,
          operation: spec.paths[pair.spec.path][specMethod],
          item: spec.paths[pair.spec.path],
        },
      };
    }),
  );
  // Swagger 2.0 cannot say that a response header is always sent: its silence is no difference.
  const sayable = (change: ConstraintFinding) =>
    !(
      swagger &&
      change.constraint.keyword === "required" &&
      change.places.every((place) => place.startsWith("response header"))
    );
  return constraintChanges(docsDocument, spec, common)
    .filter(sayable)
    .map((change) => {
      const show = (value: unknown) => (value === undefined || value === null ? "none" : JSON.stringify(value));
      const places = change.places.join("; ");
      const pair = pairs.find(
        (candidate) => `${candidate.spec.method} ${candidate.spec.path}` === change.operations[0],
      );
      return {
        kind: "constraint-changed" as const,
        operation: change.operations.join(", "),
        name: `${places} ${change.constraint.keyword}`,
        message: `${places}: \`${change.constraint.keyword}\` is ${show(change.constraint.was)} in the docs, ${show(change.constraint.now)} in the spec`,
        spec: change.pointer,
        docs: pair?.docs[0]?.at ?? "#",
        suggestion: `set ${change.pointer} to ${show(change.constraint.was)} (the docs' value)`,
      };
    });
}

/**
 * Compares a provider's docs (parsed: a Postman collection or documenter page, an OpenAPI 3.x or Swagger
 * 2.0 document) with a spec (parsed OpenAPI 3.1). Throws a DocsCheckError for docs it cannot read.
 */
export async function checkDocs(
  spec: Node,
  docs: unknown,
  labels: { spec: string; docs: string },
): Promise<DocsReport> {
  assertBoundedTree(docs, labels.docs);
  const specOperations = readOpenApi(spec);
  const model = await readModel(docs, labels.docs, serversOf(spec));
  let findings: Finding[];
  let coverage: Coverage[] | undefined;
  if (model.kind === "text") {
    ({ findings, coverage } = compareText(model.mentions, specOperations, spec));
  } else {
    const { pairs, findings: operationFindings } = pairOperations(model.operations, specOperations);
    findings = [...operationFindings];
    const validator = new SpecValidator(spec);
    for (const pair of pairs) {
      const structural = comparePair(pair);
      const { fields, invalid } = judgeExamples(validator, pair);
      const own = [...structural, ...fields];
      // An example that fails because of a field already reported says nothing more.
      const explained = (finding: Finding) =>
        own.some(
          (other) =>
            STRUCTURAL.has(other.kind) &&
            (finding.name === "request body"
              ? !other.kind.startsWith("response")
              : other.kind.startsWith("response") || other.kind === "media-type-not-in-spec"),
        );
      findings.push(...own, ...invalid.filter((finding) => !explained(finding)));
    }
    if (model.document)
      findings.push(...constraintFindings(model.document, spec, pairs, model.format === "swagger-2.0"));
  }
  const seen = new Set<string>();
  findings = findings.filter((finding) => {
    const key = `${finding.kind} ${finding.operation} ${finding.name} ${finding.spec}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const applied = applyAcceptances(findings, acceptancesOf(spec));
  findings = applied.findings;
  const drift = findings.filter((finding) => !finding.accepted).length;
  return {
    spec: labels.spec,
    docs: labels.docs,
    format: model.format,
    check: model.kind,
    drift,
    accepted: findings.length - drift,
    findings,
    unused: applied.unused.map(({ at, kind, name, reason }) => ({ at, kind, name, reason })),
    ...(coverage ? { coverage } : {}),
  };
}
