import { bodyOr, describeContract } from "@finoauth/testkit";
import { expectTypeOf } from "vitest";
import { createOAuth2Client, OAUTH2_EXAMPLE_URL, type OAuth2Client, type operations } from "../src/index.js";

// client_secret_basic for s6BhdRkqt3 / 7Fjfp0ZBr1KtDRbnfVdmIw (RFC 6749's own example).
const basic = { Authorization: "Basic czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3" };

describeContract<OAuth2Client, keyof operations>({
  spec: "oauth2",
  createClient: createOAuth2Client,
  defaultBaseUrl: OAUTH2_EXAMPLE_URL,
  calls: {
    authorize: (api, { headers }) =>
      api.GET("/authorize", {
        params: {
          query: {
            response_type: "code",
            client_id: "s6BhdRkqt3",
            redirect_uri: "https://client.example.com/cb",
            scope: "read write",
            state: "xyz",
            code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            code_challenge_method: "S256",
            prompt: "consent",
            nonce: "n-0S6_WzA2Mj",
            login_hint: "johndoe@example.com",
            resource: ["https://api.example.com/accounts", "https://api.example.com/payments"],
          },
        },
        headers,
      }),
    async token(api, init) {
      const result = await api.POST("/token", {
        body: bodyOr(init, {
          grant_type: "authorization_code",
          code: "SplxlOBeZQQYbYS6WxSbIA",
          redirect_uri: "https://client.example.com/cb",
          code_verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
        } as const),
        headers: { ...basic, ...init.headers },
      });
      if (result.data) expectTypeOf(result.data.access_token).toEqualTypeOf<string>();
      return result;
    },
    revoke: (api, init) =>
      api.POST("/revoke", {
        body: bodyOr(init, { token: "45ghiukldjahdnhzdauz", token_type_hint: "refresh_token" } as const),
        headers: { ...basic, ...init.headers },
      }),
    async introspect(api, init) {
      const result = await api.POST("/introspect", {
        body: bodyOr(init, { token: "mF_9.B5f-4.1JqM", token_type_hint: "access_token" } as const),
        headers: { ...basic, ...init.headers },
      });
      if (result.data) expectTypeOf(result.data.active).toEqualTypeOf<boolean>();
      return result;
    },
    async pushAuthorizationRequest(api, init) {
      const result = await api.POST("/par", {
        body: bodyOr(init, {
          response_type: "code",
          client_id: "s6BhdRkqt3",
          redirect_uri: "https://client.example.org/cb",
          state: "af0ifjsldkj",
          code_challenge: "K2-ltc83acc4h0c9w6ESC_rEMTJ3bww-uCHaoeK1t8U",
          code_challenge_method: "S256",
          scope: "ais",
        } as const),
        headers: { ...basic, ...init.headers },
      });
      if (result.data) expectTypeOf(result.data.request_uri).toEqualTypeOf<string>();
      return result;
    },
    async authorizationServerMetadata(api, { headers }) {
      const result = await api.GET("/.well-known/oauth-authorization-server", { headers });
      if (result.data) expectTypeOf(result.data.issuer).toEqualTypeOf<string>();
      return result;
    },
    async openidConfiguration(api, { headers }) {
      const result = await api.GET("/.well-known/openid-configuration", { headers });
      if (result.data) expectTypeOf(result.data.jwks_uri).toEqualTypeOf<string>();
      return result;
    },
  },
});
