import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FinoauthError } from "../src/index.js";
import { createProvider } from "../src/providers/all.js";

const base = { clientId: "s6BhdRkqt3", clientSecret: "7Fjfp0ZBr1KtDRbnfVdmIw", baseUrl: "https://as.example.com" };
/** A token endpoint that answers every exchange: an accepted redirect URI gets a token, never a request elsewhere. */
const tokenFetch = async () => Response.json({ access_token: "2YotnFZFEjr1zCsicMWpAA", token_type: "Bearer" });

/** What createProvider, authorizationUrl and exchangeCode do with a redirect URI: the message when refused. */
async function outcomes(redirectUri: string) {
  const refusal = (error: unknown) => {
    expect(error).toBeInstanceOf(FinoauthError);
    expect(error).toMatchObject({ kind: "invalid_options" });
    return (error as FinoauthError).message;
  };
  let atCreation: string | undefined;
  try {
    createProvider("oauth2", { ...base, redirectUri });
  } catch (error) {
    atCreation = refusal(error);
  }
  const provider = createProvider("oauth2", { ...base, fetch: tokenFetch });
  const perCall = await provider.authorizationUrl({ redirectUri }).then(() => undefined, refusal);
  let atExchange: string | undefined;
  try {
    await provider.exchangeCode({ code: "SplxlOBeZQQYbYS6WxSbIA", redirectUri });
  } catch (error) {
    atExchange = refusal(error);
  }
  return { atCreation, perCall, atExchange };
}

describe("redirectUri is checked at creation and per call (RFC 6749 §3.1.2, RFC 8252 §7)", () => {
  it.each([
    ["javascript:alert(document.cookie)", /must not use the javascript: scheme.*RFC 8252 §7/],
    ["data:text/html,<script>alert(1)</script>", /must not use the data: scheme/],
    ["vbscript:msgbox(1)", /must not use the vbscript: scheme/],
    ["file:///etc/passwd", /must not use the file: scheme/],
    ["blob:https://app.example.com/0d4c", /must not use the blob: scheme/],
    ["about:blank", /must not use the about: scheme/],
    ["https://app.example.com/cb#frag", /must not contain a fragment \(#…\): RFC 6749 §3\.1\.2/],
    ["https://app.example.com/cb#", /must not contain a fragment/],
    ["https://user:pass@app.example.com/cb", /must not carry credentials/],
    ["http://app.example.com/cb", /must use https; plain http only on a loopback host.*RFC 8252 §7\.3/],
    ["http://127.0.0.1.nip.io/cb", /plain http only on a loopback host/],
    ["myapp://cb", /private-use scheme: a reverse domain name with a period.*RFC 8252 §7\.1/],
    ["ftp://app.example.com/cb", /private-use scheme/],
    ["https://app.example.com/cb?state=fixed", /must not carry "state" in its query/],
    ["https://app.example.com/cb?code=x", /must not carry "code" in its query/],
    ["not a url", /must be an absolute URL.*RFC 6749 §3\.1\.2/],
    ["/callback", /must be an absolute URL/],
  ])("%s is refused with a message that says what to fix", async (redirectUri, message) => {
    const { atCreation, perCall, atExchange } = await outcomes(redirectUri);
    expect([atCreation, perCall, atExchange]).toEqual([
      expect.stringMatching(message),
      expect.stringMatching(message),
      expect.stringMatching(message),
    ]);
  });

  it.each([
    "https://app.example.com/cb",
    "https://app.example.com/cb?tenant=a",
    "http://127.0.0.1:8080/cb",
    "http://[::1]:8080/cb",
    "http://localhost/cb",
    "com.example.app:/oauth2redirect",
    "com.example.app://cb",
  ])("%s is accepted", async (redirectUri) => {
    expect(await outcomes(redirectUri)).toEqual({ atCreation: undefined, perCall: undefined, atExchange: undefined });
  });

  it("refuses a non-string redirectUri", async () => {
    expect(() => createProvider("oauth2", { ...base, redirectUri: 42 as unknown as string })).toThrow(
      /redirectUri must be an absolute URL string/,
    );
  });

  it("property: a generated URL is accepted exactly when it is https, loopback http, or a reverse-domain scheme, with no fragment, credentials or response parameter", async () => {
    const schemes = [
      "https",
      "HTTPS",
      "http",
      "javascript",
      "JavaScript",
      "data",
      "vbscript",
      "file",
      "blob",
      "about",
      "ftp",
      "ws",
      "myapp",
      "com.example.app",
      "Com.Example.App",
      "org.example",
    ];
    const hosts = [
      "app.example.com",
      "localhost",
      "LOCALHOST",
      "127.0.0.1",
      "127.8.9.10",
      "[::1]",
      "127.evil.example",
      "127.0.0.1.nip.io",
      "10.0.0.1",
      "localhost.example.com",
    ];
    const queries = ["", "?tenant=a", "?state=x", "?iss=x", "?error=x", "?x=1&code=2", "?codex=1"];
    const fragments = ["", "#", "#x", "#_=_"];
    const loopback = new Set(["localhost", "127.0.0.1", "127.8.9.10", "[::1]"]);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...schemes),
        fc.constantFrom(...hosts),
        fc.constantFrom("", "user@", "user:pw@"),
        fc.constantFrom("", ":8443"),
        fc.stringMatching(/^(\/[a-z0-9._-]{0,8}){0,3}$/),
        fc.constantFrom(...queries),
        fc.constantFrom(...fragments),
        async (scheme, host, userinfo, port, path, query, fragment) => {
          const lower = scheme.toLowerCase();
          const allowedScheme =
            lower === "https" || (lower === "http" && loopback.has(host.toLowerCase())) || lower.includes(".");
          const ownParameter = /[?&](state|code|iss|error)=/.test(query);
          const accepted = allowedScheme && userinfo === "" && fragment === "" && !ownParameter;
          const redirectUri = `${scheme}://${userinfo}${host}${port}${path}${query}${fragment}`;
          const { atCreation, perCall, atExchange } = await outcomes(redirectUri);
          if (accepted)
            expect({ atCreation, perCall, atExchange }, redirectUri).toEqual({
              atCreation: undefined,
              perCall: undefined,
              atExchange: undefined,
            });
          else
            for (const message of [atCreation, perCall, atExchange])
              expect(message, redirectUri).toMatch(/redirectUri must .*(RFC|fix)/);
        },
      ),
      { numRuns: 300 },
    );
  });
});
