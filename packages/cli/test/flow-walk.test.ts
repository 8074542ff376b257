// The one walk of the flows that demo and verify share: its order, which flows it runs, and which earlier
// token a refresh starts from and a revoke revokes.
import { type AnyDefinition, TokenSet } from "@finoauth/auth";
import { providers } from "@finoauth/auth/all";
import { describe, expect, it } from "vitest";
import {
  refreshStart,
  revokesOnlyRefresh,
  revokeTarget,
  WALK_ORDER,
  type WalkFlow,
  walkFlows,
} from "../src/flow-walk.js";
import { hintsOf } from "../src/hints/index.js";
import { offers } from "../src/registry.js";

const ALL: AnyDefinition[] = Object.values(providers);
const token = (name: string, refresh?: string) =>
  new TokenSet({
    provider: "p",
    accessToken: `${name}-access`,
    refreshToken: refresh,
    tokenType: "Bearer",
    scopes: [],
    extras: {},
    obtainedAt: 0,
  } as never);

describe("walkFlows", () => {
  it("runs the flows each provider offers, in the walk's order, and hands each the tokens before it", async () => {
    for (const definition of ALL) {
      const ran: WalkFlow[] = [];
      const seen: string[][] = [];
      const steps = Object.fromEntries(
        WALK_ORDER.map((flow) => [
          flow,
          async (tokens: object) => {
            ran.push(flow);
            seen.push(Object.keys(tokens));
            return flow === "revoke" ? undefined : token(flow);
          },
        ]),
      );
      const tokens = await walkFlows(definition, steps);
      const offered = WALK_ORDER.filter((flow) => offers(definition, flow));
      expect(ran).toEqual(offered);
      expect(seen).toEqual(offered.map((_, i) => offered.slice(0, i).filter((flow) => flow !== "revoke")));
      expect(Object.keys(tokens)).toEqual(offered.filter((flow) => flow !== "revoke"));
    }
  });

  it("leaves out a flow without a step", async () => {
    const definition = ALL.find((d) => offers(d, "clientCredentials") && offers(d, "password"))!;
    const ran: string[] = [];
    await walkFlows(definition, { password: async () => void ran.push("password") });
    expect(ran).toEqual(["password"]);
  });
});

describe("the tokens a walk hands on", () => {
  it("refreshStart: the first of password, code, client token that has a refresh token", () => {
    expect(refreshStart({})).toBeUndefined();
    expect(refreshStart({ clientCredentials: token("cc") })).toBeUndefined();
    expect(
      refreshStart({ clientCredentials: token("cc", "r-cc"), exchangeCode: token("code", "r-code") })?.refreshToken,
    ).toBe("r-code");
    expect(refreshStart({ exchangeCode: token("code", "r-code"), password: token("pw", "r-pw") })?.refreshToken).toBe(
      "r-pw",
    );
    expect(refreshStart({ exchangeCode: token("code", "r-code"), password: token("pw") })?.refreshToken).toBe("r-code");
  });

  it("revokeTarget: the latest user token's access token, else the client's; its refresh token where only those are revoked", () => {
    const both = ALL.find((d) => offers(d, "revoke") && !revokesOnlyRefresh(d))!;
    const onlyRefresh = ALL.find((d) => revokesOnlyRefresh(d))!;
    expect(hintsOf(onlyRefresh).revokes).toEqual(["refresh_token"]);
    expect(revokeTarget(both, {})).toBeUndefined();
    expect(revokeTarget(both, { clientCredentials: token("cc") })).toEqual({
      token: "cc-access",
      tokenTypeHint: "access_token",
      kind: "access",
    });
    expect(revokeTarget(both, { clientCredentials: token("cc"), password: token("pw"), refresh: token("re") })).toEqual(
      { token: "re-access", tokenTypeHint: "access_token", kind: "access" },
    );
    expect(revokeTarget(both, { exchangeCode: token("code"), password: token("pw") })?.token).toBe("pw-access");
    expect(revokeTarget(onlyRefresh, { exchangeCode: token("code") })).toBeUndefined();
    expect(revokeTarget(onlyRefresh, { exchangeCode: token("code", "r-code") })).toEqual({
      token: "r-code",
      tokenTypeHint: undefined,
      kind: "refresh",
    });
    expect(revokeTarget(onlyRefresh, { clientCredentials: token("cc", "r-cc") })).toEqual({
      token: "r-cc",
      tokenTypeHint: undefined,
      kind: "refresh",
    });
  });
});
