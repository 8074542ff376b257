// One worker PROCESS of the multi-process tests (forked with tsx): a token manager over a RedisTokenStore
// (ioredis or node-redis, per WORKER_CLIENT) whose refresh calls the loopback token server. The parent
// drives it over IPC: each "round" sets this process's clock and starts `callers` concurrent
// getAccessToken() calls; the worker answers with the tokens and errors they got. "stall" makes the next
// refresh wait, after the manager took the lock and before the request is sent (a GC pause, a stalled
// network), until "resume"; the worker tells the parent when it starts stalling.
import { createTokenManager, FinoauthError, TokenSet } from "@finoauth/auth";
import { RedisTokenStore } from "../../src/index.js";
import { type ClientKind, connect } from "./clients.js";

export type ToWorker =
  | { type: "round"; round: number; now: number; callers: number }
  | { type: "stall" }
  | { type: "resume" }
  | { type: "exit" };
export type FromWorker =
  | { type: "ready" }
  | { type: "stalling" }
  | {
      type: "result";
      round: number;
      tokens: string[];
      errors: { message: string; retryable: boolean; kind?: string }[];
    };

const env = (name: string) =>
  process.env[name] ??
  (() => {
    throw new Error(`worker: ${name} is not set`);
  })();
const tokenUrl = env("WORKER_TOKEN_URL");
const clientId = env("WORKER_CLIENT_ID");
const clientSecret = env("WORKER_CLIENT_SECRET");
const send = (message: FromWorker) => process.send!(message);

let clock = Number(env("WORKER_NOW"));
let stall = false;
let resume: (() => void) | undefined;
const { client } = await connect(env("WORKER_CLIENT") as ClientKind, env("WORKER_REDIS_URL"));
const store = new RedisTokenStore({ client, prefix: env("WORKER_PREFIX") });

/** A refresh_token grant against the token server, as a provider adapter would send it. */
async function refresh(current: TokenSet): Promise<TokenSet> {
  if (stall) {
    stall = false;
    const resumed = new Promise<void>((resolve) => (resume = resolve));
    send({ type: "stalling" });
    await resumed;
  }
  const body = new URLSearchParams({
    grant_type: "refresh_token",
    refresh_token: current.refreshToken!,
    client_id: clientId,
    client_secret: clientSecret,
  });
  const response = await fetch(`${tokenUrl}/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) {
    const code = json.error === "invalid_grant" ? "invalid_grant" : undefined;
    throw new FinoauthError({
      kind: "provider",
      provider: "oauth2",
      status: response.status,
      code,
      description: String(json.error_description),
      retryable: response.status >= 500,
    });
  }
  return new TokenSet({
    provider: "oauth2",
    accessToken: String(json.access_token),
    tokenType: "Bearer",
    expiresAt: clock + Number(json.expires_in) * 1000,
    refreshToken: typeof json.refresh_token === "string" ? json.refresh_token : undefined,
    scopes: [],
    extras: {},
    obtainedAt: clock,
    raw: json,
  });
}

const tokens = createTokenManager({
  key: env("WORKER_KEY"),
  store,
  now: () => clock,
  obtain: async () => Promise.reject(new Error("obtain must not run: the grant has a refresh token")),
  refresh,
  lockTtlMs: Number(env("WORKER_LOCK_TTL_MS")),
});

process.on("message", (message: ToWorker) => {
  if (message.type === "exit") process.exit(0);
  if (message.type === "stall") stall = true;
  if (message.type === "resume") resume?.();
  if (message.type === "round") {
    clock = message.now;
    const calls = Array.from({ length: message.callers }, () => tokens.getAccessToken());
    void Promise.allSettled(calls).then((outcomes) => {
      const tokensGot = [...new Set(outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : [])))];
      const errors = outcomes.flatMap((o) =>
        o.status === "rejected"
          ? [
              {
                message: String((o.reason as Error)?.message ?? o.reason),
                retryable: (o.reason as FinoauthError)?.retryable === true,
                kind: (o.reason as FinoauthError)?.kind,
              },
            ]
          : [],
      );
      send({ type: "result", round: message.round, tokens: tokensGot, errors });
    });
  }
});
process.on("disconnect", () => process.exit(0)); // the parent went away: so do we
send({ type: "ready" });
