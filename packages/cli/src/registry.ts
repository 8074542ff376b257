// The providers as @finoauth/auth/all's registry defines them (grants, revoke, authorization URL) and as
// the CLI's hints describe them (their own options and per-call parameters), and the provider options built
// from flags, FINOAUTH_<PROVIDER>_* environment variables and stdin. No provider is named here.
import {
  type AnyDefinition,
  type AuthorizeDefinition,
  type BaseOptions,
  createProvider,
  type FlowName,
  type GrantBuilders,
  type GrantName,
  type ProviderDefinition,
  type ProviderFlows,
  type RequestBuilder,
  type RevokeParams,
  type StateStore,
} from "@finoauth/auth";
import { providers } from "@finoauth/auth/all";
import { envName, envPrefix, type Grant, oneOf, type Parsed, parseDuration, parseHeaders } from "./args.js";
import { usage } from "./errors.js";
import { type FieldInfo, hintsOf, plainHint, type RefreshVia } from "./hints/index.js";
import { tlsFromFlags } from "./tls-files.js";

/** Every provider definition of the registry, in its order. */
export const DEFINITIONS: readonly AnyDefinition[] = Object.values(providers);

/** The providers' names, in the registry's order. */
export const PROVIDER_NAMES: readonly string[] = DEFINITIONS.map((definition) => definition.id);

/** The revoke parameters the CLI sends: the uniform ones plus the provider's own (`params.revoke` of its hints). */
type ToolRevokeParams = RevokeParams & Readonly<Record<string, unknown>>;

/** A definition that offers every uniform flow: its flows are the most any provider has. */
type EveryFlow = ProviderDefinition<
  unknown,
  BaseOptions,
  Required<GrantBuilders<unknown, BaseOptions>>,
  ToolRevokeParams
> & {
  authorize: AuthorizeDefinition;
  revoke: RequestBuilder<unknown, BaseOptions, ToolRevokeParams>;
};

/** The flows of a provider chosen at run time, as the engine types them: each present only when the provider offers it. */
export type Flows = { readonly id: string; readonly displayName: string } & Partial<
  Omit<ProviderFlows<EveryFlow>, "id" | "displayName" | "definition">
>;

/** The flow that runs each grant. */
export const FLOW_OF_GRANT: Readonly<Record<GrantName, FlowName>> = {
  authorization_code: "exchangeCode",
  client_credentials: "clientCredentials",
  password: "password",
  refresh_token: "refresh",
};

/** The definition of a provider by name. */
export function definitionOf(name: string): AnyDefinition {
  const found = DEFINITIONS.find((definition) => definition.id === name);
  if (!found) throw usage(`unknown provider "${name}"`);
  return found;
}

/** Checks a provider name (with a suggestion for a typo) and returns its definition. */
export function checkProvider(name: string | undefined, command: string): AnyDefinition {
  if (name === undefined) throw usage(`${command} needs a provider: finoauth ${command} <${PROVIDER_NAMES.join("|")}>`);
  oneOf("provider", name, PROVIDER_NAMES);
  return definitionOf(name);
}

/** The token grants a provider offers. */
export const grantsOf = (definition: AnyDefinition): Grant[] => Object.keys(definition.grants) as Grant[];
/** Whether the provider offers revoke. */
export const canRevoke = (definition: AnyDefinition): boolean => definition.revoke !== undefined;
/** Whether the provider has an authorization URL (an authorize endpoint and the authorization-code grant). */
export const canAuthorize = (definition: AnyDefinition): boolean =>
  definition.authorize !== undefined && grantsOf(definition).includes("authorization_code");
/** Whether the provider offers a flow. */
export function offers(definition: AnyDefinition, flow: FlowName): boolean {
  if (flow === "authorizationUrl") return canAuthorize(definition);
  if (flow === "revoke") return canRevoke(definition);
  return grantsOf(definition).some((grant) => FLOW_OF_GRANT[grant] === flow);
}
/** Whether a flow of the provider sends scopes (`scopes` of its hints, default every flow that takes them). */
export const sendsScopes = (definition: AnyDefinition, flow: FlowName): boolean =>
  offers(definition, flow) &&
  flow !== "exchangeCode" &&
  flow !== "revoke" &&
  (hintsOf(definition).scopes?.includes(flow) ?? true);
/** The flow the CLI runs in place of refresh, if the provider has one. */
export const refreshVia = (definition: AnyDefinition): RefreshVia | undefined => hintsOf(definition).refreshVia;

/** One provider-specific value: an option of `createProvider`, a parameter of a flow, or of `refreshVia`. */
export interface ProviderField {
  /** The option's or parameter's name (`emailAddress`). */
  key: string;
  info: FieldInfo;
  kind: "option" | "param" | "refreshVia";
  /** For parameters: the flow that takes them. */
  flow?: FlowName;
}

/**
 * The provider's own values a set of flows needs: its options (read as its hints say, secret as its
 * definition says), the flows' parameters and, for refresh, `refreshVia`'s.
 */
export function fieldsOf(definition: AnyDefinition, flows: readonly FlowName[]): ProviderField[] {
  const hints = hintsOf(definition);
  const secret = (key: string): boolean | undefined =>
    (definition.options as Record<string, { secret?: boolean | undefined }>)[key]?.secret;
  const fields: ProviderField[] = Object.keys(definition.options).map((key) => ({
    key,
    info: { ...(hints.options[key] ?? plainHint(key)), secret: secret(key) },
    kind: "option",
  }));
  for (const flow of flows) {
    if (!offers(definition, flow)) continue;
    for (const [key, info] of Object.entries(hints.params?.[flow] ?? {}))
      fields.push({ key, info, kind: "param", flow });
    const via = refreshVia(definition);
    if (flow === "refresh" && via)
      for (const [key, info] of Object.entries(via.params)) fields.push({ key, info, kind: "refreshVia", flow });
  }
  return fields;
}

/** Reads a value by flag name: the flag, stdin, or the provider's environment variable. */
export type Read = (flag: string) => string | undefined;

/**
 * Reads options: the flag; for a secret, `-` or `--<flag>-stdin` take it from stdin (`stdin`, read once
 * before); else `FINOAUTH_<PROVIDER>_<FLAG>` when the option allows it.
 */
export function reader(
  parsed: Parsed,
  provider: string,
  envAllowed: (flag: string) => boolean,
  stdin?: string,
  env: NodeJS.ProcessEnv = process.env,
): Read {
  return (flag) => {
    const value = parsed.values[flag];
    if (value === "-" || parsed.values[`${flag}-stdin`] === true) return stdin;
    if (typeof value === "string") return value;
    if (value === true) return "true";
    if (!envAllowed(flag)) return undefined;
    const fromEnv = env[`${envPrefix(provider)}${envName(flag)}`];
    return fromEnv === undefined || fromEnv === "" ? undefined : fromEnv;
  };
}

/** A required value: the flag or its environment variable, else a usage error saying both. */
export function required(read: Read, definition: AnyDefinition, flag: string, what: string, envAllowed = true): string {
  const value = read(flag);
  if (value !== undefined) return value;
  const env = envAllowed ? ` or set ${envPrefix(definition.id)}${envName(flag)}` : "";
  throw usage(`${definition.displayName} needs ${what}: pass --${flag}${env}`);
}

/** Whether a field is needed for `flow`. */
const neededFor = (info: FieldInfo, flow: string | undefined) =>
  info.required === true || (Array.isArray(info.required) && info.required.some((name) => name === flow));

/** A field's value from its flag: checked against its choices and parsed by its `parse`; a required one must be there. */
export function fieldValue(
  read: Read,
  definition: AnyDefinition,
  field: ProviderField,
  flow?: string,
  envAllowed = true,
): unknown {
  const { info } = field;
  const text = neededFor(info, flow) ? required(read, definition, info.flag, info.help, envAllowed) : read(info.flag);
  if (text === undefined) return undefined;
  if (info.choices) oneOf(`--${info.flag}`, text, info.choices);
  return info.parse ? info.parse(text) : text;
}

/** The provider and the server it talks to. */
export interface BuiltProvider {
  flows: Flows;
  baseUrl: string;
}

/** What {@link buildProvider} needs besides the flags. */
export interface BuildOptions {
  /** The flow that will run (a uniform one or a `refreshVia` flow): its required options are checked, and the client secret when the provider sends it. */
  flow: string;
  stateStore?: StateStore;
  /** The fetch every request goes through (default the global one); `--header` values are added before it. */
  fetch?: (request: Request) => Promise<Response>;
  /** The engine's retry policy (default the engine's); `{ retries: 0 }` sends each request once. */
  retry?: BaseOptions["retry"];
}

/**
 * Builds a provider from flags, stdin and environment, as its definition describes its options. The client
 * secret is needed only when the flow sends it (an authorization URL never does).
 */
export function buildProvider(
  definition: AnyDefinition,
  parsed: Parsed,
  read: Read,
  { flow, stateStore, fetch: send, retry }: BuildOptions,
): BuiltProvider {
  const clientId = required(read, definition, "client-id", "a client id");
  const clientSecret =
    definition.requiresClientSecret && flow !== "authorizationUrl"
      ? required(read, definition, "client-secret", "a client secret")
      : read("client-secret");
  const baseUrl =
    definition.defaultBaseUrl === ""
      ? required(read, definition, "base-url", "the authorization server's URL")
      : read("base-url");
  const headers = parseHeaders((parsed.values.header as string[] | undefined) ?? []);
  const tls = tlsFromFlags(read);
  // The engine puts a client certificate only on its own transports, not on the fetch that adds headers.
  if (tls !== undefined && (headers.length > 0 || send !== undefined))
    throw usage(
      "--tls-cert cannot be combined with --header (or a mock's fetch): mutual TLS goes straight to the server",
    );
  const timeout = read("timeout");
  const options: BaseOptions & Record<string, unknown> = {
    clientId,
    clientSecret,
    baseUrl,
    redirectUri: read("redirect-uri"),
    timeoutMs: timeout === undefined ? undefined : parseDuration(timeout, "--timeout"),
    fetch: headers.length === 0 ? send : withHeaders(headers, send),
    stateStore,
    retry,
    tls,
  };
  for (const field of fieldsOf(definition, [])) options[field.key] = fieldValue(read, definition, field, flow);
  for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
  // The registry's definitions, seen as taking any options: the engine checks them at creation.
  const tool: AnyDefinition & { readonly "~options"?: BaseOptions & Record<string, unknown> } = definition;
  const flows: Flows = createProvider(tool, options);
  return { flows, baseUrl: baseUrl ?? definition.defaultBaseUrl };
}

/** A fetch that adds the `--header` values to every request (e.g. Prism's `Prefer: code=401`). */
function withHeaders(headers: readonly [string, string][], send: (request: Request) => Promise<Response> = fetch) {
  return (request: Request): Promise<Response> => {
    const merged = new Headers(request.headers);
    for (const [name, value] of headers) merged.set(name, value);
    return send(new Request(request, { headers: merged, redirect: "manual" }));
  };
}

/** What a `refreshVia` flow answers: a token, or another step with a message. */
export interface ViaStep {
  status: string;
  message?: string;
  token?: unknown;
  [field: string]: unknown;
}

/** The `refreshVia` flow of a created provider, checked to be a function. */
export function viaFlow(flows: Flows, name: string): (params: Record<string, unknown>) => Promise<ViaStep> {
  const flow: unknown = Reflect.get(flows, name);
  if (typeof flow !== "function")
    throw usage(`the provider's definition names the flow ${name}, which it does not have`);
  return async (params) => {
    const result: unknown = await flow.call(flows, params);
    if (result === null || typeof result !== "object" || typeof Reflect.get(result, "status") !== "string") {
      throw new Error(`${name} answered something that is not a step: report it`);
    }
    return { ...result, status: Reflect.get(result, "status") };
  };
}
