import { describe, expect, it } from "vitest";
import { type AuthorizeParameters, RESERVED_AUTHORIZE_PARAMETERS } from "../src/authorize-params.js";
import { createProvider } from "../src/providers/all.js";

let puts = 0;
const stateStore = { put: async () => void puts++, take: async () => undefined };
const provider = () =>
  createProvider("oauth2", {
    clientId: "s6BhdRkqt3",
    baseUrl: "https://as.example.com",
    redirectUri: "https://client.example.com/cb",
    stateStore,
  });

/** Written out, not taken from the list under test: a name dropped from it fails here. */
const RESERVED = [
  "client_id",
  "redirect_uri",
  "response_type",
  "scope",
  "state",
  "prompt",
  "code_challenge",
  "code_challenge_method",
  "request",
  "request_uri",
  "response_mode",
  "client_secret",
  "client_assertion",
  "client_assertion_type",
  "code_verifier",
];

describe("reserved authorize parameters (RFC 9101 request objects, response_mode, credentials, PKCE)", () => {
  it.each(RESERVED)("%s is refused at runtime, before a state is made", async (name) => {
    await expect(provider().authorizationUrl({ parameters: { [name]: "attacker" } })).rejects.toMatchObject({
      kind: "invalid_options",
      message: expect.stringMatching(
        new RegExp(
          `the authorize parameter "${name}" (is set by the library and cannot be replaced|is reserved: .*RFC)`,
        ),
      ),
    });
    await expect(provider().authorizationUrl({ parameters: { [name]: ["a", "b"] } })).rejects.toMatchObject({
      kind: "invalid_options",
    });
    expect(puts).toBe(0);
  });

  it("reserves the names that would override or undo what the library sets, or put a secret in the URL", () => {
    expect([...RESERVED_AUTHORIZE_PARAMETERS].sort()).toEqual([...RESERVED].sort());
  });

  it("each reserved name is a compile error in `parameters` (checked by pnpm --filter @finoauth/auth typecheck)", () => {
    // One line per name: a `@ts-expect-error` that is not needed is itself an error, so each line proves its name is refused.
    const refused: AuthorizeParameters[] = [
      // @ts-expect-error: set by the library
      { client_id: "x" },
      // @ts-expect-error: set by the library
      { redirect_uri: "x" },
      // @ts-expect-error: set by the library
      { response_type: "x" },
      // @ts-expect-error: set by the library
      { scope: "x" },
      // @ts-expect-error: set by the library
      { state: "x" },
      // @ts-expect-error: set by the library
      { prompt: "x" },
      // @ts-expect-error: set by the library (PKCE)
      { code_challenge: "x" },
      // @ts-expect-error: set by the library (PKCE)
      { code_challenge_method: "plain" },
      // @ts-expect-error: RFC 9101 request object by value
      { request: "eyJhbGciOiJub25lIn0.e30." },
      // @ts-expect-error: RFC 9101 request object by reference
      { request_uri: "urn:ietf:params:oauth:request_uri:x" },
      // @ts-expect-error: moves the answer out of the query
      { response_mode: "fragment" },
      // @ts-expect-error: a secret in the URL
      { client_secret: "x" },
      // @ts-expect-error: a credential in the URL
      { client_assertion: "x" },
      // @ts-expect-error: a credential in the URL
      { client_assertion_type: "x" },
      // @ts-expect-error: the verifier goes only to the token endpoint
      { code_verifier: "x" },
    ];
    expect(refused.flatMap(Object.keys).sort()).toEqual([...RESERVED_AUTHORIZE_PARAMETERS].sort());
    // Names beside them stay open: OpenID Connect, RFC 8707, RFC 9449.
    const open: AuthorizeParameters = {
      nonce: "n",
      login_hint: "a@example.com",
      resource: ["https://api.example.com"],
      dpop_jkt: "x",
      claims: "{}",
    };
    expect(Object.keys(open)).toHaveLength(5);
  });

  it("leaves other parameters alone", async () => {
    puts = 0;
    const { url } = await provider().authorizationUrl({
      parameters: { nonce: "n-0S6_WzA2Mj", dpop_jkt: "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs" },
    });
    const query = new URL(url).searchParams;
    expect([query.get("nonce"), query.get("dpop_jkt"), query.has("request")]).toEqual([
      "n-0S6_WzA2Mj",
      "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs",
      false,
    ]);
    expect(puts).toBe(1);
  });
});
