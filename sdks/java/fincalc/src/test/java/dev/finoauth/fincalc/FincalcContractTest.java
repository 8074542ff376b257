package dev.finoauth.fincalc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finoauth.fincalc.api.AuthenticationApi;
import dev.finoauth.fincalc.model.TokenRequest;
import dev.finoauth.fincalc.model.TokenRequestClientId;
import dev.finoauth.fincalc.model.TokenResponse;
import dev.finoauth.testkit.Mocks;
import dev.finoauth.testkit.Spec;
import dev.finoauth.testkit.Violations;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated FinCalc client against the Prism mock of specs/fincalc.yaml. FinCalc has a token
 * endpoint only (client credentials, JSON body; no refresh token, no revocation, no authorize step), and
 * wraps its answer in {@code {success, data}}: the generated TokenResponse reads the wrapper as it is.
 */
class FincalcContractTest {
  private static final Spec SPEC = Spec.load("fincalc");
  private final Violations violations = new Violations();
  private AuthenticationApi api;

  @BeforeEach
  void client() {
    ApiClient client = new ApiClient();
    client.updateBaseUri(Mocks.url("fincalc"));
    client.setResponseInterceptor(violations.interceptor());
    api = new AuthenticationApi(client);
  }

  private static TokenRequest request(TokenRequestClientId clientId) {
    return new TokenRequest()
        .grantType(TokenRequest.GrantTypeEnum.CLIENT_CREDENTIALS)
        .clientId(clientId)
        .clientSecret("bVc8ztJq3N92uUM4mRSoDkE6Wx5fnGhXlPaPyTg7")
        .scope("api_scope")
        .emailAddress("hello@example.com");
  }

  @Test
  void clientCredentialsGiveTheWrappedToken() throws ApiException {
    TokenResponse response = api.token(request(new TokenRequestClientId(12345)), Map.of("Prefer", "code=200, example=success"));
    JsonNode example = SPEC.example("/api/oauth/token", "post", 200, "success").get("data");
    assertEquals(TokenResponse.SuccessEnum.TRUE, response.getSuccess());
    assertEquals(example.get("access_token").asText(), response.getData().getAccessToken());
    assertEquals(example.get("token_type").asText(), response.getData().getTokenType());
    assertEquals(example.get("expires_in").asInt(), response.getData().getExpiresIn());
    violations.assertNone(1);
  }

  @Test
  void aClientIdGivenAsTextIsAcceptedToo() throws ApiException {
    api.token(request(new TokenRequestClientId("12345")), Map.of("Prefer", "code=200"));
    violations.assertNone(1);
  }

  @Test
  void aMalformedRequestIsA400WithTheErrorWrapper() throws Exception {
    ApiException error = assertThrows(ApiException.class,
        () -> api.token(request(new TokenRequestClientId(12345)), Map.of("Prefer", "code=400, example=invalidRequest")));
    assertEquals(400, error.getCode());
    assertEquals(SPEC.example("/api/oauth/token", "post", 400, "invalidRequest"), new ObjectMapper().readTree(error.getResponseBody()));
    violations.assertNone(1);
  }
}
