// The engine's one call path: send within a timeout, classify the answer, retry within one deadline. Every
// provider's flows use it, and so do calls made before a provider exists (discovery), through an Engine.
import { type Answer, type AnswerContext, classify, malformed, providerError, readToken } from "./classify.js";
import type { Engine, ProviderRequest } from "./definition.js";
import { type Fetch, honoursSignal } from "./light-request.js";
import { type RetryPolicy, withRetry } from "./retry.js";
import type { ErrorFlow, ErrorShape, TokenShape } from "./token-shape.js";
import { type CallOptions, send } from "./transport.js";

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
}

/** The call path of one provider. */
export interface Caller {
  /** Sends once within `ms` and classifies the answer (an error answer rejects); `flow` picks the error shape's status codes. */
  once(request: ProviderRequest, call: CallOptions | undefined, ms: number, flow?: ErrorFlow): Promise<Answer>;
  /** Runs `attempt` within the call's deadline, retried when `retrySafe` (each attempt gets its timeout as `ms`). */
  run<T>(call: CallOptions | undefined, retrySafe: boolean, attempt: (ms: number) => Promise<T>): Promise<T>;
  /** The {@link Engine} a definition's extensions (and discovery) call through. */
  engine<Client, Options>(client: Client, options: Options): Engine<Client, Options>;
}

/** Builds the call path from `settings`. */
export function createCaller(settings: CallSettings): Caller {
  const { provider, timeoutMs, retry } = settings;
  const lightTransport = honoursSignal(settings.fetch);
  const deadlineOf = (call: CallOptions | undefined, attemptMs: number) =>
    call?.deadlineMs ?? settings.deadlineMs ?? attemptMs * (retry.retries + 1);

  const once = async (
    request: ProviderRequest,
    call: CallOptions | undefined,
    ms: number,
    flow?: ErrorFlow,
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
    const response = await send(request.send, {
      provider,
      timeoutMs: ms,
      limit,
      signal: call?.signal,
      get secrets() {
        return secretsNow();
      },
      honoursSignal: lightTransport,
    });
    const secrets = secretsNow();
    const { token, errors, requestIdHeader } = settings;
    const context: AnswerContext = { provider, token, errors, requestIdHeader, secrets, now: settings.now(), flow };
    return classify(response, context);
  };

  /** One deadline for the whole call, retries and waits included; each attempt within it gets `timeoutMs`. */
  const bounds = (call: CallOptions | undefined) => {
    const attemptMs = call?.timeoutMs ?? timeoutMs;
    return { signal: call?.signal, deadline: performance.now() + deadlineOf(call, attemptMs), attemptMs };
  };
  const run = <T>(call: CallOptions | undefined, retrySafe: boolean, attempt: (ms: number) => Promise<T>): Promise<T> =>
    withRetry(retrySafe ? retry : { ...retry, retries: 0 }, bounds(call), attempt);

  return {
    once,
    run,
    engine: (client, options) => ({
      client,
      options,
      call: (request, call) => run(call, false, (ms) => once(request, call, ms)),
      token: readToken,
      malformed,
      error: (answer) => providerError(answer.response, answer.context),
      retry: (call, attempt) =>
        withRetry(retry, bounds(call), (ms) => attempt({ ...call, timeoutMs: ms, deadlineMs: ms })),
    }),
  };
}
