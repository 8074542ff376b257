package dev.finoauth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Prism mocks the contract tests call: started by {@code @finoauth/mock} (sdks/java/run-tests.mjs, or
 * tools/testkit/src/with-mocks.ts under {@code pnpm test}), their URLs handed over in FINOAUTH_MOCK_URLS
 * as a JSON object of spec name to base URL, as for the TypeScript tests.
 */
public final class Mocks {
  /** The environment variable that carries the mocks' URLs. */
  public static final String ENV = "FINOAUTH_MOCK_URLS";

  private Mocks() {}

  /** The base URL of the mock of {@code specs/<spec>.yaml}; fails with how to start the mocks when there is none. */
  public static String url(String spec) {
    String json = System.getenv(ENV);
    if (json == null || json.isBlank()) {
      throw new IllegalStateException(ENV + " is not set: run the Java tests through `node sdks/java/run-tests.mjs` or `pnpm test`, which start the Prism mocks");
    }
    try {
      JsonNode url = new ObjectMapper().readTree(json).get(spec);
      if (url == null || !url.isTextual()) {
        throw new IllegalStateException(ENV + " has no mock of " + spec + ": " + json);
      }
      return url.asText();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(ENV + " is not JSON: " + json, e);
    }
  }
}
