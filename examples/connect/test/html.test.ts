import { FinoauthError } from "@finoauth/auth";
import { describe, expect, it } from "vitest";
import { describeCallbackError } from "../src/app.js";
import { escapeHtml, html, page } from "../src/html.js";

describe("html", () => {
  it("escapes every interpolated value, in text and in attributes", () => {
    const evil = `"><script>alert('x')</script>&`;
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe(
      `<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</p>`,
    );
    expect(escapeHtml("a&b")).toBe("a&amp;b");
  });

  it("passes nested fragments and arrays of them through once, and drops undefined", () => {
    const items = ["<a>", "b"].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>${undefined}`.value).toBe("<ul><li>&lt;a&gt;</li><li>b</li></ul>");
  });

  it("escapes the page title", () => {
    expect(page("<t>", html`x`)).toContain("<title>&lt;t&gt;</title>");
  });
});

describe("describeCallbackError", () => {
  const callback = (init: Partial<ConstructorParameters<typeof FinoauthError>[0]>) =>
    new FinoauthError({ kind: "callback", provider: "finexer", ...init });

  it("names each refusal", () => {
    expect(
      describeCallbackError(
        callback({ reason: "provider_error", code: "access_denied", providerCode: "access_denied" }),
        "finexer",
      ).heading,
    ).toBe("Access was denied");
    expect(describeCallbackError(callback({ reason: "missing_state" }), "finexer").heading).toBe(
      "This sign-in link is invalid or was already used",
    );
    expect(describeCallbackError(callback({ reason: "unknown_state" }), "finexer").heading).toBe(
      "This sign-in link is invalid or was already used",
    );
    expect(describeCallbackError(callback({ reason: "expired_state" }), "finexer").heading).toBe(
      "This sign-in link has expired",
    );
    expect(describeCallbackError(callback({ reason: "missing_code" }), "finexer").heading).toBe(
      "Finexer sent no authorization code",
    );
  });

  it("shows a provider's error code only when it looks like one", () => {
    expect(
      describeCallbackError(
        callback({ reason: "provider_error", code: "server_error", providerCode: "server_error" }),
        "finexer",
      ).detail,
    ).toContain("(server_error)");
    expect(
      describeCallbackError(callback({ reason: "provider_error", providerCode: "<img src=x>" }), "finexer").detail,
    ).not.toContain("<img");
  });

  it("answers 502 when the provider is the problem, 400 when the code is refused", () => {
    expect(describeCallbackError(new FinoauthError({ kind: "network" }), "finexer").status).toBe(502);
    expect(
      describeCallbackError(new FinoauthError({ kind: "provider", status: 400, code: "invalid_grant" }), "finexer")
        .status,
    ).toBe(400);
    expect(
      describeCallbackError(new FinoauthError({ kind: "provider", status: 503, retryable: true }), "finexer").status,
    ).toBe(502);
  });
});
