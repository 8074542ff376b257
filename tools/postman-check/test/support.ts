// What the newman test reads from the rest of the repository.
import { createHash } from "node:crypto";

export { allSpecs, contractCases, loadSpec } from "@finoauth/testkit";

/** The sha256 (hex) of a spec's bytes, as the generator records it. */
export function specSha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
