// Every generated Postman collection, run with newman against the Prism mock of its spec: once per saved
// response, asking Prism for that status and named example (`Prefer: code=…, example=…`). A run fails
// on any request Prism flags (an `sl-violations` header: the request breaks the spec) and on any status
// other than the saved response's. Plus: each collection was generated from the spec as it is now, and
// has one saved response per documented (status, named example).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, it } from "vitest";
import { requestItems as flatten, parseSavedResponseName, specPathOf } from "../../../scripts/generator/postman.mjs";
import { allSpecs, contractCases, loadSpec, specSha256 } from "./support.js";

const require = createRequire(import.meta.url);
const newman = require("newman") as {
  run: (options: object, callback: (error: Error | null, summary: NewmanSummary) => void) => void;
};
const root = fileURLToPath(new URL("../../../", import.meta.url));

interface PostmanItem {
  name: string;
  item?: PostmanItem[];
  request: { method: string; url: { path?: string[] }; header?: { key: string; value: string }[] };
  response?: { name: string; code: number; originalRequest?: { header?: { key: string; value: string }[] } }[];
  event?: { listen: string; script: { exec: string[] } }[];
  protocolProfileBehavior?: object;
}
interface NewmanSummary {
  run: {
    executions: {
      item: { name: string };
      response?: { code: number; headers: { get(name: string): string | undefined } };
      requestError?: Error;
      assertions?: { assertion: string; error?: { message: string } }[];
    }[];
    failures: unknown[];
  };
}

const readJson = (path: string) => JSON.parse(readFileSync(`${root}${path}`, "utf8"));
const requestItems = (items: PostmanItem[]): PostmanItem[] => flatten(items);
const specPath = (path: string[] = []): string => specPathOf(path);
/** Status and example name of a saved response, as the generator names them (`<status> <example>: <summary>`). */
const savedResponse = (name: string): { status?: string | undefined; example?: string | undefined } =>
  parseSavedResponseName(name) ?? {};

/** One newman item per saved response: the request, asking Prism for that response, with a status test. */
function runCollection(collection: { item: PostmanItem[] }) {
  const item = requestItems(collection.item).flatMap((request) =>
    (request.response ?? []).flatMap((response) => {
      const { status, example } = savedResponse(response.name);
      if (!status || status === "default") return [];
      const prefer = `code=${status}${example ? `, example=${example}` : ""}`;
      // The saved response's own Accept (an HTML page and a JSON error of the same operation differ).
      const accept = response.originalRequest?.header?.find((header) => header.key.toLowerCase() === "accept");
      const header = (request.request.header ?? []).filter((h) => !(accept && h.key.toLowerCase() === "accept"));
      return [
        {
          ...request,
          response: [],
          name: `${request.name} → ${response.name.slice(0, 60)}`,
          request: {
            ...request.request,
            header: [...header, ...(accept ? [accept] : []), { key: "Prefer", value: prefer }],
          },
          event: [
            ...(request.event ?? []),
            {
              listen: "test",
              script: {
                exec: [
                  `pm.test("status is the saved response's (${status})", function () { pm.response.to.have.status(${status}); });`,
                ],
              },
            },
          ],
        },
      ];
    }),
  );
  return { ...collection, item };
}

function runNewman(collection: object, environment: object, baseUrl: string): Promise<NewmanSummary> {
  return new Promise((resolve, reject) =>
    newman.run(
      {
        collection,
        environment,
        envVar: [{ key: "baseUrl", value: baseUrl }],
        reporters: [],
        timeoutRequest: 20_000,
        ignoreRedirects: true,
      },
      (error, summary) => (error ? reject(error) : resolve(summary)),
    ),
  );
}

describe.each(allSpecs())("postman/%s.postman_collection.json", (spec) => {
  const collection = readJson(`postman/${spec}.postman_collection.json`);
  const document = loadSpec(spec);

  it("was generated from the spec as it is now (else: pnpm generate)", () => {
    const sha256 = specSha256(readFileSync(`${root}specs/${spec}.yaml`, "utf8"));
    expect(collection.info.description.content).toContain(`generated from specs/${spec}.yaml (sha256 ${sha256})`);
  });

  it("has one saved response per documented status and named example", () => {
    const saved = requestItems(collection.item).flatMap((item) =>
      (item.response ?? []).map((response) => {
        const { status, example } = savedResponse(response.name);
        return `${item.request.method} ${specPath(item.request.url.path)} ${status} ${example ?? "-"}`;
      }),
    );
    const documented = contractCases(document).map((c) => `${c.method} ${c.path} ${c.status} ${c.example ?? "-"}`);
    expect(saved.filter((entry) => !/ default /.test(entry)).sort()).toEqual(documented.sort());
  });

  it("has an environment per server and one for the mock", () => {
    const names = ["mock", ...(document.servers ?? []).map((server: { "x-name": string }) => server["x-name"])];
    for (const name of names) {
      const environment = readJson(`postman/${spec}.${name}.postman_environment.json`);
      const baseUrl = environment.values.find((value: { key: string }) => value.key === "baseUrl")?.value;
      expect(baseUrl).toBe(
        name === "mock"
          ? "http://127.0.0.1:4010"
          : document.servers.find((server: { "x-name": string }) => server["x-name"] === name).url,
      );
    }
  });

  it("runs with newman against the Prism mock: every saved response's status, no sl-violations", async () => {
    const environment = readJson(`postman/${spec}.mock.postman_environment.json`);
    const baseUrl = inject("prismUrls")[spec]!;
    const summary = await runNewman(runCollection(collection), environment, baseUrl);
    const problems = summary.run.executions.flatMap((execution) => [
      ...(execution.requestError ? [`${execution.item.name}: ${execution.requestError.message}`] : []),
      ...(execution.assertions ?? [])
        .filter((a) => a.error)
        .map(
          (a) =>
            `${execution.item.name}: ${a.assertion}: ${a.error!.message}${a.assertion.includes("sl-violations") ? ` (${execution.response?.headers.get("sl-violations")})` : ""}`,
        ),
    ]);
    expect(summary.run.executions.length).toBe(contractCases(document).length);
    expect(problems).toEqual([]);
  });
});
