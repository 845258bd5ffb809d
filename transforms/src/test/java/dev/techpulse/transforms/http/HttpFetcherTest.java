package dev.techpulse.transforms.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.techpulse.testing.FakeApis;
import dev.techpulse.transforms.http.HttpFetcher.FetchFailedException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pins HttpFetcher's fault handling (CONTRACT.md section 5): what is retried, how, how often. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HttpFetcherTest {

  private static final HttpFetcher.Settings FAST =
      new HttpFetcher.Settings(
          "techpulse/test", Duration.ofSeconds(2), 3, Duration.ofMillis(1), Duration.ofMillis(5));

  /** Records waits instead of spending them. */
  static final class RecordingSleeper implements Sleeper {
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
      waits.add(duration);
    }
  }

  private FakeApis apis;
  private FakeApis.Server server;
  private RecordingSleeper sleeper;

  @BeforeEach
  void setUp() throws Exception {
    apis = FakeApis.start();
    server = apis.pypi;
    sleeper = new RecordingSleeper();
  }

  @AfterEach
  void tearDown() {
    apis.close();
  }

  private URI uri(String path) {
    return URI.create(server.url() + path);
  }

  private static MockResponse status(int code) {
    return FakeApis.json(code, "{\"code\":" + code + "}");
  }

  @Test
  void givenTwo500sThenA200_whenGet_thenReturns200AfterThreeRequestsWithTwoRetriesCounted()
      throws Exception {
    server.route("/x", status(500), status(500), FakeApis.json(200, "{\"ok\":true}"));
    HttpFetcher fetcher = new HttpFetcher(FAST, sleeper);

    HttpResult result = fetcher.get(uri("/x"), Map.of());

    assertEquals(200, result.status());
    assertEquals("{\"ok\":true}", result.body());
    assertEquals(3, server.requests().size(), "requests reaching the server");
    assertEquals(3, fetcher.requests());
    assertEquals(2, fetcher.retries());
    assertEquals(2, sleeper.waits.size(), "one backoff before each retry");
    for (Duration w : sleeper.waits) {
      assertTrue(
          w.compareTo(Duration.ofMillis(1)) >= 0 && w.compareTo(Duration.ofMillis(5)) <= 0,
          "backoff within [initial, cap]: " + w);
    }
  }

  @Test
  void givenAlways503_whenGet_thenFetchFailedAfterMaxAttemptsWithLastStatus503() {
    server.route("/x", status(503));
    HttpFetcher fetcher = new HttpFetcher(FAST, sleeper);

    FetchFailedException e =
        assertThrows(FetchFailedException.class, () -> fetcher.get(uri("/x"), Map.of()));

    assertEquals(503, e.lastStatus());
    assertEquals(FAST.maxAttempts(), server.requests().size());
    assertEquals(FAST.maxAttempts() - 1, sleeper.waits.size(), "no wait after the last attempt");
    assertEquals(FAST.maxAttempts() - 1, fetcher.retries());
  }

  @Test
  void given429WithRetryAfter_whenGet_thenWaitsTheHintedSecondsThenSucceeds() throws Exception {
    server.route(
        "/x",
        new MockResponse.Builder().code(429).addHeader("Retry-After", "7").body("slow down").build(),
        FakeApis.json(200, "{}"));
    HttpFetcher fetcher = new HttpFetcher(FAST, sleeper);

    HttpResult result = fetcher.get(uri("/x"), Map.of());

    assertEquals(200, result.status());
    assertEquals(2, server.requests().size());
    assertEquals(List.of(Duration.ofSeconds(7)), sleeper.waits, "Retry-After honoured, not backoff");
  }

  @Test
  void given503WithRetryAfter_whenGet_thenWaitsTheHintedSeconds() throws Exception {
    server.route(
        "/x",
        new MockResponse.Builder().code(503).addHeader("Retry-After", "3").build(),
        FakeApis.json(200, "{}"));
    HttpFetcher fetcher = new HttpFetcher(FAST, sleeper);

    assertEquals(200, fetcher.get(uri("/x"), Map.of()).status());
    assertEquals(List.of(Duration.ofSeconds(3)), sleeper.waits);
  }

  @Test
  void given429WithoutRetryAfter_whenGet_thenRetriedWithBackoff() throws Exception {
    server.route("/x", status(429), FakeApis.json(200, "{}"));
    HttpFetcher fetcher = new HttpFetcher(FAST, sleeper);

    assertEquals(200, fetcher.get(uri("/x"), Map.of()).status());
    assertEquals(2, server.requests().size());
    assertEquals(1, sleeper.waits.size());
    assertTrue(sleeper.waits.get(0).compareTo(Duration.ofMillis(5)) <= 0);
  }

  @Test
  void given404_whenGet_thenReturnedWithoutRetry() throws Exception {
    server.route("/x", status(404), FakeApis.json(200, "{}"));
    HttpFetcher fetcher = new HttpFetcher(FAST, sleeper);

    HttpResult result = fetcher.get(uri("/x"), Map.of());

    assertEquals(404, result.status());
    assertEquals(1, server.requests().size());
    assertEquals(0, fetcher.retries());
    assertTrue(sleeper.waits.isEmpty());
  }

  @Test
  void given429AndServerErrorsOnlyRule_whenGet_thenReturnedToCallerWithoutRetry()
      throws Exception {
    server.route("/x", status(429), FakeApis.json(200, "{}"));
    HttpFetcher fetcher = new HttpFetcher(FAST, sleeper);

    HttpResult result = fetcher.get(uri("/x"), Map.of(), fetcher.serverErrorsOnly());

    assertEquals(429, result.status());
    assertEquals(1, server.requests().size());
  }

  private static final HttpFetcher.Settings SHORT_TIMEOUT =
      new HttpFetcher.Settings(
          "techpulse/test", Duration.ofMillis(200), 3, Duration.ofMillis(1), Duration.ofMillis(5));

  private static MockResponse slowHeaders() {
    return new MockResponse.Builder()
        .code(200)
        .body("{\"late\":true}")
        .headersDelay(1500, TimeUnit.MILLISECONDS)
        .build();
  }

  @Test
  void givenServerDelaysHeadersBeyondTimeoutOnce_whenGet_thenRetriedAndSucceeds()
      throws Exception {
    server.route("/x", slowHeaders(), FakeApis.json(200, "{\"ok\":true}"));
    HttpFetcher fetcher = new HttpFetcher(SHORT_TIMEOUT, sleeper);

    HttpResult result = fetcher.get(uri("/x"), Map.of());

    assertEquals(200, result.status());
    assertEquals("{\"ok\":true}", result.body());
    assertEquals(2, server.requests().size());
    assertEquals(1, fetcher.retries());
  }

  @Test
  void givenServerAlwaysDelaysHeadersBeyondTimeout_whenGet_thenFailsAfterMaxAttemptsWithStatus0() {
    server.route("/x", slowHeaders());
    HttpFetcher fetcher = new HttpFetcher(SHORT_TIMEOUT, sleeper);

    long start = System.nanoTime();
    FetchFailedException e =
        assertThrows(FetchFailedException.class, () -> fetcher.get(uri("/x"), Map.of()));
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;

    assertEquals(0, e.lastStatus(), "no response on the last attempt");
    assertInstanceOf(HttpTimeoutException.class, e.getCause());
    assertEquals(3, fetcher.requests());
    assertEquals(2, sleeper.waits.size());
    assertTrue(elapsedMs < 1400, "each attempt cut at requestTimeout, took " + elapsedMs + " ms");
  }

  private static MockResponse resetBeforeHeaders() {
    return new MockResponse.Builder()
        .code(200)
        .body("{}")
        .onResponseStart(SocketEffect.ShutdownConnection.INSTANCE)
        .build();
  }

  private static MockResponse truncatedBody() {
    // Declares the full length, sends part of it, then drops the connection.
    return new MockResponse.Builder()
        .code(200)
        .body("{\"padding\":\"" + "x".repeat(4096) + "\"}")
        .throttleBody(1024, 5, TimeUnit.MILLISECONDS)
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
        .build();
  }

  @Test
  void givenConnectionResetBeforeResponse_whenGet_thenRetriedAndSucceeds() throws Exception {
    server.route("/x", resetBeforeHeaders(), FakeApis.json(200, "{\"ok\":true}"));
    HttpFetcher fetcher = new HttpFetcher(FAST, sleeper);

    HttpResult result = fetcher.get(uri("/x"), Map.of());

    assertEquals(200, result.status());
    assertEquals("{\"ok\":true}", result.body());
    // java.net.http itself re-sends an idempotent GET once when the connection closes before
    // the response starts, so the server may see the retry without HttpFetcher counting it.
    assertTrue(server.requests().size() >= 2, "the reset request was re-sent");
    assertTrue(fetcher.retries() <= 1);
  }

  @Test
  void givenTruncatedBody_whenGet_thenRetriedAndReturnsTheCompleteBody() throws Exception {
    server.route("/x", truncatedBody(), FakeApis.json(200, "{\"ok\":true}"));
    HttpFetcher fetcher = new HttpFetcher(FAST, sleeper);

    HttpResult result = fetcher.get(uri("/x"), Map.of());

    assertEquals(200, result.status());
    assertEquals("{\"ok\":true}", result.body(), "a partial body is never returned");
    assertEquals(2, server.requests().size());
    assertEquals(1, fetcher.retries());
  }

  @Test
  void givenConnectionAlwaysReset_whenGet_thenFetchFailedWithStatus0AndCause() {
    server.route("/x", resetBeforeHeaders());
    HttpFetcher fetcher = new HttpFetcher(FAST, sleeper);

    FetchFailedException e =
        assertThrows(FetchFailedException.class, () -> fetcher.get(uri("/x"), Map.of()));

    assertEquals(0, e.lastStatus());
    assertNotNull(e.getCause());
    assertEquals(3, fetcher.requests(), "HttpFetcher attempts");
    assertEquals(2, sleeper.waits.size());
    int seen = server.requests().size();
    assertTrue(seen >= 3 && seen <= 6, "bounded: " + seen + " requests reached the server");
  }

  @Test
  void givenBackoffSettings_whenBackoffSampled_thenStaysWithinInitialAndCappedExponentialCeiling() {
    HttpFetcher fetcher =
        new HttpFetcher(
            new HttpFetcher.Settings(
                "techpulse/test",
                Duration.ofSeconds(1),
                5,
                Duration.ofMillis(100),
                Duration.ofMillis(1000)),
            sleeper);
    for (int n = 1; n <= 12; n++) {
      long ceiling = Math.min(1000, 100L * (1L << (n - 1)));
      long max = Long.MIN_VALUE;
      for (int i = 0; i < 2000; i++) {
        long ms = fetcher.backoff(n).toMillis();
        assertTrue(ms >= 100 && ms <= ceiling, "attempt " + n + ": " + ms + " ms");
        max = Math.max(max, ms);
      }
      // Growth is real (not stuck at the initial value): the top of the range is reached.
      assertTrue(max > ceiling - (ceiling - 100) / 4 || ceiling == 100, "attempt " + n + " max " + max);
    }
    assertEquals(Duration.ofMillis(100), fetcher.backoff(1), "first backoff is the initial one");
  }

  @Test
  void givenAnyRequest_whenGet_thenUserAgentAndCallerHeadersAreSent() throws Exception {
    server.route("/x", FakeApis.json(200, "{}"));
    HttpFetcher fetcher = new HttpFetcher(FAST, sleeper);

    fetcher.get(uri("/x"), Map.of("Accept", "application/json"));

    var headers = server.requests().get(0).getHeaders();
    assertEquals("techpulse/test", headers.get("User-Agent"));
    assertEquals("application/json", headers.get("Accept"));
  }

  @Test
  void givenRetryAfterHeaderForms_whenParsed_thenSecondsOrNull() {
    URI u = URI.create("http://h/");
    assertEquals(
        Duration.ofSeconds(12),
        HttpFetcher.retryAfterHeader(
            HttpResult.of(u, 429, Map.of("Retry-After", List.of(" 12 ")), "")));
    assertEquals(
        null, HttpFetcher.retryAfterHeader(HttpResult.of(u, 429, Map.of(), "")));
    assertEquals(
        null,
        HttpFetcher.retryAfterHeader(
            HttpResult.of(u, 429, Map.of("retry-after", List.of("soon")), "")));
  }
}
