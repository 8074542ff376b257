// A vitest globalSetup that starts Prism mocks once per test run and hands their URLs to the tests:
//
//   // vitest.config.ts
//   test: { globalSetup: ["@finoauth/mock/vitest"], provide: { mockSpecs: ["finapi"] } }
//   // a test
//   inject("mockUrls").finapi
import type {} from "vitest";
import type { TestProject } from "vitest/node";
import { startMocks } from "./index.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The specs to mock for this project (names such as `"finapi"`, or paths to OpenAPI files). */
    mockSpecs: string[];
    /** The base URL of each running mock, keyed by the spec as given in `mockSpecs`. */
    mockUrls: Record<string, string>;
  }
}

/** The environment variable through which a parent process hands over mocks it already runs (JSON `{spec: url}`). */
export const SHARED_MOCKS_ENV = "FINOAUTH_MOCK_URLS";

/** Mocks a parent process already started (in {@link SHARED_MOCKS_ENV}), if any; a malformed value counts as none. */
export function sharedMocks(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(env[SHARED_MOCKS_ENV] ?? "{}");
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
  } catch {
    return {};
  }
}

/**
 * Mock URLs for `specs`: those in {@link SHARED_MOCKS_ENV} when they cover every spec (nothing to start or
 * stop), else freshly started mocks, in parallel. `stop` ends what was started here.
 */
export async function mocksFor(
  specs: readonly string[],
): Promise<{ urls: Record<string, string>; stop(): Promise<void> }> {
  const shared = sharedMocks();
  if (specs.every((spec) => shared[spec]))
    return { urls: Object.fromEntries(specs.map((spec) => [spec, shared[spec]!])), stop: async () => {} };
  return startMocks(specs);
}

/**
 * vitest `globalSetup`: starts a mock of each spec in the project's `provide.mockSpecs`, provides their
 * URLs as `inject("mockUrls")`, and stops them when the run ends (or reuses a parent's, see
 * {@link SHARED_MOCKS_ENV}). Put `"@finoauth/mock/vitest"` in `test.globalSetup`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const specs = project.getProvidedContext().mockSpecs;
  if (!Array.isArray(specs) || specs.length === 0) {
    throw new Error(
      '@finoauth/mock/vitest: say which specs to mock in vitest.config.ts, e.g. test: { provide: { mockSpecs: ["finapi"] } }',
    );
  }
  const mocks = await mocksFor(specs);
  project.provide("mockUrls", mocks.urls);
  return mocks.stop;
}
