// The text check's comparison: every URL and name the prose documents, looked up in the spec; and which
// spec operations and fields the prose mentions at all (coverage: a weaker check than a collection's requests).
import type { SpecNode } from "@finoauth/spec";
import { type Finding, shownUrl } from "./finding.js";
import { operationsAtPath } from "./match.js";
import type { DocsOperation, TextMention } from "./model.js";

/** What the prose mentions of the spec, per operation: the names it mentions and those it does not. */
export interface Coverage {
  operation: string;
  mentioned: boolean;
  names: string[];
  notMentioned: string[];
}

/** Every name an operation of the spec has: parameters, body fields, response fields and headers. */
const namesOf = (operation: DocsOperation) =>
  new Set([
    ...operation.parameters.map((p) => p.name),
    ...operation.bodies.flatMap((b) => b.fields.map((f) => f.name)),
    ...operation.responses.flatMap((r) => [...r.fields.map((f) => f.name), ...r.headers.map((h) => h.name)]),
  ]);

/** Every string an example of the spec holds (`example`, `examples`), to tell an example URL from an endpoint. */
function exampleStringsOf(document: unknown): Set<string> {
  const strings = new Set<string>();
  const stack: { node: unknown; inExample: boolean }[] = [{ node: document, inExample: false }];
  while (stack.length) {
    const { node, inExample } = stack.pop()!;
    if (typeof node === "string" && inExample) strings.add(node);
    else if (node && typeof node === "object")
      for (const [key, value] of Object.entries(node))
        stack.push({ node: value, inExample: inExample || key === "example" || key === "examples" });
  }
  return strings;
}

const keyOf = (operation: DocsOperation) => `${operation.method} ${operation.path}`;

/** Compares what the prose mentions with the spec; an absolute URL the spec holds as an example value is no endpoint. */
export function compareText(
  mentions: TextMention[],
  spec: DocsOperation[],
  document: SpecNode,
): { findings: Finding[]; coverage: Coverage[] } {
  const findings: Finding[] = [];
  const examples = exampleStringsOf(document);
  const mentioned = new Map<DocsOperation, Set<string>>();
  for (const mention of mentions) {
    const bare = mention.url.split("?")[0]!;
    if (mention.host && (examples.has(mention.url) || examples.has(bare))) continue;
    const operations = mention.host ? [] : operationsAtPath(mention.path ?? "", spec);
    if (operations.length === 0) {
      findings.push({
        kind: "url-not-in-spec",
        operation: "(none)",
        name: bare,
        message: `the docs' text names ${shownUrl(mention.url)}, which is no path of the spec${mention.host ? ` (${mention.host} is none of its servers)` : ""}`,
        spec: "#/paths",
        docs: mention.at,
        docsTitle: mention.title,
        suggestion: mention.host ? undefined : `add ${mention.path} to #/paths`,
      });
      continue;
    }
    const known = new Set(operations.flatMap((operation) => [...namesOf(operation)]));
    for (const operation of operations) {
      const names = mentioned.get(operation) ?? new Set<string>();
      for (const { name } of mention.names) if (namesOf(operation).has(name)) names.add(name);
      mentioned.set(operation, names);
    }
    for (const { name, at, line } of mention.names)
      if (!known.has(name)) {
        // The same name in another spelling (`responseType` for `response_type`): a likely rename.
        const squash = (text: string) => text.toLowerCase().replace(/[-_]/g, "");
        const renamed = [...known].find((other) => squash(other) === squash(name));
        findings.push({
          kind: "name-not-in-spec",
          operation: keyOf(operations[0]!),
          name,
          message: `the docs' text gives \`${name}\` for ${mention.path}; no operation of the spec at that path has it${renamed ? ` (likely a rename of the spec's \`${renamed}\`)` : ""}`,
          spec: operations[0]!.at,
          docs: at,
          docsTitle: `line ${line} of the text`,
          suggestion: renamed
            ? `rename \`${renamed}\` to \`${name}\` in ${operations[0]!.at}`
            : `add \`${name}\` to ${operations[0]!.at} (a parameter or a body field)`,
        });
      }
  }
  const coverage: Coverage[] = spec.map((operation) => {
    const names = mentioned.get(operation);
    return {
      operation: keyOf(operation),
      mentioned: names !== undefined,
      names: [...(names ?? [])].sort(),
      notMentioned: [...namesOf(operation)].filter((name) => !names?.has(name)).sort(),
    };
  });
  for (const operation of spec)
    if (!mentioned.has(operation))
      findings.push({
        kind: "operation-not-documented",
        operation: keyOf(operation),
        name: operation.title ?? keyOf(operation),
        message: `the docs' text never names ${operation.path} (the spec's ${operation.title})`,
        spec: operation.at,
        docs: "#",
        suggestion: `remove ${operation.at}, or record why it stays in its x-finoauth-docs`,
      });
  return { findings, coverage };
}
