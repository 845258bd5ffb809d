package dev.techpulse.transforms.http;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * A GET client with the contract's fault handling: 5xx, 429, timeouts and connection resets are
 * retried with capped exponential backoff and full jitter; everything else is returned to the
 * caller, who decides what a 404 or a 403 means for its API.
 *
 * <p>Redirects are never followed here: callers follow them so that credentials are attached only
 * to their own host.
 */
public final class HttpFetcher implements AutoCloseable {

  /** Retry and timeout settings; serializable so DoFns can carry them to workers. */
  public record Settings(
      String userAgent,
      Duration requestTimeout,
      int maxAttempts,
      Duration initialBackoff,
      Duration maxBackoff)
      implements Serializable {

    public static Settings defaults(String userAgent) {
      return new Settings(
          userAgent, Duration.ofSeconds(30), 5, Duration.ofMillis(500), Duration.ofSeconds(30));
    }
  }

  /** Decides, for a response, whether to retry and after how long; null means return it. */
  @FunctionalInterface
  public interface RetryRule {
    Duration retryAfter(HttpResult response, int attempt);
  }

  /** Thrown when a request still fails after every attempt. */
  public static final class FetchFailedException extends IOException {
    private final int lastStatus;

    public FetchFailedException(String message, int lastStatus, Throwable cause) {
      super(message, cause);
      this.lastStatus = lastStatus;
    }

    /** The last HTTP status seen, or 0 when the last attempt got no response. */
    public int lastStatus() {
      return lastStatus;
    }
  }

  private final Settings settings;
  private final HttpClient client;
  private final Sleeper sleeper;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private java.util.concurrent.Semaphore inFlight;
  private Counter requestsMetric;
  private Counter retriesMetric;

  public HttpFetcher(Settings settings) {
    this(settings, Sleeper.REAL);
  }

  public HttpFetcher(Settings settings, Sleeper sleeper) {
    this.settings = settings;
    this.sleeper = sleeper;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /**
   * Holds one of {@code permits} while each request is on the wire (sent, answered, body read),
   * never while backing off or while the caller parses: callers sharing the permits keep the
   * API at its limit and never above it.
   */
  public HttpFetcher limitInFlight(java.util.concurrent.Semaphore permits) {
    this.inFlight = permits;
    return this;
  }

  /**
   * Counts requests and retries as Beam metrics {@code <api>_requests} and {@code <api>_retries}
   * (namespace {@code techpulse}), in the step whose thread sends them.
   */
  public HttpFetcher countedAs(String api) {
    this.requestsMetric = Metrics.counter("techpulse", api + "_requests");
    this.retriesMetric = Metrics.counter("techpulse", api + "_retries");
    return this;
  }

  /** The default rule: retry 5xx and 429, honouring {@code Retry-After} when it is given. */
  public RetryRule serverErrors() {
    return (response, attempt) -> {
      int status = response.status();
      if (status >= 500 || status == 429) {
        Duration hinted = retryAfterHeader(response);
        return hinted != null ? hinted : backoff(attempt);
      }
      return null;
    };
  }

  /** Retry 5xx only: for APIs whose 429 and 403 need their own handling (GitHub). */
  public RetryRule serverErrorsOnly() {
    return (response, attempt) -> response.status() >= 500 ? backoff(attempt) : null;
  }

  /** GET with the default rule. */
  public HttpResult get(URI uri, Map<String, String> headers) throws IOException {
    return get(uri, headers, serverErrors());
  }

  /** GET, retrying what {@code rule} says and any I/O failure, up to the attempt limit. */
  public HttpResult get(URI uri, Map<String, String> headers, RetryRule rule) throws IOException {
    int lastStatus = 0;
    IOException lastError = null;
    for (int attempt = 1; ; attempt++) {
      Duration wait;
      try {
        HttpResult result = send(uri, headers);
        lastStatus = result.status();
        lastError = null;
        wait = rule.retryAfter(result, attempt);
        if (wait == null) {
          return result;
        }
        if (attempt >= settings.maxAttempts()) {
          throw new FetchFailedException(
              "HTTP " + result.status() + " after " + attempt + " attempts", result.status(), null);
        }
      } catch (FetchFailedException e) {
        throw e;
      } catch (IOException e) {
        lastError = e;
        lastStatus = 0;
        if (attempt >= settings.maxAttempts()) {
          throw new FetchFailedException(
              describe(e) + " after " + attempt + " attempts", 0, e);
        }
        wait = backoff(attempt);
      }
      retries.incrementAndGet();
      if (retriesMetric != null) {
        retriesMetric.inc();
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FetchFailedException("interrupted while backing off", lastStatus, lastError);
      }
    }
  }

  private HttpResult send(URI uri, Map<String, String> headers) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .GET()
            .timeout(settings.requestTimeout())
            .header("User-Agent", settings.userAgent());
    headers.forEach(request::header);
    requests.incrementAndGet();
    if (requestsMetric != null) {
      requestsMetric.inc();
    }
    HttpRequest built = request.build();
    try {
      HttpResponse<String> response;
      if (inFlight == null) {
        response = client.send(built, HttpResponse.BodyHandlers.ofString());
      } else {
        inFlight.acquire();
        try {
          response = client.send(built, HttpResponse.BodyHandlers.ofString());
        } finally {
          inFlight.release();
        }
      }
      return HttpResult.of(uri, response.statusCode(), response.headers().map(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Capped exponential backoff with full jitter: uniform in [base, min(cap, base * 2^n)]. */
  public Duration backoff(int attempt) {
    long base = settings.initialBackoff().toMillis();
    long cap = settings.maxBackoff().toMillis();
    long ceiling = Math.min(cap, base * (1L << Math.min(20, attempt - 1)));
    long floor = Math.min(base, ceiling);
    return Duration.ofMillis(floor + ThreadLocalRandom.current().nextLong(ceiling - floor + 1));
  }

  /** Seconds from a {@code Retry-After} header, when it holds a number. */
  public static Duration retryAfterHeader(HttpResult response) {
    String value = response.header("retry-after");
    if (value == null) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String describe(IOException e) {
    String name = e.getClass().getSimpleName().replace("Exception", "").toLowerCase(Locale.ROOT);
    String message = e.getMessage();
    return message == null || message.isBlank() ? name : name + ": " + message;
  }

  public long requests() {
    return requests.get();
  }

  public long retries() {
    return retries.get();
  }

  public Settings settings() {
    return settings;
  }

  @Override
  public void close() {
    // HttpClient on Java 17 has no close(); its threads end when it is unreachable.
  }
}
