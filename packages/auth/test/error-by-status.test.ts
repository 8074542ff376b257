// An error shape maps codes per call and status (ErrorShape.byStatus): a provider whose error bodies carry
// only a title gets invalid_grant on a refused refresh and invalid_client on a refused client credentials
// grant, from data, with no matching on titles.
import fc from "fast-check";
import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import {
  type BaseOptions,
  type ClientFactoryOptions,
  createProvider,
  defineProvider,
  type ErrorFlow,
  type ErrorShape,
  FinoauthError,
} from "../src/index.js";

interface TitledPaths {
  "/token": {
    post: {
      requestBody: { content: { "application/json": Record<string, string> } };
      responses: { 200: { content: { "application/json": { access_token: string } } } };
    };
  };
  "/revoke": {
    post: {
      requestBody: { content: { "application/json": Record<string, string> } };
      responses: { 200: { content: never } };
    };
  };
}

const BY_STATUS = {
  refresh_token: { 401: "invalid_grant" },
  client_credentials: { 401: "invalid_client", 403: "unauthorized_client" },
  revoke: { 400: "unsupported_token_type" },
} as const satisfies ErrorShape["byStatus"];

/** A provider whose errors are `{ title, detail }` (RFC 9457 problem details) and optionally a `kind` of its own. */
function titled(errors: Partial<ErrorShape> = {}) {
  return defineProvider<ReturnType<typeof createClient<TitledPaths>>, BaseOptions>()({
    id: "titled",
    displayName: "Titled",
    defaultBaseUrl: "https://api.titled.test",
    requiresClientSecret: true,
    options: {},
    createClient: (clientOptions: ClientFactoryOptions) => createClient<TitledPaths>(clientOptions),
    token: { accessToken: "access_token" },
    errors: {
      code: ["error"],
      providerCode: ["kind"],
      description: ["detail", "title"],
      byStatus: BY_STATUS,
      ...errors,
    },
    grants: {
      client_credentials: (client, options) => ({
        send: (init) =>
          client.POST("/token", { ...init, body: { id: options.clientId, secret: options.clientSecret! } }),
      }),
      refresh_token: (client, options, p) => ({
        send: (init) =>
          client.POST("/token", {
            ...init,
            body: { id: options.clientId, secret: options.clientSecret!, refresh: p.refreshToken },
          }),
        secrets: [p.refreshToken],
      }),
    },
    revoke: (client, options, p: { token: string }) => ({
      send: (init) => client.POST("/revoke", { ...init, body: { id: options.clientId, token: p.token } }),
      secrets: [p.token],
    }),
  });
}

/** The flows of `definition`, every request answered with `status` and `body`. */
function answering(definition: ReturnType<typeof titled>, status: number, body: unknown) {
  const fetch = async () =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  return createProvider(definition, { clientId: "c1", clientSecret: "s3cr3t-value", fetch, retry: { retries: 0 } });
}

/** What `flow` rejected with. */
async function refusal(flows: ReturnType<typeof answering>, flow: ErrorFlow): Promise<FinoauthError> {
  const run =
    flow === "refresh_token"
      ? flows.refresh({ refreshToken: "rt-1" })
      : flow === "revoke"
        ? flows.revoke({ token: "at-1" })
        : flows.clientCredentials();
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof FinoauthError)) throw new Error(`expected a FinoauthError, got ${String(error)}`);
  return error;
}

const PROBLEM = { title: "Unauthorized", detail: "The request could not be authorized" };

describe("ErrorShape.byStatus: codes by call and HTTP status", () => {
  it("the same 401 is invalid_grant on refresh and invalid_client on client credentials", async () => {
    const flows = answering(titled(), 401, PROBLEM);
    expect(await refusal(flows, "refresh_token")).toMatchObject({
      kind: "provider",
      status: 401,
      code: "invalid_grant",
      description: PROBLEM.detail,
      retryable: false,
    });
    expect(await refusal(flows, "client_credentials")).toMatchObject({
      kind: "provider",
      status: 401,
      code: "invalid_client",
      retryable: false,
    });
  });

  it("revocation has its own entry; a status or call without one gets no code", async () => {
    expect((await refusal(answering(titled(), 400, PROBLEM), "revoke")).code).toBe("unsupported_token_type");
    expect((await refusal(answering(titled(), 401, PROBLEM), "revoke")).code).toBeUndefined();
    expect((await refusal(answering(titled(), 400, PROBLEM), "refresh_token")).code).toBeUndefined();
    expect(
      (await refusal(answering(titled({ byStatus: undefined }), 401, PROBLEM), "refresh_token")).code,
    ).toBeUndefined();
  });

  it("a code in the body wins: an RFC 6749 code, then the provider's own code mapped by `codes`", async () => {
    expect(
      (await refusal(answering(titled(), 401, { ...PROBLEM, error: "invalid_request" }), "refresh_token")).code,
    ).toBe("invalid_request");
    const withOwn = titled({ codes: { LOCKED: "access_denied" } });
    expect(await refusal(answering(withOwn, 401, { ...PROBLEM, kind: "LOCKED" }), "refresh_token")).toMatchObject({
      code: "access_denied",
      providerCode: "LOCKED",
    });
    expect((await refusal(answering(withOwn, 401, { ...PROBLEM, kind: "OTHER" }), "refresh_token")).code).toBe(
      "invalid_grant",
    );
  });

  it("reads only the shape's own entries: a provider code or call named like an Object property maps to nothing", async () => {
    const own = titled({ codes: {} });
    for (const kind of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      expect((await refusal(answering(own, 400, { ...PROBLEM, kind }), "client_credentials")).code).toBeUndefined();
    }
  });

  it("for any flow and error status, the code is exactly the table's entry (property)", async () => {
    const flows: ErrorFlow[] = ["refresh_token", "client_credentials", "revoke"];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...flows), fc.integer({ min: 400, max: 499 }), async (flow, status) => {
        const error = await refusal(answering(titled(), status, PROBLEM), flow);
        const table: Readonly<Record<number, string>> = BY_STATUS[flow as keyof typeof BY_STATUS];
        expect(error.status).toBe(status);
        expect(error.code).toBe(Object.hasOwn(table, status) ? table[status] : undefined);
      }),
      { numRuns: 120 },
    );
  });
});
