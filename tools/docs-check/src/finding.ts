// One difference between the docs and the spec, as every part of docs-check reports it.

/** What kind of difference: the name an `x-finoauth-docs` entry uses to accept it. */
export type FindingKind =
  | "operation-not-in-spec"
  | "operation-not-documented"
  | "parameter-not-in-spec"
  | "parameter-not-documented"
  | "parameter-renamed"
  | "field-not-in-spec"
  | "field-not-documented"
  | "field-renamed"
  | "response-field-not-in-spec"
  | "response-field-not-documented"
  | "response-header-not-in-spec"
  | "media-type-not-in-spec"
  | "status-not-in-spec"
  | "example-invalid"
  | "constraint-changed"
  | "url-not-in-spec"
  | "name-not-in-spec";

/** Every finding kind, for checking `x-finoauth-docs` entries. */
export const FINDING_KINDS: readonly FindingKind[] = [
  "operation-not-in-spec",
  "operation-not-documented",
  "parameter-not-in-spec",
  "parameter-not-documented",
  "parameter-renamed",
  "field-not-in-spec",
  "field-not-documented",
  "field-renamed",
  "response-field-not-in-spec",
  "response-field-not-documented",
  "response-header-not-in-spec",
  "media-type-not-in-spec",
  "status-not-in-spec",
  "example-invalid",
  "constraint-changed",
  "url-not-in-spec",
  "name-not-in-spec",
];

/** One difference: where it is in the spec and in the docs, in words, with a mechanical edit where there is one. */
export interface Finding {
  kind: FindingKind;
  /** The spec operation (`POST /oauth/token`), or the documented one when the spec has none. */
  operation: string;
  /** What differs: a parameter, field, media type, status, URL or keyword. */
  name: string;
  message: string;
  /** A JSON pointer into the spec: where to edit. */
  spec: string;
  /** A JSON pointer into the docs file, with the item names where the docs have them. */
  docs: string;
  docsTitle?: string | undefined;
  /** A spec edit that would remove the difference, when it is mechanical. */
  suggestion?: string | undefined;
  /** Why the spec accepts this difference (its `x-finoauth-docs` entry): not drift. */
  accepted?: string | undefined;
}

/** A JSON pointer token (RFC 6901). */
export const token = (key: string | number): string => String(key).replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * A documented URL as a report shows it: its query's values masked (`?token=…`), since docs may hold a
 * real token or code in a URL, and a report is printed and kept in CI logs.
 */
export const shownUrl = (url: string): string => url.replace(/([?&][^=&#]*)=[^&#]*/g, "$1=…");
