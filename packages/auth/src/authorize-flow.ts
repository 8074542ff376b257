// The two halves of the authorization-code flow: the URL the user is sent to (with a state and PKCE,
// remembered in the state store), and the callback that checks the answer and exchanges its code.

import type { AuthorizationUrlParams, AuthorizeDefinition, AuthorizeParameterValue } from "./authorize-params.js";
import { RESERVED_AUTHORIZE_PARAMETERS } from "./authorize-params.js";
import { checkPending, instanceBinding, parseCallback } from "./callback.js";
import type { AnyDefinition, BaseOptions } from "./definition.js";
import { callbackRefused, invalidOptions } from "./errors.js";
import type { PushedRequest } from "./fapi/par.js";
import type { CallbackOptions, CodeParams } from "./flow-params.js";
import { checkRedirectUri, checkScopes } from "./option-checks.js";
import { createPkce, randomToken, sha256 } from "./pkce.js";
import { constantTimeEqual, isStateShaped, MemoryStateStore, STATE_TTL_MS } from "./state-store.js";
import type { TokenSet } from "./token-set.js";
import type { CallOptions } from "./transport.js";

/** Query parameters the engine or the definition sets, or that would undo them, which `parameters` may never carry. */
const RESERVED = new Set<string>(RESERVED_AUTHORIZE_PARAMETERS);

/** Why a reserved name the library does not set itself is refused, for the message. */
const RESERVED_BECAUSE: Readonly<Record<string, string>> = {
  request: "a request object would replace the library's redirect_uri, state and PKCE (RFC 9101 §5)",
  request_uri: "a request object would replace the library's redirect_uri, state and PKCE (RFC 9101 §5)",
  response_mode:
    "it would move the answer out of the query that handleCallback reads (RFC 6749 §4.1.2; OAuth 2.0 Multiple Response Type Encoding Practices §2.1)",
  client_secret: "a client credential never goes in a URL the browser sees (RFC 6749 §2.3.1)",
  client_assertion: "a client credential never goes in a URL the browser sees (RFC 7521 §4.2)",
  client_assertion_type: "a client credential never goes in a URL the browser sees (RFC 7521 §4.2)",
  code_verifier: "the PKCE verifier goes only to the token endpoint (RFC 7636 §4.5)",
};

const refusedParameter = (key: string, id: string) =>
  invalidOptions(
    Object.hasOwn(RESERVED_BECAUSE, key)
      ? `the authorize parameter "${key}" is reserved: ${RESERVED_BECAUSE[key]}`
      : `the authorize parameter "${key}" is set by the library and cannot be replaced`,
    id,
  );

/** What the authorization-code flows need from the engine. */
interface AuthorizeFlowContext {
  definition: AnyDefinition;
  authorize: AuthorizeDefinition;
  options: BaseOptions;
  now: () => number;
  /** Exchanges a code (never retried). */
  exchange(params: CodeParams, call: CallOptions | undefined): Promise<TokenSet>;
  /**
   * Pushes the authorization parameters (RFC 9126) when the definition and options ask for it: the URL
   * then carries only `client_id` and the `request_uri` the server gave.
   */
  push?: ((parameters: [string, string][]) => Promise<PushedRequest>) | undefined;
}

/** The caller's extra authorize parameters, checked: none for a provider that takes none, no reserved name. */
function extraParameters(
  params: AuthorizationUrlParams,
  authorize: AuthorizeDefinition,
  definition: AnyDefinition,
): [string, Exclude<AuthorizeParameterValue, undefined>][] {
  const { id, displayName } = definition;
  const extra = Object.entries(params.parameters ?? {}).filter(
    (entry): entry is [string, Exclude<AuthorizeParameterValue, undefined>] => entry[1] !== undefined,
  );
  if (extra.length > 0 && !authorize.extraParameters)
    throw invalidOptions(`${displayName} takes no authorize parameters beyond scopes, redirectUri and prompt`, id);
  for (const [key] of extra) {
    if (RESERVED.has(key)) throw refusedParameter(key, id);
  }
  return extra;
}

/** The redirect URI an authorization uses, after checking the call's parameters against the definition. */
function checkAuthorizationParams(
  params: AuthorizationUrlParams,
  authorize: AuthorizeDefinition,
  definition: AnyDefinition,
  options: BaseOptions,
): string | undefined {
  const { id, displayName } = definition;
  if (params.redirectUri !== undefined) checkRedirectUri("redirectUri", params.redirectUri, id);
  const redirectUri = params.redirectUri ?? options.redirectUri;
  if (authorize.requiresRedirectUri && !redirectUri) throw invalidOptions(`${displayName} needs a redirectUri`, id);
  if (params.prompt !== undefined && !authorize.prompts?.includes(params.prompt)) {
    throw invalidOptions(
      `prompt must be one of ${authorize.prompts?.join(", ") || "(none: this provider has no prompt)"}`,
      id,
    );
  }
  checkScopes(params.scopes, id);
  return redirectUri;
}

/** Appends the caller's extra parameters to `url`: a list repeats the parameter (RFC 8707 `resource`). */
function appendExtra(url: URL, extra: [string, Exclude<AuthorizeParameterValue, undefined>][], id: string): void {
  for (const [key, value] of extra) {
    if (url.searchParams.has(key)) throw refusedParameter(key, id);
    for (const one of typeof value === "string" ? [value] : value) {
      if (typeof one !== "string")
        throw invalidOptions(`the authorize parameter "${key}" must be a string or a list of strings`, id);
      url.searchParams.append(key, one);
    }
  }
}

/** What a callback URL says, read strictly, with the state checked before anything else the query says. */
function readCallbackState(callbackUrl: string | URL, id: string, call: CallbackOptions | undefined) {
  // Every response parameter is read, and a repeat refused, before the store is touched.
  const answer = parseCallback(callbackUrl, id);
  const { state, error } = answer;
  // The state is checked before anything else the query says: an `error=` with a forged state is a forgery.
  if (state === undefined) {
    // Some providers redirect a denial without the state: report it, without repeating the query's text.
    if (error !== undefined)
      throw callbackRefused(
        id,
        "provider_error",
        `the provider redirected back with error=${error} (and no state to verify it)`,
        error,
      );
    throw callbackRefused(id, "missing_state", "the callback has no state");
  }
  // Another browser's state is refused before the store is touched, so the rightful user can still finish.
  const expected = call?.expectedState;
  if (expected !== undefined && !constantTimeEqual(expected, state))
    throw callbackRefused(id, "session_mismatch", "the state belongs to another browser session");
  // A state the library cannot have made is not looked up: it is unknown.
  if (!isStateShaped(state)) throw callbackRefused(id, "unknown_state", "unknown or already used state");
  return { ...answer, state };
}

/** Refuses a callback whose `iss` is not the issuer the authorization was sent to (RFC 9207 mix-up defence). */
function checkIssuer(issuer: { issuer: string; required: boolean } | undefined, iss: string | undefined, id: string) {
  if (issuer !== undefined && (iss !== undefined ? iss !== issuer.issuer : issuer.required)) {
    throw callbackRefused(
      id,
      "issuer_mismatch",
      iss === undefined
        ? "the callback has no iss, which this server always sends (RFC 9207)"
        : "the callback's iss is not the issuer this authorization was sent to (RFC 9207)",
    );
  }
}

/**
 * Builds `authorizationUrl` and `handleCallback` for a provider with an authorize definition. A pending
 * state is stored under a key bound to this provider instance and records the binding, so that two
 * instances sharing a store (two servers of the generic provider) never take each other's states.
 */
export function authorizeFlows({ definition, authorize, options, now, exchange, push }: AuthorizeFlowContext) {
  const { id } = definition;
  const stateStore = options.stateStore ?? new MemoryStateStore(now);
  // Hashed on first use, not at creation: createProvider stays free of crypto work for flows never run.
  let bound: Promise<string> | undefined;
  const instance = () => (bound ??= instanceBinding(definition, options));
  const stateKey = async (state: string) => sha256(`${await instance()}\n${state}`);
  const issuer = definition.issuer?.(options);
  const pkce = authorize.pkce && !authorize.skipPkce?.(options);

  const authorizationUrl = async (params: AuthorizationUrlParams = {}) => {
    const redirectUri = checkAuthorizationParams(params, authorize, definition, options);
    const extra = extraParameters(params, authorize, definition);
    const state = randomToken(32);
    const verifier = pkce ? await createPkce() : undefined;
    const base = (options.authorizeBaseUrl ?? options.baseUrl ?? definition.defaultBaseUrl).replace(/\/$/, "");
    const url = new URL(authorize.endpoint?.(options) ?? `${base}${authorize.path}`);
    const query = authorize.query({
      clientId: options.clientId,
      state,
      redirectUri,
      scope: params.scopes?.join(authorize.scopeSeparator),
      prompt: params.prompt,
      codeChallenge: verifier?.codeChallenge,
    });
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
    appendExtra(url, extra, id);
    if (push) {
      // RFC 9126 §4: the parameters go on the back channel; the browser sees only the client and the reference.
      const { requestUri } = await push([...url.searchParams]);
      url.search = new URLSearchParams({ client_id: options.clientId, request_uri: requestUri }).toString();
    }
    await stateStore.put(await stateKey(state), {
      state,
      provider: id,
      instance: await instance(),
      issuer: issuer?.issuer,
      issuerRequired: issuer?.required,
      codeVerifier: verifier?.codeVerifier,
      redirectUri,
      expiresAt: now() + STATE_TTL_MS,
    });
    return { url: url.toString(), state };
  };

  const handleCallback = async (callbackUrl: string | URL, call?: CallbackOptions) => {
    const { state, code, iss, error, errorDescription } = readCallbackState(callbackUrl, id, call);
    const taken: unknown = await stateStore.take(await stateKey(state));
    const pending = checkPending(taken, { state, provider: id, instance: await instance(), issuer, pkce, now: now() });
    checkIssuer(issuer, iss, id);
    if (error !== undefined)
      throw callbackRefused(
        id,
        "provider_error",
        errorDescription ?? `the provider redirected back with error=${error}`,
        error,
      );
    if (code === undefined) throw callbackRefused(id, "missing_code", "the callback has no code");
    return exchange({ code, redirectUri: pending.redirectUri, codeVerifier: pending.codeVerifier }, call);
  };

  return { authorizationUrl, handleCallback };
}
