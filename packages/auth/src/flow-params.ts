// The uniform parameters and results of the flows every provider offers, whatever its wire names.
import type { CallOptions } from "./transport.js";

/** Parameters of an authorization-code exchange. */
export interface CodeParams {
  code: string;
  redirectUri?: string | undefined;
  codeVerifier?: string | undefined;
}

/** Parameters of a refresh. */
export interface RefreshParams {
  refreshToken: string;
  scopes?: readonly string[] | undefined;
}

/** Parameters of a password grant. */
export interface PasswordParams {
  username: string;
  password: string;
  scopes?: readonly string[] | undefined;
}

/** Parameters of a client-credentials grant. */
export interface ClientCredentialsParams {
  scopes?: readonly string[] | undefined;
}

/** Parameters of a revocation. */
export interface RevokeParams {
  token: string;
  tokenTypeHint?: "access_token" | "refresh_token" | undefined;
}

/** What a revocation returns. */
export interface RevokeResult {
  /** The id the provider echoed back in its request-id header, when it has one. */
  requestId?: string | undefined;
}

/** Options of `handleCallback`. */
export interface CallbackOptions extends CallOptions {
  /**
   * The state you kept in the user's session (a cookie) when you sent them to `authorizationUrl`: the
   * callback is then accepted only in the browser that started it (RFC 6749 §10.12).
   */
  expectedState?: string | undefined;
}
