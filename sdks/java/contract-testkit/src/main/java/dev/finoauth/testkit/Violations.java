package dev.finoauth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Records what Prism says of each request a generated client sends: its {@code sl-violations} header
 * (every severity counts: a request that breaks the spec in any way is a failed contract). Give
 * {@link #interceptor()} to the client's {@code ApiClient.setResponseInterceptor}.
 */
public final class Violations {
  private final List<String> found = new ArrayList<>();
  private final List<String> seen = new ArrayList<>();

  /** The response interceptor that records each response's method, path, status and violations. */
  public Consumer<HttpResponse<InputStream>> interceptor() {
    return response -> {
      String request = response.request().method() + " " + response.request().uri().getPath();
      seen.add(request + " -> " + response.statusCode());
      response.headers().allValues("sl-violations").forEach(header -> found.add(request + ": " + header));
    };
  }

  /** Asserts that exactly {@code count} responses came back and Prism reported no violation on any. */
  public void assertNone(int count) {
    assertTrue(found.isEmpty(), () -> "Prism says the request breaks the spec:\n  " + String.join("\n  ", found));
    assertEquals(count, seen.size(), () -> "responses seen: " + seen);
  }
}
