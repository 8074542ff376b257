// `finoauth token | refresh | revoke | authorize-url <provider>`: one call through @finoauth/auth each. Which
// providers take which flags, what they require and how a multi-step flow continues all come from the
// provider definitions in @finoauth/auth/all's registry: nothing here names a provider.
import { TokenSet, type AnyDefinition, type FlowName, type StateStore } from "@finoauth/auth";
import { hintsOf, type FieldInfo, type RefreshVia } from "./hints/index.js";
import { argvWarning, envName, envPrefix, GRANTS, secretsInArgv, oneOf, parseCommand, parseDuration, stdinFlag, type CommandSpec, type Grant, type OptionSpec, type Parsed, type ProviderView } from "./args.js";
import { usage } from "./errors.js";
import { toCliError } from "./failure.js";
import { fields, tokenJson, tokenSummary, withProgress, type Io } from "./output.js";
import { jsonText, safe } from "./terminal.js";
import {
  buildProvider,
  canAuthorize,
  canRevoke,
  checkProvider,
  DEFINITIONS,
  fieldsOf,
  fieldValue,
  FLOW_OF_GRANT,
  grantsOf,
  offers,
  reader,
  refreshVia,
  required,
  sendsScopes,
  viaFlow,
  type BuildOptions,
  type Flows,
  type Read,
} from "./registry.js";

/** The ids of the providers for which `test` holds. */
const ids = (test: (definition: AnyDefinition) => boolean): string[] => DEFINITIONS.filter(test).map((definition) => definition.id);

/** Options every provider command takes. */
const common: Record<string, OptionSpec> = {
  "client-id": { type: "string", value: "<id>", help: "the client id", env: true },
  "client-secret": { type: "string", value: "<secret>", help: "the client secret", env: true, secret: true },
  "base-url": { type: "string", value: "<url>", help: "the provider's server: a sandbox, or a mock from `finoauth mock` (default: production)", env: true },
  timeout: { type: "string", value: "<duration>", help: "per-request timeout: 10, 10s or 500ms (default 10s)" },
  header: { type: "string", multiple: true, value: "<name: value>", help: 'an extra HTTP header, e.g. "Prefer: code=401" for a Prism mock' },
  json: { type: "boolean", help: "print JSON for scripts (secrets masked unless --show-secrets)" },
  "show-secrets": { type: "boolean", help: "print tokens and secrets in full" },
  help: { type: "boolean", short: "h", help: "show this help" },
};

/** The grant a flow's parameters belong to (`refreshVia` parameters: the refresh_token grant). */
const grantOfFlow = (flow: FlowName | undefined): Grant | undefined => GRANTS.find((grant) => FLOW_OF_GRANT[grant] === flow);

/**
 * The provider-specific flags of a command, from every definition: each provider's options, and the
 * parameters of the flows the command runs, each marked with the providers (and grants) that use it.
 */
export function providerOptions(flows: readonly FlowName[]): Record<string, OptionSpec> {
  const options: Record<string, OptionSpec & { providers: string[] }> = {};
  const grantsOfFlag = new Map<string, Set<Grant> | undefined>();
  // Only the providers that offer one of the command's flows: their flags, no other provider's.
  for (const definition of DEFINITIONS.filter((d) => flows.some((flow) => offers(d, flow)))) {
    for (const field of fieldsOf(definition, flows)) {
      const { flag } = field.info;
      const spec = (options[flag] ??= {
        type: "string",
        value: field.info.value,
        help: field.info.help,
        env: field.kind === "option" || field.info.secret === true,
        secret: field.info.secret,
        providers: [],
      });
      if (!spec.providers.includes(definition.id)) spec.providers.push(definition.id);
      if (field.kind === "option") spec.env = true;
      // An option applies to every grant; a parameter only to its flow's grant.
      const grant = field.kind === "option" ? undefined : grantOfFlow(field.flow);
      const known = grantsOfFlag.has(flag) ? grantsOfFlag.get(flag) : new Set<Grant>();
      grantsOfFlag.set(flag, grant === undefined || known === undefined ? undefined : known.add(grant));
    }
  }
  for (const [flag, grants] of grantsOfFlag) if (grants && flows.length > 1) options[flag]!.grants = [...grants];
  return options;
}

/**
 * One provider's help view: its grants, and `details` in place of the command's (which speak of every
 * provider). An unknown name is a usage error with a suggestion.
 */
export const providerView =
  (command: string, details?: (definition: AnyDefinition) => string[]) =>
  (name: string): ProviderView => {
    const definition = checkProvider(name, command);
    const grants = grantsOf(definition);
    const grant = grants.length === 1 ? `${grants[0]} (its only grant: may be left out)` : grants.join(" | ");
    return { id: definition.id, grants, details: details?.(definition), help: { grant } };
  };

const first = DEFINITIONS[0]?.id ?? "<provider>";
const envLine = `Environment: FINOAUTH_<PROVIDER>_<OPTION>, e.g. ${envPrefix(first)}CLIENT_SECRET (provider in upper snake case); a flag wins over its variable.`;
const exitLine = "Exit codes: 0 done, 1 the provider refused or could not be reached, 2 bad usage.";

/** How a provider's flow that stands in for refresh is called in messages. */
const viaLabel = (via: RefreshVia) => via.label ?? via.flow;
/** `oauthKey` → `oauth_key`: the `grant` of a refreshVia token in JSON. */
const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();

/** The flags a provider requires for a flow, with placeholders: for examples in help. */
function requiredFlags(definition: AnyDefinition, flow: FlowName): string {
  const via = flow === "refresh" ? refreshVia(definition) : undefined;
  const flags = fieldsOf(definition, [flow])
    .filter((field) => field.info.required === true || (Array.isArray(field.info.required) && field.info.required.includes(flow) && !via))
    .map((field) => `--${field.info.flag} ${field.info.value}`);
  if (definition.defaultBaseUrl === "") flags.unshift("--base-url <url>");
  return [...new Set(flags)].join(" ");
}

/** The values a grant takes in an example line, as the provider's definition needs them. */
function grantValues(definition: AnyDefinition, grant: Grant): string {
  switch (grant) {
    case "authorization_code":
      return ["--code <code>", definition.authorize?.pkce ? "--code-verifier=<verifier>" : "", definition.authorize?.requiresRedirectUri ? "--redirect-uri <uri>" : ""].filter(Boolean).join(" ");
    case "client_credentials":
      return "";
    case "password":
      return "--username <name> --password-stdin";
    case "refresh_token":
      return "--refresh-token <token>";
  }
}

/** One example line per provider that offers the grant. */
function grantExamples(command: string, grant: Grant): string[] {
  return DEFINITIONS.filter((definition) => grantsOf(definition).includes(grant)).map((definition) => {
    const grantFlag = command === "token" && grantsOf(definition).length > 1 ? ` --grant ${grant}` : "";
    const values = grantValues(definition, grant);
    return `finoauth ${command} ${definition.id}${grantFlag}${values ? ` ${values}` : ""} ${requiredFlags(definition, FLOW_OF_GRANT[grant])}`.trimEnd();
  });
}

export const tokenCommand: CommandSpec = {
  name: "token",
  synopsis: "<provider> --grant <grant> [options]",
  summary: "Gets a token with one grant and prints it (masked).",
  options: {
    grant: { type: "string", value: "<grant>", help: `${GRANTS.join(" | ")} (default: the provider's only grant)` },
    code: { type: "string", value: "<code>", help: "the authorization code from the redirect", env: true, secret: true, grants: ["authorization_code"] },
    "code-verifier": {
      type: "string",
      value: "<verifier>",
      help: "the PKCE verifier that `finoauth authorize-url` printed (--code-verifier=<verifier>)",
      env: true,
      secret: true,
      grants: ["authorization_code"],
      providers: ids((definition) => canAuthorize(definition) && definition.authorize!.pkce),
    },
    "redirect-uri": { type: "string", value: "<uri>", help: "the redirect URI of the authorization request", env: true, grants: ["authorization_code"], providers: ids((d) => offers(d, "exchangeCode")) },
    username: { type: "string", value: "<name>", help: "the user's name", env: true, grants: ["password"] },
    password: { type: "string", value: "<password>", help: "the user's password", env: true, secret: true, grants: ["password"] },
    "refresh-token": { type: "string", value: "<token>", help: "the refresh token", env: true, secret: true, grants: ["refresh_token"] },
    scope: {
      type: "string",
      multiple: true,
      value: "<scope>",
      help: "a scope to ask for",
      grants: ["client_credentials", "password", "refresh_token"],
      providers: ids((d) => (["clientCredentials", "password", "refresh"] as const).some((flow) => sendsScopes(d, flow))),
    },
    ...providerOptions(["exchangeCode", "clientCredentials", "password", "refresh"]),
    ...common,
  },
  details: [
    "Grants by provider: " + DEFINITIONS.map((d) => `${d.id} (${grantsOf(d).join(", ")})`).join("; ") + ".",
    ...DEFINITIONS.flatMap((definition) => {
      const via = refreshVia(definition);
      return via
        ? [`${definition.displayName}: the refresh_token grant issues ${viaLabel(via)}s; when a step comes first, the answer says which flag to add next and the command exits 0.`]
        : [];
    }),
    `Providers: ${DEFINITIONS.map((d) => d.id).join(", ")}.`,
    envLine,
    exitLine,
  ],
  examples: GRANTS.flatMap((grant) => grantExamples("token", grant)),
  providerView: providerView("token", (definition) => {
    const via = refreshVia(definition);
    return [
      `${definition.displayName} grants: ${grantsOf(definition).join(", ")}.`,
      ...(via ? [`The refresh_token grant issues ${viaLabel(via)}s; when a step comes first, the answer says which flag to add next and the command exits 0.`] : []),
      `Environment: ${envPrefix(definition.id)}<OPTION>, e.g. ${envPrefix(definition.id)}CLIENT_SECRET; a flag wins over its variable.`,
      exitLine,
    ];
  }),
};

export const refreshCommand: CommandSpec = {
  name: "refresh",
  synopsis: "<provider> --refresh-token <token> [options]",
  summary: "Exchanges a refresh token for a new token (the same as token --grant refresh_token).",
  options: {
    "refresh-token": { type: "string", value: "<token>", help: "the refresh token", env: true, secret: true },
    scope: { type: "string", multiple: true, value: "<scope>", help: "narrow the new token to this scope", providers: ids((d) => sendsScopes(d, "refresh")) },
    ...providerOptions(["refresh"]),
    ...common,
  },
  details: [
    `Providers with refresh: ${ids((d) => offers(d, "refresh")).join(", ")}.`,
    "If the provider rotates refresh tokens, store the new one that is printed.",
    envLine,
    exitLine,
  ],
  examples: grantExamples("refresh", "refresh_token"),
  providerView: providerView("refresh"),
};

export const revokeCommand: CommandSpec = {
  name: "revoke",
  synopsis: "<provider> (--token <token> | --refresh-token <token>) [options]",
  summary: "Revokes a token.",
  options: {
    token: { type: "string", value: "<token>", help: "the token to revoke", secret: true },
    "refresh-token": { type: "string", value: "<token>", help: "revoke this refresh token", secret: true },
    "token-type-hint": {
      type: "string",
      value: "<hint>",
      help: "access_token or refresh_token",
      providers: ids((d) => canRevoke(d) && (hintsOf(d).revokes?.length ?? 2) > 1),
    },
    ...providerOptions(["revoke"]),
    ...common,
  },
  details: [
    `Providers with revoke: ${ids(canRevoke).join(", ")}.`,
    ...DEFINITIONS.filter((d) => canRevoke(d) && hintsOf(d).revokes?.length === 1).map((d) => `${d.displayName} revokes ${hintsOf(d).revokes![0]}s only.`),
    "--token and --refresh-token are not read from the environment (a variable meant for refresh would be revoked): use stdin.",
    exitLine,
  ],
  examples: DEFINITIONS.filter(canRevoke).map((d) =>
    `finoauth revoke ${d.id} ${hintsOf(d).revokes?.length === 1 ? "--refresh-token" : "--token"} <token> ${requiredFlags(d, "revoke")}`.trimEnd(),
  ),
  providerView: providerView("revoke"),
};

export const authorizeUrlCommand: CommandSpec = {
  name: "authorize-url",
  synopsis: "<provider> [options]",
  summary: "Builds the URL that sends a user to the provider's consent page, with a fresh state (and PKCE where supported).",
  options: {
    "redirect-uri": { type: "string", value: "<uri>", help: "where the provider sends the user back", env: true },
    scope: { type: "string", multiple: true, value: "<scope>", help: "a scope to ask for", providers: ids((d) => sendsScopes(d, "authorizationUrl")) },
    prompt: {
      type: "string",
      value: "<prompt>",
      help: [...new Set(DEFINITIONS.flatMap((d) => d.authorize?.prompts ?? []))].join(", ") || "the prompt",
      providers: ids((d) => canAuthorize(d) && (d.authorize!.prompts?.length ?? 0) > 0),
    },
    ...providerOptions(["authorizationUrl"]),
    ...Object.fromEntries(Object.entries(common).filter(([name]) => name !== "timeout" && name !== "header")),
  },
  details: [
    `Providers with an authorization URL: ${ids(canAuthorize).join(", ")}.`,
    "The client secret is not needed. The PKCE code verifier is printed in full: the exchange needs it",
    "(finoauth token <provider> --grant authorization_code --code … --code-verifier=…), and it is worthless without the code.",
    envLine,
    exitLine,
  ],
  examples: DEFINITIONS.filter(canAuthorize).map((d) =>
    [`finoauth authorize-url ${d.id}`, d.authorize!.requiresRedirectUri ? "--redirect-uri <uri>" : "--scope <scope>", d.authorize!.prompts?.length ? `--prompt ${d.authorize!.prompts[0]}` : "", requiredFlags(d, "authorizationUrl")]
      .filter(Boolean)
      .join(" "),
  ),
  providerView: providerView("authorize-url"),
};

/** Rejects options the provider (or grant) does not use: they are typos or the wrong command. */
export function checkApplicable(command: CommandSpec, parsed: Parsed, definition: AnyDefinition, grant?: Grant): void {
  for (const given of Object.keys(parsed.values)) {
    const name = command.options[given] ? given : given.replace(/-stdin$/, "");
    const spec = command.options[name];
    if (!spec) continue;
    if (spec.providers && !spec.providers.includes(definition.id)) {
      throw usage(`--${name} is not used by ${definition.displayName} (only by ${spec.providers.join(", ")}): remove it`);
    }
    if (grant && spec.grants && !spec.grants.includes(grant)) {
      throw usage(`--${name} is not used with --grant ${grant} (only with ${spec.grants.join(", ")}): remove it`);
    }
  }
}

/** One provider command's run: its provider, its parsed flags, a reader of flags/stdin/environment, and where output goes. */
export interface Context {
  command: string;
  definition: AnyDefinition;
  parsed: Parsed;
  read: Read;
  /** Whether a flag may come from the environment (for the message when it is missing). */
  envAllowed: (flag: string) => boolean;
  json: boolean;
  showSecrets: boolean;
  io: Io;
}

/** Reads the one secret that comes from stdin, without its final line break. */
async function secretFromStdin(io: Io, flag: string): Promise<string> {
  const text = (await io.readStdin()).replace(/\r?\n$/, "");
  if (text === "") throw usage(`--${flag} was to come from stdin, which was empty`);
  return text;
}

/**
 * Parses a provider command's arguments: the provider, at most one secret from stdin, and a reader of each
 * flag (then stdin, then `FINOAUTH_<PROVIDER>_<FLAG>`). Undefined when `--help` was asked for.
 */
export async function setUp(command: CommandSpec, args: readonly string[], io: Io): Promise<Context | undefined> {
  const parsed = parseCommand(command, args);
  if (parsed.values.help) {
    return undefined;
  }
  const [name, ...extra] = parsed.positionals;
  const definition = checkProvider(name, command.name);
  if (extra.length > 0) throw usage(`unexpected argument "${extra[0]}": finoauth ${command.name} takes one provider. Run finoauth ${command.name} --help`);
  const fromStdin = Object.keys(command.options).filter((option) => command.options[option]!.secret && (parsed.values[option] === "-" || parsed.values[stdinFlag(option)] === true));
  if (fromStdin.length > 1) throw usage(`only one secret can come from stdin, got ${fromStdin.map((option) => `--${option}`).join(" and ")}: pass the others by environment variable`);
  const envAllowed = (option: string) => command.options[option]?.env === true;
  const inArgv = secretsInArgv(command, parsed);
  if (inArgv.length > 0) io.err(argvWarning(inArgv, (option) => (envAllowed(option) ? `${envPrefix(definition.id)}${envName(option)}` : undefined)));
  const stdin = fromStdin[0] === undefined ? undefined : await secretFromStdin(io, fromStdin[0]);
  const read = reader(parsed, definition.id, envAllowed, stdin);
  return { command: command.name, definition, parsed, read, envAllowed, json: parsed.values.json === true, showSecrets: parsed.values["show-secrets"] === true, io };
}

/** Runs one provider call and turns any failure into a one-line CLI error that names the server. */
async function call<T>(ctx: Context, baseUrl: string, text: string | undefined, work: () => Promise<T>): Promise<T> {
  const { displayName, id } = ctx.definition;
  try {
    return text === undefined ? await work() : await withProgress(ctx.io, `${displayName}: ${text}…`, work);
  } catch (error) {
    const timeout = ctx.read("timeout");
    const timeoutMs = timeout === undefined ? undefined : parseDuration(timeout, "--timeout");
    throw toCliError(error, { provider: displayName, baseUrl, envPrefix: envPrefix(id), command: ctx.command, timeoutMs });
  }
}

/** Builds the provider, with auth's option errors turned into usage errors that name the flags. */
function build(ctx: Context, options: BuildOptions) {
  try {
    return buildProvider(ctx.definition, ctx.parsed, ctx.read, options);
  } catch (error) {
    throw toCliError(error, { provider: ctx.definition.displayName, envPrefix: envPrefix(ctx.definition.id), command: ctx.command });
  }
}

function printToken(ctx: Context, token: TokenSet, grant: string, label: string): void {
  const { displayName } = ctx.definition;
  ctx.io.out(ctx.json ? jsonText(tokenJson(token, { grant }, ctx.showSecrets)) : tokenSummary(token, `${displayName} token (${label})`, ctx.showSecrets));
}

const scopesOf = (parsed: Parsed): string[] | undefined => {
  const given = (parsed.values.scope as string[] | undefined)?.flatMap((scope) => scope.split(/\s+/)).filter(Boolean);
  return given && given.length > 0 ? given : undefined;
};

/** The per-call parameters a provider adds to a flow (`params` of its hints), from their flags; a fallback flow fills a missing one. */
export async function flowParams(ctx: Context, flows: Flows, baseUrl: string, flow: FlowName): Promise<Record<string, unknown>> {
  const params: Record<string, unknown> = {};
  for (const field of fieldsOf(ctx.definition, [flow]).filter((field) => field.kind === "param")) {
    let value = fieldValue(ctx.read, ctx.definition, field, flow, ctx.envAllowed(field.info.flag));
    const fallback = field.info.fallback;
    if (value === undefined && fallback === "clientCredentials" && flows.clientCredentials) {
      const getToken = flows.clientCredentials;
      value = (await call(ctx, baseUrl, `getting the client token for --${field.info.flag}`, () => getToken())).accessToken;
    }
    if (value !== undefined) params[field.key] = value;
  }
  return params;
}

/** A short label of a field: its help up to the first colon (`2FA step 2`). */
const shortHelp = (info: FieldInfo) => info.help.split(":")[0]!.trim();
/** `mfa_required` → `mfa required`; `phoneNumbers` → `phone numbers`. */
const words = (name: string) => snake(name).replace(/_/g, " ");

/** The provider's flow that stands in for refresh (`refreshVia`): a token, or the next step spelt out. */
async function viaToken(ctx: Context, flows: Flows, baseUrl: string, via: RefreshVia, refreshToken: string): Promise<void> {
  const { definition } = ctx;
  const params: Record<string, unknown> = { refreshToken, scopes: scopesOf(ctx.parsed) };
  for (const [key, info] of Object.entries(via.params)) {
    const value = fieldValue(ctx.read, definition, { key, info, kind: "refreshVia", flow: "refresh" }, via.flow, ctx.envAllowed(info.flag));
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
      fields([...Object.entries(rest).map(([key, value]) => [words(key), Array.isArray(value) ? value.join(", ") : String(value)] as const), ["next", next]]),
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
  if (grant === "authorization_code" && definition.authorize?.requiresRedirectUri) needs("redirect-uri", "the redirect URI of the authorization request");
  const flow = FLOW_OF_GRANT[grant];
  const { flows, baseUrl } = build(ctx, { flow: via?.flow ?? flow });
  if (via) return viaToken(ctx, flows, baseUrl, via, values.refreshToken!);
  const scopes = scopesOf(parsed);
  const params = await flowParams(ctx, flows, baseUrl, flow);
  const { exchangeCode, clientCredentials, password, refresh } = flows;
  const token = await call(ctx, baseUrl, "requesting a token", () => {
    switch (grant) {
      case "authorization_code":
        return exchangeCode!({ ...params, code: values.code!, redirectUri: read("redirect-uri"), codeVerifier: read("code-verifier") });
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
    if (offered.length !== 1) throw usage(`${ctx.definition.displayName} offers several grants: pass --grant ${offered.join("|")}`);
    grant = offered[0]!;
  }
  await runGrant(ctx, tokenCommand, grant);
}

/** `finoauth refresh <provider>`: the refresh_token grant (or the provider's flow that stands in for it). */
export async function refresh(args: readonly string[], io: Io): Promise<void> {
  const ctx = await setUp(refreshCommand, args, io);
  if (!ctx) return;
  if (!offers(ctx.definition, "refresh")) {
    throw usage(`${ctx.definition.displayName} does not offer refresh; providers with refresh: ${ids((d) => offers(d, "refresh")).join(", ")}`);
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
  if (value === undefined) throw usage("revoke needs the token to revoke: pass --token <token> or --refresh-token <token>");
  const hint = read("token-type-hint") ?? (refreshFlag !== undefined ? "refresh_token" : undefined);
  if (hint !== undefined) oneOf("--token-type-hint", hint, ["access_token", "refresh_token"]);
  const { flows, baseUrl } = build(ctx, { flow: "revoke" });
  const params = await flowParams(ctx, flows, baseUrl, "revoke");
  const revokeFlow = flows.revoke!;
  const tokenTypeHint = hint === "access_token" || hint === "refresh_token" ? hint : undefined;
  const result = await call(ctx, baseUrl, "revoking", () => revokeFlow({ ...params, token: value, tokenTypeHint }));
  if (ctx.json) {
    io.out(jsonText({ provider: definition.id, revoked: true, ...(result.requestId ? { requestId: result.requestId } : {}) }));
  } else {
    io.out(`${definition.displayName}: revoked${result.requestId ? ` (request id ${safe(result.requestId)})` : ""}.`);
  }
}

/**
 * The exchange command that completes an authorization: the verifier as `--code-verifier=<verifier>`, so
 * that one starting with "-" (one in 64) is read as a value.
 */
export function exchangeCommand(provider: string, verifier: string | undefined, redirectUri: string | undefined): string {
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
    throw usage(`${definition.displayName} has no authorization URL (no authorization-code flow); providers with one: ${ids(canAuthorize).join(", ")}`);
  }
  checkApplicable(authorizeUrlCommand, parsed, definition);
  if (definition.authorize?.requiresRedirectUri) required(read, definition, "redirect-uri", "the redirect URI registered for your client");
  // A one-shot state store hands over the PKCE verifier, so that it can be printed for the exchange.
  let verifier: string | undefined;
  const stateStore: StateStore = {
    put: async (_key, pending) => void (verifier = pending.codeVerifier),
    take: async () => undefined,
  };
  const { flows, baseUrl } = build(ctx, { flow: "authorizationUrl", stateStore });
  const authorizationUrl = flows.authorizationUrl!;
  const captured = await call(ctx, baseUrl, undefined, () => authorizationUrl({ scopes: scopesOf(parsed), prompt: read("prompt"), redirectUri: read("redirect-uri") }));
  const exchange = exchangeCommand(definition.id, verifier, read("redirect-uri"));
  if (ctx.json) {
    io.out(jsonText({ provider: definition.id, url: captured.url, state: captured.state, ...(verifier ? { codeVerifier: verifier } : {}), exchange }));
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

