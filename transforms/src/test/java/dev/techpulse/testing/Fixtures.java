package dev.techpulse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recorded API exchanges under {@code src/test/resources/fixtures} (copied with their
 * licences from the project's shared fixtures; see fixtures/README.md there).
 */
public final class Fixtures {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One recorded exchange. */
  public record Exchange(
      String method, String url, int status, Map<String, String> headers, String body) {}

  private Fixtures() {}

  public static List<Exchange> exchanges(String file) {
    JsonNode root = json(file);
    List<Exchange> out = new ArrayList<>();
    for (JsonNode e : root) {
      JsonNode req = e.get("request");
      JsonNode res = e.get("response");
      Map<String, String> headers = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = res.get("headers").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> h = it.next();
        headers.put(h.getKey(), h.getValue().asText());
      }
      JsonNode body = res.get("body");
      String text = body.isTextual() ? body.asText() : body.toString();
      out.add(
          new Exchange(
              req.get("method").asText(),
              req.get("url").isNull() ? null : req.get("url").asText(),
              res.get("status").asInt(),
              headers,
              text));
    }
    return out;
  }

  /** The body of a file's only (or first) exchange, as JSON text. */
  public static String body(String file) {
    return exchanges(file).get(0).body();
  }

  public static JsonNode json(String file) {
    try {
      return MAPPER.readTree(text(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String file) {
    String resource = "fixtures/" + file;
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
