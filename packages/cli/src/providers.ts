// The providers as @finoauth/auth defines them (which grants, revoke, authorization URL), and the provider
// options built from flags and FINOAUTH_<PROVIDER>_* environment variables.
import {
  createProvider,
  providers,
  type AuthorizationUrlParams,
  type CallOptions,
  type ClientCredentialsParams,
  type CodeParams,
  type OAuthKeyParams,
  type OAuthKeyResult,
  type PasswordParams,
  type ProviderName,
  type RefreshParams,
  type RevokeResult,
  type StateStore,
  type TokenSet,
} from "@finoauth/auth";
import { envName, oneOf, parseDuration, parseHeaders, type Grant, type Parsed } from "./args.js";
import { usage } from "./errors.js";

export const PROVIDER_NAMES = Object.keys(providers) as ProviderName[];

/** The flows of a provider chosen at run time: present only when the provider offers them. */
export interface Flows {
  readonly displayName: string;
  authorizationUrl?(params?: AuthorizationUrlParams): Promise<{ url: string; state: string }>;
  exchangeCode?(params: CodeParams, call?: CallOptions): Promise<TokenSet>;
  clientCredentials?(params?: ClientCredentialsParams, call?: CallOptions): Promise<TokenSet>;
  password?(params: PasswordParams, call?: CallOptions): Promise<TokenSet>;
  refresh?(params: RefreshParams, call?: CallOptions): Promise<TokenSet>;
  revoke?(params: unknown, call?: CallOptions): Promise<RevokeResult>;
  oauthKey?(params: OAuthKeyParams, call?: CallOptions): Promise<OAuthKeyResult>;
}

/** Checks a provider name (with a suggestion for a typo). */
export function checkProvider(name: string | undefined, command: string): ProviderName {
  if (name === undefined) throw usage(`${command} needs a provider: finoauth ${command} <${PROVIDER_NAMES.join("|")}>`);
  oneOf("provider", name, PROVIDER_NAMES);
  return name as ProviderName;
}

export const displayName = (name: ProviderName): string => providers[name].displayName;
export const envPrefix = (name: string): string => `FINOAUTH_${envName(name)}_`;

/** The token grants a provider offers, from its definition in @finoauth/auth. */
export const grantsOf = (name: ProviderName): Grant[] => Object.keys(providers[name].grants) as Grant[];
export const canRevoke = (name: ProviderName): boolean => "revoke" in providers[name];
export const canAuthorize = (name: ProviderName): boolean => "authorize" in providers[name] && grantsOf(name).includes("authorization_code");
export const defaultBaseUrl = (name: ProviderName): string => providers[name].defaultBaseUrl;

/** Reads an option: the flag, else `FINOAUTH_<PROVIDER>_<NAME>` when the option allows it. */
export function reader(parsed: Parsed, provider: ProviderName, envAllowed: (option: string) => boolean, env: NodeJS.ProcessEnv = process.env) {
  return (option: string): string | undefined => {
    const value = parsed.values[option];
    if (typeof value === "string") return value;
    if (!envAllowed(option)) return undefined;
    const fromEnv = env[`${envPrefix(provider)}${envName(option)}`];
    return fromEnv === undefined || fromEnv === "" ? undefined : fromEnv;
  };
}

/** A required value: the flag or its environment variable, else a usage error saying both. */
export function required(read: (option: string) => string | undefined, provider: ProviderName, option: string, what: string, envAllowed = true): string {
  const value = read(option);
  if (value !== undefined) return value;
  const env = envAllowed ? ` or set ${envPrefix(provider)}${envName(option)}` : "";
  throw usage(`${displayName(provider)} needs ${what}: pass --${option}${env}`);
}

/** The options `createProvider` gets for one CLI call. */
export interface BuiltProvider {
  flows: Flows;
  baseUrl: string;
}

/**
 * Builds a provider from flags and environment. `needsSecret` is false for `authorize-url`: an
 * authorization URL never carries the client secret.
 */
export function buildProvider(
  name: ProviderName,
  parsed: Parsed,
  read: (option: string) => string | undefined,
  { needsSecret = true, needsUserId = false, stateStore }: { needsSecret?: boolean; needsUserId?: boolean; stateStore?: StateStore } = {},
): BuiltProvider {
  const clientId = required(read, name, "client-id", "a client id");
  let clientSecret = read("client-secret");
  if (clientSecret === undefined && name !== "oauth2") {
    if (needsSecret) required(read, name, "client-secret", "a client secret");
    // @finoauth/auth checks for a secret when the provider is created, also for flows that never send it.
    clientSecret = "(not used to build an authorization URL)";
  }
  const baseUrl = name === "oauth2" ? required(read, name, "base-url", "the authorization server's URL") : read("base-url");
  const headers = parseHeaders((parsed.values.header as string[] | undefined) ?? []);
  const timeout = read("timeout");
  const options: Record<string, unknown> = {
    clientId,
    clientSecret,
    baseUrl,
    redirectUri: read("redirect-uri"),
    timeoutMs: timeout === undefined ? undefined : parseDuration(timeout, "--timeout"),
    fetch: headers.length === 0 ? undefined : withHeaders(headers),
    stateStore,
  };
  if (name === "fincalc") options.emailAddress = required(read, name, "email-address", "the e-mail address of your FinCalc login");
  if (name === "synapsefi") {
    options.fingerprint = required(read, name, "fingerprint", "the user's device fingerprint");
    options.ipAddress = required(read, name, "ip-address", "the IP address of the user's device");
    options.userId = needsUserId ? required(read, name, "user-id", "the user's id") : read("user-id");
  }
  if (name === "finapi") {
    const requestId = read("request-id");
    if (requestId !== undefined) options.requestId = () => requestId;
  }
  if (name === "oauth2") {
    const clientAuth = read("client-auth");
    if (clientAuth !== undefined) oneOf("--client-auth", clientAuth, ["client_secret_basic", "client_secret_post"]);
    options.clientAuth = clientAuth;
  }
  for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
  const flows = createProvider(name, options as never) as unknown as Flows;
  return { flows, baseUrl: baseUrl ?? defaultBaseUrl(name) };
}

/** A fetch that adds the `--header` values to every request (e.g. Prism's `Prefer: code=401`). */
function withHeaders(headers: readonly [string, string][]) {
  return (request: Request): Promise<Response> => {
    const merged = new Headers(request.headers);
    for (const [name, value] of headers) merged.set(name, value);
    return fetch(new Request(request, { headers: merged }));
  };
}
