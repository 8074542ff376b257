// `finoauth demo` (`pnpm demo`): every flow of every provider through @finoauth/auth, against Prism mocks of
// the specs, in one table. The mock answers the documented example each step asks for (Prism's `Prefer`
// header, added by a wrapping fetch) and validates every request against the spec. With the generic
// provider, its FAPI 2.0 flows run against a real FAPI 2.0 server too (demo-fapi.ts).
import type { AnyDefinition } from "@finoauth/auth";
import { oauth2 } from "@finoauth/auth/oauth2";
import type { Mocks } from "@finoauth/mock";
import { type CommandSpec, oneOf, parseCommand } from "./args.js";
import { FAPI_PROVIDER, type LoadFapi, runFapi } from "./demo-fapi.js";
import { runProvider } from "./demo-flows.js";
import { PrismFetch, type Row, Run, type ViolationReader } from "./demo-run.js";
import { CliError, EXIT_FAILURE, EXIT_OK } from "./errors.js";
import { type LoadMock, loadMock } from "./load-mock.js";
import { type Io, progress, table } from "./output.js";
import { definitionOf, PROVIDER_NAMES } from "./registry.js";
import { jsonText, safe } from "./terminal.js";

export { FAPI_PROVIDER, type LoadFapi, runFapi } from "./demo-fapi.js";
export { runProvider } from "./demo-flows.js";
export { PrismFetch, type Row, Run, type ViolationReader } from "./demo-run.js";

export const demoCommand: CommandSpec = {
  name: "demo",
  synopsis: "[--provider <provider>]… [options]",
  summary:
    "Starts Prism mocks of the specs, runs every flow each provider of the registry offers through @finoauth/auth (authorization URL, callback and code exchange, a denied consent, client credentials, password, refresh with rotation, multi-step flows such as 2FA, revoke), with the inputs its definition gives, prints one table and stops the mocks. With the generic provider (oauth2), its FAPI 2.0 flows also run against a real FAPI 2.0 server started in-process (@finoauth/mock/fapi: PAR, private_key_jwt, DPoP, mutual TLS; login and consent clicked through). A provider the demo cannot drive is a failing row.",
  options: {
    provider: { type: "string", multiple: true, value: "<provider>", help: "run only this provider (default: all)" },
    json: { type: "boolean", help: "print the rows as JSON" },
    help: { type: "boolean", short: "h", help: "show this help" },
  },
  details: [
    "Exit code 0 when every flow worked, 1 when one failed. Tokens are masked: they are the specs' examples, or the FAPI server's (made for the run, never printed whole).",
    `The FAPI 2.0 rows (provider "${FAPI_PROVIDER}"): PAR + authorization URL, consent + code exchange (private_key_jwt, DPoP-bound token), userinfo with a DPoP proof, refresh keeping the binding, revoke, and a mutual-TLS code exchange (certificate-bound token).`,
  ],
  examples: [
    "finoauth demo",
    "finoauth demo --provider finapi",
    "finoauth demo --provider oauth2",
    "pnpm demo -- --provider synapsefi",
  ],
};

/**
 * Runs every provider's flows in parallel, each against its mock (`urls`, by provider), reading Prism's
 * violations with `reader`; the rows in the providers' order. A provider without a mock is a failing row, never left out.
 */
export async function runAll(
  definitions: readonly AnyDefinition[],
  urls: Readonly<Record<string, string>>,
  reader: ViolationReader,
): Promise<Row[]> {
  const runs = definitions.map((definition) => new Run(definition.id, new PrismFetch(reader)));
  await Promise.all(
    runs.map(async (run, index) => {
      const url = urls[run.provider];
      if (url) return runProvider(run, definitions[index]!, url);
      const error = `no spec to mock: specs/${run.provider}.yaml is not among @finoauth/mock's specs`;
      run.rows.push({
        provider: run.provider,
        flow: "mock",
        ok: false,
        result: "FAILED",
        expiry: "",
        token: "",
        ms: 0,
        error,
      });
    }),
  );
  return runs.flatMap((run) => run.rows);
}

/**
 * The demo's table, the failures in full and a summary line. Notes and errors may quote a provider's answer:
 * the cells are escaped by {@link table}, the error lines by {@link safe}.
 */
export function renderRows(rows: readonly Row[], names: readonly string[]): string {
  const failed = rows.filter((row) => !row.ok);
  const fapi = rows.some((row) => row.provider === FAPI_PROVIDER) ? " and a FAPI 2.0 server" : "";
  return [
    `finoauth demo: ${rows.length} flows of ${names.length} provider${names.length === 1 ? "" : "s"} through @finoauth/auth, against Prism mocks of their specs${fapi}`,
    "",
    table(
      ["provider", "flow", "result", "expiry", "token", "ms"],
      rows.map((row) => [row.provider, row.flow, row.result, row.expiry, row.token, String(row.ms)]),
      [5],
    ),
    "",
    ...failed.filter((row) => row.error).map((row) => safe(`${row.provider} ${row.flow}: ${row.error}`)),
    failed.length === 0 ? `All ${rows.length} flows worked.` : `${failed.length} of ${rows.length} flows failed.`,
  ].join("\n");
}

/** The rows with the FAPI rows placed right after the generic provider's own (at the end when it has none). */
function withFapi(rows: readonly Row[], fapi: readonly Row[]): Row[] {
  const at = rows.map((row) => row.provider).lastIndexOf(oauth2.id) + 1 || rows.length;
  return [...rows.slice(0, at), ...fapi, ...rows.slice(at)];
}

/**
 * `finoauth demo`: starts the mocks, runs every flow of the chosen providers, prints one table; exit 1 when a
 * flow failed. `load` loads @finoauth/mock, `loadFapi` its FAPI server (run when the generic provider is chosen).
 */
export async function demo(args: readonly string[], io: Io, load?: LoadMock, loadFapi?: LoadFapi): Promise<number> {
  const parsed = parseCommand(demoCommand, args);
  if (parsed.positionals.length > 0) {
    throw new CliError(
      `unexpected argument "${parsed.positionals[0]}": choose providers with --provider <name>. Run finoauth demo --help`,
      2,
    );
  }
  const chosen = (parsed.values.provider as string[] | undefined) ?? PROVIDER_NAMES;
  for (const name of chosen) oneOf("provider", name, PROVIDER_NAMES);
  const names = [...new Set(chosen)];
  const mockModule = await loadMock("demo", load);
  // A provider without a spec to mock is not dropped: it is a failing row.
  const specs = mockModule.availableSpecs();
  const mockable = names.filter((name) => specs.includes(name));

  let mocks: Mocks | undefined;
  // Ctrl-C while the demo runs: stop the mocks, then end as interrupted.
  const onSignal = () => {
    void (mocks?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
  const line = progress(io, `Starting ${mockable.length} Prism mock${mockable.length === 1 ? "" : "s"}…`);
  try {
    try {
      mocks = await mockModule.startMocks(mockable);
    } catch (error) {
      throw new CliError(
        `could not start the mocks: ${error instanceof Error ? error.message : String(error)}. Try finoauth mock --verbose`,
      );
    }
    line.update(`Running the flows of ${names.join(", ")}…`);
    const [prism, fapi] = await Promise.all([
      runAll(names.map(definitionOf), mocks.urls, mockModule),
      names.includes(oauth2.id) ? runFapi(loadFapi) : [],
    ]);
    const rows = withFapi(prism, fapi);
    line.stop();
    const failed = rows.filter((row) => !row.ok);
    if (parsed.values.json) {
      io.out(jsonText(rows));
    } else {
      io.out(renderRows(rows, names));
    }
    return failed.length === 0 ? EXIT_OK : EXIT_FAILURE;
  } finally {
    line.stop();
    await mocks?.stop();
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
  }
}
