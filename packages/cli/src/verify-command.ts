// `finoauth verify`'s options, help and examples, and the labels of the flows it runs: the provider flags
// of every flow, from the definitions and the CLI's hints.
import type { AnyDefinition, FlowName } from "@finoauth/auth";
import { type CommandSpec, envPrefix } from "./args.js";
import type { WalkFlow } from "./flow-walk.js";
import { providerOptions, providerView } from "./provider-options.js";
import { DEFINITIONS, offers, sendsScopes } from "./registry.js";

const idsOf = (test: (definition: AnyDefinition) => boolean) =>
  DEFINITIONS.filter(test).map((definition) => definition.id);
const first = DEFINITIONS.find((definition) => offers(definition, "password"))?.id ?? DEFINITIONS[0]?.id ?? "provider";

/** The flows verify runs (in the walk's order), with their CLI labels. */
export const LABELS: Readonly<Record<WalkFlow, string>> = {
  exchangeCode: "authorization code",
  clientCredentials: "client credentials",
  password: "password",
  refresh: "refresh",
  revoke: "revoke",
};

/** Options that only some providers' flows use: given for another provider, they are refused. */
const only = (flow: FlowName): readonly string[] => idsOf((definition) => offers(definition, flow));

/** `finoauth verify`'s options (the provider flags of every flow it runs), help and examples. */
export const verifyCommand: CommandSpec = {
  name: "verify",
  synopsis: "<provider> --upstream <base-url> [options]",
  summary:
    "Runs the provider's flows that need no browser (client credentials, password, refresh, revoke; the authorization code only with --code) through `prism proxy` in front of the real server, and reports every request and answer that breaks the provider's spec: a table, or JSON. For a scheduled CI job against a sandbox.",
  options: {
    upstream: {
      type: "string",
      value: "<base-url>",
      help: "the real server, e.g. a sandbox: https://sandbox.finapi.io (https, or http on loopback)",
      env: true,
    },
    username: {
      type: "string",
      value: "<name>",
      help: "the user's name, for the password flow (else it is skipped)",
      env: true,
      providers: only("password"),
    },
    password: {
      type: "string",
      value: "<password>",
      help: "the user's password, for the password flow",
      env: true,
      secret: true,
      providers: only("password"),
    },
    "refresh-token": {
      type: "string",
      value: "<token>",
      help: "a refresh token for the refresh flow (else one this run obtained, else the flow is skipped); a provider that rotates refresh tokens uses it up",
      env: true,
      secret: true,
      providers: only("refresh"),
    },
    code: {
      type: "string",
      value: "<code>",
      help: "an authorization code from the redirect: runs the authorization-code exchange (else it is skipped: it needs a browser)",
      env: true,
      secret: true,
      providers: only("exchangeCode"),
    },
    "code-verifier": {
      type: "string",
      value: "<verifier>",
      help: "the PKCE verifier that `finoauth authorize-url` printed, with --code",
      env: true,
      secret: true,
      providers: only("exchangeCode"),
    },
    "redirect-uri": {
      type: "string",
      value: "<uri>",
      help: "the redirect URI of the authorization request, with --code",
      env: true,
      providers: only("exchangeCode"),
    },
    scope: {
      type: "string",
      multiple: true,
      value: "<scope>",
      help: "a scope to ask for",
      providers: idsOf((d) =>
        (["clientCredentials", "password", "refresh"] as const).some((flow) => sendsScopes(d, flow)),
      ),
    },
    ...providerOptions(["exchangeCode", "clientCredentials", "password", "refresh", "revoke"]),
    "client-id": { type: "string", value: "<id>", help: "the client id", env: true },
    "client-secret": { type: "string", value: "<secret>", help: "the client secret", env: true, secret: true },
    timeout: { type: "string", value: "<duration>", help: "per-request timeout: 10, 10s or 500ms (default 10s)" },
    json: { type: "boolean", help: "print the report as JSON" },
    help: { type: "boolean", short: "h", help: "show this help" },
  },
  details: [
    `Credentials come from the environment (or stdin), as in CI: FINOAUTH_<PROVIDER>_CLIENT_ID, _CLIENT_SECRET, _USERNAME, _PASSWORD, _REFRESH_TOKEN, _CODE, _CODE_VERIFIER, _UPSTREAM and the provider's own options, e.g. ${envPrefix(first)}CLIENT_ID and ${envPrefix(first)}CLIENT_SECRET (provider in upper snake case). A flag wins over its variable.`,
    "A flow whose inputs are missing is listed as skipped. Revoke only ever revokes a token this run obtained, never one you gave it.",
    "Each exchange is checked by Prism (5.14.2) against the provider's spec: a request that breaks it is not forwarded (Prism answers 422); an answer that breaks it is reported (sl-violations) and replaced by Prism's 500 problem; an answer with a status the spec does not document is reported too.",
    "Violations name a JSON pointer into the exchange: /response/body/access_token, /response/status, /response/headers/content-type, /request/body/… . Secrets are never printed.",
    "Exit codes: 0 every flow that ran conforms; 1 a request or answer breaks the spec, or a flow failed (unreachable, refused: it verified nothing); 2 bad usage, or no flow could run.",
  ],
  examples: [
    "FINOAUTH_FINAPI_CLIENT_ID=… FINOAUTH_FINAPI_CLIENT_SECRET=… finoauth verify finapi --upstream https://sandbox.finapi.io",
    "finoauth verify finapi --upstream https://sandbox.finapi.io --username alice --password-stdin --json < password.txt",
    "finoauth verify oauth2 --upstream https://auth.example.com --client-auth client_secret_post",
  ],
  providerView: providerView("verify"),
};
