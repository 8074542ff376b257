// `finoauth verify <provider> --upstream <base-url>`: runs the provider's unattended flows through
// `prism proxy <spec> <upstream> --errors` in front of the real server, and reports every request and answer
// that breaks the spec. The flows, their flags and environment variables come from the provider's definition;
// what runs is in verify-steps.ts, the run and its report in verification.ts.
import { checkUrl, FinoauthError } from "@finoauth/auth";
import type { Mock, MockOptions } from "@finoauth/mock";
import { envPrefix, type OptionSpec, parseDuration } from "./args.js";
import { type Context, setUp } from "./context.js";
import { CliError, EXIT_FAILURE, EXIT_OK, usage } from "./errors.js";
import { toCliError } from "./failure.js";
import { type WalkFlow, walkFlows } from "./flow-walk.js";
import { type LoadMock, loadMock } from "./load-mock.js";
import { type Io, progress } from "./output.js";
import { checkApplicable } from "./provider-options.js";
import { buildProvider, type Flows, offers, refreshVia } from "./registry.js";
import { Recorder, Verification } from "./verification.js";
import { LABELS, verifyCommand } from "./verify-command.js";
import { passed, renderReport, reportJson } from "./verify-report.js";
import { skipsOf, verifySteps } from "./verify-steps.js";

/** A running `prism proxy`: what verify reads of `@finoauth/mock`'s {@link Mock}, its URL and how to stop it. */
export type Proxy = Pick<Mock, "url" | "stop">;

/**
 * Starts `prism proxy <spec> <upstream> --errors` for a spec (by name: `finapi` for its `specs/finapi.yaml`):
 * `@finoauth/mock`'s `startMock(spec, { upstream })`, or a test's stand-in.
 */
export type StartProxy = (spec: string, options: MockOptions & { upstream: string }) => Promise<Proxy>;

export { verifyCommand };

/** What {@link verify} may be given besides its arguments (tests give a proxy that is already running). */
export interface VerifyDeps {
  startProxy?: StartProxy;
  /** How @finoauth/mock is loaded when no `startProxy` is given (tests: one that fails as a missing package does). */
  load?: LoadMock;
}

/** The values of every secret flag given (to scrub from the report), and the tokens the run obtained are added as they come. */
function givenSecrets(ctx: Context): (string | undefined)[] {
  return Object.entries(verifyCommand.options)
    .filter(([, spec]: [string, OptionSpec]) => spec.secret)
    .map(([flag]) => ctx.read(flag));
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
