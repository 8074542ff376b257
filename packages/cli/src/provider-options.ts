// The provider flags a command takes, from the definitions and the CLI's hints: which providers and grants
// each flag applies to, the help view per provider, and the check that refuses a flag the provider does not
// use. Shared by every provider command (token, refresh, revoke, authorize-url, verify). Names no provider.
import type { AnyDefinition, FlowName } from "@finoauth/auth";
import { type CommandSpec, GRANTS, type Grant, type OptionSpec, type Parsed, type ProviderView } from "./args.js";
import { usage } from "./errors.js";
import type { RefreshVia } from "./hints/index.js";
import { checkProvider, DEFINITIONS, FLOW_OF_GRANT, fieldsOf, grantsOf, offers } from "./registry.js";
import { TLS_FLAGS } from "./tls-files.js";

/** The ids of the providers for which `test` holds. */
export const ids = (test: (definition: AnyDefinition) => boolean): string[] =>
  DEFINITIONS.filter(test).map((definition) => definition.id);

/** Options every provider command takes. */
export const commonOptions: Record<string, OptionSpec> = {
  "client-id": { type: "string", value: "<id>", help: "the client id", env: true },
  "client-secret": { type: "string", value: "<secret>", help: "the client secret", env: true, secret: true },
  "base-url": {
    type: "string",
    value: "<url>",
    help: "the provider's server: a sandbox, or a mock from `finoauth mock` (default: production)",
    env: true,
  },
  timeout: { type: "string", value: "<duration>", help: "per-request timeout: 10, 10s or 500ms (default 10s)" },
  ...TLS_FLAGS,
  header: {
    type: "string",
    multiple: true,
    value: "<name: value>",
    help: 'an extra HTTP header, e.g. "Prefer: code=401" for a Prism mock',
  },
  json: { type: "boolean", help: "print JSON for scripts (secrets masked unless --show-secrets)" },
  "show-secrets": { type: "boolean", help: "print tokens and secrets in full" },
  help: { type: "boolean", short: "h", help: "show this help" },
};

/** The grant a flow's parameters belong to (`refreshVia` parameters: the refresh_token grant). */
const grantOfFlow = (flow: FlowName | undefined): Grant | undefined =>
  GRANTS.find((grant) => FLOW_OF_GRANT[grant] === flow);

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
        type: field.info.boolean ? "boolean" : "string",
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

/** How a provider's flow that stands in for refresh is called in messages. */
export const viaLabel = (via: RefreshVia) => via.label ?? via.flow;
/** `oauthKey` → `oauth_key`: the `grant` of a refreshVia token in JSON. */
export const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();

/** Rejects options the provider (or grant) does not use: they are typos or the wrong command. */
export function checkApplicable(command: CommandSpec, parsed: Parsed, definition: AnyDefinition, grant?: Grant): void {
  for (const given of Object.keys(parsed.values)) {
    const name = command.options[given] ? given : given.replace(/-stdin$/, "");
    const spec = command.options[name];
    if (!spec) continue;
    if (spec.providers && !spec.providers.includes(definition.id)) {
      throw usage(
        `--${name} is not used by ${definition.displayName} (only by ${spec.providers.join(", ")}): remove it`,
      );
    }
    if (grant && spec.grants && !spec.grants.includes(grant)) {
      throw usage(`--${name} is not used with --grant ${grant} (only with ${spec.grants.join(", ")}): remove it`);
    }
  }
}
