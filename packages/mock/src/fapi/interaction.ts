// The person in front of the browser, for tests against panva's oidc-provider: the server side answers its
// interaction URLs (login as one account, consent to every scope asked for), and `consent` follows an
// authorization URL through them as a browser would. Shared by server.ts (https with a private CA) and
// @finoauth/auth's test oidc-server.ts (plain http).
import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import type { InteractionResults } from "oidc-provider";
import { type Dispatcher, fetch as undiciFetch } from "undici";

/** Logs the user in, then grants every scope asked for: what a person would click through. */
export async function interact(
  provider: Provider,
  accountId: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { prompt, params, grantId } = await provider.interactionDetails(req, res);
  let result: InteractionResults;
  if (prompt.name === "login") {
    result = { login: { accountId } };
  } else {
    const grant =
      (grantId ? await provider.Grant.find(grantId) : undefined) ??
      new provider.Grant({ accountId, clientId: String(params.client_id) });
    grant.addOIDCScope(String(params.scope ?? ""));
    result = { consent: { grantId: await grant.save() } };
  }
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: true });
}

/**
 * The request listener for a server in front of `provider`: `/interaction/…` (the provider's
 * `interactions.url` must point there) is answered by `interact`, everything else by the provider.
 */
export function providerListener(
  provider: Provider,
  accountId: string,
): (req: IncomingMessage, res: ServerResponse) => void {
  const handle = provider.callback();
  return (req, res) => {
    if (req.url?.startsWith("/interaction/")) {
      interact(provider, accountId, req, res).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    } else handle(req, res);
  };
}

/** How `consent` reaches the server. */
export interface ConsentOptions {
  /** An undici dispatcher for https with a private CA (an `Agent` with `connect: { ca }`); default: fetch's own. */
  dispatcher?: Dispatcher | undefined;
}

/**
 * Follows an authorization URL as a browser would (redirects by hand, cookies kept), through the login and
 * consent steps, up to the redirect to the client: returns that callback URL.
 */
export async function consent(
  authorizationUrl: string,
  redirectUri: string,
  options: ConsentOptions = {},
): Promise<string> {
  const jar = new Map<string, string>();
  let url = authorizationUrl;
  for (let hop = 0; hop < 12; hop++) {
    const headers = { Cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; ") };
    const response =
      options.dispatcher === undefined
        ? await fetch(url, { redirect: "manual", headers })
        : await undiciFetch(url, { redirect: "manual", headers, dispatcher: options.dispatcher });
    for (const cookie of response.headers.getSetCookie()) {
      const pair = cookie.slice(0, cookie.indexOf(";") >>> 0);
      const at = pair.indexOf("=");
      const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(cookie)) jar.delete(name);
      else jar.set(name, value);
    }
    await response.body?.cancel();
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || location === null)
      throw new Error(`the authorization stopped at HTTP ${response.status} (${new URL(url).pathname})`);
    const next = new URL(location, url).toString();
    if (next.startsWith(`${redirectUri}?`)) return next;
    url = next;
  }
  throw new Error("the authorization did not come back to the client within 12 redirects");
}
