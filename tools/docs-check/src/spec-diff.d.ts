// The types of the parts of tools/spec-diff that docs-check shares (spec-diff is JavaScript with JSDoc).
declare module "@finoauth/spec-diff/src/spec.mjs" {
  import type { SpecNode } from "@finoauth/spec";
  /** A JSON pointer (RFC 6901) from its reference tokens. */
  export function pointer(...tokens: (string | number)[]): string;
  /** Follows `node`'s `$ref`s; returns the node reached and the reference tokens of where it lives. */
  export function located(
    document: SpecNode,
    node: unknown,
    tokens: (string | number)[],
  ): { node: SpecNode | undefined; at: (string | number)[] };
  /** Every operation of a spec, keyed `METHOD /path`, method in lower case, with its path item. */
  export function operationsOf(
    document: SpecNode,
  ): Map<string, { path: string; method: string; operation: SpecNode; item: SpecNode }>;
}

declare module "@finoauth/spec-diff/src/constraints.mjs" {
  import type { SpecNode } from "@finoauth/spec";
  /** One operation both documents have, as constraintChanges pairs them. */
  export interface CommonOperation {
    key: string;
    old: { path: string; method: string; operation: SpecNode; item: SpecNode };
    now: { path: string; method: string; operation: SpecNode; item: SpecNode };
  }
  /** One changed validation keyword (or `required` flag), with the pointer of where it lives in the new document. */
  export interface ConstraintFinding {
    pointer: string;
    operations: string[];
    message: string;
    places: string[];
    constraint: {
      keyword: string;
      direction: "request" | "response";
      change: "narrower" | "wider" | "incomparable";
      was: unknown;
      now: unknown;
    };
  }
  /** Every keyword change of the operations both documents have. */
  export function constraintChanges(
    oldDocument: SpecNode,
    newDocument: SpecNode,
    common: CommonOperation[],
  ): ConstraintFinding[];
}
