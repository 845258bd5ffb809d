package dev.techpulse.transforms.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A response: status, headers (names lower-cased) and the body as text. */
public record HttpResult(URI uri, int status, Map<String, List<String>> headers, String body) {

  public static HttpResult of(
      URI uri, int status, Map<String, List<String>> rawHeaders, String body) {
    Map<String, List<String>> lower = new TreeMap<>();
    rawHeaders.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return new HttpResult(uri, status, lower, body == null ? "" : body);
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }
}
