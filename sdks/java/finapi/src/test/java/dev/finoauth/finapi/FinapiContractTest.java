package dev.finoauth.finapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.finoauth.finapi.api.AuthorizationApi;
import dev.finoauth.finapi.model.AccessToken;
import dev.finoauth.testkit.Mocks;
import dev.finoauth.testkit.Spec;
import dev.finoauth.testkit.Violations;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generated finAPI client against the Prism mock of specs/finapi.yaml: token, refresh and revoke. */
class FinapiContractTest {
  private static final Spec SPEC = Spec.load("finapi");
  private final Violations violations = new Violations();
  private AuthorizationApi api;

  @BeforeEach
  void client() {
    ApiClient client = new ApiClient();
    client.updateBaseUri(Mocks.url("finapi"));
    client.setResponseInterceptor(violations.interceptor());
    api = new AuthorizationApi(client);
  }

  private static void assertToken(JsonNode example, AccessToken token) {
    assertEquals(example.get("access_token").asText(), token.getAccessToken());
    assertEquals(example.get("token_type").asText(), token.getTokenType());
    assertEquals(example.get("expires_in").asInt(), token.getExpiresIn());
    assertEquals(example.path("refresh_token").textValue(), token.getRefreshToken());
  }

  @Test
  void passwordGrantGivesTheUsersToken() throws ApiException {
    AccessToken token = api.token("req-42", "password", "clientId_example", "clientSecret_example",
        "username_example", "password_example", null, Map.of("Prefer", "code=200, example=userToken"));
    assertToken(SPEC.example("/oauth/token", "post", 200, "userToken"), token);
    violations.assertNone(1);
  }

  @Test
  void clientCredentialsGrantGivesTheClientsToken() throws ApiException {
    AccessToken token = api.token(null, "client_credentials", "clientId_example", "clientSecret_example",
        null, null, null, Map.of("Prefer", "code=200, example=clientToken"));
    assertToken(SPEC.example("/oauth/token", "post", 200, "clientToken"), token);
    violations.assertNone(1);
  }

  @Test
  void refreshTokenGrantGivesANewToken() throws ApiException {
    AccessToken token = api.token(null, "refresh_token", "clientId_example", "clientSecret_example",
        null, null, "0b9KjiBVlZLz7a4Hsh", Map.of("Prefer", "code=200, example=userToken"));
    assertToken(SPEC.example("/oauth/token", "post", 200, "userToken"), token);
    violations.assertNone(1);
  }

  @Test
  void badClientCredentialsAreA401WithTheOAuthErrorBody() throws Exception {
    ApiException error = assertThrows(ApiException.class, () -> api.token(null, "client_credentials",
        "clientId_example", "wrong", null, null, null, Map.of("Prefer", "code=401, example=invalidClient")));
    assertEquals(401, error.getCode());
    assertEquals(SPEC.example("/oauth/token", "post", 401, "invalidClient"),
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(error.getResponseBody()));
    violations.assertNone(1);
  }

  @Test
  void revokesARefreshTokenWithTheClientsBearerToken() throws ApiException {
    // The native library applies no security scheme: the bearer token goes in as a header.
    api.revoke("0b9KjiBVlZLz7a4Hsh", "refresh_token", "req-43",
        Map.of("Authorization", "Bearer client-token", "Prefer", "code=200"));
    violations.assertNone(1);
  }
}
