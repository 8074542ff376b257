// `provider.fetchProtectedResource`: one call to a resource server with the provider's token, on the same
// wire as every provider call (the fetch the generated client has, so the DPoP proof and the client
// certificate come with it), within the same rules: no redirect followed, a size cap, a deadline, scrubbed errors.
import type { Caller } from "../engine-call.js";
import { invalidOptions } from "../errors.js";
import { headersOf, LightRequest } from "../light-request.js";
import { checkUrl } from "../option-checks.js";
import { type TokenBinding, TokenSet } from "../token-set.js";
import { type CallOptions, type ClientResult, type SendInit, send } from "../transport.js";
import { checkBound } from "./binding.js";
import type { ClientFetch } from "./dpop-fetch.js";

/** What a resource request sends besides the token: method (default GET), headers, a text body; and the call's limits. */
export interface ResourceRequestInit extends CallOptions {
  method?: string | undefined;
  /** Any header but `Authorization` and `DPoP`, which the provider sets. */
  headers?: Record<string, string> | [string, string][] | Headers | undefined;
  /** A text body (JSON as a string, a form as a string). */
  body?: string | undefined;
}

/**
 * A resource server's answer, read whole within the call's limits: status, headers, the body as text and,
 * when it is JSON, parsed. Not a `Response`: its body is read before the deadline ends and within the size
 * cap, so there is no stream left to outlive either. A 3xx is returned as it is (never followed).
 */
export interface ResourceResponse {
  status: number;
  /** True for a 2xx status. */
  ok: boolean;
  headers: Pick<Headers, "get">;
  text: string;
  /** The parsed JSON body; `undefined` when the body is empty or not JSON. */
  json: unknown;
}

/** What the engine gives {@link fetchProtectedResource}. */
export interface ResourceContext {
  provider: string;
  /** The fetch the provider's generated client has (DPoP proofs added, the size cap, no redirects). */
  fetch: ClientFetch;
  caller: Caller;
  /** The provider's own secrets: scrubbed from every error, with the token. */
  secrets: readonly (string | undefined)[];
  /** Whether the transport ends a request when its signal aborts (else `send` races it). */
  honoursSignal: boolean;
  /** What this provider's tokens are bound to (a bound token must match). */
  binding(): Promise<TokenBinding>;
  /** Whether a DPoP key is there to prove possession. */
  dpop: boolean;
}

/** The `Authorization` scheme for `token`: DPoP for a DPoP-bound token (RFC 9449 §7.1), else Bearer (RFC 6750). */
function schemeOf(token: TokenSet, ctx: ResourceContext): "DPoP" | "Bearer" {
  if (token.tokenType === "DPoP") {
    if (!ctx.dpop)
      throw invalidOptions(
        "a DPoP token needs the provider's dpop key to prove possession: give the dpop option",
        ctx.provider,
      );
    return "DPoP";
  }
  if (token.tokenType.toLowerCase() !== "bearer")
    throw invalidOptions(
      `fetchProtectedResource sends Bearer or DPoP tokens, not "${token.tokenType.slice(0, 40)}"`,
      ctx.provider,
    );
  return "Bearer";
}

/** Checks the request before anything is sent; returns its headers with the token's `Authorization`. */
function requestHeaders(token: TokenSet, url: string, init: ResourceRequestInit, ctx: ResourceContext): Headers {
  checkUrl("url", url, ctx.provider);
  if (init.body !== undefined && typeof init.body !== "string")
    throw invalidOptions("body must be a string (serialise JSON or a form first)", ctx.provider);
  if (init.method !== undefined && !/^[A-Za-z]{1,20}$/.test(init.method))
    throw invalidOptions("method must be an HTTP method name such as GET or POST", ctx.provider);
  const headers = headersOf(init.headers instanceof Headers ? [...init.headers] : init.headers);
  if (headers.has("authorization") || headers.has("dpop"))
    throw invalidOptions(
      "headers must not carry Authorization or DPoP: the provider sets them from the token",
      ctx.provider,
    );
  headers.set("authorization", `${schemeOf(token, ctx)} ${token.accessToken}`);
  return headers;
}

/**
 * Calls a resource server with `token`: `Authorization: DPoP` and a proof with `ath` for a DPoP token,
 * `Bearer` for a plain one, the client certificate when the provider's fetch presents one. A token bound
 * to another key than the provider's is refused first (`binding_mismatch`). A DPoP nonce challenge is
 * answered once. Not retried (the request may not be safe to repeat); bounded by the call's deadline.
 */
export async function fetchProtectedResource(
  ctx: ResourceContext,
  token: TokenSet,
  url: string | URL,
  init: ResourceRequestInit = {},
): Promise<ResourceResponse> {
  if (!(token instanceof TokenSet)) throw invalidOptions("fetchProtectedResource needs a TokenSet", ctx.provider);
  const href = String(url);
  const headers = requestHeaders(token, href, init ?? {}, ctx);
  checkBound(token, await ctx.binding(), "the token");
  const method = (init.method ?? "GET").toUpperCase();
  const call = async ({ signal }: SendInit): Promise<ClientResult> => {
    const request = new LightRequest(href, { method, headers: new Headers(headers), body: init.body, signal });
    const response = await ctx.fetch(request);
    const text = await response.text();
    // `send` reads only status, ok and headers.get of the response.
    const read = response as ClientResult["response"];
    return response.ok ? { response: read, data: text } : { response: read, error: text };
  };
  const secrets = [...ctx.secrets, token.accessToken, token.refreshToken];
  const answer = await ctx.caller.run(init, false, (ms) =>
    send(call, {
      provider: ctx.provider,
      timeoutMs: ms,
      signal: init.signal,
      secrets,
      honoursSignal: ctx.honoursSignal,
    }),
  );
  const { status, headers: answerHeaders, text, json } = answer;
  return { status, ok: status >= 200 && status < 300, headers: answerHeaders, text, json };
}
