// Renders the files of one package's src/generated/ from its spec. Pure: same spec in, same text out.
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadSpecFile, requestMediaTypesOf } from "@finoauth/spec";
import openapiTS, { astToString } from "openapi-typescript";
import { headerLine, provenanceOf } from "./provenance.mjs";

const generatorDir = fileURLToPath(new URL(".", import.meta.url));

/** UPPER_SNAKE form of a PascalCase or camelCase name: FinancialCents -> FINANCIAL_CENTS, OAuth2 -> OAUTH2. */
export function upperSnake(name) {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1_$2")
    .toUpperCase();
}

/** The prefix of a package's exported constants: its spec's name in UPPER_SNAKE (financial-cents -> FINANCIAL_CENTS). */
export function constantPrefix(target) {
  return target.spec.replace(/-/g, "_").toUpperCase();
}

/** The servers of a spec, in order, each with the constant name the client exports for it. */
export function serversOf(document, target) {
  const servers = document.servers ?? [];
  if (servers.length === 0) throw new Error(`specs/${target.spec}.yaml: no servers`);
  return servers.map((server, index) => {
    const name = server["x-name"];
    if (typeof name !== "string" || !/^[a-z][A-Za-z0-9]*$/.test(name)) {
      throw new Error(`specs/${target.spec}.yaml: servers[${index}] needs a camelCase "x-name"`);
    }
    return {
      name,
      url: server.url,
      description: server.description ?? name,
      constant: `${constantPrefix(target)}_${upperSnake(name)}_URL`,
    };
  });
}

function renderClient(document, target, header) {
  const servers = serversOf(document, target);
  const prefix = constantPrefix(target);
  const title = document.info?.title ?? target.clientName;
  const [defaultServer] = servers;
  const lines = [
    header,
    `import { createSpecClient, type SpecClient, type SpecClientOptions } from "@finoauth/runtime";`,
    `import type { paths } from "./schema.js";`,
    ``,
    ...servers.flatMap((server) => [
      `/** ${server.description}: \`${server.url}\`. */`,
      `export const ${server.constant} = ${JSON.stringify(server.url)};`,
    ]),
    ``,
    `/** Every server the spec documents, by name. The first, \`${defaultServer.name}\`, is the default. */`,
    `export const ${prefix}_SERVERS = {`,
    ...servers.map((server) => `  ${server.name}: ${server.constant},`),
    `} as const;`,
    ``,
    `/** The request media type of each operation, as the spec declares it. */`,
    `const requestMediaTypes: Readonly<Record<string, string>> = ${JSON.stringify(requestMediaTypesOf(document), null, 2)};`,
    ``,
    `/** A typed ${title} client: openapi-fetch over the spec's \`paths\`. */`,
    `export type ${target.clientName}Client = SpecClient<paths>;`,
    ``,
    `/** Options of {@link create${target.clientName}Client}: openapi-fetch's client options; \`baseUrl\` defaults to \`${defaultServer.url}\`. */`,
    `export type ${target.clientName}ClientOptions = SpecClientOptions;`,
    ``,
    `/**`,
    ` * Creates a typed client for ${title}, generated from specs/${target.spec}.yaml.`,
    ` *`,
    ` * Request bodies are encoded in the media type the spec gives each operation (form fields or JSON)`,
    ` * unless the call sets its own Content-Type. Works wherever a global \`fetch\` exists, or with \`options.fetch\`.`,
    ` */`,
    `export function create${target.clientName}Client(options: ${target.clientName}ClientOptions = {}): ${target.clientName}Client {`,
    `  return createSpecClient<paths>({ ...options, baseUrl: options.baseUrl ?? ${defaultServer.constant} }, requestMediaTypes);`,
    `}`,
    ``,
  ];
  return lines.join("\n");
}

/** Renders `{ fileName: text }` for one target's src/generated/ (the client imports its runtime from @finoauth/runtime). */
export async function renderTarget(target) {
  const specText = await readFile(target.specFile, "utf8");
  const document = loadSpecFile(target.specFile);
  const header = headerLine(provenanceOf(target, specText, generatorDir));
  const ast = await openapiTS(pathToFileURL(target.specFile), { alphabetize: false });
  return {
    "schema.ts": `${header}\n${astToString(ast)}`,
    "client.ts": renderClient(document, target, header),
  };
}

/**
 * A generated package's turbo.json: its spec is an input of its `generate` and `test` tasks, so that an
 * edit to one spec regenerates and retests only that package (turbo hashes only a package's own files).
 */
export function renderTurboConfig(target) {
  const spec = `$TURBO_ROOT$/specs/${target.spec}.yaml`;
  const config = {
    extends: ["//"],
    tasks: {
      // The docs snapshot's sha256 is in the generation record: a new snapshot regenerates.
      generate: {
        inputs: [
          spec,
          `$TURBO_ROOT$/docs/${target.spec}/**`,
          "$TURBO_ROOT$/scripts/generate.mjs",
          "$TURBO_ROOT$/scripts/generator/**",
        ],
      },
      test: {
        inputs: [
          "src/**",
          "test/**",
          "package.json",
          "vitest.config.*",
          "$TURBO_ROOT$/vitest.shared.ts",
          "$TURBO_ROOT$/tools/testkit/src/**",
          spec,
        ],
      },
    },
  };
  return `// generated from package.json's "finoauth" block by \`pnpm generate\` — do not edit.\n${JSON.stringify(config, null, 2)}\n`;
}
