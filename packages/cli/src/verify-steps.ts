// What `finoauth verify` runs of the flow walk: which flows it skips (and why), and each flow's step through
// the proxy, with the flags' values and the earlier flows' tokens.
import { TokenSet } from "@finoauth/auth";
import { envName, envPrefix } from "./args.js";
import { type Context, flowParams } from "./context.js";
import { usage } from "./errors.js";
import { refreshStart, revokesOnlyRefresh, revokeTarget, type WalkFlow, type WalkStep } from "./flow-walk.js";
import { canRevoke, type Flows, fieldValue, offers, refreshVia, viaFlow } from "./registry.js";
import type { Verification } from "./verification.js";
import { LABELS } from "./verify-command.js";

/** What a flow needs that was not given, as a skip reason (undefined: it can run). */
function missing(ctx: Context, flags: readonly string[], why: string): string | undefined {
  const absent = flags.filter((flag) => ctx.read(flag) === undefined);
  if (absent.length === 0) return undefined;
  return `${why}: pass ${absent.map((flag) => `--${flag}`).join(" and ")} (or ${absent.map((flag) => `${envPrefix(ctx.definition.id)}${envName(flag)}`).join(" / ")})`;
}

/** Why each flow verify cannot run is skipped (undefined: it runs); a usage error when none can run. */
export function skipsOf(ctx: Context): Partial<Record<WalkFlow, string>> {
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

/** Each flow of the walk as verify runs it: through the proxy, with the flags' values and the earlier flows' tokens. */
export function verifySteps(
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
    refresh: step("refresh", (flows, tokens) => refreshStep(v, flows, tokens)),
    revoke: step("revoke", (flows, tokens) => revokeStep(v, flows, tokens)),
  };
}

/** Verify's refresh: with the given refresh token or an earlier flow's, by `refresh` or the provider's `refreshVia` flow. */
async function refreshStep(v: Verification, flows: Flows, tokens: Parameters<WalkStep>[0]): ReturnType<WalkStep> {
  const { ctx, baseUrl, scopes } = v;
  const { definition, read } = ctx;
  const params = (flow: WalkFlow) => flowParams(ctx, flows, baseUrl, flow);
  const via = refreshVia(definition);
  const given = read("refresh-token");
  const refreshToken = given ?? refreshStart(tokens)?.refreshToken;
  if (refreshToken === undefined)
    return v.skip(via?.label ?? LABELS.refresh, "the flows before it obtained no refresh token");
  const from = given === undefined ? " (the refresh token of an earlier flow)" : "";
  if (!via)
    return v.obtain(
      LABELS.refresh,
      async () => flows.refresh!({ ...(await params("refresh")), refreshToken, scopes }),
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
}

/** Verify's revoke: a token this run obtained (never one it was given). */
async function revokeStep(v: Verification, flows: Flows, tokens: Parameters<WalkStep>[0]): ReturnType<WalkStep> {
  const { ctx, baseUrl } = v;
  const { definition } = ctx;
  const target = revokeTarget(definition, tokens);
  const onlyRefresh = revokesOnlyRefresh(definition);
  if (!target)
    return v.skip(
      LABELS.revoke,
      `the flows before it obtained no ${onlyRefresh ? "refresh " : ""}token to revoke (verify never revokes a token it was given)`,
    );
  await v.run(LABELS.revoke, async () => {
    await flows.revoke!({
      ...(await flowParams(ctx, flows, baseUrl, "revoke")),
      token: target.token,
      tokenTypeHint: target.tokenTypeHint,
    });
    return `${target.kind} token of this run revoked`;
  });
  return undefined;
}
