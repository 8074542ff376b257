// `finoauth demo` (`pnpm demo`): every flow of every provider through @finoauth/auth, against Prism mocks of
// the specs, in one table. The mock answers the documented example each step asks for (Prism's `Prefer`
// header, added by a wrapping fetch) and validates every request against the spec.
import { performance } from "node:perf_hooks";
import { createProvider, createTokenManager, FinoauthError, mask, MemoryTokenStore, TokenSet, type AnyDefinition, type BaseOptions, type FlowName } from "@finoauth/auth";
import { hintsOf, type RefreshVia } from "./hints/index.js";
import { oneOf, parseCommand, type CommandSpec } from "./args.js";
import { CliError, EXIT_FAILURE, EXIT_OK } from "./errors.js";
import type { Mocks } from "@finoauth/mock";
import { loadMock, type LoadMock, type MockModule } from "./load-mock.js";
import { label, progress, relative, table, type Io } from "./output.js";
import { jsonText, safe } from "./terminal.js";
import { definitionOf, fieldsOf, PROVIDER_NAMES, refreshVia, sendsScopes, viaFlow, type Flows, type ViaStep } from "./registry.js";

/** `mfa_required` → `mfa required`. */
const words = (status: string) => status.replace(/_/g, " ");

export const demoCommand: CommandSpec = {
  name: "demo",
  synopsis: "[--provider <provider>]… [options]",
  summary:
    "Starts Prism mocks of the specs, runs every flow each provider of the registry offers through @finoauth/auth (authorization URL, callback and code exchange, a denied consent, client credentials, password, refresh with rotation, multi-step flows such as 2FA, revoke), with the inputs its definition gives, prints one table and stops the mocks. A provider the demo cannot drive is a failing row.",
  options: {
    provider: { type: "string", multiple: true, value: "<provider>", help: "run only this provider (default: all)" },
    json: { type: "boolean", help: "print the rows as JSON" },
    help: { type: "boolean", short: "h", help: "show this help" },
  },
  details: ["Exit code 0 when every flow worked, 1 when one failed. Tokens are masked: they are the specs' examples."],
  examples: ["finoauth demo", "finoauth demo --provider finapi", "pnpm demo -- --provider synapsefi"],
};

/** One row of the table. */
export interface Row {
  provider: string;
  flow: string;
  ok: boolean;
  result: string;
  expiry: string;
  token: string;
  ms: number;
  /** Why a flow failed, in full. */
  error?: string;
}

/** How the demo reads Prism's verdict on a request: @finoauth/mock's one reading of `sl-violations`. */
export type ViolationReader = Pick<MockModule, "violationsOf" | "describeViolations">;

/**
 * The mock of one provider: asks Prism for one documented answer per step, and collects its violations
 * (every severity counts, as in the contract suite), one line each.
 */
export class PrismFetch {
  prefer: string | undefined;
  violations: string[] = [];
  constructor(private readonly reader: ViolationReader) {}
  readonly fetch = async (request: Request): Promise<Response> => {
    const headers = new Headers(request.headers);
    if (this.prefer) headers.set("Prefer", this.prefer);
    const response = await fetch(new Request(request, { headers }));
    const found = this.reader.violationsOf(response);
    if (found.length > 0) this.violations.push(...this.reader.describeViolations(found).split("\n"));
    return response;
  };
}

interface Outcome<T> {
  value: T;
  note?: string | undefined;
  token?: TokenSet | undefined;
}

/** Runs a provider's steps in order; a step whose input failed is recorded as skipped. */
export class Run {
  readonly rows: Row[] = [];
  constructor(
    readonly provider: string,
    readonly mock: PrismFetch,
  ) {}

  async step<T>(flow: string, prefer: string | undefined, work: () => Promise<Outcome<T>>): Promise<T | undefined> {
    this.mock.prefer = prefer;
    this.mock.violations = [];
    const start = performance.now();
    const row: Row = { provider: this.provider, flow, ok: false, result: "", expiry: "", token: "", ms: 0 };
    this.rows.push(row);
    try {
      const outcome = await work();
      row.ms = Math.round(performance.now() - start);
      if (this.mock.violations.length > 0) throw new Error(`the request breaks specs/${this.provider}.yaml: ${this.mock.violations[0]}`);
      row.ok = true;
      row.result = outcome.note ? `ok: ${outcome.note}` : "ok";
      if (outcome.token) {
        row.expiry = outcome.token.expiresAt === undefined ? "none stated" : relative(outcome.token.expiresAt - Date.now());
        row.token = mask(outcome.token.accessToken) ?? "";
      }
      return outcome.value;
    } catch (error) {
      row.ms = Math.round(performance.now() - start);
      row.result = "FAILED";
      row.error = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ");
      return undefined;
    }
  }

  skip(flow: string, because: string): void {
    this.rows.push({ provider: this.provider, flow, ok: false, result: `skipped: ${because} failed`, expiry: "", token: "", ms: 0 });
  }
}

const CODE = "demo-authorization-code";

/** The redirect back from the consent page, simulated: the state from the authorization URL, and a code. */
function callbackUrl(authorizationUrl: string, fallbackRedirect: string, query: Record<string, string>): string {
  const redirect = new URL(new URL(authorizationUrl).searchParams.get("redirect_uri") ?? fallbackRedirect);
  for (const [key, value] of Object.entries(query)) redirect.searchParams.set(key, value);
  return redirect.toString();
}

/** Opens the authorization URL on the mock: Prism checks its query and answers the 302 to the consent page. */
async function openAuthorizationUrl(mock: PrismFetch, url: string): Promise<string> {
  const answer = await mock.fetch(new Request(url, { redirect: "manual" }));
  await answer.body?.cancel();
  if (answer.status !== 302) throw new Error(`the mock answered HTTP ${answer.status} instead of the 302 to the consent page`);
  return ["302 to consent", new URL(url).searchParams.has("code_challenge") ? "PKCE S256" : undefined].filter(Boolean).join(", ");
}

/** The numeric extras of a token (uses left and the like), for a row's note: `, refresh uses left 9`. */
const counts = (token: TokenSet) =>
  Object.entries(token.extras)
    .filter(([, value]) => typeof value === "number")
    .map(([name, value]) => `, ${label(name)} ${value}`)
    .join("");

/**
 * A refresh as an application runs it: through a token manager, which stores a rotated refresh token
 * before it hands out the new access token. Checks the store holds the refresh token to use next time.
 */
async function managedRefresh(provider: string, token: TokenSet, refresh: (current: TokenSet) => Promise<TokenSet>): Promise<Outcome<TokenSet>> {
  const store = new MemoryTokenStore();
  const key = `${provider}:demo-user`;
  const manager = createTokenManager({
    key,
    store,
    refresh,
    obtain: () => Promise.reject(new Error("no refresh token: the user must consent again")),
  });
  await manager.set(token);
  const next = await manager.forceRefresh();
  const stored = await store.get(key);
  const kept = next.refreshToken ?? token.refreshToken;
  if (stored?.refreshToken !== kept) throw new Error("the token store does not hold the refresh token to use next time");
  const note = next.refreshToken === undefined ? "old refresh token kept" : next.refreshToken !== token.refreshToken ? "refresh token rotated, new one stored" : "same refresh token";
  return tokenOutcome(next, `${note}${counts(next)}`);
}

const tokenOutcome = (token: TokenSet, note?: string): Outcome<TokenSet> => ({ value: token, token, note });

/** What the demo knows of one provider: its definition's demo hints, read as values. */
class Hints {
  readonly values: Readonly<Record<string, string | readonly string[]>>;
  constructor(readonly definition: AnyDefinition) {
    this.values = hintsOf(definition).demo?.values ?? {};
  }
  text(name: string, fallback?: string): string | undefined {
    const value = this.values[name];
    return typeof value === "string" ? value : fallback;
  }
  /** The scopes to send with a flow, when the flow sends scopes. */
  scopes(flow: FlowName): string[] | undefined {
    const value = this.values.scopes;
    return Array.isArray(value) && sendsScopes(this.definition, flow) ? [...value] : undefined;
  }
  prefer(flow: FlowName): string | undefined {
    return hintsOf(this.definition).demo?.prefer?.[flow];
  }
}

/** The provider's options for the demo: the hints' values, and each option's `example` (parsed as its flag would be). */
function demoOptions(hints: Hints, baseUrl: string, fetch: PrismFetch["fetch"]): BaseOptions & Record<string, unknown> {
  const options: BaseOptions & Record<string, unknown> = {
    clientId: hints.text("clientId", "demo-client")!,
    clientSecret: hints.text("clientSecret", "demo-client-secret"),
    redirectUri: hints.text("redirectUri", "https://app.example.com/callback"),
    baseUrl,
    fetch,
    retry: { retries: 0 },
  };
  for (const field of fieldsOf(hints.definition, [])) {
    const example = field.info.example;
    if (example !== undefined) options[field.key] = field.info.parse ? field.info.parse(example) : example;
    else if (field.info.required === true) throw new Error(`the option ${field.key} (--${field.info.flag}) is required and its definition gives no example for the demo`);
  }
  return options;
}

/** The SynapseFI-style walk of a `refreshVia` flow, step by step as its demo hints say; returns the last key. */
async function walkVia(run: Run, flows: Flows, hints: Hints, via: RefreshVia): Promise<TokenSet | undefined> {
  const call = viaFlow(flows, via.flow);
  const base: Record<string, unknown> = { refreshToken: hints.text("refreshToken", "demo-refresh-token") };
  for (const [key, info] of Object.entries(via.params)) if (info.required === true) base[key] = info.example;
  const steps = hintsOf(hints.definition).demo?.steps ?? [{ label: via.label ?? via.flow, prefer: "", status: "ok" }];
  let previous: ViaStep | undefined;
  let key: TokenSet | undefined;
  for (const [index, step] of steps.entries()) {
    const params = { ...base };
    if (step.param !== undefined) {
      const list = step.from === undefined ? undefined : previous?.[step.from];
      params[step.param] = step.from === undefined ? via.params[step.param]?.example : Array.isArray(list) ? list.at(-1) : undefined;
      if (params[step.param] === undefined) {
        run.skip(step.label, steps[index - 1]?.label ?? "the previous step");
        previous = undefined;
        continue;
      }
    }
    if (step.scopes) params.scopes = [...step.scopes];
    if (step.withKey !== undefined && key) params[step.withKey] = key.accessToken;
    previous = await run.step(step.label, step.prefer || undefined, async () => {
      const result = await call(params);
      if (result.status !== step.status) throw new Error(`expected ${step.status}, got ${result.status}`);
      if (result.token instanceof TokenSet) {
        key = step.withKey === undefined ? result.token : key;
        return { value: result, token: result.token, note: `${result.token.scopes.length} scopes` };
      }
      const lists = Object.entries(result).filter((entry): entry is [string, unknown[]] => Array.isArray(entry[1]));
      const note = [step.note ?? result.message ?? words(result.status), ...lists.map(([name, list]) => `${list.length} ${label(name)} offered`)].join(", ");
      return { value: result, note };
    });
  }
  return key;
}

/**
 * Runs every flow a provider's definition offers, in the order an integration runs them: authorization URL,
 * callback and code exchange, a denied consent, client credentials, password, refresh (or the `refreshVia`
 * walk, then refresh), revoke. Inputs come from the definition's demo hints and its options' examples.
 */
export async function runProvider(run: Run, definition: AnyDefinition, baseUrl: string): Promise<void> {
  const hints = new Hints(definition);
  const tool: AnyDefinition & { readonly "~options"?: BaseOptions & Record<string, unknown> } = definition;
  let flows: Flows | undefined;
  await run.step("create the provider", undefined, async () => {
    flows = createProvider(tool, demoOptions(hints, baseUrl, run.mock.fetch));
    return { value: true, note: "from its definition's demo values" };
  });
  if (!flows) return;
  run.rows.pop(); // creating worked: it is no flow of its own
  const provider = flows;
  const redirectUri = hints.text("redirectUri", "https://app.example.com/callback")!;
  const tokens: { exchange?: TokenSet | undefined; clientCredentials?: TokenSet | undefined; password?: TokenSet | undefined } = {};

  if (provider.authorizationUrl && provider.handleCallback) {
    const { authorizationUrl, handleCallback } = provider;
    const urlParams = { scopes: hints.scopes("authorizationUrl"), prompt: hints.text("prompt") };
    const started = await run.step("authorization URL", hints.prefer("authorizationUrl") ?? "code=302", async () => {
      const { url } = await authorizationUrl(urlParams);
      return { value: url, note: await openAuthorizationUrl(run.mock, url) };
    });
    tokens.exchange = started
      ? await run.step("callback + code exchange", hints.prefer("exchangeCode"), async () => {
          const token = await handleCallback(callbackUrl(started, redirectUri, { code: CODE, state: new URL(started).searchParams.get("state")! }));
          const first = Object.entries(token.extras).find(([, value]) => typeof value === "string");
          return tokenOutcome(token, first ? `${label(first[0])} ${String(first[1])}` : undefined);
        })
      : (run.skip("callback + code exchange", "authorization URL"), undefined);
    await run.step("callback: consent denied", undefined, async () => {
      const { url, state } = await authorizationUrl(urlParams);
      try {
        await handleCallback(callbackUrl(url, redirectUri, { error: "access_denied", state }));
      } catch (error) {
        if (error instanceof FinoauthError && error.kind === "callback" && error.code === "access_denied") return { value: true, note: "refused with access_denied" };
        throw error;
      }
      throw new Error("a denied consent was accepted");
    });
  }
  if (provider.clientCredentials) {
    const clientCredentials = provider.clientCredentials;
    tokens.clientCredentials = await run.step("client credentials", hints.prefer("clientCredentials"), async () =>
      tokenOutcome(await clientCredentials({ scopes: hints.scopes("clientCredentials") })),
    );
  }
  if (provider.password) {
    const password = provider.password;
    const params = { username: hints.text("username", "demo-user")!, password: hints.text("password", "demo-password")! };
    tokens.password = await run.step("password", hints.prefer("password"), async () => tokenOutcome(await password(params)));
  }
  if (provider.refresh) {
    const refresh = provider.refresh;
    const via = refreshVia(definition);
    const start = via ? await walkVia(run, provider, hints, via) : (tokens.exchange ?? tokens.password ?? tokens.clientCredentials);
    if (start?.refreshToken) {
      await run.step("refresh", hints.prefer("refresh"), () => managedRefresh(run.provider, start, (current) => refresh({ refreshToken: current.refreshToken! })));
    } else run.skip("refresh", via ? `the ${via.label ?? via.flow}` : "every flow that gives a refresh token");
  }
  if (provider.revoke) {
    const revoke = provider.revoke;
    const onlyRefresh = hintsOf(definition).revokes?.length === 1 && hintsOf(definition).revokes?.[0] === "refresh_token";
    const user = tokens.password ?? tokens.exchange;
    const target = onlyRefresh ? tokens.exchange?.refreshToken ?? user?.refreshToken : user?.accessToken;
    if (target === undefined) return run.skip("revoke", "every flow that gives a token to revoke");
    const params: Record<string, unknown> = {};
    for (const [key, info] of Object.entries(hintsOf(definition).params?.revoke ?? {})) {
      params[key] = info.example ?? (info.fallback === "clientCredentials" ? tokens.clientCredentials?.accessToken : undefined);
      if (params[key] === undefined) return run.skip("revoke", info.fallback ?? `--${info.flag}`);
    }
    await run.step("revoke", hints.prefer("revoke"), async () => {
      const result = await revoke({ ...params, token: target, tokenTypeHint: onlyRefresh ? undefined : "access_token" });
      return { value: result, note: `${onlyRefresh ? "refresh" : "access"} token revoked${result.requestId ? `, request id ${result.requestId.slice(0, 8)}…` : ""}` };
    });
  }
}

/**
 * Runs every provider's flows in parallel, each against its mock (`urls`, by provider), reading Prism's
 * violations with `reader`; the rows in the providers' order. A provider without a mock is a failing row, never left out.
 */
export async function runAll(definitions: readonly AnyDefinition[], urls: Readonly<Record<string, string>>, reader: ViolationReader): Promise<Row[]> {
  const runs = definitions.map((definition) => new Run(definition.id, new PrismFetch(reader)));
  await Promise.all(
    runs.map(async (run, index) => {
      const url = urls[run.provider];
      if (url) return runProvider(run, definitions[index]!, url);
      const error = `no spec to mock: specs/${run.provider}.yaml is not among @finoauth/mock's specs`;
      run.rows.push({ provider: run.provider, flow: "mock", ok: false, result: "FAILED", expiry: "", token: "", ms: 0, error });
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
  return [
    `finoauth demo: ${rows.length} flows of ${names.length} provider${names.length === 1 ? "" : "s"} through @finoauth/auth, against Prism mocks of their specs`,
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

/**
 * `finoauth demo`: starts the mocks, runs every flow of the chosen providers, prints one table; exit 1 when a
 * flow failed. `load` loads @finoauth/mock.
 */
export async function demo(args: readonly string[], io: Io, load?: LoadMock): Promise<number> {
  const parsed = parseCommand(demoCommand, args);
  if (parsed.positionals.length > 0) {
    throw new CliError(`unexpected argument "${parsed.positionals[0]}": choose providers with --provider <name>. Run finoauth demo --help`, 2);
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
      throw new CliError(`could not start the mocks: ${error instanceof Error ? error.message : String(error)}. Try finoauth mock --verbose`);
    }
    line.update(`Running the flows of ${names.join(", ")}…`);
    const rows = await runAll(names.map(definitionOf), mocks.urls, mockModule);
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
