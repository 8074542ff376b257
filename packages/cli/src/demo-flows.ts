// The demo's run of one provider's flows against the Prism mock of its spec: the walk shared with verify,
// each step with the inputs of the provider's demo hints and the documented answer it asks the mock for.
import {
  type AnyDefinition,
  type BaseOptions,
  createProvider,
  createTokenManager,
  FinoauthError,
  type FlowName,
  MemoryTokenStore,
  type TokenBinding,
  TokenSet,
} from "@finoauth/auth";
import type { Outcome, PrismFetch, Run } from "./demo-run.js";
import { refreshStart, revokeTarget, type WalkFlow, type WalkStep, walkFlows } from "./flow-walk.js";
import { hintsOf, type RefreshVia } from "./hints/index.js";
import { label } from "./output.js";
import { type Flows, fieldsOf, refreshVia, sendsScopes, type ViaStep, viaFlow } from "./registry.js";

/** `mfa_required` → `mfa required`. */
const words = (status: string) => status.replace(/_/g, " ");

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
  if (answer.status !== 302)
    throw new Error(`the mock answered HTTP ${answer.status} instead of the 302 to the consent page`);
  return ["302 to consent", new URL(url).searchParams.has("code_challenge") ? "PKCE S256" : undefined]
    .filter(Boolean)
    .join(", ");
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
 * With `binding` (a sender-constrained provider's `binding()`), the manager checks the stored token is bound to it.
 */
export async function managedRefresh(
  provider: string,
  token: TokenSet,
  refresh: (current: TokenSet) => Promise<TokenSet>,
  binding?: TokenBinding | Promise<TokenBinding> | undefined,
): Promise<Outcome<TokenSet>> {
  const store = new MemoryTokenStore();
  const key = `${provider}:demo-user`;
  const manager = createTokenManager({
    key,
    store,
    refresh,
    obtain: () => Promise.reject(new Error("no refresh token: the user must consent again")),
    binding,
  });
  await manager.set(token);
  const next = await manager.forceRefresh();
  const stored = await store.get(key);
  const kept = next.refreshToken ?? token.refreshToken;
  if (stored?.refreshToken !== kept)
    throw new Error("the token store does not hold the refresh token to use next time");
  const note =
    next.refreshToken === undefined
      ? "old refresh token kept"
      : next.refreshToken !== token.refreshToken
        ? "refresh token rotated, new one stored"
        : "same refresh token";
  return tokenOutcome(next, `${note}${counts(next)}`);
}

/** A step's outcome that shows `token` (masked) and its expiry. */
export const tokenOutcome = (token: TokenSet, note?: string): Outcome<TokenSet> => ({ value: token, token, note });

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
    else if (field.info.required === true)
      throw new Error(
        `the option ${field.key} (--${field.info.flag}) is required and its definition gives no example for the demo`,
      );
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
      params[step.param] =
        step.from === undefined ? via.params[step.param]?.example : Array.isArray(list) ? list.at(-1) : undefined;
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
      const note = [
        step.note ?? result.message ?? words(result.status),
        ...lists.map(([name, list]) => `${list.length} ${label(name)} offered`),
      ].join(", ");
      return { value: result, note };
    });
  }
  return key;
}

/** The demo's steps of each flow of the walk, with the mock's answer each asks for. */
function demoSteps(run: Run, provider: Flows, hints: Hints): Partial<Record<WalkFlow, WalkStep>> {
  const definition = hints.definition;
  return {
    exchangeCode: () => authorizeAndExchange(run, provider, hints),
    clientCredentials: async () => {
      const clientCredentials = provider.clientCredentials!;
      return run.step("client credentials", hints.prefer("clientCredentials"), async () =>
        tokenOutcome(await clientCredentials({ scopes: hints.scopes("clientCredentials") })),
      );
    },
    password: async () => {
      const password = provider.password!;
      const params = {
        username: hints.text("username", "demo-user")!,
        password: hints.text("password", "demo-password")!,
      };
      return run.step("password", hints.prefer("password"), async () => tokenOutcome(await password(params)));
    },
    refresh: async (tokens) => {
      const refresh = provider.refresh!;
      const via = refreshVia(definition);
      const start = via ? await walkVia(run, provider, hints, via) : refreshStart(tokens);
      if (start?.refreshToken) {
        return run.step("refresh", hints.prefer("refresh"), () =>
          managedRefresh(run.provider, start, (current) => refresh({ refreshToken: current.refreshToken! })),
        );
      }
      run.skip("refresh", via ? `the ${via.label ?? via.flow}` : "every flow that gives a refresh token");
      return undefined;
    },
    revoke: async (tokens) => {
      const revoke = provider.revoke!;
      const target = revokeTarget(definition, tokens);
      if (target === undefined) return run.skip("revoke", "every flow that gives a token to revoke");
      const params: Record<string, unknown> = {};
      for (const [key, info] of Object.entries(hintsOf(definition).params?.revoke ?? {})) {
        params[key] =
          info.example ?? (info.fallback === "clientCredentials" ? tokens.clientCredentials?.accessToken : undefined);
        if (params[key] === undefined) return run.skip("revoke", info.fallback ?? `--${info.flag}`);
      }
      await run.step("revoke", hints.prefer("revoke"), async () => {
        const result = await revoke({ ...params, token: target.token, tokenTypeHint: target.tokenTypeHint });
        return {
          value: result,
          note: `${target.kind} token revoked${result.requestId ? `, request id ${result.requestId.slice(0, 8)}…` : ""}`,
        };
      });
      return undefined;
    },
  };
}

/** The authorization URL (opened on the mock), the callback with its code exchanged, and a denied consent; the exchange's token. */
async function authorizeAndExchange(run: Run, provider: Flows, hints: Hints): Promise<TokenSet | undefined> {
  if (!provider.authorizationUrl || !provider.handleCallback) return undefined;
  const { authorizationUrl, handleCallback } = provider;
  const redirectUri = hints.text("redirectUri", "https://app.example.com/callback")!;
  const urlParams = { scopes: hints.scopes("authorizationUrl"), prompt: hints.text("prompt") };
  const started = await run.step("authorization URL", hints.prefer("authorizationUrl") ?? "code=302", async () => {
    const { url } = await authorizationUrl(urlParams);
    return { value: url, note: await openAuthorizationUrl(run.mock, url) };
  });
  const exchange = started
    ? await run.step("callback + code exchange", hints.prefer("exchangeCode"), async () => {
        const token = await handleCallback(
          callbackUrl(started, redirectUri, { code: CODE, state: new URL(started).searchParams.get("state")! }),
        );
        const first = Object.entries(token.extras).find(([, value]) => typeof value === "string");
        return tokenOutcome(token, first ? `${label(first[0])} ${String(first[1])}` : undefined);
      })
    : (run.skip("callback + code exchange", "authorization URL"), undefined);
  await run.step("callback: consent denied", undefined, async () => {
    const { url, state } = await authorizationUrl(urlParams);
    try {
      await handleCallback(callbackUrl(url, redirectUri, { error: "access_denied", state }));
    } catch (error) {
      if (error instanceof FinoauthError && error.kind === "callback" && error.code === "access_denied")
        return { value: true, note: "refused with access_denied" };
      throw error;
    }
    throw new Error("a denied consent was accepted");
  });
  return exchange;
}

/**
 * Runs every flow a provider's definition offers, in the walk's order (authorization URL, callback and code
 * exchange, a denied consent, client credentials, password, refresh (or the `refreshVia` walk, then
 * refresh), revoke). Inputs come from the provider's demo hints and its options' examples.
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
  await walkFlows(definition, demoSteps(run, flows, hints));
}
