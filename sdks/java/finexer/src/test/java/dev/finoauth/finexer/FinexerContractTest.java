package dev.finoauth.finexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finoauth.finexer.api.DefaultApi;
import dev.finoauth.finexer.model.TokenResponse;
import dev.finoauth.testkit.Mocks;
import dev.finoauth.testkit.Spec;
import dev.finoauth.testkit.Violations;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated Finexer client against the Prism mock of specs/finexer.yaml: authorize, token (the code
 * exchange: Finexer documents no refresh grant) and revoke (of the refresh token).
 */
class FinexerContractTest {
  private static final Spec SPEC = Spec.load("finexer");
  private final Violations violations = new Violations();
  private DefaultApi api;

  @BeforeEach
  void client() {
    ApiClient client = new ApiClient();
    client.updateBaseUri(Mocks.url("finexer"));
    client.setResponseInterceptor(violations.interceptor());
    api = new DefaultApi(client);
  }

  @Test
  void authorizeRedirectsBackWithACode() {
    // java.net.http does not follow redirects by default: the generated client reports the 302 as an ApiException.
    ApiException redirect = assertThrows(ApiException.class, () -> api.authorize("app_XBl7BcXJAXYK3", "code",
        "https://yourplatformwebsite.com/authorize", "customer_read,customer_write", "af0ifjsldkj",
        Map.of("Prefer", "code=302, example=approved")));
    assertEquals(302, redirect.getCode());
    assertEquals(SPEC.headerExample("/", "get", 302, "Location", "approved").asText(),
        redirect.getResponseHeaders().firstValue("Location").orElseThrow());
    violations.assertNone(1);
  }

  @Test
  void exchangesTheCode() throws ApiException {
    TokenResponse token = api.token("AUTH_CODE_1", "app_XBl7BcXJAXYK3", "sk_finexer_secret", "authorization_code",
        Map.of("Prefer", "code=200, example=success"));
    JsonNode example = SPEC.example("/token", "post", 200, "success");
    assertEquals(example.get("access_token").asText(), token.getAccessToken());
    assertEquals(example.get("refresh_token").asText(), token.getRefreshToken());
    assertEquals(example.get("account_id").asText(), token.getAccountId());
    assertEquals(example.get("scope").asText(), token.getScope());
    violations.assertNone(1);
  }

  @Test
  void aRefusedCodeIsA400WithTheOAuthError() throws Exception {
    ApiException error = assertThrows(ApiException.class, () -> api.token("{AUTHORIZATION_CODE}", "app_XBl7BcXJAXYK3",
        "sk_finexer_secret", "authorization_code", Map.of("Prefer", "code=400, example=invalidGrant")));
    assertEquals(400, error.getCode());
    assertEquals(SPEC.example("/token", "post", 400, "invalidGrant"), new ObjectMapper().readTree(error.getResponseBody()));
    violations.assertNone(1);
  }

  @Test
  void revokesTheRefreshToken() throws ApiException {
    api.revoke("app_XBl7BcXJAXYK3", "sk_finexer_secret", "rt_123456", Map.of("Prefer", "code=204"));
    violations.assertNone(1);
  }
}
