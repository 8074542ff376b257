// One `finoauth verify` run through the proxy: the recorder every request goes through, and the report each
// flow's exchanges and verdict go into.
import { FinoauthError, type TokenSet } from "@finoauth/auth";
import { envPrefix } from "./args.js";
import type { Context } from "./context.js";
import { CliError } from "./errors.js";
import { toCliError } from "./failure.js";
import { type Exchange, type FlowReport, inspectExchange, type VerifyReport, verdictOf } from "./verify-report.js";

/** Collects each exchange of the current flow: the fetch every request of the run goes through. */
export class Recorder {
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

/** One verify run through the proxy: each flow's exchanges and verdict go into the report. */
export class Verification {
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
