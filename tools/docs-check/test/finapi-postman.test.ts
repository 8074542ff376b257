// A Postman collection v2.1 of finAPI's token, refresh and revoke calls with saved example responses (written
// from finAPI's public material in Postman's export style), against specs/finapi.yaml: no drift; and one
// mutated copy per kind of drift, each reported exactly, with both pointers, and nothing else.
import { describe, expect, it } from "vitest";
import { exitCodeOf } from "../src/index.js";
import { check, fixture, json, lines } from "./support.js";

const collection = () => json(fixture("finapi.postman_collection.json"));
/** The requests of the collection's one folder: client credentials, password, refresh, revoke. */
const requests = (docs: any) => docs.item[0].item;

describe("finAPI's Postman collection against specs/finapi.yaml", () => {
  it("finds no drift in the collection as written", async () => {
    const report = await check("finapi", collection());
    expect(report.format).toBe("postman-2.1");
    expect(report.check).toBe("requests");
    expect(lines(report)).toEqual([]);
    expect(exitCodeOf(report)).toBe(0);
  });

  it("reads the same collection in Postman's v2.0 format (URLs as strings)", async () => {
    const docs = collection();
    docs.info.schema = "https://schema.getpostman.com/json/collection/v2.0.0/collection.json";
    for (const item of requests(docs)) {
      item.request.url = item.request.url.raw;
      for (const saved of item.response) saved.originalRequest.url = saved.originalRequest.url.raw;
    }
    const report = await check("finapi", docs);
    expect(report.format).toBe("postman-2.0");
    expect(lines(report)).toEqual([]);
    // The query parameters' place is the URL string itself in v2.0.
    requests(docs)[3].request.url = requests(docs)[3].request.url.replace("token_type_hint", "tokenTypeHint");
    expect(lines(await check("finapi", docs))).toEqual([
      "parameter-renamed | POST /oauth/revoke | token_type_hint → tokenTypeHint | #/paths/~1oauth~1revoke/post/parameters/1 | #/item/0/item/3/request/url",
    ]);
  });

  it("reports a renamed query parameter as a likely rename, once", async () => {
    const docs = collection();
    const revoke = requests(docs)[3].request;
    revoke.url.query[1].key = "tokenTypeHint";
    revoke.url.raw = revoke.url.raw.replace("token_type_hint", "tokenTypeHint");
    const report = await check("finapi", docs);
    expect(lines(report)).toEqual([
      "parameter-renamed | POST /oauth/revoke | token_type_hint → tokenTypeHint | #/paths/~1oauth~1revoke/post/parameters/1 | #/item/0/item/3/request/url/query/1",
    ]);
    expect(report.findings[0]!.suggestion).toBe(
      'set #/paths/~1oauth~1revoke/post/parameters/1/name to "tokenTypeHint"',
    );
    expect(exitCodeOf(report)).toBe(1);
  });

  it("reports a removed request as an operation the docs no longer document", async () => {
    const docs = collection();
    requests(docs).splice(3, 1);
    expect(lines(await check("finapi", docs))).toEqual([
      "operation-not-documented | POST /oauth/revoke | revoke | #/paths/~1oauth~1revoke/post | #",
    ]);
  });

  it("reports a new request as an operation the spec lacks", async () => {
    const docs = collection();
    requests(docs).push({
      name: "Get user info",
      request: {
        method: "GET",
        header: [],
        url: {
          raw: "{{baseUrl}}/oauth/userinfo?access_token=eyJhbGciOiJSUzI1NiJ9.c2VjcmV0",
          host: ["{{baseUrl}}"],
          path: ["oauth", "userinfo"],
          query: [{ key: "access_token", value: "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0" }],
        },
      },
      response: [],
    });
    const report = await check("finapi", docs);
    expect(lines(report)).toEqual([
      "operation-not-in-spec | GET /oauth/userinfo | GET /oauth/userinfo | #/paths | #/item/0/item/4",
    ]);
    // A value in the documented URL's query (a token pasted into the docs) is not printed.
    expect(report.findings[0]!.message).toBe(
      "the docs document `GET /oauth/userinfo` (https://sandbox.finapi.io/oauth/userinfo?access_token=…), the spec has no such operation",
    );
    expect(report.findings[0]!.suggestion).toBe("add `get` at #/paths/~1oauth~1userinfo");
  });

  it("reports a response field the spec's schema lacks, with the schema to edit", async () => {
    const docs = collection();
    const saved = requests(docs)[0].response[0];
    saved.body = JSON.stringify({ ...JSON.parse(saved.body), id_token: "eyJhbGciOi" });
    const report = await check("finapi", docs);
    expect(lines(report)).toEqual([
      "response-field-not-in-spec | POST /oauth/token | 200 id_token | #/components/schemas/AccessToken/properties | #/item/0/item/0/response/0/body",
    ]);
    expect(report.findings[0]!.suggestion).toBe(
      "add property `id_token` (type string) at #/components/schemas/AccessToken/properties",
    );
  });

  it("reports a request sent as JSON where the spec takes a form", async () => {
    const docs = collection();
    const request = requests(docs)[0].request;
    request.header[2].value = "application/json";
    const fields = Object.fromEntries(request.body.urlencoded.map((field: any) => [field.key, field.value]));
    request.body = { mode: "raw", raw: JSON.stringify(fields), options: { raw: { language: "json" } } };
    expect(lines(await check("finapi", docs))).toEqual([
      "media-type-not-in-spec | POST /oauth/token | application/json | #/paths/~1oauth~1token/post/requestBody/content | #/item/0/item/0/request/body/raw",
    ]);
  });

  it("reports a request header the spec does not have", async () => {
    const docs = collection();
    requests(docs)[2].request.header.push({ key: "X-Tenant-Id", value: "acme", type: "text" });
    const report = await check("finapi", docs);
    expect(lines(report)).toEqual([
      "parameter-not-in-spec | POST /oauth/token | X-Tenant-Id | #/paths/~1oauth~1token/post/parameters | #/item/0/item/2/request/header/3",
    ]);
  });
});
