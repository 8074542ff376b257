// End to end in headless Chromium: the connect page (src/app.ts), the consent stand-in
// (support/consent-server.ts) for the authorize endpoints, and Prism for the token endpoints.

import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mask } from "@finoauth/auth";
import { describeViolations, violationsOf } from "@finoauth/mock";
import type {} from "@finoauth/testkit/global-setup";
import { type Browser, type BrowserContext, chromium, type Page, type Response } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { type ConnectApp, type ConnectProviderName, createConnectApp } from "../src/app.js";
import { type ConsentServer, startConsentServer } from "./support/consent-server.js";

const CLIENTS = {
  "financial-cents": { clientId: "7956", clientSecret: "fc-secret-4f1d9c2a7b" },
  finexer: { clientId: "app_demo_42", clientSecret: "sk_test_9b8c7d6e5f" },
} as const;
const NAMES: Record<ConnectProviderName, string> = { "financial-cents": "Financial Cents", finexer: "Finexer" };
const FINEXER_SCOPES = ["customer_read", "customer_write"];
const TEN_MINUTES = 10 * 60 * 1000;

/** Screenshots land here (outside the repo): one success page and one error page per run. */
const SCREENSHOTS = join(tmpdir(), "finoauth-connect-screenshots");

/** Prism mocks of the token endpoints, from the global setup (shared with the other packages under `pnpm test`). */
const prismUrls = () => inject("prismUrls");
let consent: ConsentServer;
let app: ConnectApp;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;

/** The app's clock is real time plus this offset: the expiry test moves it forward. */
const clock = { offsetMs: 0 };
/** Every token call the app made, with Prism's verdict on the request (`sl-violations`, one line each). */
const tokenCalls: { url: string; status: number; violations: string }[] = [];

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Start everything in parallel; keep a handle on each one that started, so afterAll can stop it.
  const started = await Promise.allSettled([
    startConsentServer({
      "financial-cents": CLIENTS["financial-cents"].clientId,
      finexer: CLIENTS.finexer.clientId,
    }).then((server) => (consent = server)),
    chromium
      .launch({
        executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
        headless: true,
        // Without the background-networking flags Chromium's own connections are refused on a closed network.
        args: [
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
      })
      .then((launched) => (browser = launched)),
  ]);
  const failure = started.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failure) throw failure.reason;

  app = await createConnectApp({
    providers: {
      "financial-cents": {
        ...CLIENTS["financial-cents"],
        authorizeBaseUrl: consent.baseUrls["financial-cents"],
        tokenBaseUrl: prismUrls()["financial-cents"]!,
      },
      finexer: {
        ...CLIENTS.finexer,
        authorizeBaseUrl: consent.baseUrls.finexer,
        tokenBaseUrl: prismUrls().finexer!,
        scopes: FINEXER_SCOPES,
      },
    },
    now: () => Date.now() + clock.offsetMs,
    fetch: async (request) => {
      const response = await fetch(request);
      tokenCalls.push({
        url: request.url,
        status: response.status,
        violations: describeViolations(violationsOf(response)),
      });
      return response;
    },
  });
});

afterAll(async () => {
  // Runs even when beforeAll or a test failed: close whatever started.
  const closing = await Promise.allSettled([browser?.close(), app?.close(), consent?.close()]);
  const failure = closing.find((result): result is PromiseRejectedResult => result.status === "rejected");
  if (failure) throw failure.reason;
});

beforeEach(async () => {
  app.store.clear();
  tokenCalls.length = 0;
  clock.offsetMs = 0;
  context = await browser!.newContext();
  page = await context.newPage();
});

afterEach(async () => {
  clock.offsetMs = 0;
  await context?.close();
  context = undefined;
});

const isCallback = (url: URL) => url.origin === app.url && url.pathname.startsWith("/callback/");

/** Home page → "Connect <provider>" → the provider's consent page. */
async function openConsent(provider: ConnectProviderName): Promise<void> {
  const home = await page.goto(app.url);
  expect(home?.status()).toBe(200);
  await page.getByRole("button", { name: `Connect ${NAMES[provider]}`, exact: true }).click();
  await page.waitForURL((url) => url.origin === consent.url);
  expect(await page.locator("h1").innerText()).toBe(`Authorize access to your ${NAMES[provider]} account`);
}

/** Clicks Allow or Deny on the consent page and returns the app's answer to the callback, once the page has loaded. */
async function decide(decision: "Allow" | "Deny"): Promise<Response> {
  const answer = page.waitForResponse((response) => isCallback(new URL(response.url())));
  await page.getByRole("button", { name: decision, exact: true }).click();
  const response = await answer;
  await page.waitForURL(isCallback);
  return response;
}

/**
 * Runs the consent step but keeps the callback URL from the app: the test answers the consent form's POST
 * itself (Playwright does not route the redirected request), reads the redirect, and shows a blank page.
 */
async function captureCallback(provider: ConnectProviderName): Promise<URL> {
  await openConsent(provider);
  let captured: string | undefined;
  const isDecision = (url: URL) => url.origin === consent.url && url.pathname.endsWith("/decision");
  await page.route(isDecision, async (route) => {
    const answer = await route.fetch({ maxRedirects: 0 });
    captured = answer.headers().location;
    await route.fulfill({ status: 200, contentType: "text/html", body: "<p>callback captured by the test</p>" });
  });
  await page.getByRole("button", { name: "Allow", exact: true }).click();
  await page.waitForURL(isDecision);
  await page.unrouteAll();
  expect(captured).toBeDefined();
  const callback = new URL(captured!);
  expect(isCallback(callback) && callback.searchParams.has("code") && callback.searchParams.has("state")).toBe(true);
  expect([app.store.size, tokenCalls.length]).toEqual([0, 0]);
  return callback;
}

/** The page is an error page with this heading, the app answered 400, and nothing was stored or exchanged. */
async function expectRefused(
  response: Response | null,
  heading: string,
  { tokenCallsMade = 0, stored = 0 } = {},
): Promise<void> {
  expect(response?.status()).toBe(400);
  expect(await page.locator("h1").innerText()).toBe(heading);
  expect(await page.getByRole("link", { name: "Back to the connect page" }).count()).toBe(1);
  expect(app.store.size).toBe(stored);
  expect(tokenCalls).toHaveLength(tokenCallsMade);
}

describe.each(["financial-cents", "finexer"] as const)("%s", (provider) => {
  const name = NAMES[provider];

  it("Connect → consent → Allow → a masked token summary, and one stored connection", async () => {
    await openConsent(provider);
    // What the consent page was asked for: our client, our callback, no secret; PKCE where the provider takes it.
    const request = consent.requests.at(-1)!;
    expect(request.clientId).toBe(CLIENTS[provider].clientId);
    expect(request.redirectUri).toBe(app.redirectUris[provider]);
    expect(request.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(request.query)).not.toContain(CLIENTS[provider].clientSecret);
    if (provider === "financial-cents")
      expect([request.codeChallenge !== undefined, request.codeChallengeMethod]).toEqual([true, "S256"]);
    else expect(request.scopes).toEqual(FINEXER_SCOPES);
    const consentText = await page.locator("main").innerText();
    expect(consentText).toContain(CLIENTS[provider].clientId);

    const response = await decide("Allow");
    expect(response.status()).toBe(200);
    expect(await page.locator("h1").innerText()).toBe(`Connected to ${name}`);

    // Stored: exactly one connection, holding the token Prism issued for the code the consent page issued.
    expect(app.store.size).toBe(1);
    const [connection] = [...app.store.values()];
    expect(connection!.provider).toBe(provider);
    const token = connection!.token;
    expect(token.accessToken.length).toBeGreaterThan(8);
    const code = new URL(page.url()).searchParams.get("code")!;
    expect(consent.issued.get(code)).toMatchObject({
      provider,
      clientId: CLIENTS[provider].clientId,
      state: request.state,
    });
    expect(tokenCalls).toEqual([
      {
        url: `${prismUrls()[provider]}${provider === "financial-cents" ? "/oauth/token" : "/token"}`,
        status: 200,
        violations: "",
      },
    ]);

    // Shown: the summary with masked secrets; never the full token, the refresh token, the code or the client secret.
    const text = await page.locator("main").innerText();
    const source = await page.content();
    expect(text).toContain(mask(token.accessToken)!);
    expect(text).toMatch(/Token type\s+Bearer/);
    for (const secret of [token.accessToken, token.refreshToken!, CLIENTS[provider].clientSecret, code]) {
      expect(source).not.toContain(secret);
    }
    if (provider === "finexer") {
      expect(text).toContain("{ACCOUNT_IDENTIFIER}");
      expect(text).toContain("customer_read, customer_write");
      expect(text).toContain("No expiry given by the provider");
    } else {
      expect(text).toMatch(/Expires\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC \(in 184 days\)/);
    }
    await page.screenshot({ path: join(SCREENSHOTS, `success-${provider}.png`), fullPage: true });
  });

  it("a denied consent ends on “Access was denied” and stores nothing", async () => {
    await openConsent(provider);
    const response = await decide("Deny");
    const callback = new URL(page.url());
    expect(callback.searchParams.get("error")).toBe("access_denied");
    if (provider === "finexer") expect(callback.searchParams.get("error_code")).toBe("access_denied");
    await expectRefused(response, "Access was denied");
    if (provider === "financial-cents")
      await page.screenshot({ path: join(SCREENSHOTS, "error-denied.png"), fullPage: true });
  });

  it("a forged state is refused (it is not this browser's), and the genuine code is never exchanged", async () => {
    const genuine = await captureCallback(provider);
    const forged = new URL(genuine);
    forged.searchParams.set("state", randomBytes(32).toString("base64url"));
    await expectRefused(await page.goto(forged.href), "This sign-in was started in another browser");
  });

  it("a callback opened in another browser is refused before its state is spent: the browser that started it still finishes", async () => {
    const genuine = await captureCallback(provider);
    const starter = page;
    const other = await browser!.newContext();
    try {
      page = await other.newPage();
      await expectRefused(await page.goto(genuine.href), "This sign-in was started in another browser");
    } finally {
      page = starter;
      await other.close();
    }
    const finished = await page.goto(genuine.href);
    expect(finished?.status()).toBe(200);
    expect(await page.locator("h1").innerText()).toBe(`Connected to ${name}`);
    expect([app.store.size, tokenCalls.length]).toEqual([1, 1]);
  });

  it("a callback without state is refused", async () => {
    const genuine = await captureCallback(provider);
    genuine.searchParams.delete("state");
    await expectRefused(await page.goto(genuine.href), "This sign-in link is invalid or was already used");
  });

  it("a replayed callback URL is refused the second time and stores nothing more", async () => {
    await openConsent(provider);
    expect((await decide("Allow")).status()).toBe(200);
    expect(app.store.size).toBe(1);
    const callbackUrl = page.url();
    await expectRefused(await page.goto(callbackUrl), "This sign-in link is invalid or was already used", {
      tokenCallsMade: 1,
      stored: 1,
    });
  });

  it("a state older than 10 minutes is refused as expired", async () => {
    await openConsent(provider);
    clock.offsetMs = TEN_MINUTES + 1_000; // the user answers the consent page 10 minutes and 1 second later
    await expectRefused(await decide("Allow"), "This sign-in link has expired");
  });
});

it("a state issued for one provider is refused at the other provider's callback", async () => {
  const fromFinancialCents = await captureCallback("financial-cents");
  const atFinexer = new URL(`/callback/finexer${fromFinancialCents.search}`, app.url);
  // The state cookie is scoped to /callback/financial-cents: at Finexer's callback this browser holds none.
  await expectRefused(await page.goto(atFinexer.href), "This sign-in was started in another browser");
});

it("an unknown provider is a 404 and a POST is a 405", async () => {
  expect((await page.goto(`${app.url}/connect/nope`))?.status()).toBe(404);
  expect((await page.request.post(`${app.url}/callback/finexer?code=x&state=y`)).status()).toBe(405);
  expect(app.store.size).toBe(0);
});
