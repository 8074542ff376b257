import { loadSpec, prismFetch } from "@finoauth/testkit";
import { afterEach, expect, inject } from "vitest";

/**
 * Per-test Prism plumbing for adapter tests: a fetch that records requests and Prism's violations (the
 * test fails in afterEach if any request broke the spec), the mock's URL, the spec's examples, and a
 * way to ask Prism for one documented response.
 */
export function usePrism(spec: string) {
  const document = loadSpec(spec);
  const state = { current: prismFetch(), prefer: undefined as string | undefined };
  afterEach(() => {
    const { violations } = state.current;
    state.current = prismFetch();
    state.prefer = undefined;
    expect(violations, `Prism found requests that break specs/${spec}.yaml`).toEqual([]);
  });
  return {
    url: () => inject("prismUrls")[spec]!,
    /** The fetch to give the provider: Prism's `Prefer` header is added when {@link prefer} was called. */
    fetch: (request: Request) => {
      if (state.prefer === undefined) return state.current.fetch(request);
      const headers = new Headers(request.headers);
      headers.set("Prefer", state.prefer);
      return state.current.fetch(new Request(request, { headers }));
    },
    /** Asks Prism for this status and named example on the next requests of this test. */
    prefer: (status: number, example?: string) => {
      state.prefer = `code=${status}${example ? `, example=${example}` : ""}`;
    },
    requests: () => state.current.requests,
    /** The form or JSON fields of the n-th request of this test. */
    sent: (n = -1): Record<string, unknown> => {
      const request = state.current.requests.at(n)!;
      return request.headers.get("content-type")?.includes("json")
        ? JSON.parse(request.body)
        : Object.fromEntries(new URLSearchParams(request.body));
    },
    /** A named example of a documented response body. */
    example: (path: string, status: number, name: string): any => {
      const operation = Object.values<any>(document.paths[path]).find((op) => op?.responses?.[String(status)]);
      const content = operation.responses[String(status)].content;
      return Object.values<any>(content)[0].examples[name].value;
    },
  };
}

/** Resolves to the error a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<any> {
  return promise.then(
    (value) => expect.unreachable(`expected a rejection, got ${String(value)}`),
    (error: unknown) => error,
  );
}
