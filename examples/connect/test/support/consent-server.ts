// A local stand-in for the providers' authorization servers: the page a user sees at the provider, where
// they approve or deny access. It serves each provider's authorize path below its own base URL:
//   Financial Cents  <url>/financial-cents  + /oauth/authorize   (like https://app.financial-cents.com/oauth/authorize)
//   Finexer          <url>/finexer/oauth    + /                  (like https://finexer.com/oauth/)
// "Allow" redirects to redirect_uri with a fresh code and the state; "Deny" with error=access_denied (Finexer
// adds error_code=access_denied, as its guide shows). Issued codes are remembered so tests can inspect them;
// the token endpoint itself is Prism's, which accepts any code.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { html, PAGE_HEADERS, page } from "../../src/html.js";

export type ConsentProvider = "financial-cents" | "finexer";

const PROVIDERS: Record<
  ConsentProvider,
  { displayName: string; prefix: string; authorizePath: string; scopeSeparator: RegExp }
> = {
  "financial-cents": {
    displayName: "Financial Cents",
    prefix: "/financial-cents",
    authorizePath: "/oauth/authorize",
    scopeSeparator: / +/,
  },
  finexer: { displayName: "Finexer", prefix: "/finexer/oauth", authorizePath: "/", scopeSeparator: /[ ,]+/ },
};

/** An authorization request as the stand-in received it. */
export interface AuthorizeRequest {
  provider: ConsentProvider;
  clientId: string;
  redirectUri: string;
  state?: string | undefined;
  scopes: string[];
  codeChallenge?: string | undefined;
  codeChallengeMethod?: string | undefined;
  /** The full query, as received. */
  query: Record<string, string>;
}

/** A code issued on "Allow". */
export interface IssuedCode extends AuthorizeRequest {
  code: string;
}

export interface ConsentServer {
  url: string;
  /** The base URL to configure as each provider's `authorizeBaseUrl`. */
  baseUrls: Record<ConsentProvider, string>;
  /** Every valid authorization request, in order. */
  requests: AuthorizeRequest[];
  /** Codes issued on "Allow", by code. */
  issued: Map<string, IssuedCode>;
  close(): Promise<void>;
}

/** Starts the stand-in on a free loopback port. `clients` is the client id each provider knows. */
export async function startConsentServer(clients: Record<ConsentProvider, string>): Promise<ConsentServer> {
  const requests: AuthorizeRequest[] = [];
  const issued = new Map<string, IssuedCode>();
  /** Consent pages shown and not yet answered, by a single-use id carried in the form. */
  const pending = new Map<string, AuthorizeRequest>();

  const send = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, PAGE_HEADERS);
    res.end(body);
  };
  const badRequest = (res: ServerResponse, why: string) =>
    send(
      res,
      400,
      page("Invalid authorization request", html`<h1>Invalid authorization request</h1><p>${why}</p>`, "error"),
    );
  const redirect = (res: ServerResponse, to: URL) => {
    res.writeHead(302, { location: to.toString(), "cache-control": "no-store" });
    res.end();
  };

  /** Validates an authorize request the way the provider would before showing its consent page. */
  const parse = (provider: ConsentProvider, url: URL): AuthorizeRequest | string => {
    const q = url.searchParams;
    const clientId = q.get("client_id");
    if (!clientId) return "client_id is missing";
    if (clientId !== clients[provider]) return `unknown client_id "${clientId}"`;
    if (q.get("response_type") !== "code") return "response_type must be code";
    const redirectUri = q.get("redirect_uri");
    if (!redirectUri) return "redirect_uri is missing";
    try {
      new URL(redirectUri);
    } catch {
      return "redirect_uri is not an absolute URL";
    }
    const state = q.get("state") ?? undefined;
    if (provider === "financial-cents" && !state) return "state is missing";
    const codeChallenge = q.get("code_challenge") ?? undefined;
    const codeChallengeMethod = q.get("code_challenge_method") ?? undefined;
    if (codeChallenge !== undefined && !/^[A-Za-z0-9_-]{43,128}$/.test(codeChallenge))
      return "code_challenge is malformed";
    const scopes = (q.get("scope") ?? "").split(PROVIDERS[provider].scopeSeparator).filter(Boolean);
    return {
      provider,
      clientId,
      redirectUri,
      state,
      scopes,
      codeChallenge,
      codeChallengeMethod,
      query: Object.fromEntries(q),
    };
  };

  const consentPage = (res: ServerResponse, request: AuthorizeRequest) => {
    const id = randomBytes(16).toString("base64url");
    pending.set(id, request);
    const { displayName } = PROVIDERS[request.provider];
    send(
      res,
      200,
      page(
        `${displayName}: authorize access`,
        html`<p class="muted">${displayName} (local stand-in)</p>
<h1>Authorize access to your ${displayName} account</h1>
<p>The application with client id <code>${request.clientId}</code> asks for access.</p>
<p>Scopes: ${request.scopes.length > 0 ? html`<code>${request.scopes.join(" ")}</code>` : "none requested"}</p>
<p class="muted">You will be sent back to <code>${request.redirectUri}</code>.</p>
<form method="post" action="${PROVIDERS[request.provider].prefix}/decision" class="buttons">
  <input type="hidden" name="request" value="${id}">
  <button type="submit" name="decision" value="allow">Allow</button>
  <button type="submit" name="decision" value="deny" class="secondary">Deny</button>
</form>`,
      ),
    );
  };

  const decide = async (req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    for await (const chunk of req) body += String(chunk);
    const form = new URLSearchParams(body);
    const request = pending.get(form.get("request") ?? "");
    if (!request) return badRequest(res, "This consent page was already answered or is unknown.");
    pending.delete(form.get("request") ?? "");
    const to = new URL(request.redirectUri);
    if (form.get("decision") === "allow") {
      const code = randomBytes(24).toString("base64url");
      issued.set(code, { ...request, code });
      to.searchParams.set("code", code);
    } else {
      to.searchParams.set("error", "access_denied");
      if (request.provider === "finexer") to.searchParams.set("error_code", "access_denied");
    }
    // RFC 6749 §4.1.2 and §4.1.2.1: the state comes back unchanged, on approval and on denial.
    if (request.state !== undefined) to.searchParams.set("state", request.state);
    redirect(res, to);
  };

  let base = "";
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", base);
    for (const provider of Object.keys(PROVIDERS) as ConsentProvider[]) {
      const { prefix, authorizePath } = PROVIDERS[provider];
      if (req.method === "GET" && url.pathname === prefix + authorizePath) {
        const request = parse(provider, url);
        if (typeof request === "string") return badRequest(res, request);
        requests.push(request);
        return consentPage(res, request);
      }
      if (req.method === "POST" && url.pathname === `${prefix}/decision`) {
        return void decide(req, res).catch(() => res.destroy());
      }
    }
    send(res, 404, page("Not found", html`<h1>Not found</h1>`, "error"));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    baseUrls: {
      "financial-cents": base + PROVIDERS["financial-cents"].prefix,
      finexer: base + PROVIDERS.finexer.prefix,
    },
    requests,
    issued,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
