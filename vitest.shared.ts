// The vitest settings every package shares; each package's vitest.config.ts merges in only what differs
// (a longer timeout, its own global setup). Imported by relative path, not through @finoauth/testkit,
// because @finoauth/mock (which testkit builds on) uses it too.
import { defineProject, mergeConfig, type UserWorkspaceConfig } from "vitest/config";

/** Plain tests: a safety net, not a speed check — this 2-core machine runs every package's tests at once. */
export const base = defineProject({ test: { testTimeout: 30_000 } });

/**
 * Tests against the Prism mocks: testkit's global setup starts the mocks of the package's specs (or reuses
 * those of `pnpm test`), and a fresh connection per request avoids a race with Prism closing an idle one
 * (see tools/testkit/src/fresh-connections.ts).
 */
export const withMocks = mergeConfig(
  base,
  defineProject({
    test: { globalSetup: ["@finoauth/testkit/global-setup"], setupFiles: ["@finoauth/testkit/fresh-connections"] },
  }),
);

/** `shared` with this package's own settings merged in (arrays such as globalSetup are appended). */
export function extend(shared: UserWorkspaceConfig, own: UserWorkspaceConfig): UserWorkspaceConfig {
  return mergeConfig(shared, defineProject(own));
}
