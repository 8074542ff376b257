// The shared runtime on its own, with a hand-written media type map (the generated clients' own tests, e.g.
// packages/oauth2/test/media-type.test.ts, cover it through a spec).
import { describe, expect, it } from "vitest";
import { createSpecClient } from "../src/index.js";

type Paths = {
  "/token": {
    post: {
      parameters: {};
      requestBody: { content: { "application/x-www-form-urlencoded": { grant_type: string } } };
      responses: { 200: { content: { "application/json": {} } } };
    };
  };
  "/json": {
    post: {
      parameters: {};
      requestBody: { content: { "application/json": { a: string } } };
      responses: { 200: { content: { "application/json": {} } } };
    };
  };
};

function recording(headers?: Record<string, string>) {
  const seen: Request[] = [];
  const client = createSpecClient<Paths>(
    {
      baseUrl: "https://as.example",
      headers,
      fetch: async (request: Request) => (seen.push(request), Response.json({})),
    },
    { "POST /token": "application/x-www-form-urlencoded" },
  );
  const last = async () => ({ contentType: seen.at(-1)!.headers.get("content-type"), body: await seen.at(-1)!.text() });
  return { client, last };
}

describe("createSpecClient", () => {
  it("sends a body in the media type the map gives its operation, through every call form", async () => {
    const { client, last } = recording();
    await client.POST("/token", { body: { grant_type: "client_credentials" } });
    expect(await last()).toEqual({
      contentType: "application/x-www-form-urlencoded",
      body: "grant_type=client_credentials",
    });
    await (client.request as (method: string, path: string, init: object) => Promise<unknown>)("post", "/token", {
      body: { grant_type: "x" },
    });
    expect(await last()).toEqual({ contentType: "application/x-www-form-urlencoded", body: "grant_type=x" });
  });

  it("leaves an operation the map does not name to openapi-fetch (JSON), and a caller's Content-Type wins", async () => {
    const { client, last } = recording();
    await client.POST("/json", { body: { a: "b" } });
    expect(await last()).toEqual({ contentType: "application/json", body: '{"a":"b"}' });
    await client.POST("/token", { body: { grant_type: "x" }, headers: { "CONTENT-TYPE": "application/json" } });
    expect(await last()).toEqual({ contentType: "application/json", body: '{"grant_type":"x"}' });
    const clientWide = recording({ "Content-Type": "application/json" });
    await clientWide.client.POST("/token", { body: { grant_type: "x" } });
    expect(await clientWide.last()).toEqual({ contentType: "application/json", body: '{"grant_type":"x"}' });
  });
});
