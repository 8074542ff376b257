// The authorization request: the parameters a caller may give, the ones the library owns, and how a
// definition describes its authorization endpoint.
import type { BaseOptions } from "./definition.js";
import type { PushDefinition } from "./fapi/par.js";

/**
 * The authorize query parameters a caller's `parameters` can never carry (a compile error, and refused
 * at runtime): the ones the library sets itself, and the ones that would undo them or leak a secret.
 */
export const RESERVED_AUTHORIZE_PARAMETERS = [
  // Set by the library from the options and the call (RFC 6749 §4.1.1, RFC 7636 §4.3, OpenID Connect Core §3.1.2.1).
  "client_id",
  "redirect_uri",
  "response_type",
  "scope",
  "state",
  "prompt",
  "code_challenge",
  "code_challenge_method",
  // RFC 9101 §5, §6.3: a request object (by value or by reference) takes precedence over the query, so it
  // would replace redirect_uri, state and the PKCE challenge the library made.
  "request",
  "request_uri",
  // OAuth 2.0 Multiple Response Type Encoding Practices §2.1, OAuth 2.0 Form Post Response Mode, JARM:
  // moves the answer out of the query that handleCallback reads (into the fragment, a POST body or a JWT).
  "response_mode",
  // RFC 6749 §2.3.1, RFC 7521 §4.2: client credentials never go in a URL the browser sees and logs.
  "client_secret",
  "client_assertion",
  "client_assertion_type",
  // RFC 7636 §4.5: the verifier goes only to the token endpoint; in the front channel it defeats PKCE.
  "code_verifier",
] as const;

/** The name of an authorize query parameter the library sets itself. */
export type ReservedAuthorizeParameter = (typeof RESERVED_AUTHORIZE_PARAMETERS)[number];

/** The value of an extra authorize parameter: one string, or several (the parameter is then repeated); `undefined` leaves it out. */
export type AuthorizeParameterValue = string | readonly string[] | undefined;

/**
 * Query parameters of an authorization URL beyond the ones the library sets, for a provider whose
 * definition accepts them (`authorize.extraParameters`). The common ones are typed; any other name is the
 * escape hatch (a string, or a list to repeat it). A name the library sets is a compile error here and a
 * runtime error too.
 */
export type AuthorizeParameters = {
  /** OpenID Connect Core 1.0 §3.1.2.1: a random value the ID token must carry back (replay defence). */
  readonly nonce?: string | undefined;
  /** OpenID Connect Core 1.0 §3.1.2.1: who is expected to log in (an email address, say), to prefill the login page. */
  readonly login_hint?: string | undefined;
  /** The API the token is for, as some servers (Auth0, …) name it; the standard form is `resource`. */
  readonly audience?: string | undefined;
  /** RFC 8707 resource indicators: absolute URIs of the resources the token is for; a list repeats the parameter. */
  readonly resource?: string | readonly string[] | undefined;
} & { readonly [K in ReservedAuthorizeParameter]?: never } & { readonly [name: string]: AuthorizeParameterValue };

/** Parameters of an authorization URL; `Prompt` is the provider's `authorize.prompts`. */
export interface AuthorizationUrlParams<Prompt extends string = string> {
  scopes?: readonly string[] | undefined;
  redirectUri?: string | undefined;
  /** One of the provider's `authorize.prompts` (OpenID Connect's `none`, `login`, `consent`, `select_account`…). */
  prompt?: Prompt | undefined;
  /**
   * More query parameters, for a provider whose definition accepts them (`authorize.extraParameters`):
   * `nonce`, `login_hint`, `audience`, `resource` (several: a list), or any other. They can never replace
   * one the library sets (state, PKCE, client id, redirect URI, response type, scope, prompt) nor undo it
   * (`request`, `request_uri`, `response_mode`), nor carry a secret (see {@link RESERVED_AUTHORIZE_PARAMETERS}).
   */
  parameters?: AuthorizeParameters | undefined;
}

/** The values an authorize definition turns into the query string. */
export interface AuthorizeValues {
  clientId: string;
  state: string;
  redirectUri?: string | undefined;
  scope?: string | undefined;
  prompt?: string | undefined;
  codeChallenge?: string | undefined;
}

/** How a provider's authorization endpoint is called: data plus a typed query builder. */
export interface AuthorizeDefinition {
  /** The path below `baseUrl` (or `authorizeBaseUrl`). */
  path: string;
  /** A full authorization URL from the options, when the provider lets users name one (generic RFC 6749). */
  endpoint?(options: BaseOptions): string | undefined;
  /** The token endpoint's URL when the options put it apart from `baseUrl`: a pending state is bound to it. */
  tokenEndpoint?(options: BaseOptions): string | undefined;
  /** Whether the provider takes PKCE (S256); when it does, it is sent unless `skipPkce` says otherwise. */
  pkce: boolean;
  /** Whether these options turn PKCE off (a server that refuses parameters it does not know). Default: never. */
  skipPkce?(options: BaseOptions): boolean;
  /** How scopes are joined in the query. */
  scopeSeparator: " " | ",";
  /** Whether a `redirect_uri` must be given. */
  requiresRedirectUri: boolean;
  /** The allowed `prompt` values, if the provider has `prompt`. */
  prompts?: readonly string[];
  /** Whether callers may add query parameters of their own (`AuthorizationUrlParams.parameters`). */
  extraParameters?: boolean;
  /** Builds the query, typed against the spec's authorize parameters. */
  query(values: AuthorizeValues): Record<string, string | undefined>;
  /** Pushed authorization requests (RFC 9126), for a provider that offers them: the URL then carries only `client_id` and `request_uri`. */
  push?: PushDefinition;
}
