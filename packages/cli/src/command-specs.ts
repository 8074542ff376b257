// The help and option tables of `finoauth token | refresh | revoke | authorize-url`: what each requires, and
// an example line per provider, all from the provider definitions and the CLI's hints (the provider flags
// themselves are in provider-options.ts). Nothing here names a provider.
import type { AnyDefinition, FlowName } from "@finoauth/auth";
import { type CommandSpec, envPrefix, GRANTS, type Grant } from "./args.js";
import { hintsOf } from "./hints/index.js";
import { commonOptions, ids, providerOptions, providerView, viaLabel } from "./provider-options.js";
import {
  canAuthorize,
  canRevoke,
  DEFINITIONS,
  FLOW_OF_GRANT,
  fieldsOf,
  grantsOf,
  offers,
  refreshVia,
  sendsScopes,
} from "./registry.js";

const first = DEFINITIONS[0]?.id ?? "<provider>";
const envLine = `Environment: FINOAUTH_<PROVIDER>_<OPTION>, e.g. ${envPrefix(first)}CLIENT_SECRET (provider in upper snake case); a flag wins over its variable.`;
const exitLine = "Exit codes: 0 done, 1 the provider refused or could not be reached, 2 bad usage.";

/** The flags a provider requires for a flow, with placeholders: for examples in help. */
function requiredFlags(definition: AnyDefinition, flow: FlowName): string {
  const via = flow === "refresh" ? refreshVia(definition) : undefined;
  const flags = fieldsOf(definition, [flow])
    .filter(
      (field) =>
        field.info.required === true ||
        (Array.isArray(field.info.required) && field.info.required.includes(flow) && !via),
    )
    .map((field) => `--${field.info.flag} ${field.info.value}`);
  if (definition.defaultBaseUrl === "") flags.unshift("--base-url <url>");
  return [...new Set(flags)].join(" ");
}

/** The values a grant takes in an example line, as the provider's definition needs them. */
function grantValues(definition: AnyDefinition, grant: Grant): string {
  switch (grant) {
    case "authorization_code":
      return [
        "--code <code>",
        definition.authorize?.pkce ? "--code-verifier=<verifier>" : "",
        definition.authorize?.requiresRedirectUri ? "--redirect-uri <uri>" : "",
      ]
        .filter(Boolean)
        .join(" ");
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
    code: {
      type: "string",
      value: "<code>",
      help: "the authorization code from the redirect",
      env: true,
      secret: true,
      grants: ["authorization_code"],
    },
    "code-verifier": {
      type: "string",
      value: "<verifier>",
      help: "the PKCE verifier that `finoauth authorize-url` printed (--code-verifier=<verifier>)",
      env: true,
      secret: true,
      grants: ["authorization_code"],
      providers: ids((definition) => canAuthorize(definition) && definition.authorize!.pkce),
    },
    "redirect-uri": {
      type: "string",
      value: "<uri>",
      help: "the redirect URI of the authorization request",
      env: true,
      grants: ["authorization_code"],
      providers: ids((d) => offers(d, "exchangeCode")),
    },
    username: { type: "string", value: "<name>", help: "the user's name", env: true, grants: ["password"] },
    password: {
      type: "string",
      value: "<password>",
      help: "the user's password",
      env: true,
      secret: true,
      grants: ["password"],
    },
    "refresh-token": {
      type: "string",
      value: "<token>",
      help: "the refresh token",
      env: true,
      secret: true,
      grants: ["refresh_token"],
    },
    scope: {
      type: "string",
      multiple: true,
      value: "<scope>",
      help: "a scope to ask for",
      grants: ["client_credentials", "password", "refresh_token"],
      providers: ids((d) =>
        (["clientCredentials", "password", "refresh"] as const).some((flow) => sendsScopes(d, flow)),
      ),
    },
    ...providerOptions(["exchangeCode", "clientCredentials", "password", "refresh"]),
    ...commonOptions,
  },
  details: [
    `Grants by provider: ${DEFINITIONS.map((d) => `${d.id} (${grantsOf(d).join(", ")})`).join("; ")}.`,
    ...DEFINITIONS.flatMap((definition) => {
      const via = refreshVia(definition);
      return via
        ? [
            `${definition.displayName}: the refresh_token grant issues ${viaLabel(via)}s; when a step comes first, the answer says which flag to add next and the command exits 0.`,
          ]
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
      ...(via
        ? [
            `The refresh_token grant issues ${viaLabel(via)}s; when a step comes first, the answer says which flag to add next and the command exits 0.`,
          ]
        : []),
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
    scope: {
      type: "string",
      multiple: true,
      value: "<scope>",
      help: "narrow the new token to this scope",
      providers: ids((d) => sendsScopes(d, "refresh")),
    },
    ...providerOptions(["refresh"]),
    ...commonOptions,
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
    ...commonOptions,
  },
  details: [
    `Providers with revoke: ${ids(canRevoke).join(", ")}.`,
    ...DEFINITIONS.filter((d) => canRevoke(d) && hintsOf(d).revokes?.length === 1).map(
      (d) => `${d.displayName} revokes ${hintsOf(d).revokes![0]}s only.`,
    ),
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
  summary:
    "Builds the URL that sends a user to the provider's consent page, with a fresh state (and PKCE where supported).",
  options: {
    "redirect-uri": { type: "string", value: "<uri>", help: "where the provider sends the user back", env: true },
    scope: {
      type: "string",
      multiple: true,
      value: "<scope>",
      help: "a scope to ask for",
      providers: ids((d) => sendsScopes(d, "authorizationUrl")),
    },
    prompt: {
      type: "string",
      value: "<prompt>",
      help: [...new Set(DEFINITIONS.flatMap((d) => d.authorize?.prompts ?? []))].join(", ") || "the prompt",
      providers: ids((d) => canAuthorize(d) && (d.authorize!.prompts?.length ?? 0) > 0),
    },
    ...providerOptions(["authorizationUrl"]),
    ...Object.fromEntries(Object.entries(commonOptions).filter(([name]) => name !== "timeout" && name !== "header")),
  },
  details: [
    `Providers with an authorization URL: ${ids(canAuthorize).join(", ")}.`,
    "The client secret is not needed. The PKCE code verifier is printed in full: the exchange needs it",
    "(finoauth token <provider> --grant authorization_code --code … --code-verifier=…), and it is worthless without the code.",
    envLine,
    exitLine,
  ],
  examples: DEFINITIONS.filter(canAuthorize).map((d) =>
    [
      `finoauth authorize-url ${d.id}`,
      d.authorize!.requiresRedirectUri ? "--redirect-uri <uri>" : "--scope <scope>",
      d.authorize!.prompts?.length ? `--prompt ${d.authorize!.prompts[0]}` : "",
      requiredFlags(d, "authorizationUrl"),
    ]
      .filter(Boolean)
      .join(" "),
  ),
  providerView: providerView("authorize-url"),
};
