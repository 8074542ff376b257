import {
  type components,
  createSynapsefiClient,
  type operations,
  SYNAPSEFI_PRODUCTION_URL,
  type SynapsefiClient,
} from "@finoauth/synapsefi";
import type { Answer } from "../classify.js";
import { type BaseOptions, defineProvider, type Engine, type ProviderRequest } from "../definition.js";
import { invalidOptions } from "../errors.js";
import { nameProvider, type ProviderFlows } from "../provider-flows.js";
import { compact, type Loose } from "../request-parts.js";
import type { TokenSet } from "../token-set.js";
import type { ExtrasOf, TokenShape } from "../token-shape.js";
import type { CallOptions } from "../transport.js";

type Schemas = components["schemas"];
type SpHeaders = operations["issueOauthKey"]["parameters"]["header"];

/** Options of SynapseFI. One instance speaks for one user's device (its fingerprint and IP address). */
export interface SynapsefiOptions extends BaseOptions {
  /** The user's device fingerprint, sent as `X-SP-USER: oauth_key|fingerprint`. */
  fingerprint: string;
  /** The IP address of the user's device, sent as `X-SP-USER-IP`. */
  ipAddress: string;
  /**
   * The user whose OAuth key the standard `refresh({ refreshToken })` renews (the id goes in the path,
   * `/v3.1/oauth/{user_id}`). Not needed for {@link SynapsefiFlows.oauthKey}, which takes the id per call.
   */
  userId?: string | undefined;
}

interface OAuthKeyBase {
  /** The SynapseFI user (`/v3.1/oauth/{user_id}`). */
  userId: string;
  /** The user's current refresh token (from POST/GET user, or the last OAuth key). */
  refreshToken: string;
  /** Narrows the key to these scopes (`RESOURCE|METHOD`, e.g. `USER|GET`); omit for all of the client's scopes. */
  scopes?: readonly string[] | undefined;
  /** The current OAuth key, sent as the first half of `X-SP-USER`; empty when omitted. */
  oauthKey?: string | undefined;
}

/**
 * Parameters of {@link SynapsefiFlows.oauthKey}. The 2FA steps send `phoneNumber` (step 2) or
 * `validationPin` (step 3), never both in one call.
 */
export type OAuthKeyParams = OAuthKeyBase &
  (
    | {
        /** 2FA step 2: one of the `phoneNumbers` of an `mfa_required` result. */ phoneNumber?: string | undefined;
        validationPin?: undefined;
      }
    | {
        phoneNumber?: undefined /** 2FA step 3: the pin sent to the chosen phone number. */;
        validationPin?: string | undefined;
      }
  );

/** How SynapseFI lays out an OAuth key: `expires_in`/`expires_at` as strings, scopes as a list, rotation data. */
const TOKEN = {
  accessToken: "oauth_key",
  scope: { format: "array" },
  expiresIn: { numericStrings: true },
  expiresAt: "expires_at",
  // SynapseFI always states the key's lifetime: a key without one is not a whole answer.
  expiryRequired: true,
  extras: {
    userId: { path: "user_id", type: "string" },
    refreshUsesLeft: { path: "refresh_expires_in", type: "count" },
    clientId: { path: "client_id", type: "string" },
    clientName: { path: "client_name", type: "string" },
  },
} as const satisfies TokenShape;

/** The extras of a SynapseFI token: `userId`, `refreshUsesLeft`, `clientId`, `clientName`. */
export type SynapsefiExtras = ExtrasOf<typeof TOKEN.extras>;

/** What an OAuth key call answers: a key, or the next 2FA step. */
export type OAuthKeyResult =
  /** The key was issued; `token.refreshToken` is the (possibly rotated) refresh token to use next time. */
  | { readonly status: "ok"; readonly token: TokenSet<SynapsefiExtras> }
  /** The fingerprint is not registered to the user: call again with one of `phoneNumbers` as `phoneNumber`. */
  | { readonly status: "mfa_required"; readonly phoneNumbers: readonly string[]; readonly message: string }
  /** A pin was sent to the chosen phone number: call again with it as `validationPin`. */
  | { readonly status: "pin_sent"; readonly message: string };

/** The SynapseFI-only flows, added to the provider by `extend`. */
export interface SynapsefiFlows {
  /**
   * Issues an OAuth key from the user's refresh token, and runs the device-fingerprint 2FA steps over the
   * same endpoint. Error answers (400, 401, 409: wrong client credentials, bad payload, wrong pin, stale
   * refresh token) reject with a {@link FinoauthError} whose `providerCode` is SynapseFI's `error_code`.
   * Retried (network errors, 429, 5xx) only when the call carries neither `phoneNumber` nor
   * `validationPin`: those would re-send an SMS or submit a pin twice.
   */
  oauthKey(params: OAuthKeyParams, call?: CallOptions): Promise<OAuthKeyResult>;
}

/** `X-SP-GATEWAY`: `client_id|client_secret`. */
export function gatewayHeader(clientId: string, clientSecret: string): string {
  return `${clientId}|${clientSecret}`;
}

/** `X-SP-USER`: `oauth_key|fingerprint`, with an empty OAuth key (`|fingerprint`) before one exists. */
export function userHeader(fingerprint: string, oauthKey = ""): string {
  return `${oauthKey}|${fingerprint}`;
}

const ID = "synapsefi";

/** Throws unless `value` can travel inside one of the pipe-separated `X-SP-*` headers. */
function checkHeaderPart(name: string, value: unknown, what: string): void {
  if (typeof value !== "string" || value === "") throw invalidOptions(`${name} is required: ${what}`, ID);
  if (value.includes("|"))
    throw invalidOptions(`${name} must not contain "|": ${what}, and "|" separates the header's two parts`, ID);
  if (!/^[\x21-\x7e]+$/.test(value))
    throw invalidOptions(`${name} must be printable ASCII without spaces: ${what}`, ID);
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^(?=.*:)[0-9A-Fa-f:.]{2,45}$/;

function checkScopes(scopes: unknown): void {
  if (scopes === undefined) return;
  if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === "string" && scope !== "")) {
    throw invalidOptions('scopes must be a list of non-empty strings such as "USER|GET"', ID);
  }
  if (scopes.length === 0)
    throw invalidOptions("scopes must not be empty: omit scopes to get all of the client's default scopes", ID);
}

/** One Issue OAuth Key request, typed against the spec's headers and body, with the secrets it carries. */
function issueOauthKey(
  client: SynapsefiClient,
  options: SynapsefiOptions,
  userId: string,
  body: Loose<Schemas["IssueOauthKeyRequest"]>,
  oauthKey?: string,
): ProviderRequest {
  const header: SpHeaders = {
    "X-SP-GATEWAY": gatewayHeader(options.clientId, options.clientSecret!),
    "X-SP-USER-IP": options.ipAddress,
    "X-SP-USER": userHeader(options.fingerprint, oauthKey),
  };
  return {
    send: (init) =>
      client.POST("/v3.1/oauth/{user_id}", {
        ...init,
        params: { path: { user_id: userId }, header },
        body: compact(body),
      }),
    secrets: [body.refresh_token, body.validation_pin, oauthKey],
    flow: "oauth_key",
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);
const textOf = (value: unknown): string | undefined =>
  isObject(value) && typeof value.en === "string" && value.en !== "" ? value.en : undefined;

/** Reads a classified answer to Issue OAuth Key: a pending (202) answer is the next 2FA step, a token a key. */
function readOauthKeyAnswer(engine: Engine<SynapsefiClient, SynapsefiOptions>, answer: Answer): OAuthKeyResult {
  if (answer.kind !== "pending") return { status: "ok", token: engine.token(answer) as TokenSet<SynapsefiExtras> };
  const body = answer.response.json;
  if (!isObject(body)) throw engine.malformed(answer, "a 202 answer whose body is not a JSON object");
  if (body.phone_numbers !== undefined) {
    const phoneNumbers = body.phone_numbers;
    if (!Array.isArray(phoneNumbers) || !phoneNumbers.every((n) => typeof n === "string" && n !== "")) {
      throw engine.malformed(answer, "phone_numbers of a 202 (MFA required) answer is not a list of phone numbers");
    }
    const message = textOf(body.error) ?? "Fingerprint not registered: choose one of phoneNumbers to receive a pin";
    return { status: "mfa_required", phoneNumbers: [...phoneNumbers], message };
  }
  const sent = textOf(body.message);
  if (sent !== undefined) return { status: "pin_sent", message: sent };
  if (body.error_code !== undefined || body.error !== undefined) throw engine.error(answer);
  throw engine.malformed(answer, "a 202 answer with neither phone_numbers (MFA required) nor message (pin sent)");
}

const definition = defineProvider<SynapsefiClient, SynapsefiOptions>()({
  id: ID,
  displayName: "SynapseFI",
  defaultBaseUrl: SYNAPSEFI_PRODUCTION_URL,
  requiresClientSecret: "always",
  options: { fingerprint: { secret: true }, ipAddress: {}, userId: {} },
  createClient: (clientOptions) => createSynapsefiClient(clientOptions),
  validate(options) {
    checkHeaderPart("clientId", options.clientId, "it is sent as X-SP-GATEWAY: client_id|client_secret");
    if (options.clientSecret !== undefined)
      checkHeaderPart("clientSecret", options.clientSecret, "it is sent as X-SP-GATEWAY: client_id|client_secret");
    checkHeaderPart(
      "fingerprint",
      options.fingerprint,
      "pass the user's device fingerprint, sent as X-SP-USER: oauth_key|fingerprint",
    );
    if (typeof options.ipAddress !== "string" || options.ipAddress === "") {
      throw invalidOptions(
        'ipAddress is required: pass the IP address of the user\'s device (sent as X-SP-USER-IP), e.g. "203.0.113.7"',
        ID,
      );
    }
    if (!IPV4.test(options.ipAddress) && !IPV6.test(options.ipAddress)) {
      throw invalidOptions(
        `ipAddress must be an IPv4 or IPv6 address of the user's device (sent as X-SP-USER-IP), got "${options.ipAddress}"`,
        ID,
      );
    }
    if (options.userId !== undefined && (typeof options.userId !== "string" || options.userId === "")) {
      throw invalidOptions("userId, when given, must be the SynapseFI user's id", ID);
    }
  },
  token: TOKEN,
  // SynapseFI has no RFC 6749 codes: its own `error_code` ("100", "400", …) and `error.en`. A 202 is the
  // next 2FA step. Error code 400 ("incorrect values") is either a wrong pin or a stale refresh token, so
  // it is not mapped to invalid_grant (see specs/synapsefi.yaml).
  errors: { code: [], providerCode: ["error_code"], description: ["error.en"], pendingStatuses: [202] },
  grants: {
    /** The standard refresh, for the token manager: the user is `options.userId`. A 202 (2FA needed) is a provider error with code "10". */
    refresh_token: (client, options, p) => {
      if (!options.userId) {
        throw invalidOptions(
          "SynapseFI's refresh needs the user's id: pass the userId option, or call oauthKey({ userId, refreshToken })",
          ID,
        );
      }
      checkScopes(p.scopes);
      return issueOauthKey(client, options, options.userId, {
        refresh_token: p.refreshToken,
        scope: p.scopes && [...p.scopes],
      });
    },
  },
  extend: (engine: Engine<SynapsefiClient, SynapsefiOptions>): SynapsefiFlows => ({
    async oauthKey(params, call) {
      if (params === null || typeof params !== "object")
        throw invalidOptions("oauthKey needs { userId, refreshToken }", ID);
      const { userId, refreshToken, scopes, phoneNumber, validationPin, oauthKey } = params;
      if (typeof userId !== "string" || userId === "")
        throw invalidOptions("oauthKey needs userId: the SynapseFI user's id", ID);
      if (typeof refreshToken !== "string" || refreshToken === "")
        throw invalidOptions("oauthKey needs refreshToken: the user's current refresh token", ID);
      checkScopes(scopes);
      if (phoneNumber !== undefined && validationPin !== undefined) {
        throw invalidOptions("send phoneNumber (2FA step 2) and validationPin (2FA step 3) in separate calls", ID);
      }
      if (phoneNumber !== undefined && (typeof phoneNumber !== "string" || phoneNumber === "")) {
        throw invalidOptions("phoneNumber must be one of the phoneNumbers of the mfa_required result", ID);
      }
      if (validationPin !== undefined && (typeof validationPin !== "string" || validationPin === "")) {
        throw invalidOptions("validationPin must be the pin sent to the chosen phone number", ID);
      }
      if (oauthKey !== undefined)
        checkHeaderPart("oauthKey", oauthKey, "it is sent as X-SP-USER: oauth_key|fingerprint");

      const request = issueOauthKey(
        engine.client,
        engine.options,
        userId,
        {
          refresh_token: refreshToken,
          scope: scopes && [...scopes],
          phone_number: phoneNumber,
          validation_pin: validationPin,
        },
        oauthKey,
      );
      const attempt = async (attemptCall?: CallOptions) =>
        readOauthKeyAnswer(engine, await engine.call(request, attemptCall));
      // Re-sending phone_number sends another SMS, and a pin is submitted once: only step 1 is safe to repeat.
      return phoneNumber === undefined && validationPin === undefined ? engine.retry(call, attempt) : attempt(call);
    },
  }),
});

/** A SynapseFI provider, as `createProvider(synapsefi, …)` returns it: the name compiler messages show. */
export interface SynapsefiProvider extends ProviderFlows<typeof definition> {}

/**
 * SynapseFI: one endpoint, `POST /v3.1/oauth/{user_id}`, turns a user's refresh token into an OAuth key
 * (optionally scoped) and runs the device-fingerprint 2FA. Client credentials, device and IP travel in the
 * `X-SP-*` headers; `expires_in`/`expires_at` are strings; refresh tokens rotate and are good for a
 * limited number of uses (`refresh_expires_in` → `extras.refreshUsesLeft`).
 */
export const synapsefi = nameProvider<SynapsefiProvider>()(definition);
