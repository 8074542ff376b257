import { contractCases, loadSpec } from "@finoauth/testkit";
import { describe, expect, it } from "vitest";
import { createProvider } from "../src/providers/all.js";
import { rejection, usePrism } from "./support/prism.js";

/** The X-Request-Id Prism answers with: the spec's documented header example of that response. */
const echoedRequestId = (operationId: string) =>
  contractCases(loadSpec("finapi")).find((c) => c.operationId === operationId && c.status === 200)!.headers[
    "X-Request-Id"
  ];

const prism = usePrism("finapi");
let n = 0;
const finapi = () =>
  createProvider("finapi", {
    clientId: "client-id",
    clientSecret: "finapi-secret-1",
    baseUrl: prism.url(),
    fetch: prism.fetch,
    requestId: () => `req-${++n}`,
  });

describe("finAPI through @finoauth/auth", () => {
  it("client credentials, password and refresh: form fields, X-Request-Id sent and the echo surfaced", async () => {
    const provider = finapi();
    const client = await provider.clientCredentials();
    expect(prism.sent()).toEqual({
      grant_type: "client_credentials",
      client_id: "client-id",
      client_secret: "finapi-secret-1",
    });
    expect(prism.requests()[0]!.headers.get("x-request-id")).toMatch(/^req-\d+$/);
    expect(client.extras.requestId).toBe(echoedRequestId("token"));

    const user = await provider.password({ username: "user-1", password: "p@ss:word" });
    expect(prism.sent()).toMatchObject({ grant_type: "password", username: "user-1", password: "p@ss:word" });
    expect(user.accessToken).toBe(prism.example("/oauth/token", 200, "userToken").access_token);

    await provider.refresh({ refreshToken: user.refreshToken! });
    expect(prism.sent()).toMatchObject({ grant_type: "refresh_token", refresh_token: user.refreshToken });
  });

  it("revoke: query parameters, the client's bearer token, the echoed request id", async () => {
    const result = await finapi().revoke({
      token: "user-refresh",
      tokenTypeHint: "refresh_token",
      clientAccessToken: "client-token",
      requestId: "my-id-7",
    });
    const request = prism.requests()[0]!;
    expect(new URL(request.url).searchParams.toString()).toBe("token=user-refresh&token_type_hint=refresh_token");
    expect(request.body).toBe("");
    expect(request.headers.get("authorization")).toBe("Bearer client-token");
    expect(request.headers.get("x-request-id")).toBe("my-id-7");
    expect(result.requestId).toBe(echoedRequestId("revoke"));
  });

  it("errors: finAPI's ErrorMessage and OAuth shapes, retryable only for 5xx", async () => {
    const provider = finapi();
    prism.prefer(423, "userLocked");
    const locked = await rejection(provider.password({ username: "u", password: "p" }));
    expect(locked).toMatchObject({ kind: "provider", status: 423, retryable: false });
    expect(locked.description).toBe(prism.example("/oauth/token", 423, "userLocked").errors[0].message);
    prism.prefer(401, "invalidClient");
    expect(await rejection(provider.password({ username: "u", password: "p" }))).toMatchObject({
      status: 401,
      code: "invalid_client",
    });
    prism.prefer(500, "unexpectedError");
    const failed = await rejection(
      createProvider("finapi", {
        clientId: "c",
        clientSecret: "s",
        baseUrl: prism.url(),
        fetch: prism.fetch,
        retry: { retries: 0 },
      }).clientCredentials(),
    );
    expect(failed).toMatchObject({ status: 500, retryable: true });
  });

  it("refuses a revoke without the client token, and a request id over 255 characters", async () => {
    // @ts-expect-error: clientAccessToken is required by finAPI's revoke
    await expect(finapi().revoke({ token: "t" })).rejects.toThrow(/clientAccessToken/);
    await expect(finapi().revoke({ token: "t", clientAccessToken: "c", requestId: "x".repeat(256) })).rejects.toThrow(
      /at most 255/,
    );
    expect(prism.requests()).toHaveLength(0);
  });
});
