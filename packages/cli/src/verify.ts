// `finoauth verify <provider> --upstream <base-url>`: runs the provider's unattended flows through
// `prism proxy <spec> <upstream> --errors` in front of the real server, and reports every request and answer
// that breaks the spec. The flows, their flags and environment variables come from the provider's definition.
import { checkUrl, FinoauthError, TokenSet, type AnyDefinition, type FlowName } from "@finoauth/auth";
import { envName, envPrefix, parseDuration, type CommandSpec, type OptionSpec } from "./args.js";
import { checkApplicable, flowParams, providerOptions, providerView, setUp, type Context } from "./commands.js";
import { CliError, EXIT_FAILURE, EXIT_OK, usage } from "./errors.js";
import { hintsOf } from "./hints/index.js";
import { toCliError } from "./failure.js";
import { progress, type Io } from "./output.js";
import type { Mock, MockOptions } from "@finoauth/mock";
import { loadMock, type LoadMock } from "./load-mock.js";
import { buildProvider, canRevoke, DEFINITIONS, fieldValue, offers, refreshVia, sendsScopes, viaFlow, type Flows } from "./registry.js";
import { inspectExchange, passed, renderReport, reportJson, verdictOf, type Exchange, type FlowReport, type VerifyReport } from "./verify-report.js";

/** A running `prism proxy`: what verify reads of `@finoauth/mock`'s {@link Mock}, its URL and how to stop it. */
export type Proxy = Pick<Mock, "url" | "stop">;

/**
 * Starts `prism proxy <spec> <upstream> --errors` for a spec (by name: `finapi` for its `specs/finapi.yaml`):
 * `@finoauth/mock`'s `startMock(spec, { upstream })`, or a test's stand-in.
 */
export type StartProxy = (spec: string, options: MockOptions & { upstream: string }) => Promise<Proxy>;

const idsOf = (test: (definition: AnyDefinition) => boolean) => DEFINITIONS.filter(test).map((definition) => definition.id);
const first = DEFINITIONS.find((definition) => offers(definition, "password"))?.id ?? DEFINITIONS[0]?.id ?? "provider";

/** The flows verify runs, in order, with their CLI labels. */
const FLOWS: readonly { flow: FlowName; label: string }[] = [
  { flow: "exchangeCode", label: "authorization code" },
  { flow: "clientCredentials", label: "client credentials" },
  { flow: "password", label: "password" },
  { flow: "refresh", label: "refresh" },
  { flow: "revoke", label: "revoke" },
];

/** Options that only some providers' flows use: given for another provider, they are refused. */
const only = (flow: FlowName): readonly string[] => idsOf((definition) => offers(definition, flow));

/** `finoauth verify`'s options (the provider flags of every flow it runs), help and examples. */
export const verifyCommand: CommandSpec = {
  name: "verify",
  synopsis: "<provider> --upstream <base-url> [options]",
  summary:
    "Runs the provider's flows that need no browser (client credentials, password, refresh, revoke; the authorization code only with --code) through `prism proxy` in front of the real server, and reports every request and answer that breaks the provider's spec: a table, or JSON. For a scheduled CI job against a sandbox.",
  options: {
    upstream: { type: "string", value: "<base-url>", help: "the real server, e.g. a sandbox: https://sandbox.finapi.io (https, or http on loopback)", env: true },
    username: { type: "string", value: "<name>", help: "the user's name, for the password flow (else it is skipped)", env: true, providers: only("password") },
    password: { type: "string", value: "<password>", help: "the user's password, for the password flow", env: true, secret: true, providers: only("password") },
    "refresh-token": {
      type: "string",
      value: "<token>",
      help: "a refresh token for the refresh flow (else one this run obtained, else the flow is skipped); a provider that rotates refresh tokens uses it up",
      env: true,
      secret: true,
      providers: only("refresh"),
    },
    code: { type: "string", value: "<code>", help: "an authorization code from the redirect: runs the authorization-code exchange (else it is skipped: it needs a browser)", env: true, secret: true, providers: only("exchangeCode") },
    "code-verifier": { type: "string", value: "<verifier>", help: "the PKCE verifier that `finoauth authorize-url` printed, with --code", env: true, secret: true, providers: only("exchangeCode") },
    "redirect-uri": { type: "string", value: "<uri>", help: "the redirect URI of the authorization request, with --code", env: true, providers: only("exchangeCode") },
    scope: { type: "string", multiple: true, value: "<scope>", help: "a scope to ask for", providers: idsOf((d) => (["clientCredentials", "password", "refresh"] as const).some((flow) => sendsScopes(d, flow))) },
    ...providerOptions(["exchangeCode", "clientCredentials", "password", "refresh", "revoke"]),
    "client-id": { type: "string", value: "<id>", help: "the client id", env: true },
    "client-secret": { type: "string", value: "<secret>", help: "the client secret", env: true, secret: true },
    timeout: { type: "string", value: "<duration>", help: "per-request timeout: 10, 10s or 500ms (default 10s)" },
    json: { type: "boolean", help: "print the report as JSON" },
    help: { type: "boolean", short: "h", help: "show this help" },
  },
  details: [
    `Credentials come from the environment (or stdin), as in CI: FINOAUTH_<PROVIDER>_CLIENT_ID, _CLIENT_SECRET, _USERNAME, _PASSWORD, _REFRESH_TOKEN, _CODE, _CODE_VERIFIER, _UPSTREAM and the provider's own options, e.g. ${envPrefix(first)}CLIENT_ID and ${envPrefix(first)}CLIENT_SECRET (provider in upper snake case). A flag wins over its variable.`,
    "A flow whose inputs are missing is listed as skipped. Revoke only ever revokes a token this run obtained, never one you gave it.",
    "Each exchange is checked by Prism (5.14.2) against the provider's spec: a request that breaks it is not forwarded (Prism answers 422); an answer that breaks it is reported (sl-violations) and replaced by Prism's 500 problem; an answer with a status the spec does not document is reported too.",
    "Violations name a JSON pointer into the exchange: /response/body/access_token, /response/status, /response/headers/content-type, /request/body/… . Secrets are never printed.",
    "Exit codes: 0 every flow that ran conforms; 1 a request or answer breaks the spec, or a flow failed (unreachable, refused: it verified nothing); 2 bad usage, or no flow could run.",
  ],
  examples: [
    "FINOAUTH_FINAPI_CLIENT_ID=… FINOAUTH_FINAPI_CLIENT_SECRET=… finoauth verify finapi --upstream https://sandbox.finapi.io",
    "finoauth verify finapi --upstream https://sandbox.finapi.io --username alice --password-stdin --json < password.txt",
    "finoauth verify oauth2 --upstream https://auth.example.com --client-auth client_secret_post",
  ],
  providerView: providerView("verify"),
};

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
  const failure = toCliError(error, { provider: ctx.definition.displayName, baseUrl, envPrefix: envPrefix(ctx.definition.id), command: "verify" });
  return error instanceof FinoauthError && error.kind === "provider" ? `the answers conform, but ${failure.message}` : failure.message;
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

/** `finoauth verify <provider> --upstream <url>`: the report, and exit 0 (all conform), 1 (a violation or failure) or 2. */
export async function verify(args: readonly string[], io: Io, deps: VerifyDeps = {}): Promise<number> {
  const ctx = await setUp(verifyCommand, args, io);
  if (!ctx) return EXIT_OK;
  const { definition, read } = ctx;
  checkApplicable(verifyCommand, ctx.parsed, definition);
  const upstream = read("upstream");
  if (upstream === undefined) throw usage(`verify needs the real server: pass --upstream <base-url> (or set ${envPrefix(definition.id)}UPSTREAM), e.g. a sandbox`);
  try {
    checkUrl("--upstream", upstream, definition.id);
  } catch (error) {
    throw usage(error instanceof FinoauthError ? (error.description ?? "--upstream is not a usable URL") : String(error));
  }
  const timeout = read("timeout");
  if (timeout !== undefined) parseDuration(timeout, "--timeout");
  const spec = definition.id;

  const recorder = new Recorder();
  const secrets = givenSecrets(ctx);
  // Every flow's provider is built before Prism starts, so that a missing or invalid option is a usage error (exit 2) that costs nothing.
  const buildFor = (flow: string, baseUrl: string): Flows => {
    const viaRead = (flag: string) => (flag === "base-url" ? baseUrl : read(flag));
    try {
      return buildProvider(definition, ctx.parsed, viaRead, { flow, fetch: recorder.fetch, retry: { retries: 0 } }).flows;
    } catch (error) {
      throw toCliError(error, { provider: definition.displayName, envPrefix: envPrefix(definition.id), command: "verify" });
    }
  };
  const plan = FLOWS.filter(({ flow }) => offers(definition, flow));
  for (const { flow } of plan) buildFor(refreshVia(definition) && flow === "refresh" ? refreshVia(definition)!.flow : flow, "http://127.0.0.1:9");
  // What can run: the code exchange with a code, the password flow with a user, refresh with a refresh token
  // (given, or from one of those), revoke with any token of this run.
  const skipOf: Partial<Record<FlowName, string | undefined>> = {
    exchangeCode: ctx.read("code") === undefined ? "needs a browser: pass --code (and --code-verifier, --redirect-uri) from a finoauth authorize-url consent" : undefined,
    password: missing(ctx, ["username", "password"], "needs a user"),
  };
  const runs = (flow: FlowName) => offers(definition, flow) && skipOf[flow] === undefined;
  const userToken = runs("exchangeCode") || runs("password");
  if (offers(definition, "refresh") && read("refresh-token") === undefined && !userToken) {
    skipOf.refresh = `needs a refresh token: pass --refresh-token (or ${envPrefix(definition.id)}REFRESH_TOKEN), or what the password flow needs`;
  }
  const onlyRefresh = hintsOf(definition).revokes?.length === 1 && hintsOf(definition).revokes?.[0] === "refresh_token";
  if (canRevoke(definition) && !(onlyRefresh ? userToken || runs("refresh") : userToken || runs("refresh") || runs("clientCredentials"))) {
    skipOf.revoke = `no flow of this run obtains a ${onlyRefresh ? "refresh " : ""}token to revoke (verify never revokes a token it was given)`;
  }
  if (plan.every(({ flow }) => skipOf[flow] !== undefined)) {
    throw usage(`nothing to verify for ${definition.displayName}: ${plan.map(({ label, flow }) => `${label} ${skipOf[flow]}`).join("; ")}`);
  }

  // Prism comes with @finoauth/mock, an optional peer: loaded only now, with a one-line hint when it is missing.
  let start = deps.startProxy;
  if (!start) {
    const mock = await loadMock("verify", deps.load);
    if (!mock.availableSpecs().includes(spec)) throw new CliError(`no spec for ${definition.displayName} (specs/${spec}.yaml) in @finoauth/mock: update it to the version of @finoauth/cli`);
    start = (name, options) => mock.startMock(name, options);
  }
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
    const report: VerifyReport = { provider: definition.id, spec: `specs/${spec}.yaml`, upstream, flows: [] };
    const tokens: Partial<Record<FlowName, TokenSet>> = {};
    const scopes = (ctx.parsed.values.scope as string[] | undefined)?.flatMap((scope) => scope.split(/\s+/)).filter(Boolean);

    /** Runs one flow, recording its exchanges and verdict. */
    const runFlow = async (label: string, work: () => Promise<string>): Promise<void> => {
      line.update(`${definition.displayName}: ${label}…`);
      recorder.exchanges = [];
      recorder.failure = undefined;
      let completed = false;
      let note: string | undefined;
      try {
        note = await work();
        completed = true;
      } catch (error) {
        note = recorder.failure ?? failureOf(ctx, error, baseUrl);
      }
      const exchanges = recorder.exchanges;
      const verdict = verdictOf(exchanges, completed && recorder.failure === undefined);
      // A flow that broke the spec needs no note: its violations say why it did not complete.
      report.flows.push({ flow: label, verdict, ...(verdict === "violates" && !completed ? {} : { note }), exchanges });
    };
    const skip = (label: string, because: string) => report.flows.push({ flow: label, verdict: "skipped", note: because, exchanges: [] } satisfies FlowReport);
    const got = (flow: FlowName, token: TokenSet) => {
      tokens[flow] = token;
      secrets.push(token.accessToken, token.refreshToken);
      return `token${token.refreshToken ? " and refresh token" : ""}`;
    };

    for (const { flow, label } of plan) {
      const because = skipOf[flow];
      if (because !== undefined) {
        skip(label, because);
        continue;
      }
      const via = flow === "refresh" ? refreshVia(definition) : undefined;
      const flows = buildFor(via?.flow ?? flow, baseUrl);
      switch (flow) {
        case "exchangeCode":
          await runFlow(label, async () => got(flow, await flows.exchangeCode!({ ...(await flowParams(ctx, flows, baseUrl, flow)), code: read("code")!, redirectUri: read("redirect-uri"), codeVerifier: read("code-verifier") })));
          break;
        case "clientCredentials":
          await runFlow(label, async () => got(flow, await flows.clientCredentials!({ ...(await flowParams(ctx, flows, baseUrl, flow)), scopes })));
          break;
        case "password":
          await runFlow(label, async () => got(flow, await flows.password!({ ...(await flowParams(ctx, flows, baseUrl, flow)), username: read("username")!, password: read("password")!, scopes })));
          break;
        case "refresh": {
          const given = read("refresh-token");
          const earlier = tokens.password?.refreshToken ?? tokens.exchangeCode?.refreshToken;
          const refreshToken = given ?? earlier;
          if (refreshToken === undefined) {
            skip(via?.label ?? label, "the flows before it obtained no refresh token");
            break;
          }
          const from = given === undefined ? " (the refresh token of an earlier flow)" : "";
          if (via) {
            await runFlow(via.label ?? via.flow, async () => {
              const params: Record<string, unknown> = { refreshToken, scopes };
              for (const [key, info] of Object.entries(via.params)) {
                const value = fieldValue(read, definition, { key, info, kind: "refreshVia", flow: "refresh" }, via.flow, ctx.envAllowed(info.flag));
                if (value !== undefined) params[key] = value;
              }
              const step = await viaFlow(flows, via.flow)(params);
              if (step.token instanceof TokenSet) return got(flow, step.token) + from;
              return `${step.status.replace(/_/g, " ")}${from}`;
            });
          } else {
            await runFlow(label, async () => got(flow, await flows.refresh!({ ...(await flowParams(ctx, flows, baseUrl, flow)), refreshToken, scopes })) + from);
          }
          break;
        }
        case "revoke": {
          const user = tokens.refresh ?? tokens.password ?? tokens.exchangeCode;
          const target = onlyRefresh ? (user?.refreshToken ?? tokens.clientCredentials?.refreshToken) : (user ?? tokens.clientCredentials)?.accessToken;
          if (target === undefined) {
            skip(label, `the flows before it obtained no ${onlyRefresh ? "refresh " : ""}token to revoke (verify never revokes a token it was given)`);
            break;
          }
          await runFlow(label, async () => {
            const params = await flowParams(ctx, flows, baseUrl, flow);
            await flows.revoke!({ ...params, token: target, tokenTypeHint: onlyRefresh ? undefined : "access_token" });
            return `${onlyRefresh ? "refresh" : "access"} token of this run revoked`;
          });
          break;
        }
        default:
          break;
      }
    }
    line.stop();
    io.out(ctx.json ? reportJson(report, secrets) : renderReport(report, secrets));
    return passed(report) ? EXIT_OK : EXIT_FAILURE;
  } finally {
    line.stop();
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
    await proxy?.stop();
  }
}

