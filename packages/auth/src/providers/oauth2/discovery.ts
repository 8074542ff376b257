// Discovery for the generic provider: reads a server's metadata (RFC 8414, else OpenID Connect Discovery),
// checks it, and turns it into options for createProvider(oauth2, …).
import { type components, createOAuth2Client, type OAuth2Client } from "@finoauth/oauth2";
import { transport } from "../../client-fetch.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "../../create-provider.js";
import type { ClientFactoryOptions } from "../../definition.js";
import { createCaller } from "../../engine-call.js";
import { FinoauthError, invalidOptions, refusedAnswer } from "../../errors.js";
import { type TlsOptions, tlsTransport } from "../../fapi/tls.js";
import { type Fetch, LightRequest } from "../../light-request.js";
import { checkUrl } from "../../option-checks.js";
import { keySecrets } from "../../redact.js";
import { DEFAULT_RETRY, type RetryPolicy } from "../../retry.js";
import { Telemetry } from "../../telemetry/telemetry.js";
import type { TelemetryOptions } from "../../telemetry/telemetry-options.js";
import { RFC6749_ERRORS } from "../../token-shape.js";
import type { ClientResult, SendInit } from "../../transport.js";
import type { ClientAuthMethod } from "./client-auth.js";
import {
  checkFapiMetadata,
  endpointsOf,
  type FapiDiscovered,
  fapiOptionsFromMetadata,
  pickClientAuth,
} from "./fapi-metadata.js";

const PROVIDER = "oauth2";

/** The engine's light request, as openapi-fetch takes a Request class. */
const Light = LightRequest as unknown as typeof Request;

/** A server's metadata (RFC 8414 §2; an OpenID Provider's has more members, kept as they are). */
export type ServerMetadata = components["schemas"]["AuthorizationServerMetadata"];

/** Options of {@link discover} and {@link discoverMetadata}: the same transport rules as every call. */
export interface DiscoveryOptions extends TelemetryOptions {
  /** A fetch to use instead of the global one. */
  fetch?: Fetch | undefined;
  /** Per-request timeout. Default 10 s. */
  timeoutMs?: number | undefined;
  /** The most the whole discovery may take, both documents and retries included. Default `timeoutMs` × 3. */
  deadlineMs?: number | undefined;
  /** Retrying of each document's request (a GET: safe to repeat). */
  retry?: Partial<RetryPolicy> | undefined;
  /** The largest document read, in bytes. Default 1 MiB. */
  maxResponseBytes?: number | undefined;
  /** Aborts the discovery. */
  signal?: AbortSignal | undefined;
  /**
   * A client certificate and the CAs to trust (PEM), as the provider's `tls` option: for a server whose
   * metadata is behind mutual TLS or a private CA. Checked as `createProvider` checks it.
   */
  tls?: TlsOptions | undefined;
}

/**
 * The options discovery finds, to spread into `createProvider(oauth2, { ...discovered, clientId, clientSecret })`;
 * the FAPI members ({@link FapiDiscovered}: `par`, `mtlsEndpoints`, `dpopAlgorithms`, …) only when the metadata has them.
 */
export interface DiscoveredOptions extends FapiDiscovered {
  /** The issuer: the base URL of every endpoint the metadata does not name. */
  baseUrl: string;
  /** The issuer identifier, checked in every callback's `iss` (RFC 9207). */
  issuer: string;
  /** Whether the server always sends `iss` in authorization responses (RFC 9207 `authorization_response_iss_parameter_supported`). */
  requireIssuerParameter: boolean;
  /** The endpoints the metadata names. */
  endpoints: {
    authorize?: string | undefined;
    token: string;
    revoke?: string | undefined;
    introspect?: string | undefined;
    par?: string | undefined;
  };
  /**
   * A method the token endpoint supports: `client_secret_basic`, else `client_secret_post`, else (a server that
   * takes no secret) `private_key_jwt`, `tls_client_auth`, `self_signed_tls_client_auth`; absent when none of these.
   * A client with a key, at a server that takes secrets too, sets `clientAuth: "private_key_jwt"` after the spread.
   */
  clientAuth?: ClientAuthMethod | undefined;
}

/** Where a document is: a base URL, the spec's operation below it, and what follows its path (RFC 8414 §3 insertion). */
interface Location {
  baseUrl: string;
  get: (client: OAuth2Client, init: SendInit) => Promise<ClientResult>;
  suffix: string;
}

/**
 * The two places metadata may be: RFC 8414 §3 inserts the well-known path between the host and the
 * issuer's path; OpenID Connect Discovery §4.1 appends it to the issuer.
 */
function locations(issuer: URL): Location[] {
  const path = issuer.pathname.replace(/\/$/, "");
  return [
    {
      baseUrl: issuer.origin,
      get: (client, init) => client.GET("/.well-known/oauth-authorization-server", { ...init }),
      suffix: path,
    },
    {
      baseUrl: issuer.origin + path,
      get: (client, init) => client.GET("/.well-known/openid-configuration", { ...init }),
      suffix: "",
    },
  ];
}

/** Checks the issuer asked about: an https URL (http only on loopback) without query or fragment (RFC 8414 §2). */
function checkIssuer(issuer: string): URL {
  checkUrl("issuer", issuer, PROVIDER);
  const url = new URL(issuer);
  if (url.search !== "" || url.hash !== "" || issuer.includes("?") || issuer.includes("#")) {
    throw invalidOptions("issuer must have no query and no fragment (RFC 8414 §2)", PROVIDER);
  }
  return url;
}

/** A 4xx from the first place means "not published here": try the next. */
const notHere = (error: unknown) =>
  error instanceof FinoauthError &&
  error.kind === "provider" &&
  error.status !== undefined &&
  error.status >= 400 &&
  error.status < 500;

/**
 * Reads a server's metadata: RFC 8414's `/.well-known/oauth-authorization-server` first, then (when that
 * answers 4xx) OpenID Connect's `/.well-known/openid-configuration`. Every request goes through the
 * engine's transport: no redirect followed, the size capped, a timeout per request and one deadline over
 * all. The document's `issuer` must be identical to `issuer` (RFC 8414 §3.3, OpenID Connect Discovery
 * §4.3: a server posing as another is refused), and every endpoint it names must use https (plain http
 * only on a loopback host).
 */
export async function discoverMetadata(issuer: string, options: DiscoveryOptions = {}): Promise<ServerMetadata> {
  const issuerUrl = checkIssuer(issuer);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const wire = tlsTransport(options, PROVIDER);
  const fetch = transport(
    wire.fetch,
    options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    wire.base,
  ) as unknown as ClientFactoryOptions["fetch"];
  // The engine's call path, as every provider's calls take it: no provider exists yet, so no secrets but a TLS key.
  const caller = createCaller({
    provider: PROVIDER,
    token: { accessToken: "access_token" },
    errors: RFC6749_ERRORS,
    fetch: wire.fetch,
    timeoutMs,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    secrets: keySecrets(options.tls?.key),
    now: Date.now,
    telemetry: Telemetry.of(options.telemetry, options.onEvent),
  });
  // One deadline over both documents: the second gets what the first left.
  const deadline = performance.now() + (options.deadlineMs ?? timeoutMs * 3);
  let lastError: unknown;
  for (const where of locations(issuerUrl)) {
    const client = createOAuth2Client({ baseUrl: where.baseUrl, fetch, Request: Light });
    if (where.suffix !== "") client.use({ onRequest: ({ request }) => new Light(request.url + where.suffix, request) });
    const engine = caller.engine(client, options);
    try {
      const request = { send: (init: SendInit) => where.get(client, init), flow: "discovery" };
      const call = { signal: options.signal, timeoutMs, deadlineMs: Math.max(0, deadline - performance.now()) };
      const answer = await engine.retry(call, (attempt) => engine.call(request, attempt));
      return checkMetadata(
        answer.response.json,
        issuer,
        (why) => engine.malformed(answer, why),
        answer.response.status,
      );
    } catch (error) {
      if (!notHere(error)) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

/** Checks a metadata document against the issuer asked about. */
function checkMetadata(
  body: unknown,
  issuer: string,
  malformedBecause: (why: string) => FinoauthError,
  status: number,
): ServerMetadata {
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw malformedBecause("the metadata is not a JSON object");
  const metadata = body as Record<string, unknown>;
  if (typeof metadata.issuer !== "string") throw malformedBecause("the metadata has no issuer");
  if (metadata.issuer !== issuer) {
    throw refusedAnswer(
      PROVIDER,
      status,
      "the metadata's issuer is not identical to the issuer asked about (RFC 8414 §3.3): refused, it may be another server's",
    );
  }
  if (typeof metadata.token_endpoint !== "string") throw malformedBecause("the metadata names no token_endpoint");
  checkFapiMetadata(metadata, malformedBecause);
  return metadata as ServerMetadata;
}

/**
 * The createProvider options a metadata document gives: the issuer as base URL and `iss` check, the
 * endpoints it names, whether `iss` is always sent (RFC 9207), client authentication (see
 * {@link DiscoveredOptions.clientAuth}), and a FAPI server's members: `par: true` when it requires PAR, its
 * mTLS endpoint aliases, DPoP algorithms, client authentication methods and signing algorithms.
 */
export function optionsFromMetadata(metadata: ServerMetadata): DiscoveredOptions {
  const endpoints = endpointsOf(metadata);
  const clientAuth = pickClientAuth(metadata.token_endpoint_auth_methods_supported);
  return {
    ...fapiOptionsFromMetadata(metadata),
    baseUrl: metadata.issuer,
    issuer: metadata.issuer,
    requireIssuerParameter: metadata.authorization_response_iss_parameter_supported === true,
    endpoints: { ...endpoints, token: metadata.token_endpoint! },
    ...(clientAuth === undefined ? {} : { clientAuth }),
  };
}

/**
 * Discovers a standards-compliant server from its issuer: `createProvider(oauth2, { ...(await discover(issuer)), clientId, clientSecret })`.
 * Reads and checks the metadata as {@link discoverMetadata} does, and returns the options it gives
 * ({@link optionsFromMetadata}).
 */
export async function discover(issuer: string, options?: DiscoveryOptions): Promise<DiscoveredOptions> {
  return optionsFromMetadata(await discoverMetadata(issuer, options));
}
