/**
 * @finoauth/docs-check: how a spec drifts from the provider's published docs (a Postman collection v2.0 or
 * v2.1, a Postman documenter page, an OpenAPI 3.0/3.1 or Swagger 2.0 document). Used by `pnpm docs:check`
 * and `finoauth docs-check`.
 * @packageDocumentation
 */
export { type Acceptance, acceptancesOf } from "./accepted.js";
export { checkDocs, type DocsReport } from "./check.js";
export { parseArgs, runDocsCheck, USAGE } from "./command.js";
export { DocsCheckError } from "./errors.js";
export { FINDING_KINDS, type Finding, type FindingKind } from "./finding.js";
export { exitCodeOf, renderReport } from "./report.js";
export { saveSnapshot, snapshotPath, snapshotsOf } from "./snapshot.js";
