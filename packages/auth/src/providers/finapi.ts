import { type components, createFinapiClient, FINAPI_PRODUCTION_URL, type FinapiClient } from "@finoauth/finapi";
import { type BaseOptions, defineProvider, type ProviderRequest } from "../definition.js";
import { invalidOptions } from "../errors.js";
import type { RevokeParams } from "../flow-params.js";
import { nameProvider, type ProviderFlows } from "../provider-flows.js";
import { checkHeaderValue, compact, type Loose } from "../request-parts.js";

type Schemas = components["schemas"];

/** Options of finAPI. */
export interface FinapiOptions extends BaseOptions {
  /**
   * Makes each call's `X-Request-Id` (1–255 characters of visible ASCII); default: a random UUID per call.
   * Called once per call, when the request is built: a retried call sends the same id again (finAPI
   * correlates the attempts), and a bad id is refused as `invalid_options` before anything is sent.
   */
  requestId?: (() => string) | undefined;
}

/** Revoking at finAPI: the token, an optional hint, and the client's own access token (finAPI authenticates revoke with it). */
export interface FinapiRevokeParams extends RevokeParams {
  clientAccessToken: string;
  /** This call's `X-Request-Id`; echoed back as `requestId`. */
  requestId?: string | undefined;
}

/** This call's `X-Request-Id`, made and checked while the request is built (see {@link FinapiOptions.requestId}). */
const requestIdOf = (options: FinapiOptions, given?: string): string =>
  checkHeaderValue("X-Request-Id", given ?? options.requestId?.() ?? crypto.randomUUID(), "finapi", 255);

/** A token request; its request id is fixed here, once per call, and reused by every attempt. */
const token = (
  client: FinapiClient,
  options: FinapiOptions,
  body: Loose<Schemas["TokenRequest"]>,
  secrets: (string | undefined)[] = [],
): ProviderRequest => {
  const requestId = requestIdOf(options);
  return {
    send: (init) =>
      client.POST("/oauth/token", { ...init, params: { header: { "X-Request-Id": requestId } }, body: compact(body) }),
    secrets,
  };
};

const definition = defineProvider<FinapiClient, FinapiOptions, FinapiRevokeParams>()({
  id: "finapi",
  displayName: "finAPI",
  defaultBaseUrl: FINAPI_PRODUCTION_URL,
  requiresClientSecret: "always",
  options: { requestId: {} },
  createClient: (clientOptions) => createFinapiClient(clientOptions),
  token: { accessToken: "access_token" },
  errors: { code: ["error"], providerCode: ["errors.0.code"], description: ["error_description", "errors.0.message"] },
  requestIdHeader: "X-Request-Id",
  grants: {
    client_credentials: (client, options) =>
      token(client, options, {
        grant_type: "client_credentials",
        client_id: options.clientId,
        client_secret: options.clientSecret!,
      }),
    password: (client, options, p) =>
      token(
        client,
        options,
        {
          grant_type: "password",
          client_id: options.clientId,
          client_secret: options.clientSecret!,
          username: p.username,
          password: p.password,
        },
        [p.password],
      ),
    refresh_token: (client, options, p) =>
      token(
        client,
        options,
        {
          grant_type: "refresh_token",
          client_id: options.clientId,
          client_secret: options.clientSecret!,
          refresh_token: p.refreshToken,
        },
        [p.refreshToken],
      ),
  },
  revoke: (client, options, p: FinapiRevokeParams) => {
    if (!p?.clientAccessToken)
      throw invalidOptions(
        "finAPI's revoke needs clientAccessToken: the client's own token (client credentials)",
        "finapi",
      );
    const requestId = requestIdOf(options, p.requestId);
    const authorization = `Bearer ${checkHeaderValue("clientAccessToken", p.clientAccessToken, "finapi")}`;
    return {
      send: (init) =>
        client.POST("/oauth/revoke", {
          ...init,
          params: {
            query: compact({ token: p.token, token_type_hint: p.tokenTypeHint }),
            header: { "X-Request-Id": requestId },
          },
          headers: { Authorization: authorization },
        }),
      secrets: [p.token, p.clientAccessToken],
    };
  },
});

/** A finAPI provider, as `createProvider(finapi, …)` returns it: the name compiler messages show. */
export interface FinapiProvider extends ProviderFlows<typeof definition> {}

/**
 * finAPI: password, client credentials and refresh grants (form body, `X-Request-Id` echoed back), and
 * revoke, whose parameters go in the query string and which needs the client's bearer token.
 */
export const finapi = nameProvider<FinapiProvider>()(definition);
