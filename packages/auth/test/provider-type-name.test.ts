// The type createProvider returns has a name, and the compiler's messages use it: calling a flow a provider
// does not offer says `… does not exist on type 'FinapiProvider'`, not a 400-character intersection.
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const here = fileURLToPath(new URL(".", import.meta.url));

/** Type-checks `code` as a file of this test directory, with the package's compiler options; its diagnostics as text. */
function diagnosticsOf(code: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    `${here}../tsconfig.json`,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  )!;
  const file = `${here}snippet.ts`;
  const host = ts.createCompilerHost(config.options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    name === file ? ts.createSourceFile(name, code, language) : read(name, language, ...rest);
  const program = ts.createProgram({ rootNames: [file], options: config.options, host });
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(file))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("the provider type has a name the compiler shows", () => {
  it("a flow the provider does not offer: the message names FinapiProvider (and Provider<N> by name alike) and is short", () => {
    const messages = diagnosticsOf(
      [
        `import { createProvider } from "../src/index.js";`,
        `import { createProvider as byName } from "../src/providers/all.js";`,
        `import { finapi } from "../src/providers/finapi.js";`,
        `import { finexer } from "../src/providers/finexer.js";`,
        `createProvider(finapi, { clientId: "x", clientSecret: "s" }).authorizationUrl();`,
        `byName("fincalc", { clientId: "x", clientSecret: "s", emailAddress: "a@example.com" }).refresh({ refreshToken: "r" });`,
        `createProvider(finexer, { clientId: "x" }).password({ username: "u", password: "p" });`,
      ].join("\n"),
    );
    expect(messages).toEqual([
      "Property 'authorizationUrl' does not exist on type 'FinapiProvider'.",
      "Property 'refresh' does not exist on type 'FincalcProvider'.",
      "Property 'password' does not exist on type 'FinexerProvider'.",
    ]);
  }, 120_000);
});
