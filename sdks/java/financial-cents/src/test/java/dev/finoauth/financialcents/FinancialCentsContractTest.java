package dev.finoauth.financialcents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finoauth.financialcents.api.OAuthApi;
import dev.finoauth.financialcents.model.TokenResponse;
import dev.finoauth.testkit.Mocks;
import dev.finoauth.testkit.Spec;
import dev.finoauth.testkit.Violations;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated Financial Cents client against the Prism mock of specs/financial-cents.yaml: authorize,
 * token (code exchange, with PKCE) and refresh. Financial Cents documents no revocation endpoint.
 */
class FinancialCentsContractTest {
  private static final Spec SPEC = Spec.load("financial-cents");
  private static final URI CALLBACK = URI.create("http://third-party-app.com/callback");
  private final Violations violations = new Violations();
  private OAuthApi api;

  @BeforeEach
  void client() {
    ApiClient client = new ApiClient();
    client.updateBaseUri(Mocks.url("financial-cents"));
    client.setResponseInterceptor(violations.interceptor());
    api = new OAuthApi(client);
  }

  private static void assertToken(String example, TokenResponse token) {
    JsonNode expected = SPEC.example("/oauth/token", "post", 200, example);
    assertEquals(expected.get("access_token").asText(), token.getAccessToken());
    assertEquals(expected.get("refresh_token").asText(), token.getRefreshToken());
    assertEquals(expected.get("expires_in").asInt(), token.getExpiresIn());
    assertEquals(expected.get("token_type").asText(), token.getTokenType());
  }

  @Test
  void authorizeRedirectsBackWithACode() {
    ApiException redirect = assertThrows(ApiException.class, () -> api.authorize("7956", CALLBACK, "code", "state-1",
        "", null, null, null, Map.of("Prefer", "code=302, example=approved")));
    assertEquals(302, redirect.getCode());
    assertEquals(SPEC.headerExample("/oauth/authorize", "get", 302, "Location", "approved").asText(),
        redirect.getResponseHeaders().firstValue("Location").orElseThrow());
    violations.assertNone(1);
  }

  @Test
  void exchangesTheCodeWithAPkceVerifier() throws ApiException {
    TokenResponse token = api.token("authorization_code", "7956", "YOUR_CLIENT_SECRET", CALLBACK, "AUTHORIZATION_CODE",
        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", null, null, Map.of("Prefer", "code=200, example=authorizationCode"));
    assertToken("authorizationCode", token);
    violations.assertNone(1);
  }

  @Test
  void refreshesTheToken() throws ApiException {
    TokenResponse token = api.token("refresh_token", "7956", "YOUR_CLIENT_SECRET", null, null, null, "the-refresh-token", "",
        Map.of("Prefer", "code=200, example=refreshToken"));
    assertToken("refreshToken", token);
    violations.assertNone(1);
  }

  @Test
  void aRefusedRefreshTokenIsA400WithTheOAuthError() throws Exception {
    ApiException error = assertThrows(ApiException.class, () -> api.token("refresh_token", "7956", "YOUR_CLIENT_SECRET",
        null, null, null, "expired", null, Map.of("Prefer", "code=400, example=invalidRefreshTokenGrant")));
    assertEquals(400, error.getCode());
    assertEquals(SPEC.example("/oauth/token", "post", 400, "invalidRefreshTokenGrant"),
        new ObjectMapper().readTree(error.getResponseBody()));
    violations.assertNone(1);
  }
}
