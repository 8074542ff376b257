// `finoauth verify <provider> --upstream <base-url>`: runs the provider's unattended flows through
// `prism proxy <spec> <upstream> --errors` in front of the real server, and reports every request and answer
// that breaks the spec. The flows, their flags and environment variables come from the provider's definition.
import { checkUrl, FinoauthError, TokenSet } from "@finoauth/auth";
import type { Mock, MockOptions } from "@finoauth/mock";
import { envName, envPrefix, type OptionSpec, parseDuration } from "./args.js";
import { checkApplicable } from "./command-specs.js";
import { type Context, flowParams, setUp } from "./context.js";
import { CliError, EXIT_FAILURE, EXIT_OK, usage } from "./errors.js";
import { toCliError } from "./failure.js";
import {
  refreshStart,
  revokesOnlyRefresh,
  revokeTarget,
  type WalkFlow,
  type WalkStep,
  walkFlows,
} from "./flow-walk.js";
import { type LoadMock, loadMock } from "./load-mock.js";
import { type Io, progress } from "./output.js";
import { buildProvider, canRevoke, type Flows, fieldValue, offers, refreshVia, viaFlow } from "./registry.js";
import { LABELS, verifyCommand } from "./verify-command.js";
import {
  type Exchange,
  type FlowReport,
  inspectExchange,
  passed,
  renderReport,
  reportJson,
  type VerifyReport,
  verdictOf,
} from "./verify-report.js";

/** A running `prism proxy`: what verify reads of `@finoauth/mock`'s {@link Mock}, its URL and how to stop it. */
export type Proxy = Pick<Mock, "url" | "stop">;

/**
 * Starts `prism proxy <spec> <upstream> --errors` for a spec (by name: `finapi` for its `specs/finapi.yaml`):
 * `@finoauth/mock`'s `startMock(spec, { upstream })`, or a test's stand-in.
 */
export type StartProxy = (spec: string, options: MockOptions & { upstream: string }) => Promise<Proxy>;

export { verifyCommand };

/** Collects each exchange of the current flow: the fetch every request of the run goes through. */
class Recorder {
  exchanges: Exchange[] = [];
  /** Why Prism could not get an answer from the upstream, for the current flow. */
  failure: string | undefined;
  /** The proxy's origin: a request elsewhere (an endpoint option that points away) would verify nothing, and is not sent. */
  origin: string | undefined;
  readonly fetch = async (request: Request): Promise<Response> => {
    const origin = new URL(request.url).origin;
    if (origin !== this.origin) {
      this.failure = `a request went to ${origin}, not through the proxy: verify checks only the spec's paths below --upstream (drop options that point endpoints elsewhere)`;
      throw new Error(this.failure);
    }
    const response = await fetch(request);
    const { failure, ...exchange } = await inspectExchange(request, response);
    this.exchanges.push(exchange);
    if (failure) this.failure = failure;
    return response;
  };
}

/** What {@link verify} may be given besides its arguments (tests give a proxy that is already running). */
export interface VerifyDeps {
  startProxy?: StartProxy;
  /** How @finoauth/mock is loaded when no `startProxy` is given (tests: one that fails as a missing package does). */
  load?: LoadMock;
}

/** A flow's one-line failure, as the CLI words errors (scrubbed later with the rest). */
const failureOf = (ctx: Context, error: unknown, baseUrl: string): string => {
  if (error instanceof CliError) return error.message;
  const failure = toCliError(error, {
    provider: ctx.definition.displayName,
    baseUrl,
    envPrefix: envPrefix(ctx.definition.id),
    command: "verify",
  });
  return error instanceof FinoauthError && error.kind === "provider"
    ? `the answers conform, but ${failure.message}`
    : failure.message;
};

/** The values of every secret flag given (to scrub from the report), and the tokens the run obtained are added as they come. */
function givenSecrets(ctx: Context): (string | undefined)[] {
  return Object.entries(verifyCommand.options)
    .filter(([, spec]: [string, OptionSpec]) => spec.secret)
    .map(([flag]) => ctx.read(flag));
}

/** What a flow needs that was not given, as a skip reason (undefined: it can run). */
function missing(ctx: Context, flags: readonly string[], why: string): string | undefined {
  const absent = flags.filter((flag) => ctx.read(flag) === undefined);
  if (absent.length === 0) return undefined;
  return `${why}: pass ${absent.map((flag) => `--${flag}`).join(" and ")} (or ${absent.map((flag) => `${envPrefix(ctx.definition.id)}${envName(flag)}`).join(" / ")})`;
}

/** Why each flow verify cannot run is skipped (undefined: it runs); a usage error when none can run. */
function skipsOf(ctx: Context): Partial<Record<WalkFlow, string>> {
  const { definition, read } = ctx;
  // What can run: the code exchange with a code, the password flow with a user, refresh with a refresh token
  // (given, or from one of those), revoke with any token of this run.
  const skipOf: Partial<Record<WalkFlow, string | undefined>> = {
    exchangeCode:
      read("code") === undefined
        ? "needs a browser: pass --code (and --code-verifier, --redirect-uri) from a finoauth authorize-url consent"
        : undefined,
    password: missing(ctx, ["username", "password"], "needs a user"),
  };
  const runs = (flow: WalkFlow) => offers(definition, flow) && skipOf[flow] === undefined;
  const userToken = runs("exchangeCode") || runs("password");
  if (offers(definition, "refresh") && read("refresh-token") === undefined && !userToken) {
    skipOf.refresh = `needs a refresh token: pass --refresh-token (or ${envPrefix(definition.id)}REFRESH_TOKEN), or what the password flow needs`;
  }
  const onlyRefresh = revokesOnlyRefresh(definition);
  if (
    canRevoke(definition) &&
    !(onlyRefresh ? userToken || runs("refresh") : userToken || runs("refresh") || runs("clientCredentials"))
  ) {
    skipOf.revoke = `no flow of this run obtains a ${onlyRefresh ? "refresh " : ""}token to revoke (verify never revokes a token it was given)`;
  }
  const plan = (Object.keys(LABELS) as WalkFlow[]).filter((flow) => offers(definition, flow));
  if (plan.every((flow) => skipOf[flow] !== undefined)) {
    throw usage(
      `nothing to verify for ${definition.displayName}: ${plan.map((flow) => `${LABELS[flow]} ${skipOf[flow]}`).join("; ")}`,
    );
  }
  return skipOf as Partial<Record<WalkFlow, string>>;
}

/** The real server from --upstream, checked; a bad one is a usage error. */
function upstreamOf(ctx: Context): string {
  const { definition, read } = ctx;
  const upstream = read("upstream");
  if (upstream === undefined)
    throw usage(
      `verify needs the real server: pass --upstream <base-url> (or set ${envPrefix(definition.id)}UPSTREAM), e.g. a sandbox`,
    );
  try {
    checkUrl("--upstream", upstream, definition.id);
  } catch (error) {
    throw usage(
      error instanceof FinoauthError ? (error.description ?? "--upstream is not a usable URL") : String(error),
    );
  }
  const timeout = read("timeout");
  if (timeout !== undefined) parseDuration(timeout, "--timeout");
  return upstream;
}

/** How the proxy is started: the test's, or `@finoauth/mock`'s (an optional peer, loaded only now, with a hint when missing). */
async function proxyStarter(ctx: Context, deps: VerifyDeps): Promise<StartProxy> {
  if (deps.startProxy) return deps.startProxy;
  const mock = await loadMock("verify", deps.load);
  const spec = ctx.definition.id;
  if (!mock.availableSpecs().includes(spec))
    throw new CliError(
      `no spec for ${ctx.definition.displayName} (specs/${spec}.yaml) in @finoauth/mock: update it to the version of @finoauth/cli`,
    );
  return (name, options) => mock.startMock(name, options);
}

/** One verify run through the proxy: each flow's exchanges and verdict go into the report. */
class Verification {
  readonly report: VerifyReport;
  readonly scopes: string[] | undefined;
  constructor(
    readonly ctx: Context,
    readonly recorder: Recorder,
    readonly secrets: (string | undefined)[],
    readonly baseUrl: string,
    readonly line: { update(text: string): void },
    upstream: string,
  ) {
    const id = ctx.definition.id;
    this.report = { provider: id, spec: `specs/${id}.yaml`, upstream, flows: [] };
    this.scopes = (ctx.parsed.values.scope as string[] | undefined)
      ?.flatMap((scope) => scope.split(/\s+/))
      .filter(Boolean);
  }

  /** Runs one flow, recording its exchanges and verdict. */
  async run(label: string, work: () => Promise<string>): Promise<void> {
    const { recorder } = this;
    this.line.update(`${this.ctx.definition.displayName}: ${label}…`);
    recorder.exchanges = [];
    recorder.failure = undefined;
    let completed = false;
    let note: string | undefined;
    try {
      note = await work();
      completed = true;
    } catch (error) {
      note = recorder.failure ?? failureOf(this.ctx, error, this.baseUrl);
    }
    const exchanges = recorder.exchanges;
    const verdict = verdictOf(exchanges, completed && recorder.failure === undefined);
    // A flow that broke the spec needs no note: its violations say why it did not complete.
    this.report.flows.push({
      flow: label,
      verdict,
      ...(verdict === "violates" && !completed ? {} : { note }),
      exchanges,
    });
  }

  skip(label: string, because: string): void {
    this.report.flows.push({ flow: label, verdict: "skipped", note: because, exchanges: [] } satisfies FlowReport);
  }

  /** Runs a flow that obtains a token: the token (its secrets scrubbed from the report), or undefined when it failed. */
  async obtain(label: string, get: () => Promise<TokenSet>, suffix = ""): Promise<TokenSet | undefined> {
    let token: TokenSet | undefined;
    await this.run(label, async () => {
      token = await get();
      this.secrets.push(token.accessToken, token.refreshToken);
      return `token${token.refreshToken ? " and refresh token" : ""}${suffix}`;
    });
    return token;
  }
}

/** Each flow of the walk as verify runs it: through the proxy, with the flags' values and the earlier flows' tokens. */
function verifySteps(
  v: Verification,
  skipOf: Partial<Record<WalkFlow, string>>,
  buildFor: (flow: string) => Flows,
): Partial<Record<WalkFlow, WalkStep>> {
  const { ctx, baseUrl, scopes } = v;
  const { definition, read } = ctx;
  const params = (flows: Flows, flow: WalkFlow) => flowParams(ctx, flows, baseUrl, flow);
  /** A flow's step: skipped when verify cannot run it, else `work` with the provider built for it. */
  const step =
    (flow: WalkFlow, work: (flows: Flows, tokens: Parameters<WalkStep>[0]) => ReturnType<WalkStep>): WalkStep =>
    async (tokens) => {
      const because = skipOf[flow];
      if (because !== undefined) return v.skip(LABELS[flow], because);
      const via = flow === "refresh" ? refreshVia(definition) : undefined;
      return work(buildFor(via?.flow ?? flow), tokens);
    };
  return {
    exchangeCode: step("exchangeCode", (flows) =>
      v.obtain(LABELS.exchangeCode, async () =>
        flows.exchangeCode!({
          ...(await params(flows, "exchangeCode")),
          code: read("code")!,
          redirectUri: read("redirect-uri"),
          codeVerifier: read("code-verifier"),
        }),
      ),
    ),
    clientCredentials: step("clientCredentials", (flows) =>
      v.obtain(LABELS.clientCredentials, async () =>
        flows.clientCredentials!({ ...(await params(flows, "clientCredentials")), scopes }),
      ),
    ),
    password: step("password", (flows) =>
      v.obtain(LABELS.password, async () =>
        flows.password!({
          ...(await params(flows, "password")),
          username: read("username")!,
          password: read("password")!,
          scopes,
        }),
      ),
    ),
    refresh: step("refresh", async (flows, tokens) => {
      const via = refreshVia(definition);
      const given = read("refresh-token");
      const refreshToken = given ?? refreshStart(tokens)?.refreshToken;
      if (refreshToken === undefined)
        return v.skip(via?.label ?? LABELS.refresh, "the flows before it obtained no refresh token");
      const from = given === undefined ? " (the refresh token of an earlier flow)" : "";
      if (!via)
        return v.obtain(
          LABELS.refresh,
          async () => flows.refresh!({ ...(await params(flows, "refresh")), refreshToken, scopes }),
          from,
        );
      let token: TokenSet | undefined;
      await v.run(via.label ?? via.flow, async () => {
        const viaParams: Record<string, unknown> = { refreshToken, scopes };
        for (const [key, info] of Object.entries(via.params)) {
          const value = fieldValue(
            read,
            definition,
            { key, info, kind: "refreshVia", flow: "refresh" },
            via.flow,
            ctx.envAllowed(info.flag),
          );
          if (value !== undefined) viaParams[key] = value;
        }
        const result = await viaFlow(flows, via.flow)(viaParams);
        if (!(result.token instanceof TokenSet)) return `${result.status.replace(/_/g, " ")}${from}`;
        token = result.token;
        v.secrets.push(token.accessToken, token.refreshToken);
        return `token${token.refreshToken ? " and refresh token" : ""}${from}`;
      });
      return token;
    }),
    revoke: step("revoke", async (flows, tokens) => {
      const target = revokeTarget(definition, tokens);
      const onlyRefresh = revokesOnlyRefresh(definition);
      if (!target)
        return v.skip(
          LABELS.revoke,
          `the flows before it obtained no ${onlyRefresh ? "refresh " : ""}token to revoke (verify never revokes a token it was given)`,
        );
      await v.run(LABELS.revoke, async () => {
        await flows.revoke!({
          ...(await params(flows, "revoke")),
          token: target.token,
          tokenTypeHint: target.tokenTypeHint,
        });
        return `${target.kind} token of this run revoked`;
      });
      return undefined;
    }),
  };
}

/** `finoauth verify <provider> --upstream <url>`: the report, and exit 0 (all conform), 1 (a violation or failure) or 2. */
export async function verify(args: readonly string[], io: Io, deps: VerifyDeps = {}): Promise<number> {
  const ctx = await setUp(verifyCommand, args, io);
  if (!ctx) return EXIT_OK;
  const { definition, read } = ctx;
  checkApplicable(verifyCommand, ctx.parsed, definition);
  const upstream = upstreamOf(ctx);
  const recorder = new Recorder();
  const secrets = givenSecrets(ctx);
  // Every flow's provider is built before Prism starts, so that a missing or invalid option is a usage error (exit 2) that costs nothing.
  const buildFor = (flow: string, baseUrl: string): Flows => {
    const viaRead = (flag: string) => (flag === "base-url" ? baseUrl : read(flag));
    try {
      return buildProvider(definition, ctx.parsed, viaRead, { flow, fetch: recorder.fetch, retry: { retries: 0 } })
        .flows;
    } catch (error) {
      throw toCliError(error, {
        provider: definition.displayName,
        envPrefix: envPrefix(definition.id),
        command: "verify",
      });
    }
  };
  for (const flow of Object.keys(LABELS) as WalkFlow[])
    if (offers(definition, flow))
      buildFor(
        refreshVia(definition) && flow === "refresh" ? refreshVia(definition)!.flow : flow,
        "http://127.0.0.1:9",
      );
  const skipOf = skipsOf(ctx);
  const start = await proxyStarter(ctx, deps);
  const spec = definition.id;
  const line = progress(io, `Starting prism proxy for specs/${spec}.yaml in front of ${upstream}…`);
  let proxy: Proxy | undefined;
  const onSignal = () => void (proxy?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
  try {
    try {
      proxy = await start(spec, { upstream });
    } catch (error) {
      throw new CliError(`could not start prism proxy: ${error instanceof Error ? error.message : String(error)}`);
    }
    const baseUrl = proxy.url;
    recorder.origin = new URL(baseUrl).origin;
    const v = new Verification(ctx, recorder, secrets, baseUrl, line, upstream);
    await walkFlows(
      definition,
      verifySteps(v, skipOf, (flow) => buildFor(flow, baseUrl)),
    );
    line.stop();
    io.out(ctx.json ? reportJson(v.report, secrets) : renderReport(v.report, secrets));
    return passed(v.report) ? EXIT_OK : EXIT_FAILURE;
  } finally {
    line.stop();
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
    await proxy?.stop();
  }
}
