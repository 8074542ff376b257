package dev.finoauth.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One of the repository's specs (specs/<name>.yaml), read to compare a client's results with its examples. */
public final class Spec {
  private final JsonNode document;

  private Spec(JsonNode document) {
    this.document = document;
  }

  /** Reads {@code specs/<name>.yaml}, found from the working directory upwards (Maven runs in the module). */
  public static Spec load(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path file = dir.resolve("specs").resolve(name + ".yaml");
      if (Files.isRegularFile(file)) {
        try {
          return new Spec(new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
        } catch (IOException e) {
          throw new IllegalStateException("cannot read " + file, e);
        }
      }
    }
    throw new IllegalStateException("no specs/" + name + ".yaml above " + Path.of("").toAbsolutePath());
  }

  /**
   * The value of the named example of a response: {@code example("/oauth/token", "post", 200, "success")}.
   * Fails when the spec has no such example.
   */
  public JsonNode example(String path, String method, int status, String name) {
    JsonNode response = resolve(document.path("paths").path(path).path(method).path("responses").path(String.valueOf(status)));
    for (JsonNode media : response.path("content")) {
      JsonNode example = resolve(media.path("examples").path(name));
      if (!example.isMissingNode()) return example.path("value");
    }
    throw new IllegalStateException("no example " + name + " of " + method + " " + path + " -> " + status);
  }

  /** The value of the named example of a response header: {@code headerExample("/", "get", 302, "Location", "approved")}. */
  public JsonNode headerExample(String path, String method, int status, String header, String name) {
    JsonNode response = resolve(document.path("paths").path(path).path(method).path("responses").path(String.valueOf(status)));
    JsonNode example = resolve(resolve(response.path("headers").path(header)).path("examples").path(name));
    if (example.isMissingNode()) {
      throw new IllegalStateException("no example " + name + " of header " + header + " of " + method + " " + path + " -> " + status);
    }
    return example.path("value");
  }

  /** Follows a local {@code $ref} (#/components/...), else the node itself. */
  private JsonNode resolve(JsonNode node) {
    JsonNode ref = node.get("$ref");
    return ref != null && ref.asText().startsWith("#") ? resolve(document.at(ref.asText().substring(1))) : node;
  }
}
