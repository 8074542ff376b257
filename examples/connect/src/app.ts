// The connect page: "Connect Financial Cents" / "Connect Finexer" through @finoauth/auth's authorization-code
// flow. GET / lists the buttons, GET /connect/<provider> redirects to the provider's consent page, and
// GET /callback/<provider> checks the callback, exchanges the code and shows a masked token summary.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createProvider, FinoauthError, MemoryStateStore, mask, type TokenSet } from "@finoauth/auth";
import { financialCents } from "@finoauth/auth/financial-cents";
import { finexer } from "@finoauth/auth/finexer";
import { html, PAGE_HEADERS, page, type SafeHtml } from "./html.js";

/** The definitions of the providers this page connects, each imported from its own subpath (only their clients are bundled). */
const DEFINITIONS = { [financialCents.id]: financialCents, [finexer.id]: finexer } as const;

/** The providers this page connects. */
export const CONNECT_PROVIDERS = [financialCents.id, finexer.id] as const;
export type ConnectProviderName = (typeof CONNECT_PROVIDERS)[number];

const DISPLAY_NAMES: Record<ConnectProviderName, string> = {
  [financialCents.id]: financialCents.displayName,
  [finexer.id]: finexer.displayName,
};

/** One provider's OAuth client registration. */
export interface ConnectProviderConfig {
  clientId: string;
  clientSecret: string;
  /** Base URL of the provider's authorize endpoint (the browser goes there). Default: `tokenBaseUrl`, else the provider's production server. */
  authorizeBaseUrl?: string | undefined;
  /** Base URL of the provider's token endpoint (this server calls it). Default: `authorizeBaseUrl`, else the provider's production server. */
  tokenBaseUrl?: string | undefined;
  /** Scopes to ask for. Default: none (Financial Cents sends `scope=`; Finexer then uses the app's permissions). */
  scopes?: string[] | undefined;
}

export interface ConnectAppConfig {
  /** Port to listen on; 0 or absent: a free port. */
  port?: number | undefined;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string | undefined;
  /** The URL the browser reaches this server at, for the redirect URIs. Default `http://<host>:<port>`. */
  publicUrl?: string | undefined;
  /** The providers to offer; each one needs its client registration. */
  providers: Partial<Record<ConnectProviderName, ConnectProviderConfig>>;
  /** The clock (epoch ms), for tests: it drives state expiry and token expiry. */
  now?: (() => number) | undefined;
  /** A fetch for the token calls (tests record Prism's answers with it). Default: the global fetch. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
}

/** A connected account: what a successful callback stores. */
export interface Connection {
  id: string;
  provider: ConnectProviderName;
  /** The token set; printing it shows masked values only. */
  token: TokenSet;
  connectedAt: number;
}

export interface ConnectApp {
  /** Where the page is served, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Connected accounts, by connection id. Only a fully successful callback adds an entry. */
  store: Map<string, Connection>;
  /** The redirect URI registered for each provider (`<url>/callback/<provider>`). */
  redirectUris: Partial<Record<ConnectProviderName, string>>;
  close(): Promise<void>;
}

/** The two calls the page needs from a provider. */
interface ConnectFlows {
  authorizationUrl(): Promise<{ url: string; state: string }>;
  handleCallback(callbackUrl: string, expectedState: string): Promise<TokenSet>;
}

/**
 * A provider's flows when the authorize endpoint and the token endpoint may live on different servers (in
 * the tests: the consent stand-in and Prism; in production both are the provider's one base URL).
 *
 * One instance: `baseUrl` is the token server and `authorizeBaseUrl` the consent page's, so the state and
 * PKCE verifier that `authorizationUrl` remembers are taken back by the same instance in `handleCallback`.
 * Two instances sharing a store would not do: a pending state is bound to the instance that made it (its
 * client id, server and token endpoint), so that a code and its verifier only ever go to the token endpoint
 * the authorization was made for. Every check (single-use, 10-minute expiry, constant-time compare) stays in
 * @finoauth/auth, and the engine appends each provider's authorize path (Finexer's base URL has a path).
 * Each provider gets its own store, so a state issued for one provider is refused at the other's callback.
 */
function connectFlows(
  name: ConnectProviderName,
  config: ConnectProviderConfig,
  redirectUri: string,
  app: ConnectAppConfig,
): ConnectFlows {
  const now = app.now ?? Date.now;
  const tokenBaseUrl = config.tokenBaseUrl ?? config.authorizeBaseUrl;
  const authorizeBaseUrl = config.authorizeBaseUrl ?? config.tokenBaseUrl;
  const provider = createProvider(DEFINITIONS[name], {
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    redirectUri,
    stateStore: new MemoryStateStore(now),
    now,
    fetch: app.fetch,
    baseUrl: tokenBaseUrl,
    ...(authorizeBaseUrl === tokenBaseUrl ? {} : { authorizeBaseUrl }),
  });
  const scopes = config.scopes ?? [];
  return {
    authorizationUrl: () => provider.authorizationUrl(scopes.length > 0 ? { scopes } : {}),
    handleCallback: (callbackUrl, expectedState) => provider.handleCallback(callbackUrl, { expectedState }),
  };
}

/** What an error page says: status, heading, one sentence of explanation. */
interface ErrorPage {
  status: number;
  heading: string;
  detail: string;
}

/** Turns a failed callback into a page, by the error's kind and, for refused callbacks, its `reason`. */
export function describeCallbackError(error: unknown, provider: ConnectProviderName): ErrorPage {
  const name = DISPLAY_NAMES[provider];
  if (!(error instanceof FinoauthError)) {
    return {
      status: 500,
      heading: "Something went wrong",
      detail: `The connection to ${name} could not be completed. Nothing was stored.`,
    };
  }
  switch (error.kind) {
    case "callback": {
      switch (error.reason) {
        case "provider_error": {
          const code = error.code ?? error.providerCode;
          if (code === "access_denied") {
            return {
              status: 400,
              heading: "Access was denied",
              detail: `${name} did not grant access, so nothing was connected. You can try again.`,
            };
          }
          // The code comes from the callback's query string: show it only when it looks like an error code.
          const shown = code !== undefined && /^[a-z_]{1,64}$/.test(code) ? ` (${code})` : "";
          return {
            status: 400,
            heading: `${name} could not complete the sign-in`,
            detail: `${name} sent you back with an error${shown}. Nothing was stored.`,
          };
        }
        case "session_mismatch":
          return {
            status: 400,
            heading: "This sign-in was started in another browser",
            detail: "Finish the sign-in in the browser that started it, or start again from the connect page here.",
          };
        case "expired_state":
          return {
            status: 400,
            heading: "This sign-in link has expired",
            detail: "Sign-in links are valid for 10 minutes. Start again from the connect page.",
          };
        case "missing_code":
          return {
            status: 400,
            heading: `${name} sent no authorization code`,
            detail: "The callback carried neither a code nor an error. Start again from the connect page.",
          };
        default:
          return {
            status: 400,
            heading: "This sign-in link is invalid or was already used",
            detail: "It was not issued by this page, or it was used once already. Start again from the connect page.",
          };
      }
    }
    case "provider":
      if (error.retryable)
        return {
          status: 502,
          heading: `${name} is not answering properly`,
          detail: `${name} had a problem (HTTP ${error.status}). Try again in a moment.`,
        };
      return {
        status: 400,
        heading: `${name} refused the connection`,
        detail: `${name} did not accept the authorization code${error.code ? ` (${error.code})` : ""}. Start again from the connect page.`,
      };
    case "network":
    case "timeout":
      return {
        status: 502,
        heading: `Could not reach ${name}`,
        detail: "The token request got no answer. Try again in a moment.",
      };
    case "malformed_response":
      return {
        status: 502,
        heading: `${name} sent an answer we could not read`,
        detail: "No token was stored. Try again later.",
      };
    default:
      return {
        status: 500,
        heading: "Something went wrong",
        detail: `The connection to ${name} could not be completed. Nothing was stored.`,
      };
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

function formatExpiry(token: TokenSet, now: number): string {
  if (token.expiresAt === undefined) return "No expiry given by the provider";
  const iso = new Date(token.expiresAt)
    .toISOString()
    .replace("T", " ")
    .replace(/:\d\d\.\d+Z$/, " UTC");
  const left = token.expiresAt - now;
  const relative =
    left <= 0
      ? "expired"
      : left >= 2 * DAY_MS
        ? `in ${Math.round(left / DAY_MS)} days`
        : `in ${Math.round(left / 60_000)} minutes`;
  return `${iso} (${relative})`;
}

function tokenSummary(connection: Connection, now: number): SafeHtml {
  const { token } = connection;
  return html`<dl>
  <dt>Provider</dt><dd>${DISPLAY_NAMES[connection.provider]}</dd>
  <dt>Token type</dt><dd>${token.tokenType}</dd>
  <dt>Expires</dt><dd>${formatExpiry(token, now)}</dd>
  <dt>Access token</dt><dd><code>${mask(token.accessToken)}</code></dd>
  <dt>Refresh token</dt><dd>${token.refreshToken === undefined ? "None" : html`<code>${mask(token.refreshToken)}</code>`}</dd>
  <dt>Scopes</dt><dd>${token.scopes.length > 0 ? token.scopes.join(", ") : "None listed"}</dd>
  <dt>Account id</dt><dd>${token.extras.accountId ?? "None given"}</dd>
</dl>`;
}

/** The cookie that binds a pending state to the browser that started it (10 minutes, the state's own life). */
function stateCookie(name: ConnectProviderName, state: string, baseUrl: string): string {
  const secure = baseUrl.startsWith("https:") ? "; Secure" : "";
  return `finoauth_state_${name}=${state}; Path=/callback/${name}; Max-Age=600; HttpOnly; SameSite=Lax${secure}`;
}

/** The state this browser started for `name` (empty when it started none: the callback is then refused). */
function stateFromCookies(header: string | undefined, name: ConnectProviderName): string {
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === `finoauth_state_${name}`) return part.slice(at + 1).trim();
  }
  return "";
}

/** Starts the connect page and resolves once it listens. */
export async function createConnectApp(config: ConnectAppConfig): Promise<ConnectApp> {
  const now = config.now ?? Date.now;
  const host = config.host ?? "127.0.0.1";
  const store = new Map<string, Connection>();
  const flows = new Map<ConnectProviderName, ConnectFlows>();
  const redirectUris: Partial<Record<ConnectProviderName, string>> = {};

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { ...PAGE_HEADERS, ...headers });
    res.end(body);
  };
  const errorPage = (res: ServerResponse, { status, heading, detail }: ErrorPage) =>
    send(
      res,
      status,
      page(
        heading,
        html`<h1>${heading}</h1><p>${detail}</p><footer><a href="/">Back to the connect page</a></footer>`,
        "error",
      ),
    );

  const home = (res: ServerResponse) => {
    const buttons = [...flows.keys()].map(
      (name) =>
        html`<form method="get" action="/connect/${name}"><button type="submit">Connect ${DISPLAY_NAMES[name]}</button></form>`,
    );
    const connections = [...store.values()].map(
      (c) =>
        html`<li>${DISPLAY_NAMES[c.provider]}: <code>${mask(c.token.accessToken)}</code>, ${new Date(c.connectedAt).toISOString()}</li>`,
    );
    send(
      res,
      200,
      page(
        "Connect your accounts",
        html`<h1>Connect your accounts</h1>
<p class="muted">Sign in at the provider and approve access; this page keeps the token and shows you a masked summary.</p>
<div class="buttons">${buttons}</div>
${connections.length > 0 ? html`<h2>Connected</h2><ul>${connections}</ul>` : ""}`,
      ),
    );
  };

  const connect = async (res: ServerResponse, name: ConnectProviderName, provider: ConnectFlows) => {
    try {
      const { url, state } = await provider.authorizationUrl();
      // The state also goes to this browser alone (an HttpOnly cookie for the callback's path): a callback
      // carrying a state this browser did not start is refused before its pending state is spent.
      res.writeHead(302, {
        location: url,
        "cache-control": "no-store",
        "referrer-policy": "no-referrer",
        "set-cookie": stateCookie(name, state, baseUrl),
      });
      res.end();
    } catch (error) {
      console.error(`connect ${name}: ${String(error)}`);
      errorPage(res, {
        status: 500,
        heading: "Something went wrong",
        detail: `Could not start the connection to ${DISPLAY_NAMES[name]}.`,
      });
    }
  };

  const callback = async (
    res: ServerResponse,
    name: ConnectProviderName,
    provider: ConnectFlows,
    callbackUrl: string,
    cookieState: string,
  ) => {
    let token: TokenSet;
    try {
      token = await provider.handleCallback(callbackUrl, cookieState);
    } catch (error) {
      const described = describeCallbackError(error, name);
      // Expected refusals (a denial, a bad link) are the user's business; anything else is logged, masked.
      if (described.status >= 500) console.error(`callback ${name}: ${String(error)}`);
      return errorPage(res, described);
    }
    const connection: Connection = { id: randomUUID(), provider: name, token, connectedAt: now() };
    store.set(connection.id, connection);
    send(
      res,
      200,
      page(
        `Connected to ${DISPLAY_NAMES[name]}`,
        html`<h1>Connected to ${DISPLAY_NAMES[name]}</h1>
<p class="muted">The token is stored on the server; secrets are shown masked (first characters and length).</p>
${tokenSummary(connection, now())}
<p class="muted">Connection id <code>${connection.id}</code></p>
<footer><a href="/">Back to the connect page</a></footer>`,
        "success",
      ),
    );
  };

  let baseUrl = "";
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", baseUrl);
    // GET only: a HEAD (link checkers, prefetchers) must not start a flow or spend a callback's code.
    if (req.method !== "GET") {
      return send(res, 405, page("Method not allowed", html`<h1>Method not allowed</h1>`, "error"), { allow: "GET" });
    }
    if (url.pathname === "/") return home(res);
    const match = /^\/(connect|callback)\/([a-z-]+)$/.exec(url.pathname);
    const name = match?.[2] as ConnectProviderName | undefined;
    const provider = name === undefined ? undefined : flows.get(name);
    if (!match || !name || !provider) {
      return errorPage(res, { status: 404, heading: "Page not found", detail: "There is nothing at this address." });
    }
    const handled =
      match[1] === "connect"
        ? connect(res, name, provider)
        : callback(res, name, provider, url.href, stateFromCookies(req.headers.cookie, name));
    handled.catch((error: unknown) => {
      console.error(`${url.pathname}: ${String(error)}`);
      if (!res.headersSent)
        errorPage(res, { status: 500, heading: "Something went wrong", detail: "Nothing was stored." });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const listening = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  baseUrl = (config.publicUrl ?? listening).replace(/\/$/, "");

  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });

  try {
    for (const name of CONNECT_PROVIDERS) {
      const providerConfig = config.providers[name];
      if (!providerConfig) continue;
      const redirectUri = `${baseUrl}/callback/${name}`;
      flows.set(name, connectFlows(name, providerConfig, redirectUri, config));
      redirectUris[name] = redirectUri;
    }
    if (flows.size === 0) throw new Error("createConnectApp: configure at least one provider");
  } catch (error) {
    await close();
    throw error;
  }

  return { url: baseUrl, store, redirectUris, close };
}
