package dev.techpulse.pipeline;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens (and closes) one TCP connection to each source's host before the pipeline starts, so a
 * machine without network fails in seconds with one line instead of retrying every call.
 * No HTTP request is sent.
 */
final class Preflight {
  private static final int TIMEOUT_MILLIS = 5_000;

  private Preflight() {}

  /** A one-line reason when no source host is reachable, else null. */
  static String unreachable(RunPlan plan) {
    List<String> urls = new ArrayList<>();
    urls.add(plan.sources().pypiUrl());
    urls.add(plan.sources().githubApiUrl());
    if (plan.downloadsSource().equals("pypistats")) {
      urls.add(plan.sources().pypistatsUrl());
    }
    List<String> failures = new ArrayList<>();
    for (String url : urls) {
      String failure = probe(URI.create(url));
      if (failure == null) {
        return null;
      }
      failures.add(failure);
    }
    return "no source is reachable (no network?): " + String.join("; ", failures);
  }

  private static String probe(URI uri) {
    int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(uri.getHost(), port), TIMEOUT_MILLIS);
      return null;
    } catch (IOException e) {
      String why =
          e instanceof java.net.UnknownHostException
              ? "unknown host"
              : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return uri.getHost() + ":" + port + " (" + why + ")";
    }
  }
}
