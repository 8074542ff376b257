// `finoauth demo` (`pnpm demo`): every flow of every provider through @finoauth/auth, against Prism mocks of
// the specs, in one table. The mock answers the documented example each step asks for (Prism's `Prefer`
// header, added by a wrapping fetch) and validates every request against the spec.
import { performance } from "node:perf_hooks";
import { createProvider, createTokenManager, FinoauthError, mask, MemoryTokenStore, type TokenSet } from "@finoauth/auth";
import { oneOf, parseCommand, type CommandSpec } from "./args.js";
import { CliError, EXIT_FAILURE, EXIT_OK } from "./errors.js";
import { progress, relative, table, type Io } from "./output.js";
import { availableSpecs, startMocks, type Mocks } from "./prism.js";
import { PROVIDER_NAMES } from "./providers.js";

export const demoCommand: CommandSpec = {
  name: "demo",
  synopsis: "[--provider <provider>]… [options]",
  summary:
    "Starts Prism mocks of the specs, runs every flow each provider offers through @finoauth/auth (authorization URL, callback and code exchange, client credentials, password, refresh with rotation, SynapseFI's 2FA, revoke), prints one table and stops the mocks.",
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

/** The mock of one provider: asks Prism for one documented answer per step, and collects its violations. */
class PrismFetch {
  prefer: string | undefined;
  violations: string[] = [];
  readonly fetch = async (request: Request): Promise<Response> => {
    const headers = new Headers(request.headers);
    if (this.prefer) headers.set("Prefer", this.prefer);
    const response = await fetch(new Request(request, { headers }));
    const found = response.headers.get("sl-violations");
    if (found) {
      try {
        for (const violation of JSON.parse(found) as { severity?: string; message?: string }[]) {
          if (violation.severity === "Error") this.violations.push(violation.message ?? "violation");
        }
      } catch {
        this.violations.push(found);
      }
    }
    return response;
  };
}

interface Outcome<T> {
  value: T;
  note?: string;
  token?: TokenSet;
}

/** Runs a provider's steps in order; a step whose input failed is recorded as skipped. */
class Run {
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
  return tokenOutcome(next, note);
}

const tokenOutcome = (token: TokenSet, note?: string): Outcome<TokenSet> => ({ value: token, token, note });

type Flow = (run: Run, baseUrl: string) => Promise<void>;

/** Each provider's flows, in the order a real integration runs them. */
const FLOWS: Record<string, Flow> = {
  async "financial-cents"(run, baseUrl) {
    const redirectUri = "https://app.example.com/callback";
    const provider = createProvider("financial-cents", { clientId: "7956", clientSecret: "demo-client-secret", redirectUri, baseUrl, fetch: run.mock.fetch });
    const started = await run.step("authorization URL", "code=302", async () => {
      const { url } = await provider.authorizationUrl({ prompt: "consent" });
      return { value: url, note: await openAuthorizationUrl(run.mock, url) };
    });
    if (!started) return ["callback + code exchange", "refresh"].forEach((flow) => run.skip(flow, "authorization URL"));
    const token = await run.step("callback + code exchange", "code=200, example=authorizationCode", async () =>
      tokenOutcome(await provider.handleCallback(callbackUrl(started, redirectUri, { code: CODE, state: new URL(started).searchParams.get("state")! }))),
    );
    if (!token?.refreshToken) return run.skip("refresh", "code exchange");
    await run.step("refresh", "code=200, example=refreshToken", () =>
      managedRefresh(run.provider, token, (current) => provider.refresh({ refreshToken: current.refreshToken! })),
    );
  },

  async finexer(run, baseUrl) {
    const redirectUri = "https://app.example.com/finexer/callback";
    const provider = createProvider("finexer", { clientId: "app_demo", clientSecret: "sk_demo_secret_api_key", redirectUri, baseUrl, fetch: run.mock.fetch });
    const scopes = ["customer_read", "customer_write"];
    const started = await run.step("authorization URL", "code=302", async () => {
      const { url } = await provider.authorizationUrl({ scopes });
      return { value: url, note: await openAuthorizationUrl(run.mock, url) };
    });
    const token = started
      ? await run.step("callback + code exchange", "code=200, example=success", async () => {
          const token = await provider.handleCallback(callbackUrl(started, redirectUri, { code: CODE, state: new URL(started).searchParams.get("state")! }));
          return tokenOutcome(token, token.extras.accountId ? `account ${token.extras.accountId}` : undefined);
        })
      : (run.skip("callback + code exchange", "authorization URL"), undefined);
    await run.step("callback: consent denied", undefined, async () => {
      const { url, state } = await provider.authorizationUrl({ scopes });
      try {
        await provider.handleCallback(callbackUrl(url, redirectUri, { error: "access_denied", state }));
      } catch (error) {
        if (error instanceof FinoauthError && error.kind === "callback" && error.code === "access_denied") return { value: true, note: "refused with access_denied" };
        throw error;
      }
      throw new Error("a denied consent was accepted");
    });
    if (!token?.refreshToken) return run.skip("revoke", "code exchange");
    await run.step("revoke", "code=204", async () => ({ value: await provider.revoke({ refreshToken: token.refreshToken! }), note: "refresh token revoked" }));
  },

  async fincalc(run, baseUrl) {
    const provider = createProvider("fincalc", {
      clientId: "12345",
      clientSecret: "bVc8ztJq3N92uUM4mRSoDkE6Wx5fnGhXlPaPyTg7",
      emailAddress: "hello@example.com",
      baseUrl,
      fetch: run.mock.fetch,
      retry: { retries: 0 },
    });
    await run.step("client credentials", "code=200, example=success", async () => tokenOutcome(await provider.clientCredentials({ scopes: ["api_scope"] })));
  },

  async finapi(run, baseUrl) {
    const provider = createProvider("finapi", { clientId: "clientId_example", clientSecret: "clientSecret_example", baseUrl, fetch: run.mock.fetch, retry: { retries: 0 } });
    const client = await run.step("client credentials", "code=200, example=clientToken", async () => tokenOutcome(await provider.clientCredentials()));
    const user = await run.step("password", "code=200, example=userToken", async () =>
      tokenOutcome(await provider.password({ username: "username_example", password: "password_example" })),
    );
    if (user?.refreshToken) {
      await run.step("refresh", "code=200, example=userToken", () =>
        managedRefresh(run.provider, user, (current) => provider.refresh({ refreshToken: current.refreshToken! })),
      );
    } else run.skip("refresh", "password");
    if (!client || !user) return run.skip("revoke", client ? "password" : "client credentials");
    await run.step("revoke", "code=200", async () => {
      const result = await provider.revoke({ token: user.accessToken, tokenTypeHint: "access_token", clientAccessToken: client.accessToken });
      return { value: result, note: `user token revoked${result.requestId ? `, request id ${result.requestId.slice(0, 8)}…` : ""}` };
    });
  },

  async synapsefi(run, baseUrl) {
    const userId = "594e0fa2838454002ea317a0";
    const refreshToken = "refresh_ehG7YBS8ZiD0sLa6PQHMUxryovVkJzElC5gWROXq";
    const provider = createProvider("synapsefi", {
      clientId: "589acd9ecb3cd400fa75ac06",
      clientSecret: "client_secret_demo",
      fingerprint: "e83cf6ddcf778e37bfe3d48fc78a6502",
      ipAddress: "203.0.113.7",
      userId,
      baseUrl,
      fetch: run.mock.fetch,
      retry: { retries: 0 },
    });
    const mfa = await run.step("2FA 1: refresh token", "code=202, example=mfaRequired", async () => {
      const result = await provider.oauthKey({ userId, refreshToken });
      if (result.status !== "mfa_required") throw new Error(`expected mfa_required, got ${result.status}`);
      return { value: result.phoneNumbers, note: `MFA required, ${result.phoneNumbers.length} phone numbers offered` };
    });
    const phoneNumber = mfa?.at(-1);
    const sent = phoneNumber
      ? await run.step("2FA 2: phone number", "code=202, example=pinSent", async () => {
          const result = await provider.oauthKey({ userId, refreshToken, phoneNumber });
          if (result.status !== "pin_sent") throw new Error(`expected pin_sent, got ${result.status}`);
          return { value: true, note: `pin sent to ${phoneNumber}` };
        })
      : (run.skip("2FA 2: phone number", "2FA 1"), undefined);
    const key = sent
      ? await run.step("2FA 3: pin -> OAuth key", "code=200, example=withoutScope", async () => {
          const result = await provider.oauthKey({ userId, refreshToken, validationPin: "123456" });
          if (result.status !== "ok") throw new Error(`expected an OAuth key, got ${result.status}`);
          return tokenOutcome(result.token, `${result.token.scopes.length} scopes`);
        })
      : (run.skip("2FA 3: pin -> OAuth key", "2FA 2"), undefined);
    await run.step("scoped OAuth key", "code=200, example=withScope", async () => {
      const scopes = ["NODES|POST", "NODES|GET", "NODE|GET", "TRANS|POST"];
      const result = await provider.oauthKey({ userId, refreshToken, scopes, oauthKey: key?.accessToken });
      if (result.status !== "ok") throw new Error(`expected an OAuth key, got ${result.status}`);
      return tokenOutcome(result.token, `scopes ${result.token.scopes.join(" ")}`);
    });
    if (!key?.refreshToken) return run.skip("refresh", "2FA 3");
    await run.step("refresh", "code=200, example=pageExample", async () => {
      const outcome = await managedRefresh(run.provider, key, (current) => provider.refresh({ refreshToken: current.refreshToken! }));
      const uses = outcome.value.extras.refreshUsesLeft;
      return { ...outcome, note: `${outcome.note}${uses === undefined ? "" : `, ${uses} uses left`}` };
    });
  },

  async oauth2(run, baseUrl) {
    const redirectUri = "https://client.example.com/cb";
    const provider = createProvider("oauth2", { clientId: "s6BhdRkqt3", clientSecret: "7Fjfp0ZBr1KtDRbnfVdmIw", redirectUri, baseUrl, fetch: run.mock.fetch, retry: { retries: 0 } });
    const started = await run.step("authorization URL", "code=302", async () => {
      const { url } = await provider.authorizationUrl({ scopes: ["read", "write"] });
      return { value: url, note: await openAuthorizationUrl(run.mock, url) };
    });
    const token = started
      ? await run.step("callback + code exchange", "code=200, example=withRefreshToken", async () =>
          tokenOutcome(await provider.handleCallback(callbackUrl(started, redirectUri, { code: CODE, state: new URL(started).searchParams.get("state")! }))),
        )
      : (run.skip("callback + code exchange", "authorization URL"), undefined);
    await run.step("client credentials", "code=200, example=clientCredentials", async () => tokenOutcome(await provider.clientCredentials({ scopes: ["read", "write"] })));
    await run.step("password", "code=200, example=withRefreshToken", async () => tokenOutcome(await provider.password({ username: "johndoe", password: "A3ddj3w" })));
    if (!token?.refreshToken) return ["refresh", "revoke"].forEach((flow) => run.skip(flow, "code exchange"));
    await run.step("refresh", "code=200, example=withRefreshToken", () =>
      managedRefresh(run.provider, token, (current) => provider.refresh({ refreshToken: current.refreshToken! })),
    );
    await run.step("revoke", "code=200", async () => ({ value: await provider.revoke({ token: token.accessToken, tokenTypeHint: "access_token" }), note: "access token revoked" }));
  },
};

export async function demo(args: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommand(demoCommand, args);
  if (parsed.positionals.length > 0) {
    throw new CliError(`unexpected argument "${parsed.positionals[0]}": choose providers with --provider <name>. Run finoauth demo --help`, 2);
  }
  const chosen = (parsed.values.provider as string[] | undefined) ?? PROVIDER_NAMES.filter((name) => name in FLOWS);
  for (const name of chosen) oneOf("provider", name, Object.keys(FLOWS));
  const names = [...new Set(chosen)];
  const missing = names.filter((name) => !availableSpecs().includes(name));
  if (missing.length > 0) throw new CliError(`no spec to mock for ${missing.join(", ")}. Rebuild @finoauth/cli (pnpm build) so that it ships the specs`);

  let mocks: Mocks | undefined;
  // Ctrl-C while the demo runs: stop the mocks, then end as interrupted.
  const onSignal = () => {
    void (mocks?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
  const line = progress(io, `Starting ${names.length} Prism mock${names.length === 1 ? "" : "s"}…`);
  try {
    try {
      mocks = await startMocks(names);
    } catch (error) {
      throw new CliError(`could not start the mocks: ${error instanceof Error ? error.message : String(error)}. Check that pnpm build ran, and try finoauth mock --verbose`);
    }
    line.update(`Running the flows of ${names.join(", ")}…`);
    const runs = names.map((name) => new Run(name, new PrismFetch()));
    await Promise.all(runs.map((run) => FLOWS[run.provider]!(run, mocks!.urls[run.provider]!)));
    line.stop();
    const rows = runs.flatMap((run) => run.rows);
    const failed = rows.filter((row) => !row.ok);
    if (parsed.values.json) {
      io.out(JSON.stringify(rows, null, 2));
    } else {
      io.out(
        [
          `finoauth demo: ${rows.length} flows of ${names.length} provider${names.length === 1 ? "" : "s"} through @finoauth/auth, against Prism mocks of their specs`,
          "",
          table(
            ["provider", "flow", "result", "expiry", "token", "ms"],
            rows.map((row) => [row.provider, row.flow, row.result, row.expiry, row.token, String(row.ms)]),
            [5],
          ),
          "",
          ...failed.filter((row) => row.error).map((row) => `${row.provider} ${row.flow}: ${row.error}`),
          failed.length === 0 ? `All ${rows.length} flows worked.` : `${failed.length} of ${rows.length} flows failed.`,
        ].join("\n"),
      );
    }
    return failed.length === 0 ? EXIT_OK : EXIT_FAILURE;
  } finally {
    line.stop();
    await mocks?.stop();
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
  }
}
