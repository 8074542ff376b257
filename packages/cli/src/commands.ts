// `finoauth token | refresh | revoke | authorize-url <provider>`: one call through @finoauth/auth each.
import type { OAuthKeyResult, ProviderName, StateStore, TokenSet } from "@finoauth/auth";
import { GRANTS, oneOf, parseCommand, type CommandSpec, type Grant, type OptionSpec, type Parsed } from "./args.js";
import { toCliError, usage } from "./errors.js";
import { fields, tokenJson, tokenSummary, withProgress, type Io } from "./output.js";
import {
  buildProvider,
  canAuthorize,
  canRevoke,
  checkProvider,
  displayName,
  envPrefix,
  grantsOf,
  PROVIDER_NAMES,
  reader,
  required,
  type Flows,
} from "./providers.js";

const SYNAPSEFI = ["synapsefi"] as const;

/** Options every provider command takes. */
const common: Record<string, OptionSpec> = {
  "client-id": { type: "string", value: "<id>", help: "the client id", env: true },
  "client-secret": { type: "string", value: "<secret>", help: "the client secret (prefer the environment variable: argv is visible to other users)", env: true },
  "base-url": { type: "string", value: "<url>", help: "the provider's server: a sandbox, or a mock from `finoauth mock` (default: production)", env: true },
  timeout: { type: "string", value: "<duration>", help: "per-request timeout: 10, 10s or 500ms (default 10s)" },
  header: { type: "string", multiple: true, value: "<name: value>", help: 'an extra HTTP header, e.g. "Prefer: code=401" for a Prism mock' },
  json: { type: "boolean", help: "print JSON for scripts (secrets masked unless --show-secrets)" },
  "show-secrets": { type: "boolean", help: "print tokens and secrets in full" },
  help: { type: "boolean", short: "h", help: "show this help" },
};

/** SynapseFI's device and 2FA options. */
const synapsefiOptions: Record<string, OptionSpec> = {
  fingerprint: { type: "string", value: "<fingerprint>", help: "the user's device fingerprint", env: true, providers: SYNAPSEFI },
  "ip-address": { type: "string", value: "<ip>", help: "the IP address of the user's device", env: true, providers: SYNAPSEFI },
  "user-id": { type: "string", value: "<id>", help: "the SynapseFI user", env: true, providers: SYNAPSEFI },
  "oauth-key": { type: "string", value: "<key>", help: "the user's current OAuth key (X-SP-USER)", providers: SYNAPSEFI },
  "phone-number": { type: "string", value: "<phone>", help: "2FA step 2: one of the phone numbers offered", providers: SYNAPSEFI },
  "validation-pin": { type: "string", value: "<pin>", help: "2FA step 3: the pin sent to that phone", providers: SYNAPSEFI },
};

const requestId: OptionSpec = { type: "string", value: "<id>", help: "the X-Request-Id to send (default: a random UUID)", providers: ["finapi"] };
const clientAuth: OptionSpec = { type: "string", value: "<method>", help: "client_secret_basic (default) or client_secret_post", env: true, providers: ["oauth2"] };

const providersLine = `Providers: ${PROVIDER_NAMES.join(", ")}.`;
const envLine = "Environment: FINOAUTH_<PROVIDER>_<OPTION>, e.g. FINOAUTH_FINAPI_CLIENT_SECRET, FINOAUTH_FINANCIAL_CENTS_REDIRECT_URI; a flag wins over its variable.";
const exitLine = "Exit codes: 0 done, 1 the provider refused or could not be reached, 2 bad usage.";

export const tokenCommand: CommandSpec = {
  name: "token",
  synopsis: "<provider> --grant <grant> [options]",
  summary: "Gets a token with one grant and prints it (masked).",
  options: {
    grant: { type: "string", value: "<grant>", help: `${GRANTS.join(" | ")} (default: the provider's only grant)` },
    code: { type: "string", value: "<code>", help: "the authorization code from the redirect", grants: ["authorization_code"] },
    "code-verifier": { type: "string", value: "<verifier>", help: "the PKCE verifier that `finoauth authorize-url` printed", grants: ["authorization_code"], providers: ["financial-cents", "oauth2"] },
    "redirect-uri": { type: "string", value: "<uri>", help: "the redirect URI of the authorization request", env: true, grants: ["authorization_code"], providers: ["financial-cents", "finexer", "oauth2"] },
    username: { type: "string", value: "<name>", help: "the user's name", env: true, grants: ["password"] },
    password: { type: "string", value: "<password>", help: "the user's password (prefer the environment variable)", env: true, grants: ["password"] },
    "refresh-token": { type: "string", value: "<token>", help: "the refresh token", env: true, grants: ["refresh_token"] },
    scope: { type: "string", multiple: true, value: "<scope>", help: "a scope to ask for", grants: ["client_credentials", "password", "refresh_token"], providers: ["financial-cents", "fincalc", "synapsefi", "oauth2"] },
    "email-address": { type: "string", value: "<email>", help: "the e-mail address of your FinCalc login", env: true, providers: ["fincalc"] },
    ...synapsefiOptions,
    "request-id": requestId,
    "client-auth": clientAuth,
    ...common,
  },
  details: [
    "Grants by provider: " + PROVIDER_NAMES.map((name) => `${name} (${grantsOf(name).join(", ")})`).join("; ") + ".",
    "SynapseFI: the refresh_token grant issues an OAuth key; if the device needs 2FA, the answer says which",
    "flag to add next (--phone-number, then --validation-pin) and the command exits 0.",
    providersLine,
    envLine,
    exitLine,
  ],
  examples: [
    "finoauth token finapi --grant client_credentials --base-url https://sandbox.finapi.io",
    "FINOAUTH_FINAPI_PASSWORD=… finoauth token finapi --grant password --username alice --json",
    "finoauth token fincalc --email-address you@example.com   # client_credentials, its only grant",
    "finoauth token financial-cents --grant authorization_code --code <code> --code-verifier <verifier> --redirect-uri https://app.example.com/cb",
    "finoauth token synapsefi --user-id <id> --refresh-token <token> --fingerprint <fp> --ip-address 203.0.113.7",
  ],
};

export const refreshCommand: CommandSpec = {
  name: "refresh",
  synopsis: "<provider> --refresh-token <token> [options]",
  summary: "Exchanges a refresh token for a new token (the same as token --grant refresh_token).",
  options: {
    "refresh-token": { type: "string", value: "<token>", help: "the refresh token", env: true },
    scope: { type: "string", multiple: true, value: "<scope>", help: "narrow the new token to this scope", providers: ["financial-cents", "synapsefi", "oauth2"] },
    ...synapsefiOptions,
    "request-id": requestId,
    "client-auth": clientAuth,
    ...common,
  },
  details: [
    `Providers with refresh: ${PROVIDER_NAMES.filter((name) => grantsOf(name).includes("refresh_token")).join(", ")}.`,
    "If the provider rotates refresh tokens (SynapseFI), store the new one that is printed.",
    envLine,
    exitLine,
  ],
  examples: ["finoauth refresh finapi --refresh-token <token>", "finoauth refresh synapsefi --user-id <id> --refresh-token <token> --fingerprint <fp> --ip-address 203.0.113.7"],
};

export const revokeCommand: CommandSpec = {
  name: "revoke",
  synopsis: "<provider> (--token <token> | --refresh-token <token>) [options]",
  summary: "Revokes a token.",
  options: {
    token: { type: "string", value: "<token>", help: "the token to revoke (Finexer: its refresh token)" },
    "refresh-token": { type: "string", value: "<token>", help: "revoke this refresh token" },
    "token-type-hint": { type: "string", value: "<hint>", help: "access_token or refresh_token", providers: ["finapi", "oauth2"] },
    "client-access-token": { type: "string", value: "<token>", help: "finAPI authenticates revoke with the client's own token; default: one is fetched with client credentials", providers: ["finapi"] },
    "request-id": requestId,
    "client-auth": clientAuth,
    ...common,
  },
  details: [`Providers with revoke: ${PROVIDER_NAMES.filter(canRevoke).join(", ")}.`, envLine, exitLine],
  examples: ["finoauth revoke finapi --token <access-token>", "finoauth revoke finexer --refresh-token <token>", "finoauth revoke oauth2 --base-url https://auth.example.com --token <token>"],
};

export const authorizeUrlCommand: CommandSpec = {
  name: "authorize-url",
  synopsis: "<provider> [options]",
  summary: "Builds the URL that sends a user to the provider's consent page, with a fresh state (and PKCE where supported).",
  options: {
    "redirect-uri": { type: "string", value: "<uri>", help: "where the provider sends the user back", env: true },
    scope: { type: "string", multiple: true, value: "<scope>", help: "a scope to ask for" },
    prompt: { type: "string", value: "<prompt>", help: "none, consent or login", providers: ["financial-cents"] },
    ...Object.fromEntries(Object.entries(common).filter(([name]) => name !== "timeout" && name !== "header")),
  },
  details: [
    `Providers with an authorization URL: ${PROVIDER_NAMES.filter(canAuthorize).join(", ")}.`,
    "The client secret is not needed. The PKCE code verifier is printed in full: the exchange needs it",
    "(finoauth token <provider> --grant authorization_code --code … --code-verifier …), and it is worthless without the code.",
    envLine,
    exitLine,
  ],
  examples: ["finoauth authorize-url financial-cents --redirect-uri https://app.example.com/cb --prompt consent", "finoauth authorize-url finexer --scope customer_read --scope customer_write"],
};

/** Rejects options the provider (or grant) does not use: they are typos or the wrong command. */
function checkApplicable(command: CommandSpec, parsed: Parsed, provider: ProviderName, grant?: Grant): void {
  for (const name of Object.keys(parsed.values)) {
    const spec = command.options[name];
    if (!spec) continue;
    if (spec.providers && !spec.providers.includes(provider)) {
      throw usage(`--${name} is not used by ${displayName(provider)} (only by ${spec.providers.join(", ")}): remove it`);
    }
    if (grant && spec.grants && !spec.grants.includes(grant)) {
      throw usage(`--${name} is not used with --grant ${grant} (only with ${spec.grants.join(", ")}): remove it`);
    }
  }
}

interface Context {
  command: string;
  provider: ProviderName;
  parsed: Parsed;
  read: (option: string) => string | undefined;
  json: boolean;
  showSecrets: boolean;
  io: Io;
}

function setUp(command: CommandSpec, args: readonly string[], io: Io): Context | undefined {
  const parsed = parseCommand(command, args);
  if (parsed.values.help) {
    return undefined;
  }
  const [name, ...extra] = parsed.positionals;
  const provider = checkProvider(name, command.name);
  if (extra.length > 0) throw usage(`unexpected argument "${extra[0]}": finoauth ${command.name} takes one provider. Run finoauth ${command.name} --help`);
  const read = reader(parsed, provider, (option) => command.options[option]?.env === true);
  return { command: command.name, provider, parsed, read, json: parsed.values.json === true, showSecrets: parsed.values["show-secrets"] === true, io };
}

/** Runs one provider call and turns any failure into a one-line CLI error that names the server. */
async function call<T>(ctx: Context, baseUrl: string, text: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return text === undefined ? await work() : await withProgress(ctx.io, `${displayName(ctx.provider)}: ${text}…`, work);
  } catch (error) {
    throw toCliError(error, { provider: displayName(ctx.provider), baseUrl, envPrefix: envPrefix(ctx.provider), command: ctx.command });
  }
}

/** Builds the provider, with auth's option errors turned into usage errors that name the flags. */
function build(ctx: Context, options: Parameters<typeof buildProvider>[3] = {}) {
  try {
    return buildProvider(ctx.provider, ctx.parsed, ctx.read, options);
  } catch (error) {
    throw toCliError(error, { provider: displayName(ctx.provider), envPrefix: envPrefix(ctx.provider), command: ctx.command });
  }
}

function printToken(ctx: Context, token: TokenSet, grant: Grant | "oauth_key"): void {
  const label = grant === "oauth_key" ? "OAuth key" : `${grant} grant`;
  ctx.io.out(ctx.json ? JSON.stringify(tokenJson(token, { grant }, ctx.showSecrets), null, 2) : tokenSummary(token, `${displayName(ctx.provider)} token (${label})`, ctx.showSecrets));
}

const scopesOf = (parsed: Parsed): string[] | undefined => {
  const given = (parsed.values.scope as string[] | undefined)?.flatMap((scope) => scope.split(/\s+/)).filter(Boolean);
  return given && given.length > 0 ? given : undefined;
};

/** SynapseFI: an OAuth key from a refresh token, or the next 2FA step. */
async function synapsefiKey(ctx: Context, flows: Flows, baseUrl: string, refreshToken: string): Promise<void> {
  const phoneNumber = ctx.read("phone-number");
  const validationPin = ctx.read("validation-pin");
  const result: OAuthKeyResult = await call(ctx, baseUrl, "issuing an OAuth key", () =>
    flows.oauthKey!({
      userId: required(ctx.read, ctx.provider, "user-id", "the user's id"),
      refreshToken,
      scopes: scopesOf(ctx.parsed),
      oauthKey: ctx.read("oauth-key"),
      ...(phoneNumber !== undefined ? { phoneNumber } : validationPin !== undefined ? { validationPin } : {}),
    }),
  );
  if (result.status === "ok") return printToken(ctx, result.token, "oauth_key");
  const next =
    result.status === "mfa_required"
      ? "run the same command again with --phone-number <one of the phone numbers> to receive a pin"
      : "run the same command again with --validation-pin <the pin> instead of --phone-number";
  if (ctx.json) {
    const body = result.status === "mfa_required" ? { phoneNumbers: result.phoneNumbers } : {};
    ctx.io.out(JSON.stringify({ provider: ctx.provider, status: result.status, message: result.message, ...body, next }, null, 2));
    return;
  }
  ctx.io.out(
    [
      `SynapseFI: ${result.status === "mfa_required" ? "2FA needed" : "pin sent"}. ${result.message}`,
      fields([
        ["phone numbers", result.status === "mfa_required" ? result.phoneNumbers.join(", ") : undefined],
        ["next", next],
      ]),
    ].join("\n"),
  );
}

async function runGrant(ctx: Context, command: CommandSpec, grant: Grant): Promise<void> {
  const { provider, parsed, read } = ctx;
  const offered = grantsOf(provider);
  if (!offered.includes(grant)) {
    throw usage(`${displayName(provider)} does not offer the ${grant} grant; it offers: ${offered.join(", ")}`);
  }
  checkApplicable(command, parsed, provider, grant);
  if (provider === "synapsefi" && read("phone-number") !== undefined && read("validation-pin") !== undefined) {
    throw usage("pass --phone-number (2FA step 2) or --validation-pin (2FA step 3), not both");
  }
  const needs = (option: string, what: string) => required(read, provider, option, what, command.options[option]?.env === true);
  // Check the grant's own values before credentials, so that the first message is about what this call lacks.
  const values =
    grant === "authorization_code"
      ? { code: needs("code", "the authorization code from the redirect") }
      : grant === "password"
        ? { username: needs("username", "the user's name"), password: needs("password", "the user's password") }
        : grant === "refresh_token"
          ? { refreshToken: needs("refresh-token", "the refresh token") }
          : {};
  if (grant === "authorization_code" && provider === "financial-cents") needs("redirect-uri", "the redirect URI of the authorization request");
  const { flows, baseUrl } = build(ctx, { needsUserId: provider === "synapsefi" });
  const scopes = scopesOf(parsed);
  if (provider === "synapsefi") return synapsefiKey(ctx, flows, baseUrl, values.refreshToken!);
  const token = await call(ctx, baseUrl, "requesting a token", () => {
    switch (grant) {
      case "authorization_code":
        return flows.exchangeCode!({ code: values.code!, redirectUri: read("redirect-uri"), codeVerifier: read("code-verifier") });
      case "client_credentials":
        return flows.clientCredentials!({ scopes });
      case "password":
        return flows.password!({ username: values.username!, password: values.password!, scopes });
      case "refresh_token":
        return flows.refresh!({ refreshToken: values.refreshToken!, scopes });
    }
  });
  printToken(ctx, token, grant);
}

export async function token(args: readonly string[], io: Io): Promise<void> {
  const ctx = setUp(tokenCommand, args, io);
  if (!ctx) return;
  const given = ctx.parsed.values.grant as string | undefined;
  let grant: Grant;
  if (given !== undefined) {
    oneOf("grant", given, GRANTS);
    grant = given as Grant;
  } else {
    const offered = grantsOf(ctx.provider);
    if (offered.length !== 1) throw usage(`${displayName(ctx.provider)} offers several grants: pass --grant ${offered.join("|")}`);
    grant = offered[0]!;
  }
  await runGrant(ctx, tokenCommand, grant);
}

export async function refresh(args: readonly string[], io: Io): Promise<void> {
  const ctx = setUp(refreshCommand, args, io);
  if (!ctx) return;
  if (!grantsOf(ctx.provider).includes("refresh_token")) {
    const with_ = PROVIDER_NAMES.filter((name) => grantsOf(name).includes("refresh_token"));
    throw usage(`${displayName(ctx.provider)} does not offer refresh; providers with refresh: ${with_.join(", ")}`);
  }
  await runGrant(ctx, refreshCommand, "refresh_token");
}

export async function revoke(args: readonly string[], io: Io): Promise<void> {
  const ctx = setUp(revokeCommand, args, io);
  if (!ctx) return;
  const { provider, parsed, read } = ctx;
  if (!canRevoke(provider)) {
    throw usage(`${displayName(provider)} does not offer revoke; providers with revoke: ${PROVIDER_NAMES.filter(canRevoke).join(", ")}`);
  }
  checkApplicable(revokeCommand, parsed, provider);
  const tokenFlag = read("token");
  const refreshFlag = read("refresh-token");
  if (tokenFlag !== undefined && refreshFlag !== undefined) throw usage("pass --token or --refresh-token, not both");
  const value = tokenFlag ?? refreshFlag;
  if (value === undefined) throw usage(`revoke needs the token to revoke: pass --token <token>${provider === "finexer" ? " (Finexer: the refresh token)" : " or --refresh-token <token>"}`);
  const hint = read("token-type-hint") ?? (refreshFlag !== undefined ? "refresh_token" : undefined);
  if (hint !== undefined) oneOf("--token-type-hint", hint, ["access_token", "refresh_token"]);
  const { flows, baseUrl } = build(ctx);
  let clientAccessToken = read("client-access-token");
  if (provider === "finapi" && clientAccessToken === undefined) {
    clientAccessToken = (await call(ctx, baseUrl, "getting the client token that authenticates revoke", () => flows.clientCredentials!())).accessToken;
  }
  const params =
    provider === "finexer"
      ? { refreshToken: value }
      : { token: value, tokenTypeHint: hint as "access_token" | "refresh_token" | undefined, ...(provider === "finapi" ? { clientAccessToken } : {}) };
  const result = await call(ctx, baseUrl, "revoking", () => flows.revoke!(params));
  if (ctx.json) {
    io.out(JSON.stringify({ provider, revoked: true, ...(result.requestId ? { requestId: result.requestId } : {}) }, null, 2));
  } else {
    io.out(`${displayName(provider)}: revoked${result.requestId ? ` (request id ${result.requestId})` : ""}.`);
  }
}

export async function authorizeUrl(args: readonly string[], io: Io): Promise<void> {
  const ctx = setUp(authorizeUrlCommand, args, io);
  if (!ctx) return;
  const { provider, parsed, read } = ctx;
  if (!canAuthorize(provider)) {
    throw usage(`${displayName(provider)} has no authorization URL (no authorization-code flow); providers with one: ${PROVIDER_NAMES.filter(canAuthorize).join(", ")}`);
  }
  checkApplicable(authorizeUrlCommand, parsed, provider);
  if (provider === "financial-cents") required(read, provider, "redirect-uri", "the redirect URI registered for your client");
  // A one-shot state store hands over the PKCE verifier, so that it can be printed for the exchange.
  let verifier: string | undefined;
  const stateStore: StateStore = {
    put: async (_key, pending) => void (verifier = pending.codeVerifier),
    take: async () => undefined,
  };
  const { flows, baseUrl } = build(ctx, { needsSecret: false, stateStore });
  const captured = await call(ctx, baseUrl, undefined, () =>
    flows.authorizationUrl!({ scopes: scopesOf(parsed), prompt: read("prompt"), redirectUri: read("redirect-uri") }),
  );
  const redirect = read("redirect-uri");
  const exchange = [
    `finoauth token ${provider} --grant authorization_code --code <code from the redirect>`,
    verifier ? ` --code-verifier ${verifier}` : "",
    redirect && provider !== "finexer" ? ` --redirect-uri ${redirect}` : "",
  ].join("");
  if (ctx.json) {
    io.out(JSON.stringify({ provider, url: captured.url, state: captured.state, ...(verifier ? { codeVerifier: verifier } : {}), exchange }, null, 2));
    return;
  }
  io.out(
    [
      `Open this URL to ask the user for consent at ${displayName(provider)}:`,
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
