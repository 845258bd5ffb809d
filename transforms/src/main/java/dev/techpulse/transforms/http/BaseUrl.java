package dev.techpulse.transforms.http;

import java.net.URI;

/** Joins a base URL that may carry a path and a trailing slash with an API path. */
public final class BaseUrl {
  private BaseUrl() {}

  /** {@code https://host/api/v3/} + {@code /repos/a/b} = {@code https://host/api/v3/repos/a/b}. */
  public static URI resolve(String base, String path) {
    String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    String rel = path.startsWith("/") ? path : "/" + path;
    return URI.create(trimmed + rel);
  }

  /** Whether {@code uri} is on the same scheme, host and port as {@code base}. */
  public static boolean sameOrigin(String base, URI uri) {
    URI b = URI.create(base);
    return b.getScheme().equalsIgnoreCase(uri.getScheme())
        && b.getHost() != null
        && b.getHost().equalsIgnoreCase(uri.getHost())
        && effectivePort(b) == effectivePort(uri);
  }

  private static int effectivePort(URI u) {
    if (u.getPort() != -1) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }
}
