// The named examples of a spec, as contract cases: what a typed client must send and get back.
import { deref, operationsOf, requestContentOf, type SpecNode } from "./walk.js";

/** One documented response of one operation, with one of its named examples (if it has a body). */
export interface ContractCase {
  operationId: string;
  method: string;
  path: string;
  status: number;
  /** The example's name, for Prism's `Prefer: example=…`; absent for a response without a body. */
  example?: string | undefined;
  /** The example's value: what the typed client must return as `data` or `error`. */
  value?: unknown;
  /** The example values of the response's documented headers. */
  headers: Record<string, unknown>;
  /** The request media type the spec declares for this operation, if it takes a body. */
  requestMediaType?: string | undefined;
}

function headerExample(document: SpecNode, header: SpecNode | undefined): unknown {
  const resolved = deref(document, header);
  if (!resolved) return undefined;
  if ("example" in resolved) return resolved.example;
  const first = Object.values<SpecNode>(resolved.examples ?? {})[0];
  if (first) return deref(document, first)?.value;
  return resolved.schema?.example ?? resolved.schema?.examples?.[0];
}

/**
 * Lists one contract case per (operation, documented status, named example) of a spec. Throws when a
 * response body has no named examples (Prism's `Prefer: example=…` needs names).
 */
export function contractCases(document: SpecNode): ContractCase[] {
  const cases: ContractCase[] = [];
  for (const [operationId, { method, path, operation }] of operationsOf(document)) {
    const requestContent = requestContentOf(document, operation);
    const requestMediaType = requestContent ? Object.keys(requestContent)[0] : undefined;
    for (const [status, responseNode] of Object.entries<SpecNode>(operation.responses ?? {})) {
      if (!/^\d{3}$/.test(status)) continue;
      const response = deref(document, responseNode)!;
      const headers: Record<string, unknown> = {};
      for (const [name, header] of Object.entries<SpecNode>(response.headers ?? {})) {
        const example = headerExample(document, header);
        if (example !== undefined) headers[name] = example;
      }
      const base = { operationId, method, path, status: Number(status), headers, requestMediaType };
      const media = Object.values<SpecNode>(response.content ?? {})[0];
      const examples = Object.entries<SpecNode>(media?.examples ?? {});
      if (!media) cases.push(base);
      else if (examples.length === 0)
        throw new Error(`${operationId} ${status}: a response body without named examples`);
      else
        for (const [name, example] of examples)
          cases.push({ ...base, example: name, value: deref(document, example)?.value });
    }
  }
  return cases;
}

/** One named request-body example of an operation, and the status its success response has. */
export interface RequestExample {
  operationId: string;
  example: string;
  value: unknown;
  mediaType: string;
  successStatus: number;
}

/** Lists every named request-body example of a spec (each documented grant or step, for instance). */
export function requestExamples(document: SpecNode): RequestExample[] {
  const examples: RequestExample[] = [];
  for (const [operationId, { operation }] of operationsOf(document)) {
    const content = requestContentOf(document, operation) ?? {};
    const successStatus = Number(Object.keys(operation.responses ?? {}).find((status) => /^2\d\d$/.test(status)));
    for (const [mediaType, media] of Object.entries<SpecNode>(content)) {
      for (const [name, example] of Object.entries<SpecNode>(media.examples ?? {})) {
        examples.push({ operationId, example: name, value: deref(document, example)?.value, mediaType, successStatus });
      }
    }
  }
  return examples;
}
