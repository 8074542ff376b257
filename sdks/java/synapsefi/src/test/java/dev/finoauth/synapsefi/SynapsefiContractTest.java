package dev.finoauth.synapsefi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finoauth.synapsefi.api.OAuthApi;
import dev.finoauth.synapsefi.model.IssueOauthKeyRequest;
import dev.finoauth.synapsefi.model.OauthKeyResponse;
import dev.finoauth.testkit.Mocks;
import dev.finoauth.testkit.Spec;
import dev.finoauth.testkit.Violations;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated SynapseFI client against the Prism mock of specs/synapsefi.yaml. SynapseFI has one OAuth
 * call, Issue OAuth Key, which is its token and its refresh at once (a refresh token in, an OAuth key and
 * maybe a rotated refresh token out); it has no authorize step and no revocation.
 */
class SynapsefiContractTest {
  private static final Spec SPEC = Spec.load("synapsefi");
  private static final String USER = "594e0fa2838454002ea317a0";
  private static final String GATEWAY = "client_id_2bb1e412edd311e6bd04e285d6015267|client_secret_2bb1e714edd311e6bd04e285d6015267";
  private static final String FINGERPRINT = "|e83cf6ddcf778e37bfe3d48fc78a6502062fc";
  private static final String REFRESH = "refresh_ehG7YBS8ZiD0sLa6PQHMUxryovVkJzElC5gWROXq";
  private final Violations violations = new Violations();
  private OAuthApi api;

  @BeforeEach
  void client() {
    ApiClient client = new ApiClient();
    client.updateBaseUri(Mocks.url("synapsefi"));
    client.setResponseInterceptor(violations.interceptor());
    api = new OAuthApi(client);
  }

  private OauthKeyResponse issue(IssueOauthKeyRequest request, String prefer) throws ApiException {
    return api.issueOauthKey(USER, GATEWAY, "127.0.0.1", FINGERPRINT, request, Map.of("Prefer", prefer));
  }

  @Test
  void exchangesTheRefreshTokenForAnOauthKey() throws ApiException {
    OauthKeyResponse key = issue(new IssueOauthKeyRequest().refreshToken(REFRESH), "code=200, example=withoutScope");
    JsonNode example = SPEC.example("/v3.1/oauth/{user_id}", "post", 200, "withoutScope");
    assertEquals(example.get("oauth_key").asText(), key.getOauthKey());
    assertEquals(example.get("expires_in").asText(), key.getExpiresIn());
    assertEquals(example.get("refresh_token").asText(), key.getRefreshToken());
    violations.assertNone(1);
  }

  @Test
  void narrowsTheScopeWhenAsked() throws ApiException {
    OauthKeyResponse key = issue(new IssueOauthKeyRequest().refreshToken(REFRESH).scope(List.of("NODES|POST", "NODES|GET")),
        "code=200, example=withScope");
    assertEquals(SPEC.example("/v3.1/oauth/{user_id}", "post", 200, "withScope").get("oauth_key").asText(), key.getOauthKey());
    violations.assertNone(1);
  }

  @Test
  void theTwoFactorAnswerIsA202WithoutAnOauthKey() throws ApiException {
    // Known limitation (sdks/java/README.md): the generated method reads every 2xx body as the 200 type,
    // so the 202 (MFA) answer comes back as an OauthKeyResponse with no key: check the status.
    ApiResponse<OauthKeyResponse> answer = api.issueOauthKeyWithHttpInfo(USER, GATEWAY, "127.0.0.1", FINGERPRINT,
        new IssueOauthKeyRequest().refreshToken(REFRESH).phoneNumber("901-111-2222"), Map.of("Prefer", "code=202, example=mfaRequired"));
    assertEquals(202, answer.getStatusCode());
    assertNull(answer.getData().getOauthKey());
    violations.assertNone(1);
  }

  @Test
  void aWrongRefreshTokenIsA409WithSynapsesError() throws Exception {
    ApiException error = assertThrows(ApiException.class,
        () -> issue(new IssueOauthKeyRequest().refreshToken("refresh_wrong"), "code=409, example=incorrectRefreshToken"));
    assertEquals(409, error.getCode());
    assertEquals(SPEC.example("/v3.1/oauth/{user_id}", "post", 409, "incorrectRefreshToken"),
        new ObjectMapper().readTree(error.getResponseBody()));
    violations.assertNone(1);
  }
}
