// The files `pnpm new-provider <name>` writes, as text. Pure: names in, file contents out.

/**
 * The names a provider goes by, from its kebab-case name: `acme-pay` → camel `acmePay` (the adapter's
 * export), Pascal `AcmePay` (the client's `clientName`), prefix `ACME_PAY` (the client's constants).
 * @param {string} name
 * @param {string | undefined} [displayName] how people write it (default: the Pascal name)
 * @param {string} [serverName] the `x-name` of the spec's first server
 */
export function namesOf(name, displayName = undefined, serverName = "production") {
  const pascal = name
    .split("-")
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join("");
  return {
    name,
    camel: pascal[0].toLowerCase() + pascal.slice(1),
    pascal,
    prefix: name.replaceAll("-", "_").toUpperCase(),
    display: displayName ?? pascal,
    /** The client's constant for the spec's first server (the adapter's default base URL). */
    defaultUrl: `${name.replaceAll("-", "_").toUpperCase()}_${serverName.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}_URL`,
  };
}

/** @typedef {ReturnType<typeof namesOf>} Names */

/**
 * The client package's files, as ARCHITECTURE.md "Adding a provider" describes them (no src/generated,
 * no turbo.json, no postman/: `pnpm generate` writes those).
 * @param {Names} n
 * @param {{ operationId: string, method: string, path: string, body?: unknown }[]} calls one per operation of the spec
 */
export function clientPackageFiles(n, calls) {
  const manifest = {
    name: `@finoauth/${n.name}`,
    version: "0.1.0",
    description: `Typed OAuth client for ${n.display}, generated from an OpenAPI spec (openapi-typescript + openapi-fetch).`,
    keywords: ["oauth", "oauth2", "openapi", "fintech", n.name],
    license: "MIT",
    type: "module",
    sideEffects: false,
    repository: {
      type: "git",
      url: "git+https://github.com/finoauth/finoauth.git",
      directory: `packages/${n.name}`,
    },
    exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" }, "./package.json": "./package.json" },
    main: "./dist/index.js",
    types: "./dist/index.d.ts",
    files: ["dist", "!dist/**/*.map", "README.md"],
    engines: { node: ">=20" },
    finoauth: { spec: n.name, clientName: n.pascal },
    scripts: {
      generate: "node ../../scripts/generate.mjs .",
      build: `node -e "require('fs').rmSync('dist',{recursive:true,force:true})" && tsc -p tsconfig.build.json`,
      typecheck: "tsc -p tsconfig.json",
      test: "vitest run",
      "check:package": "publint --strict && attw --pack . --profile esm-only",
    },
    dependencies: { "@finoauth/runtime": "workspace:^" },
    devDependencies: {
      "@finoauth/testkit": "workspace:*",
      "@types/node": "^20.19.0",
      typescript: "~5.9.3",
      vitest: "3.2.7",
    },
  };
  return {
    "package.json": `${JSON.stringify(manifest, null, 2)}\n`,
    "tsconfig.json": `{ "extends": "../../tsconfig.check.json" }\n`,
    "tsconfig.build.json": `{ "extends": "../../tsconfig.build.json" }\n`,
    "vitest.config.ts": `import { withMocks } from "../../vitest.shared.js";\n\nexport default withMocks;\n`,
    "README.md": clientReadme(n),
    "src/index.ts": [
      "/**",
      ` * @finoauth/${n.name}: a typed client for ${n.display}'s OAuth endpoints, generated from specs/${n.name}.yaml.`,
      " * @packageDocumentation",
      " */",
      `export * from "./generated/client.js";`,
      `export type { components, operations, paths } from "./generated/schema.js";`,
      "",
    ].join("\n"),
    "test/contract.test.ts": contractTest(n, calls),
  };
}

/** @param {Names} n */
function clientReadme(n) {
  return `# @finoauth/${n.name}

A small typed client for ${n.display}'s OAuth endpoints, generated from
[\`specs/${n.name}.yaml\`](../../specs/${n.name}.yaml) with openapi-typescript and run by openapi-fetch.
Every path, parameter, body and response is typed from the spec. It has no Node-only code: it works
wherever a global \`fetch\` exists, or with the \`fetch\` you pass in.

\`\`\`sh
npm i @finoauth/${n.name}
\`\`\`

\`\`\`ts
import { create${n.pascal}Client } from "@finoauth/${n.name}";

const client = create${n.pascal}Client();
\`\`\`

With the token manager, normalised tokens and errors: \`@finoauth/auth/${n.name}\`.
`;
}

/**
 * The contract test: one typed call per operation, each sending the spec's first request example when it
 * has one (`describeContract` names the operations still missing, and Prism flags a request the spec refuses).
 * @param {Names} n
 * @param {{ operationId: string, method: string, path: string, body?: unknown }[]} calls
 */
function contractTest(n, calls) {
  const body = (call) =>
    call.body === undefined
      ? ""
      : `body: bodyOr(init, ${JSON.stringify(call.body, null, 2).replaceAll("\n", "\n        ")} as const), `;
  const lines = calls.map(
    (call) =>
      `    ${JSON.stringify(call.operationId)}: (api, init) =>\n` +
      `      api.${call.method}(${JSON.stringify(call.path)}, { ${body(call)}headers: init.headers }),`,
  );
  return `import { bodyOr, describeContract } from "@finoauth/testkit";
import { create${n.pascal}Client, ${n.defaultUrl}, type ${n.pascal}Client, type operations } from "../src/index.js";

// One typed call per operation of specs/${n.name}.yaml (the scaffold wrote one per operation; add params where
// an operation takes them).
describeContract<${n.pascal}Client, keyof operations>({
  spec: ${JSON.stringify(n.name)},
  createClient: create${n.pascal}Client,
  defaultBaseUrl: ${n.defaultUrl},
  calls: {
${lines.join("\n")}
  },
});
`;
}

/**
 * The adapter skeleton: an RFC 6749 client-credentials provider on the spec's token operation. The quirks
 * (token and error shape, the request body, more grants, options) are the parts marked `quirk:`.
 * @param {Names} n
 * @param {{ path: string }} tokenCall
 */
export function adapterFile(n, tokenCall) {
  return `import { create${n.pascal}Client, ${n.defaultUrl}, type ${n.pascal}Client } from "@finoauth/${n.name}";
import { type BaseOptions, defineProvider } from "../definition.js";
import { nameProvider, type ProviderFlows } from "../provider-flows.js";
import { compact, joinScopes } from "../request-parts.js";

/** Options of ${n.display}. quirk: its own options, each also listed in \`options\` (\`secret: true\` where one holds a secret). */
export type ${n.pascal}Options = BaseOptions;

const definition = defineProvider<${n.pascal}Client, ${n.pascal}Options>()({
  id: ${JSON.stringify(n.name)},
  displayName: ${JSON.stringify(n.display)},
  defaultBaseUrl: ${n.defaultUrl},
  requiresClientSecret: true,
  options: {},
  createClient: (clientOptions) => create${n.pascal}Client(clientOptions),
  // quirk: where the token answer puts its fields (RFC 6749 §5.1's names here).
  token: { accessToken: "access_token" },
  // quirk: where an error answer puts its codes and description; \`codes\` and \`byStatus\` map them to RFC 6749's.
  errors: { code: ["error"], providerCode: [], description: ["error_description"] },
  grants: {
    // quirk: one typed request builder per grant the provider offers, with the body its spec declares.
    client_credentials: (client, options, p) => {
      const body = compact({
        grant_type: "client_credentials" as const,
        client_id: options.clientId,
        client_secret: options.clientSecret!,
        scope: joinScopes(p.scopes, " "),
      });
      return { send: (init) => client.POST(${JSON.stringify(tokenCall.path)}, { ...init, body }) };
    },
  },
});

/** A ${n.display} provider, as \`createProvider(${n.camel}, …)\` returns it: the name compiler messages show. */
export interface ${n.pascal}Provider extends ProviderFlows<typeof definition> {}

/** ${n.display}: client credentials (scaffolded by \`pnpm new-provider\`; say here what is particular to it). */
export const ${n.camel} = nameProvider<${n.pascal}Provider>()(definition);
`;
}

/** The CLI's hints: the provider's own options read from flags (none yet), and what the demo sends. @param {Names} n */
export function hintsFile(n) {
  return `import type { ProviderHints } from "./types.js";

/** ${n.display}: no options of its own yet (each option of the definition needs its hint here). */
export const ${n.camel}Hints: ProviderHints<never> = {
  options: {},
};
`;
}

/** The changeset: the client's first release (1.0.0, see RELEASING.md), and the engine and CLI that now carry it. @param {Names} n */
export function changesetFile(n) {
  return `---
"@finoauth/${n.name}": major
"@finoauth/auth": minor
"@finoauth/cli": minor
---

New provider ${n.display}: \`@finoauth/${n.name}\`, a typed client generated from \`specs/${n.name}.yaml\` (first
released as 1.0.0), and its adapter \`@finoauth/auth/${n.name}\`, also in \`@finoauth/auth/all\` and the CLI.
`;
}

/** A spec skeleton (RFC 6749 client credentials), for when \`specs/<name>.yaml\` is not written yet. @param {Names} n */
export function specSkeleton(n) {
  return `openapi: 3.1.0
info:
  title: ${n.display} API — OAuth token
  version: 1.0.0
  description: |
    ${n.display}'s token endpoint. Skeleton written by \`pnpm new-provider\`: replace it with what the
    provider's documents say (specs/README.md), with a source for every doubt.
servers:
  - url: https://api.example.com
    description: ${n.display} API
    x-name: production
paths:
  /oauth/token:
    post:
      operationId: token
      summary: Obtain a token
      security: []
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [grant_type, client_id, client_secret]
              properties:
                grant_type: { type: string, enum: [client_credentials] }
                client_id: { type: string }
                client_secret: { type: string }
                scope: { type: string }
            examples:
              clientCredentials:
                value: { grant_type: client_credentials, client_id: demo-client, client_secret: demo-secret }
      responses:
        '200':
          description: The token.
          content:
            application/json:
              schema:
                type: object
                required: [access_token, token_type]
                properties:
                  access_token: { type: string }
                  token_type: { type: string }
                  expires_in: { type: integer }
              examples:
                success:
                  value: { access_token: demo-access-token, token_type: Bearer, expires_in: 3600 }
        '400':
          description: An RFC 6749 error.
          content:
            application/json:
              schema:
                type: object
                required: [error]
                properties:
                  error: { type: string }
                  error_description: { type: string }
              examples:
                invalidClient:
                  value: { error: invalid_client, error_description: Client authentication failed. }
`;
}
