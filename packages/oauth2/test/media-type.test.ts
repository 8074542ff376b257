// The generated runtime sends each operation's body in the spec's media type; a Content-Type the caller
// gives (per call or client-wide, in any letter case, as a plain object or a Headers) wins over it.
import { describe, expect, it } from "vitest";
import { createOAuth2Client } from "../src/index.js";

/** A client whose fetch records the request it was handed and answers an empty JSON object. */
function recording(headers?: Record<string, string>) {
  const seen: Request[] = [];
  const client = createOAuth2Client({
    baseUrl: "https://as.example",
    headers,
    fetch: async (request: Request) => {
      seen.push(request);
      return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
    },
  });
  const sent = async () => ({
    contentType: seen.at(-1)!.headers.get("content-type"),
    body: await seen.at(-1)!.text(),
    authorization: seen.at(-1)!.headers.get("authorization"),
  });
  return { client, sent };
}

const body = { grant_type: "client_credentials" as const, scope: "a b" };

describe("the generated runtime's request media type", () => {
  it("form-encodes a body the spec declares application/x-www-form-urlencoded, keeping the caller's other headers", async () => {
    const { client, sent } = recording();
    await client.POST("/token", { body, headers: { Authorization: "Basic abc" } });
    expect(await sent()).toEqual({
      contentType: "application/x-www-form-urlencoded",
      body: "grant_type=client_credentials&scope=a+b",
      authorization: "Basic abc",
    });
    await client.POST("/token", { body });
    expect(await sent()).toMatchObject({
      contentType: "application/x-www-form-urlencoded",
      body: "grant_type=client_credentials&scope=a+b",
      authorization: null,
    });
  });

  it("a Content-Type from the caller wins: per call in any case, as a Headers, or client-wide", async () => {
    const perCall = recording();
    await perCall.client.POST("/token", { body, headers: { "content-type": "application/json" } });
    expect(await perCall.sent()).toMatchObject({ contentType: "application/json", body: JSON.stringify(body) });
    await perCall.client.POST("/token", {
      body,
      headers: new Headers({ "Content-Type": "application/json", Authorization: "Basic h" }),
    });
    expect(await perCall.sent()).toMatchObject({
      contentType: "application/json",
      body: JSON.stringify(body),
      authorization: "Basic h",
    });
    const clientWide = recording({ "Content-Type": "application/json" });
    await clientWide.client.POST("/token", { body });
    expect(await clientWide.sent()).toMatchObject({ contentType: "application/json", body: JSON.stringify(body) });
  });

  it("a header set to null per call is not sent", async () => {
    const { client, sent } = recording({ Authorization: "Basic client-wide" });
    await client.POST("/token", { body, headers: { Authorization: null } as never });
    expect(await sent()).toMatchObject({ contentType: "application/x-www-form-urlencoded", authorization: null });
  });
});
