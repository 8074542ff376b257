// What the global setup hands to the tests through vitest's provide/inject.
declare module "vitest" {
  export interface ProvidedContext {
    /** The specs whose Prism mocks a package's tests need (set in its vitest config). */
    prismSpecs: string[];
    /** The base URL of each running Prism mock, by spec name. */
    prismUrls: Record<string, string>;
  }
}

export {};
