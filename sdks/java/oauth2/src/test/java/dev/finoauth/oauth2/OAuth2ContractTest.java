package dev.finoauth.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finoauth.oauth2.api.DefaultApi;
import dev.finoauth.oauth2.model.PushedAuthorizationResponse;
import dev.finoauth.oauth2.model.TokenResponse;
import dev.finoauth.testkit.Mocks;
import dev.finoauth.testkit.Spec;
import dev.finoauth.testkit.Violations;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated client of the generic RFC 6749 server against the Prism mock of specs/oauth2.yaml:
 * authorize, token (code exchange with PKCE), refresh and revoke, with the client authenticated both
 * ways the spec allows (HTTP Basic: the native library applies no security scheme, so it is a header;
 * client_secret_post: form fields).
 */
class OAuth2ContractTest {
  private static final Spec SPEC = Spec.load("oauth2");
  private static final URI CALLBACK = URI.create("https://client.example.com/cb");
  private static final String BASIC =
      "Basic " + Base64.getEncoder().encodeToString("s6BhdRkqt3:7Fjfp0ZBr1KtDRbnfVdmIw".getBytes(StandardCharsets.UTF_8));
  private final Violations violations = new Violations();
  private DefaultApi api;

  @BeforeEach
  void client() {
    ApiClient client = new ApiClient();
    client.updateBaseUri(Mocks.url("oauth2"));
    client.setResponseInterceptor(violations.interceptor());
    api = new DefaultApi(client);
  }

  private static void assertToken(String example, TokenResponse token) {
    JsonNode expected = SPEC.example("/token", "post", 200, example);
    assertEquals(expected.get("access_token").asText(), token.getAccessToken());
    assertEquals(expected.get("token_type").asText(), token.getTokenType());
    assertEquals(expected.get("expires_in").asInt(), token.getExpiresIn());
    assertEquals(expected.path("refresh_token").textValue(), token.getRefreshToken());
  }

  @Test
  void authorizeRedirectsBackWithACode() {
    ApiException redirect = assertThrows(ApiException.class, () -> api.authorize("code", "s6BhdRkqt3", CALLBACK,
        "openid profile", "xyz", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "S256", null, null, null,
        List.of(URI.create("https://api.example.com/")), Map.of("Prefer", "code=302, example=success")));
    assertEquals(302, redirect.getCode());
    assertEquals(SPEC.headerExample("/authorize", "get", 302, "Location", "success").asText(),
        redirect.getResponseHeaders().firstValue("Location").orElseThrow());
    violations.assertNone(1);
  }

  @Test
  void exchangesTheCodeWithPkceAndHttpBasic() throws ApiException {
    TokenResponse token = api.token("authorization_code", "SplxlOBeZQQYbYS6WxSbIA", CALLBACK, null, null, null, null,
        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", null, null, null, null,
        Map.of("Authorization", BASIC, "Prefer", "code=200, example=withRefreshToken"));
    assertToken("withRefreshToken", token);
    violations.assertNone(1);
  }

  @Test
  void refreshesWithTheClientInTheForm() throws ApiException {
    TokenResponse token = api.token("refresh_token", null, null, "s6BhdRkqt3", "7Fjfp0ZBr1KtDRbnfVdmIw", null, null,
        null, null, null, null, "tGzv3JOkF0XG5Qx2TlKWIA", Map.of("Prefer", "code=200, example=withRefreshToken"));
    assertToken("withRefreshToken", token);
    violations.assertNone(1);
  }

  @Test
  void aRefusedGrantIsA400WithTheOAuthError() throws Exception {
    ApiException error = assertThrows(ApiException.class, () -> api.token("refresh_token", null, null, null, null, null,
        null, null, null, null, null, "expired", Map.of("Authorization", BASIC, "Prefer", "code=400, example=invalidGrant")));
    assertEquals(400, error.getCode());
    assertEquals(SPEC.example("/token", "post", 400, "invalidGrant"), new ObjectMapper().readTree(error.getResponseBody()));
    violations.assertNone(1);
  }

  @Test
  void revokesARefreshToken() throws ApiException {
    api.revoke("tGzv3JOkF0XG5Qx2TlKWIA", "refresh_token", null, null, null, null, Map.of("Authorization", BASIC, "Prefer", "code=200"));
    violations.assertNone(1);
  }

  @Test
  void pushesAnAuthorizationRequest() throws ApiException {
    PushedAuthorizationResponse pushed = api.pushAuthorizationRequest("code", "s6BhdRkqt3", CALLBACK, "openid",
        "af0ifjsldkj", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "S256", null, null, null, null, null, null, null,
        Map.of("Authorization", BASIC, "Prefer", "code=201"));
    assertTrue(pushed.getRequestUri().startsWith("urn:ietf:params:oauth:request_uri:"));
    violations.assertNone(1);
  }
}
