// The one walk of a provider's flows that `finoauth demo` and `finoauth verify` share: the uniform flows in
// the order an integration runs them, each run only when the provider offers it, with the tokens of the
// earlier flows handed to the later ones (a refresh token to refresh, a token to revoke).
import type { AnyDefinition, FlowName, TokenSet } from "@finoauth/auth";
import { hintsOf } from "./hints/index.js";
import { offers } from "./registry.js";

/** The flows a walk runs, in order (the authorization URL goes with the code exchange). */
export type WalkFlow = Exclude<FlowName, "authorizationUrl">;

/** The order: a user's token first (code, password) or the client's, then refresh, then revoke. */
export const WALK_ORDER: readonly WalkFlow[] = ["exchangeCode", "clientCredentials", "password", "refresh", "revoke"];

/** The tokens the flows before this one obtained, by flow. */
export type WalkTokens = Partial<Record<WalkFlow, TokenSet>>;

/** What one flow does in a walk: runs (or skips) and gives the token it obtained, if any. */
export type WalkStep = (tokens: Readonly<WalkTokens>) => Promise<TokenSet | undefined | void>;

/** Runs each flow the provider offers, in {@link WALK_ORDER}; a flow without a step is left out. */
export async function walkFlows(
  definition: AnyDefinition,
  steps: Partial<Record<WalkFlow, WalkStep>>,
): Promise<WalkTokens> {
  const tokens: WalkTokens = {};
  for (const flow of WALK_ORDER) {
    const step = steps[flow];
    if (!step || !offers(definition, flow)) continue;
    const token = await step(tokens);
    if (token) tokens[flow] = token;
  }
  return tokens;
}

/** Whether the provider revokes refresh tokens only (its hints' `revokes`). */
export function revokesOnlyRefresh(definition: AnyDefinition): boolean {
  const revokes = hintsOf(definition).revokes;
  return revokes?.length === 1 && revokes[0] === "refresh_token";
}

/** The earlier token whose refresh token a refresh starts from: a user's (password, then code), else the client's. */
export function refreshStart(tokens: Readonly<WalkTokens>): TokenSet | undefined {
  return [tokens.password, tokens.exchangeCode, tokens.clientCredentials].find(
    (token) => token?.refreshToken !== undefined,
  );
}

/** A token of this walk to revoke, and the hint to send with it. */
export interface RevokeTarget {
  token: string;
  /** `access_token`, or none for a provider that revokes refresh tokens only. */
  tokenTypeHint: "access_token" | undefined;
  /** What is revoked, for messages. */
  kind: "refresh" | "access";
}

/**
 * The token a walk revokes: the latest user token's (refreshed, password, code), else the client's; its
 * refresh token at a provider that revokes refresh tokens only, else its access token.
 */
export function revokeTarget(definition: AnyDefinition, tokens: Readonly<WalkTokens>): RevokeTarget | undefined {
  const user = tokens.refresh ?? tokens.password ?? tokens.exchangeCode;
  if (revokesOnlyRefresh(definition)) {
    const token = user?.refreshToken ?? tokens.clientCredentials?.refreshToken;
    return token === undefined ? undefined : { token, tokenTypeHint: undefined, kind: "refresh" };
  }
  const token = (user ?? tokens.clientCredentials)?.accessToken;
  return token === undefined ? undefined : { token, tokenTypeHint: "access_token", kind: "access" };
}
