// The engine's one call path: send within a timeout, classify the answer, retry within one deadline. Every
// provider's flows use it, and so do calls made before a provider exists (discovery), through an Engine.
import { type Answer, type AnswerContext, classify, malformed, providerError, readToken } from "./classify.js";
import type { Engine, ProviderRequest } from "./definition.js";
import { type Fetch, honoursSignal } from "./light-request.js";
import { scrub } from "./redact.js";
import { type RetryPolicy, withRetry } from "./retry.js";
import { traceRequest } from "./telemetry/request-trace.js";
import { Telemetry } from "./telemetry/telemetry.js";
import type { ErrorFlow, ErrorShape, TokenShape } from "./token-shape.js";
import { type CallOptions, type ProviderResponse, send } from "./transport.js";

/** What the call path needs to know of a provider and its options. */
export interface CallSettings {
  provider: string;
  token: TokenShape;
  errors: ErrorShape;
  requestIdHeader?: string | undefined;
  /** The fetch the caller gave (it decides whether the transport honours an AbortSignal itself). */
  fetch?: Fetch | undefined;
  /** Per request. */
  timeoutMs: number;
  /** The whole call, retries included. Default: `timeoutMs` × (retries + 1). */
  deadlineMs?: number | undefined;
  retry: RetryPolicy;
  /** The provider's own secrets (a request adds its own): scrubbed from every error. */
  secrets: readonly (string | undefined)[];
  now: () => number;
  /** Runs before each send: a check that throws `invalid_options` (a missing client secret). */
  beforeSend?: (() => void) | undefined;
  /** Where each request's span, metrics and event go. Default: nowhere. */
  telemetry?: Telemetry | undefined;
}

/** The call path of one provider. */
export interface Caller {
  /**
   * Sends once within `ms` and classifies the answer (an error answer rejects); `flow` picks the error
   * shape's status codes; `resendCount` is the attempt's number (0 first), for telemetry.
   */
  once(
    request: ProviderRequest,
    call: CallOptions | undefined,
    ms: number,
    flow?: ErrorFlow,
    resendCount?: number,
  ): Promise<Answer>;
  /**
   * Runs `attempt` within the call's deadline, retried when `retrySafe` (each attempt gets its timeout as
   * `ms`, and its number, 0 first).
   */
  run<T>(
    call: CallOptions | undefined,
    retrySafe: boolean,
    attempt: (ms: number, resendCount: number) => Promise<T>,
  ): Promise<T>;
  /** The {@link Engine} a definition's extensions (and discovery) call through. */
  engine<Client, Options>(client: Client, options: Options): Engine<Client, Options>;
}

/** Builds the call path from `settings`. */
export function createCaller(settings: CallSettings): Caller {
  const { provider, timeoutMs, retry } = settings;
  const lightTransport = honoursSignal(settings.fetch);
  // Set once the definition's client refuses a LightSignal (see send): real AbortSignals from then on.
  let realSignal = false;
  const onLightSignalRefused = () => {
    realSignal = true;
  };
  const deadlineOf = (call: CallOptions | undefined, attemptMs: number) =>
    call?.deadlineMs ?? settings.deadlineMs ?? attemptMs * (retry.retries + 1);

  const telemetry = settings.telemetry ?? Telemetry.off;

  const once = async (
    request: ProviderRequest,
    call: CallOptions | undefined,
    ms: number,
    flow?: ErrorFlow,
    resendCount = 0,
  ): Promise<Answer> => {
    settings.beforeSend?.();
    // Read after sending too: a request may add a secret it made while sending (a fresh client assertion).
    const secretsNow = () => (request.secrets ? [...settings.secrets, ...request.secrets] : settings.secrets);
    // An attempt clearly shorter than the per-request timeout was cut by the call's deadline: say which limit
    // it hit (a few ms less is only the time spent since the deadline was set, not a cut).
    const attemptMs = call?.timeoutMs ?? timeoutMs;
    const limit =
      ms < attemptMs - Math.max(10, attemptMs / 100)
        ? `the call's deadline (${deadlineOf(call, attemptMs)} ms, retries included)`
        : undefined;
    // Awaited only the first time (the API's one dynamic import): an `await` of nothing still costs a turn.
    const loading = telemetry.enabled ? telemetry.ready() : undefined;
    if (loading) await loading;
    const trace = traceRequest(telemetry, { provider, flow: request.flow ?? flow ?? "call", resendCount });
    let response: ProviderResponse | undefined;
    try {
      response = await send(request.send, {
        provider,
        timeoutMs: ms,
        limit,
        signal: call?.signal,
        get secrets() {
          return secretsNow();
        },
        honoursSignal: lightTransport,
        // The global fetch (no fetch option of the user's) takes a LightSignal too.
        lightSignal: settings.fetch === undefined,
        realSignal,
        onLightSignalRefused,
        onRequest: trace?.seen,
      });
      const secrets = secretsNow();
      const { token, errors, requestIdHeader } = settings;
      const context: AnswerContext = { provider, token, errors, requestIdHeader, secrets, now: settings.now(), flow };
      const answer = classify(response, context);
      trace?.end(response, undefined, requestIdOf(response, requestIdHeader, secrets));
      return answer;
    } catch (error) {
      trace?.end(response, error, response && requestIdOf(response, settings.requestIdHeader, secretsNow()));
      throw error;
    }
  };

  /** One deadline for the whole call, retries and waits included; each attempt within it gets `timeoutMs`. */
  const bounds = (call: CallOptions | undefined) => {
    const attemptMs = call?.timeoutMs ?? timeoutMs;
    return { signal: call?.signal, deadline: performance.now() + deadlineOf(call, attemptMs), attemptMs };
  };
  const run = <T>(
    call: CallOptions | undefined,
    retrySafe: boolean,
    attempt: (ms: number, resendCount: number) => Promise<T>,
  ): Promise<T> => {
    let resendCount = 0;
    return withRetry(retrySafe ? retry : { ...retry, retries: 0 }, bounds(call), (ms) => attempt(ms, resendCount++));
  };
  return { once, run, engine: (client, options) => engineOf({ once, run, bounds, retry }, client, options) };
}

/** What {@link engineOf} builds an Engine from: a caller's parts. */
interface EngineParts {
  once: Caller["once"];
  run: Caller["run"];
  bounds(call: CallOptions | undefined): Parameters<typeof withRetry>[1];
  retry: RetryPolicy;
}

/** The Engine a definition's extensions (and discovery) call through, over a caller's parts. */
function engineOf<Client, Options>(parts: EngineParts, client: Client, options: Options): Engine<Client, Options> {
  const { once, run, bounds, retry } = parts;
  /** The attempt number of a call object `engine.retry` made, for a definition's `engine.call` inside it. */
  const resends = new WeakMap<CallOptions, number>();
  return {
    client,
    options,
    call: (request, call) =>
      run(call, false, (ms) => once(request, call, ms, undefined, (call && resends.get(call)) ?? 0)),
    token: readToken,
    malformed,
    error: (answer) => providerError(answer.response, answer.context),
    retry: (call, attempt) => {
      let resendCount = 0;
      return withRetry(retry, bounds(call), (ms) => {
        const each = { ...call, timeoutMs: ms, deadlineMs: ms };
        resends.set(each, resendCount++);
        return attempt(each);
      });
    },
  };
}

/** The request id the provider echoed, scrubbed of the call's secrets (a hostile server may echo one back). */
function requestIdOf(
  response: ProviderResponse,
  header: string | undefined,
  secrets: readonly (string | undefined)[],
): string | undefined {
  const id = header === undefined ? undefined : (response.headers.get(header) ?? undefined);
  return id === undefined ? undefined : scrub(id, secrets);
}
