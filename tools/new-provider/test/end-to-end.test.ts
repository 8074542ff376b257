// Adds a provider that follows no RFC 6749 layout (test/fixtures/acme-pay.yaml: a camelCase JSON request, its
// own token field names, errors with only its own codes) to a copy of the repository, as a newcomer would:
// the spec first, `pnpm new-provider`, the adapter's quirks filled in, `pnpm generate`, build, type-check;
// then its contract test, its Postman collection under newman, the secret sweep and a real call all see it.
// Cost: about 105 s of CPU (user + sys, children included), so 1.5–2 minutes on an idle 2-core machine; on
// the shared machine it was written on (load average ~30) 11–15 minutes, most in generate, build and
// type-check. It prints each command's time at the end. The copy is removed afterwards.
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Mock, startMock } from "@finoauth/mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyRepository, ok, removeCopy, run, timings } from "./support.js";

const NAME = "acme-pay";
const fixture = new URL("./fixtures/acme-pay.yaml", import.meta.url);
let work: string;
let mock: Mock | undefined;

/** What a newcomer writes into the adapter skeleton: Acme Pay's token and error layout, and its request body. */
function fillQuirks(adapter: string): void {
  const replacements: [string, string][] = [
    [
      `token: { accessToken: "access_token" },`,
      `token: {
    accessToken: "accessToken",
    tokenType: "tokenKind",
    expiresIn: { path: "expiresIn" },
    scope: { path: "scopes", format: "array" },
    expiryRequired: true,
  },`,
    ],
    [
      `errors: { code: ["error"], providerCode: [], description: ["error_description"] },`,
      `errors: {
    code: [],
    providerCode: ["errorCode"],
    description: ["title"],
    codes: { "ACME-401-CLIENT": "invalid_client", "ACME-422-SCOPE": "invalid_scope" },
  },`,
    ],
    [
      `        grant_type: "client_credentials" as const,
        client_id: options.clientId,
        client_secret: options.clientSecret!,
        scope: joinScopes(p.scopes, " "),`,
      `        grantType: "client_credentials" as const,
        clientId: options.clientId,
        clientSecret: options.clientSecret!,
        scopes: p.scopes ? [...p.scopes] : undefined,`,
    ],
    [`import { compact, joinScopes } from "../request-parts.js";`, `import { compact } from "../request-parts.js";`],
  ];
  let text = readFileSync(adapter, "utf8");
  for (const [from, to] of replacements) {
    expect(text, `the skeleton has: ${from}`).toContain(from);
    text = text.replace(from, to);
  }
  writeFileSync(adapter, text);
}

beforeAll(async () => {
  work = await copyRepository();
});

afterAll(async () => {
  await mock?.stop();
  removeCopy(work);
  console.log(`new-provider end to end, per command:\n${timings.join("\n")}`);
});

describe("adding a non-RFC provider end to end", () => {
  it("pnpm new-provider writes the package, the adapter, its registry line, hints, sweep entries and changeset", async () => {
    cpSync(fixture, join(work, `specs/${NAME}.yaml`));
    const out = await ok(work, "pnpm", ["--silent", "new-provider", NAME, "--display-name", "Acme Pay"]);
    for (const file of [
      `packages/${NAME}/package.json`,
      `packages/${NAME}/test/contract.test.ts`,
      `packages/auth/src/providers/${NAME}.ts`,
      "packages/auth/src/providers/all.ts",
      "packages/auth/test/secrets.test.ts",
      `packages/cli/src/hints/${NAME}.ts`,
      `.changeset/${NAME}-provider.md`,
    ])
      expect(out).toContain(`  ${file}\n`);
    expect(out).not.toContain(`  specs/${NAME}.yaml\n`); // the spec was there: no skeleton over it
    expect(readFileSync(join(work, `specs/${NAME}.yaml`), "utf8")).toBe(readFileSync(fixture, "utf8"));
    const registry = readFileSync(join(work, "packages/auth/src/providers/all.ts"), "utf8");
    expect(registry).toContain(`  "${NAME}": import("./${NAME}.js").then((m) => m.acmePay),\n});`);
    const auth = JSON.parse(readFileSync(join(work, "packages/auth/package.json"), "utf8"));
    expect(auth.exports[`./${NAME}`]).toEqual({
      types: `./dist/providers/${NAME}.d.ts`,
      default: `./dist/providers/${NAME}.js`,
    });
    expect(auth.peerDependenciesMeta[`@finoauth/${NAME}`]).toEqual({ optional: true });

    const again = await run(work, "pnpm", ["--silent", "new-provider", NAME]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/new-provider: "acme-pay" is taken: packages\/acme-pay exists.*; nothing written/);
    expect(readFileSync(join(work, "packages/auth/src/providers/all.ts"), "utf8")).toBe(registry);
  });

  it("with the quirks filled in: pnpm generate writes the client and its Postman files; builds and type-checks pass", async () => {
    fillQuirks(join(work, `packages/auth/src/providers/${NAME}.ts`));
    await ok(work, "pnpm", ["install", "--offline", "--no-frozen-lockfile", "--reporter=silent"]);
    await ok(work, "pnpm", ["generate"]);
    for (const file of ["postman_collection", "mock.postman_environment", "live.postman_environment"])
      expect(existsSync(join(work, `postman/${NAME}.${file}.json`)), file).toBe(true);
    await ok(work, "pnpm", ["--filter", `@finoauth/${NAME}`, "--filter", "@finoauth/auth", "build"]);
    await ok(work, "pnpm", [
      "--filter",
      `@finoauth/${NAME}`,
      "--filter",
      "@finoauth/auth",
      "--filter",
      "@finoauth/cli",
      "typecheck",
    ]);
    await ok(work, "pnpm", ["generate", "--check"]);
  });

  it("the provider works through @finoauth/auth/all against Prism: a token, and its own code read as RFC 6749's", async () => {
    mock = await startMock(join(work, `specs/${NAME}.yaml`), { timeoutMs: 180_000 });
    const script = `
      import { createProvider } from "./dist/providers/all.js";
      const prefer = (value) => async (request) => { request.headers.set("prefer", value); return fetch(request); };
      const options = { clientId: "acme-client-1", clientSecret: "acme-demo-secret", baseUrl: ${JSON.stringify(mock.url)} };
      const token = await createProvider("${NAME}", { ...options, fetch: prefer("code=200, example=issued") }).clientCredentials({ scopes: ["payments.read"] });
      const error = await createProvider("${NAME}", { ...options, fetch: prefer("code=401, example=unknownClient") }).clientCredentials().catch((e) => e);
      console.log(JSON.stringify({ token: [token.accessToken, token.tokenType, token.scopes], error: [error.kind, error.code, error.providerCode, error.message] }));`;
    const out = await ok(join(work, "packages/auth"), process.execPath, ["--input-type=module", "-e", script]);
    expect(JSON.parse(out)).toEqual({
      token: ["acme-at-0123456789", "Bearer", ["payments.read"]],
      error: ["provider", "invalid_client", "ACME-401-CLIENT", expect.stringContaining("Unknown client")],
    });
  });

  it("its contract test and its Postman collection (newman) run against Prism; the secret sweep runs its flows", async () => {
    // The runs below use only the new spec's mock; the other specs get a URL that is never called (their
    // tests are filtered out with -t), so that the Postman check's global setup does not start their mocks.
    const others = Object.fromEntries(
      readdirSync(join(work, "specs"))
        .filter((file) => file.endsWith(".yaml"))
        .map((file) => [file.slice(0, -".yaml".length), "http://127.0.0.1:9/not-called"]),
    );
    const env = { FINOAUTH_MOCK_URLS: JSON.stringify({ ...others, [NAME]: mock!.url }) };
    const vitest = (dir: string, ...args: string[]) =>
      ok(join(work, dir), join(work, dir, "node_modules/.bin/vitest"), ["run", "--reporter=verbose", ...args], env);

    const contract = await vitest(`packages/${NAME}`);
    expect(contract).toMatch(/✓ .*issueToken.*401.*unknownClient/);
    expect(contract).toMatch(/✓ .*issueToken.*200.*issued/);
    const postman = await vitest("tools/postman-check", "-t", NAME);
    expect(postman).toMatch(
      /✓ .*postman\/acme-pay\.postman_collection\.json > runs with newman against the Prism mock/,
    );
    const sweep = await vitest("packages/auth", "test/secrets.test.ts", "-t", `${NAME}: `);
    expect(sweep).toMatch(/✓ .*acme-pay: success/);
    expect(sweep).toMatch(/✓ .*acme-pay: error echoing the request/);
  });
});
