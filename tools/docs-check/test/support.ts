// Shared by the tests: the repository's specs and fixtures, and a report reduced to what a test compares.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadSpecFile, type SpecNode } from "@finoauth/spec";
import { checkDocs, type DocsReport } from "../src/index.js";

export const root = join(import.meta.dirname, "../../..");
export const fixture = (name: string): string => join(import.meta.dirname, "fixtures", name);

/** One of the repository's specs, parsed. */
export const spec = (name: string): SpecNode => loadSpecFile(join(root, "specs", `${name}.yaml`));

/** A fixture (or seed) file, parsed as JSON: a fresh copy each time, for mutating. */
export const json = (file: string): any => JSON.parse(readFileSync(file, "utf8"));

/** Runs docs-check of `docs` against specs/<name>.yaml. */
export const check = (name: string, docs: unknown): Promise<DocsReport> =>
  checkDocs(spec(name), docs, { spec: `specs/${name}.yaml`, docs: "docs" });

/** The findings as `kind operation name spec docs` lines (accepted ones marked): what the tests compare exactly. */
export const lines = (report: DocsReport): string[] =>
  report.findings.map(
    (finding) =>
      `${finding.accepted ? "accepted " : ""}${finding.kind} | ${finding.operation} | ${finding.name} | ${finding.spec} | ${finding.docs}`,
  );
