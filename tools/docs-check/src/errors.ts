// The one error docs-check throws for bad usage or unreadable docs (exit code 2); drift is not an error.

/** Bad usage or docs that cannot be read: the message names the file or the option and the rule. */
export class DocsCheckError extends Error {
  override name = "DocsCheckError";
}
