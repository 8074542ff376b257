import { describeViolations, violationsOf } from "@finoauth/mock";
import { describe, expect, inject, it } from "vitest";
import "./provided.js";
import { type ContractCase, contractCases, loadSpec, operationsOf, requestExamples } from "./spec.js";

/** What an openapi-fetch call resolves to, as far as the contract suite reads it. */
export interface CallResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The client options the suite passes to a package's `create…Client`. */
export interface SuiteClientOptions {
  baseUrl?: string | undefined;
  fetch?: (request: Request) => Promise<Response>;
  headers?: Record<string, string>;
  redirect?: RequestRedirect;
}

/** What the suite asks of one call: headers to add and, for a request-example case, the body to send. */
export interface CallInit {
  headers: Record<string, string>;
  body?: unknown;
}

/**
 * One typed call per operationId: it must send a request the spec accepts, with `init.headers` added and,
 * when the suite gives one, `init.body` as the body (see {@link bodyOr}).
 */
export type ContractCalls<Client, OperationId extends string> = Record<
  OperationId,
  (client: Client, init: CallInit) => Promise<CallResult>
>;

/** The body a contract case asks for (one of the spec's request examples), else the call's own typed body. */
export function bodyOr<T>(init: CallInit, fallback: T): T {
  return (init.body as T | undefined) ?? fallback;
}

/** A request as the injected fetch saw it. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string;
}

/** A fetch that records every request, then either forwards it or answers with `answer`. */
export function recordingFetch(answer?: (request: Request) => Response) {
  const requests: RecordedRequest[] = [];
  const fetchFn = async (request: Request): Promise<Response> => {
    requests.push({
      method: request.method,
      url: request.url,
      headers: new Headers(request.headers),
      body: await request.clone().text(),
    });
    return answer ? answer(request) : fetch(request);
  };
  return { fetch: fetchFn, requests };
}

/**
 * A fetch for tests that go through Prism: it records every request and every violation Prism reports
 * (`sl-violations`, read by @finoauth/mock's `violationsOf`: every severity counts), one line each, so a
 * test can assert that none of its requests broke the spec. `answer` stands in for the server (see {@link recordingFetch}).
 */
export function prismFetch(answer?: (request: Request) => Response) {
  const recorder = recordingFetch(answer);
  const violations: string[] = [];
  const fetchFn = async (request: Request): Promise<Response> => {
    const response = await recorder.fetch(request);
    const found = violationsOf(response);
    if (found.length > 0)
      violations.push(...describeViolations(found, `${request.method} ${new URL(request.url).pathname}`).split("\n"));
    return response;
  };
  return { fetch: fetchFn, requests: recorder.requests, violations };
}

const caseTitle = (c: ContractCase) =>
  `${c.operationId}: ${c.method} ${c.path} → ${c.status}${c.example ? ` (${c.example})` : ""}`;

/** Checks that a recorded body is encoded in the media type the spec declares. */
function expectEncodedAs(request: RecordedRequest, mediaType: string) {
  expect(request.headers.get("content-type"), "request Content-Type").toBe(mediaType);
  if (mediaType === "application/json") expect(() => JSON.parse(request.body)).not.toThrow();
  if (mediaType === "application/x-www-form-urlencoded") {
    expect(request.body.startsWith("{"), `form body, not JSON: ${request.body}`).toBe(false);
    expect([...new URLSearchParams(request.body).keys()].length).toBeGreaterThan(0);
  }
}

/**
 * Runs every operation of `specs/<spec>.yaml` through the package's typed client against Prism, once per
 * documented (status, example): Prism must report no request violation (`sl-violations`), and the typed
 * result (`data` for 2xx, `error` otherwise) and documented headers must equal the spec's example.
 * Also checks the client's options: the default server, default headers and the injected fetch.
 */
export function describeContract<Client, OperationId extends string>(suite: {
  spec: string;
  createClient: (options: SuiteClientOptions) => Client;
  defaultBaseUrl: string;
  calls: ContractCalls<Client, OperationId>;
}): void {
  const document = loadSpec(suite.spec);
  const cases = contractCases(document);
  const calls = suite.calls as Record<string, ContractCalls<Client, OperationId>[OperationId]>;
  const callFor = (operationId: string) => {
    const call = calls[operationId];
    if (!call) throw new Error(`no contract call for operation ${operationId}`);
    return call;
  };

  describe(`specs/${suite.spec}.yaml against Prism`, () => {
    it("has a call for every operation, and the spec documents at least one response for each", () => {
      const operationIds = [...operationsOf(document).keys()].sort();
      expect(Object.keys(suite.calls).sort()).toEqual(operationIds);
      for (const id of operationIds)
        expect(
          cases.some((c) => c.operationId === id),
          id,
        ).toBe(true);
    });

    for (const c of cases) {
      it(caseTitle(c), async () => {
        const recorder = recordingFetch();
        const client = suite.createClient({
          baseUrl: inject("prismUrls")[suite.spec],
          fetch: recorder.fetch,
          redirect: "manual",
        });
        const prefer = `code=${c.status}${c.example ? `, example=${c.example}` : ""}`;
        const result = await callFor(c.operationId)(client, { headers: { Prefer: prefer } });

        expect(recorder.requests, "the injected fetch sent the request").toHaveLength(1);
        const violations = violationsOf(result.response);
        expect(violations, `Prism says the request breaks the spec:\n${describeViolations(violations)}`).toEqual([]);
        expect(result.response.status).toBe(c.status);
        if (c.requestMediaType) expectEncodedAs(recorder.requests[0]!, c.requestMediaType);
        if (c.example) expect(c.status < 300 ? result.data : result.error).toEqual(c.value);
        for (const [name, value] of Object.entries(c.headers)) {
          expect(result.response.headers.get(name), `response header ${name}`).toBe(String(value));
        }
      });
    }

    for (const r of requestExamples(document)) {
      it(`${r.operationId}: sends request example ${r.example} as ${r.mediaType}`, async () => {
        const recorder = recordingFetch();
        const client = suite.createClient({
          baseUrl: inject("prismUrls")[suite.spec],
          fetch: recorder.fetch,
          redirect: "manual",
        });
        const result = await callFor(r.operationId)(client, {
          headers: { Prefer: `code=${r.successStatus}` },
          body: r.value,
        });
        const violations = violationsOf(result.response);
        expect(violations, `Prism says the request breaks the spec:\n${describeViolations(violations)}`).toEqual([]);
        expect(result.response.status).toBe(r.successStatus);
        expectEncodedAs(recorder.requests[0]!, r.mediaType);
      });
    }
  });

  describe(`create client (${suite.spec})`, () => {
    const [first] = cases;
    const answer = () => new Response(null, { status: 204 });

    it("sends to the spec's first server by default", async () => {
      const recorder = recordingFetch(answer);
      await callFor(first!.operationId)(suite.createClient({ fetch: recorder.fetch }), { headers: {} });
      expect(recorder.requests[0]!.url.startsWith(`${suite.defaultBaseUrl}/`)).toBe(true);
      expect(suite.defaultBaseUrl).toBe(document.servers[0].url);
    });

    it("adds the default headers to every request and honours baseUrl", async () => {
      const recorder = recordingFetch(answer);
      const client = suite.createClient({
        baseUrl: "http://127.0.0.1:9/base",
        fetch: recorder.fetch,
        headers: { "X-Test": "yes" },
      });
      await callFor(first!.operationId)(client, { headers: {} });
      expect(recorder.requests[0]!.headers.get("x-test")).toBe("yes");
      expect(recorder.requests[0]!.url).toMatch(/^http:\/\/127\.0\.0\.1:9\/base\//);
    });
  });
}
