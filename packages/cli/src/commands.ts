// `finoauth token | refresh | revoke | authorize-url <provider>`: one call through @finoauth/auth each. Which
// providers take which flags, what they require and how a multi-step flow continues come from the
// provider definitions in @finoauth/auth/all's registry and the CLI's hints: nothing here names a provider.
import { type StateStore, TokenSet } from "@finoauth/auth";
import { type CommandSpec, GRANTS, type Grant, oneOf } from "./args.js";
import { authorizeUrlCommand, refreshCommand, revokeCommand, tokenCommand } from "./command-specs.js";
import { build, type Context, call, flowParams, printToken, scopesOf, setUp } from "./context.js";
import { usage } from "./errors.js";
import type { FieldInfo, RefreshVia } from "./hints/index.js";
import { fields, type Io } from "./output.js";
import { checkApplicable, ids, snake, viaLabel } from "./provider-options.js";
import {
  canAuthorize,
  canRevoke,
  FLOW_OF_GRANT,
  type Flows,
  fieldValue,
  grantsOf,
  offers,
  refreshVia,
  required,
  viaFlow,
} from "./registry.js";
import { jsonText, safe } from "./terminal.js";

export { authorizeUrlCommand, refreshCommand, revokeCommand, tokenCommand } from "./command-specs.js";

/** A short label of a field: its help up to the first colon (`2FA step 2`). */
const shortHelp = (info: FieldInfo) => info.help.split(":")[0]!.trim();
/** `mfa_required` → `mfa required`; `phoneNumbers` → `phone numbers`. */
const words = (name: string) => snake(name).replace(/_/g, " ");

/** The provider's flow that stands in for refresh (`refreshVia`): a token, or the next step spelt out. */
async function viaToken(
  ctx: Context,
  flows: Flows,
  baseUrl: string,
  via: RefreshVia,
  refreshToken: string,
): Promise<void> {
  const { definition } = ctx;
  const params: Record<string, unknown> = { refreshToken, scopes: scopesOf(ctx.parsed) };
  for (const [key, info] of Object.entries(via.params)) {
    const value = fieldValue(
      ctx.read,
      definition,
      { key, info, kind: "refreshVia", flow: "refresh" },
      via.flow,
      ctx.envAllowed(info.flag),
    );
    if (value !== undefined) params[key] = value;
  }
  const run = viaFlow(flows, via.flow);
  const result = await call(ctx, baseUrl, `issuing ${viaLabel(via)}`, () => run(params));
  if (result.status === "ok") {
    if (!(result.token instanceof TokenSet)) throw new Error(`${via.flow} answered ok without a token: report it`);
    return printToken(ctx, result.token, snake(via.flow), viaLabel(via));
  }
  const { status, message, token: _token, ...rest } = result;
  const next = via.next[status] ?? `run the same command again with what ${definition.displayName} asks for`;
  if (ctx.json) {
    ctx.io.out(jsonText({ provider: definition.id, status, message, ...rest, next }));
    return;
  }
  ctx.io.out(
    [
      `${definition.displayName}: ${safe(words(status))}.${message ? ` ${safe(String(message))}` : ""}`,
      fields([
        ...Object.entries(rest).map(
          ([key, value]) => [words(key), Array.isArray(value) ? value.join(", ") : String(value)] as const,
        ),
        ["next", next],
      ]),
    ].join("\n"),
  );
}

async function runGrant(ctx: Context, command: CommandSpec, grant: Grant): Promise<void> {
  const { definition, parsed, read } = ctx;
  const offered = grantsOf(definition);
  if (!offered.includes(grant)) {
    throw usage(`${definition.displayName} does not offer the ${grant} grant; it offers: ${offered.join(", ")}`);
  }
  checkApplicable(command, parsed, definition, grant);
  const via = grant === "refresh_token" ? refreshVia(definition) : undefined;
  for (const [a, b] of via?.exclusive ?? []) {
    const [one, other] = [via!.params[a]!, via!.params[b]!];
    if (read(one.flag) !== undefined && read(other.flag) !== undefined) {
      throw usage(`pass --${one.flag} (${shortHelp(one)}) or --${other.flag} (${shortHelp(other)}), not both`);
    }
  }
  const needs = (option: string, what: string) => required(read, definition, option, what, ctx.envAllowed(option));
  // Check the grant's own values before credentials, so that the first message is about what this call lacks.
  const values =
    grant === "authorization_code"
      ? { code: needs("code", "the authorization code from the redirect") }
      : grant === "password"
        ? { username: needs("username", "the user's name"), password: needs("password", "the user's password") }
        : grant === "refresh_token"
          ? { refreshToken: needs("refresh-token", "the refresh token") }
          : {};
  if (grant === "authorization_code" && definition.authorize?.requiresRedirectUri)
    needs("redirect-uri", "the redirect URI of the authorization request");
  const flow = FLOW_OF_GRANT[grant];
  const { flows, baseUrl } = build(ctx, { flow: via?.flow ?? flow });
  if (via) return viaToken(ctx, flows, baseUrl, via, values.refreshToken!);
  const scopes = scopesOf(parsed);
  const params = await flowParams(ctx, flows, baseUrl, flow);
  const { exchangeCode, clientCredentials, password, refresh } = flows;
  const token = await call(ctx, baseUrl, "requesting a token", () => {
    switch (grant) {
      case "authorization_code":
        return exchangeCode!({
          ...params,
          code: values.code!,
          redirectUri: read("redirect-uri"),
          codeVerifier: read("code-verifier"),
        });
      case "client_credentials":
        return clientCredentials!({ ...params, scopes });
      case "password":
        return password!({ ...params, username: values.username!, password: values.password!, scopes });
      case "refresh_token":
        return refresh!({ ...params, refreshToken: values.refreshToken!, scopes });
    }
  });
  printToken(ctx, token, grant, `${grant} grant`);
}

/** `finoauth token <provider> --grant <grant>`: one token, printed masked. */
export async function token(args: readonly string[], io: Io): Promise<void> {
  const ctx = await setUp(tokenCommand, args, io);
  if (!ctx) return;
  const given = ctx.parsed.values.grant as string | undefined;
  let grant: Grant;
  if (given !== undefined) {
    oneOf("grant", given, GRANTS);
    grant = given as Grant;
  } else {
    const offered = grantsOf(ctx.definition);
    if (offered.length !== 1)
      throw usage(`${ctx.definition.displayName} offers several grants: pass --grant ${offered.join("|")}`);
    grant = offered[0]!;
  }
  await runGrant(ctx, tokenCommand, grant);
}

/** `finoauth refresh <provider>`: the refresh_token grant (or the provider's flow that stands in for it). */
export async function refresh(args: readonly string[], io: Io): Promise<void> {
  const ctx = await setUp(refreshCommand, args, io);
  if (!ctx) return;
  if (!offers(ctx.definition, "refresh")) {
    throw usage(
      `${ctx.definition.displayName} does not offer refresh; providers with refresh: ${ids((d) => offers(d, "refresh")).join(", ")}`,
    );
  }
  await runGrant(ctx, refreshCommand, "refresh_token");
}

/** `finoauth revoke <provider>`: revokes a token, with the provider's own parameters (a client token, if it needs one). */
export async function revoke(args: readonly string[], io: Io): Promise<void> {
  const ctx = await setUp(revokeCommand, args, io);
  if (!ctx) return;
  const { definition, parsed, read } = ctx;
  if (!canRevoke(definition)) {
    throw usage(`${definition.displayName} does not offer revoke; providers with revoke: ${ids(canRevoke).join(", ")}`);
  }
  checkApplicable(revokeCommand, parsed, definition);
  const tokenFlag = read("token");
  const refreshFlag = read("refresh-token");
  if (tokenFlag !== undefined && refreshFlag !== undefined) throw usage("pass --token or --refresh-token, not both");
  const value = tokenFlag ?? refreshFlag;
  if (value === undefined)
    throw usage("revoke needs the token to revoke: pass --token <token> or --refresh-token <token>");
  const hint = read("token-type-hint") ?? (refreshFlag !== undefined ? "refresh_token" : undefined);
  if (hint !== undefined) oneOf("--token-type-hint", hint, ["access_token", "refresh_token"]);
  const { flows, baseUrl } = build(ctx, { flow: "revoke" });
  const params = await flowParams(ctx, flows, baseUrl, "revoke");
  const revokeFlow = flows.revoke!;
  const tokenTypeHint = hint === "access_token" || hint === "refresh_token" ? hint : undefined;
  const result = await call(ctx, baseUrl, "revoking", () => revokeFlow({ ...params, token: value, tokenTypeHint }));
  if (ctx.json) {
    io.out(
      jsonText({
        provider: definition.id,
        revoked: true,
        ...(result.requestId ? { requestId: result.requestId } : {}),
      }),
    );
  } else {
    io.out(`${definition.displayName}: revoked${result.requestId ? ` (request id ${safe(result.requestId)})` : ""}.`);
  }
}

/**
 * The exchange command that completes an authorization: the verifier as `--code-verifier=<verifier>`, so
 * that one starting with "-" (one in 64) is read as a value.
 */
export function exchangeCommand(
  provider: string,
  verifier: string | undefined,
  redirectUri: string | undefined,
): string {
  return [
    `finoauth token ${provider} --grant authorization_code --code <code from the redirect>`,
    verifier ? ` --code-verifier=${verifier}` : "",
    redirectUri ? ` --redirect-uri ${redirectUri}` : "",
  ].join("");
}

/** `finoauth authorize-url <provider>`: the consent URL, its state and PKCE verifier, and the exchange command. */
export async function authorizeUrl(args: readonly string[], io: Io): Promise<void> {
  const ctx = await setUp(authorizeUrlCommand, args, io);
  if (!ctx) return;
  const { definition, parsed, read } = ctx;
  if (!canAuthorize(definition)) {
    throw usage(
      `${definition.displayName} has no authorization URL (no authorization-code flow); providers with one: ${ids(canAuthorize).join(", ")}`,
    );
  }
  checkApplicable(authorizeUrlCommand, parsed, definition);
  if (definition.authorize?.requiresRedirectUri)
    required(read, definition, "redirect-uri", "the redirect URI registered for your client");
  // A one-shot state store hands over the PKCE verifier, so that it can be printed for the exchange.
  let verifier: string | undefined;
  const stateStore: StateStore = {
    put: async (_key, pending) => void (verifier = pending.codeVerifier),
    take: async () => undefined,
  };
  const { flows, baseUrl } = build(ctx, { flow: "authorizationUrl", stateStore });
  const authorizationUrl = flows.authorizationUrl!;
  const captured = await call(ctx, baseUrl, undefined, () =>
    authorizationUrl({ scopes: scopesOf(parsed), prompt: read("prompt"), redirectUri: read("redirect-uri") }),
  );
  const exchange = exchangeCommand(definition.id, verifier, read("redirect-uri"));
  if (ctx.json) {
    io.out(
      jsonText({
        provider: definition.id,
        url: captured.url,
        state: captured.state,
        ...(verifier ? { codeVerifier: verifier } : {}),
        exchange,
      }),
    );
    return;
  }
  io.out(
    [
      `Open this URL to ask the user for consent at ${definition.displayName}:`,
      captured.url,
      "",
      fields([
        ["state", `${captured.state} (check that the redirect carries it back)`],
        ["code verifier", verifier ? `${verifier} (PKCE S256)` : undefined],
        ["then", exchange],
      ]),
    ].join("\n"),
  );
}
