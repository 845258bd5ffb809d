package dev.techpulse.transforms.github;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.techpulse.testing.FakeApis;
import dev.techpulse.testing.Fixtures;
import dev.techpulse.testing.ScopedMetrics;
import dev.techpulse.transforms.github.GithubClient.RateLimitedException;
import dev.techpulse.transforms.http.EtagStore;
import dev.techpulse.transforms.http.HttpFetcher;
import dev.techpulse.transforms.http.HttpFetcher.FetchFailedException;
import dev.techpulse.transforms.http.HttpResult;
import dev.techpulse.transforms.http.Json;
import dev.techpulse.transforms.http.Sleeper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pins GithubClient's handling of GitHub's rules (CONTRACT.md sections 3, 5 and 6.9): rate limits,
 * 202 statistics, renames, ETags, headers, and the token going only to its own origin.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class GithubClientTest {

  private static final HttpFetcher.Settings FAST =
      new HttpFetcher.Settings(
          "techpulse/test", Duration.ofSeconds(2), 3, Duration.ofMillis(1), Duration.ofMillis(5));
  private static final String TOKEN = "ghp_test_token";
  private static final Duration MAX_WAIT = Duration.ofMinutes(15);

  /** One wait the client asked for, and how many requests the server had seen at that moment. */
  record Wait(Duration duration, int requestsSeen) {}

  /** Records waits (and the server's request count at each) instead of spending them. */
  final class RecordingSleeper implements Sleeper {
    final List<Wait> waits = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
      waits.add(new Wait(duration, github().requests().size()));
    }

    List<Duration> durations() {
      return waits.stream().map(Wait::duration).toList();
    }
  }

  /** An EtagStore in memory. */
  static final class MemoryEtagStore implements EtagStore {
    final Map<String, String[]> entries = new ConcurrentHashMap<>();

    @Override
    public String[] get(String url) {
      return entries.get(url);
    }

    @Override
    public void put(String url, String etag, String body, String link) {
      entries.put(url, new String[] {etag, body, link});
    }
  }

  private FakeApis apis;
  private RecordingSleeper sleeper;
  private ScopedMetrics metrics;

  @BeforeEach
  void setUp() throws Exception {
    GithubClient.forgetLimits();
    apis = FakeApis.start();
    sleeper = new RecordingSleeper();
    metrics = new ScopedMetrics();
  }

  @AfterEach
  void tearDown() throws Exception {
    metrics.close();
    apis.close();
    GithubClient.forgetLimits();
  }

  private long counted(String name) {
    return metrics.counter(GithubClient.METRICS, name);
  }

  private FakeApis.Server github() {
    return apis.github;
  }

  private GithubClient client(String baseUrl, Duration maxWait, EtagStore etags) {
    return new GithubClient(new HttpFetcher(FAST), baseUrl, TOKEN, maxWait, sleeper, etags);
  }

  private GithubClient client() {
    return client(github().url(), MAX_WAIT, EtagStore.NONE);
  }

  private static MockResponse ok(String body) {
    return FakeApis.json(200, body);
  }

  private static MockResponse primaryLimit(long resetEpochSecond) {
    return new MockResponse.Builder()
        .code(403)
        .addHeader("Content-Type", "application/json")
        .addHeader("x-ratelimit-limit", "5000")
        .addHeader("x-ratelimit-remaining", "0")
        .addHeader("x-ratelimit-reset", Long.toString(resetEpochSecond))
        .body("{\"message\":\"API rate limit exceeded for user ID 1.\"}")
        .build();
  }

  private static MockResponse secondaryLimit(int status, String retryAfter) {
    MockResponse.Builder b =
        new MockResponse.Builder()
            .code(status)
            .addHeader("Content-Type", "application/json")
            .addHeader("x-ratelimit-remaining", "4000")
            .body("{\"message\":\"You have exceeded a secondary rate limit. Please wait.\"}");
    if (retryAfter != null) {
      b.addHeader("retry-after", retryAfter);
    }
    return b.build();
  }

  private static void assertBetween(Duration low, Duration high, Duration actual) {
    assertTrue(
        actual.compareTo(low) >= 0 && actual.compareTo(high) <= 0,
        "expected a wait in [" + low + ", " + high + "] but was " + actual);
  }

  // ---- primary rate limit -------------------------------------------------------------------

  @Test
  void givenPrimaryLimitResettingInThreeSeconds_whenGet_thenWaitsUntilResetWithoutRequestingThenSucceeds()
      throws Exception {
    long reset = Instant.now().getEpochSecond() + 3;
    github().route("/repos/a/b", primaryLimit(reset), ok("{\"full_name\":\"a/b\"}"));

    HttpResult result = client().get("/repos/a/b");

    assertEquals(200, result.status());
    assertEquals("{\"full_name\":\"a/b\"}", result.body());
    assertEquals(2, github().requests().size());
    assertEquals(1, sleeper.waits.size(), "one wait for the reset: " + sleeper.waits);
    Wait wait = sleeper.waits.get(0);
    assertBetween(Duration.ofSeconds(2), Duration.ofSeconds(5), wait.duration());
    assertEquals(1, wait.requestsSeen(), "no request went out while the limit was spent");
    assertEquals(1, counted(GithubClient.RATE_LIMIT_WAITS));
  }

  @Test
  void givenPrimaryLimitSpent_whenAnotherClientOnTheSameBaseUrlCalls_thenItWaitsBeforeSendingAnything()
      throws Exception {
    long reset = Instant.now().getEpochSecond() + 3;
    github().route("/repos/a/b", primaryLimit(reset), ok("{}"));
    github().route("/repos/c/d", ok("{}"));
    client().get("/repos/a/b");
    int before = github().requests().size();

    HttpResult other = client().get("/repos/c/d");

    assertEquals(200, other.status());
    assertEquals(2, sleeper.waits.size(), "the second client also waited: " + sleeper.waits);
    assertEquals(before, sleeper.waits.get(1).requestsSeen(), "it waited before its request");
    assertBetween(Duration.ofSeconds(1), Duration.ofSeconds(5), sleeper.waits.get(1).duration());
    assertEquals(List.of("/repos/a/b", "/repos/a/b", "/repos/c/d"), github().targets());
  }

  @Test
  void givenPrimaryLimitResettingBeyondMaxWait_whenGet_thenRateLimitedAtOnceAndLaterCallsSendNothing() {
    long reset = Instant.now().getEpochSecond() + 3600;
    github().route("/repos/a/b", primaryLimit(reset), ok("{}"));
    github().route("/repos/c/d", ok("{}"));
    GithubClient client = client(github().url(), Duration.ofSeconds(10), EtagStore.NONE);

    assertThrows(RateLimitedException.class, () -> client.get("/repos/a/b"));
    assertEquals(1, github().requests().size());
    assertTrue(sleeper.waits.isEmpty(), "no wait is started when it would exceed maxWait");

    assertThrows(RateLimitedException.class, () -> client.get("/repos/c/d"));
    GithubClient another = client(github().url(), Duration.ofSeconds(10), EtagStore.NONE);
    assertThrows(RateLimitedException.class, () -> another.get("/repos/c/d"));

    assertEquals(1, github().requests().size(), "refused calls send no request");
    assertTrue(sleeper.waits.isEmpty());
  }

  @Test
  void given429WithRemainingZero_whenGet_thenTreatedAsPrimaryLimit() throws Exception {
    long reset = Instant.now().getEpochSecond() + 2;
    MockResponse limited =
        new MockResponse.Builder()
            .code(429)
            .addHeader("x-ratelimit-remaining", "0")
            .addHeader("x-ratelimit-reset", Long.toString(reset))
            .body("{}")
            .build();
    github().route("/repos/a/b", limited, ok("{}"));

    assertEquals(200, client().get("/repos/a/b").status());
    assertEquals(1, sleeper.waits.size());
    assertEquals(1, sleeper.waits.get(0).requestsSeen());
    assertBetween(Duration.ofSeconds(1), Duration.ofSeconds(4), sleeper.waits.get(0).duration());
  }

  @Test
  void givenPrimaryLimitWhoseResetIsAlreadyPast_whenGet_thenWaitsBeforeEachRetry()
      throws Exception {
    long past = Instant.now().getEpochSecond() - 30;
    github().route("/repos/a/b", primaryLimit(past), primaryLimit(past), ok("{}"));

    HttpResult result = client().get("/repos/a/b");

    assertEquals(200, result.status());
    assertEquals(3, github().requests().size());
    assertEquals(2, sleeper.waits.size(), "a wait before each re-request: " + sleeper.waits);
    for (Wait w : sleeper.waits) {
      assertTrue(w.duration().compareTo(Duration.ZERO) > 0, "a real wait, not zero: " + w);
    }
  }

  @Test
  void givenRateLimitThatNeverLiftsWithPastReset_whenGet_thenGivesUpAfterBoundedRequests() {
    long past = Instant.now().getEpochSecond() - 30;
    github().route("/repos/a/b", primaryLimit(past));
    GithubClient client = client(github().url(), Duration.ofSeconds(1), EtagStore.NONE);

    assertTimeoutPreemptively(
        Duration.ofSeconds(3),
        () -> assertThrows(java.io.IOException.class, () -> client.get("/repos/a/b")));
    assertTrue(
        github().requests().size() <= 10,
        "bounded, not hammered: " + github().requests().size() + " requests");
  }

  // ---- secondary rate limit -----------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(ints = {403, 429})
  void givenSecondaryLimitWithRetryAfter2_whenGet_thenWaitsAboutTwoSecondsThenSucceeds(int status)
      throws Exception {
    github().route("/repos/a/b", secondaryLimit(status, "2"), ok("{}"));

    HttpResult result = client().get("/repos/a/b");

    assertEquals(200, result.status());
    assertEquals(2, github().requests().size());
    assertEquals(1, sleeper.waits.size());
    assertBetween(Duration.ofMillis(1000), Duration.ofSeconds(2), sleeper.waits.get(0).duration());
    assertEquals(1, sleeper.waits.get(0).requestsSeen());
  }

  @Test
  void givenSecondaryLimitWithoutRetryAfter_whenGet_thenWaitsAtLeastAMinute() throws Exception {
    github().route("/repos/a/b", secondaryLimit(403, null), ok("{}"));

    assertEquals(200, client().get("/repos/a/b").status());
    assertEquals(1, sleeper.waits.size());
    assertBetween(Duration.ofSeconds(55), Duration.ofSeconds(61), sleeper.waits.get(0).duration());
  }

  @Test
  void givenPlain403_whenGet_thenReturnedWithoutWaitOrRetry() throws Exception {
    MockResponse forbidden =
        new MockResponse.Builder()
            .code(403)
            .addHeader("x-ratelimit-remaining", "4999")
            .body("{\"message\":\"Resource not accessible by integration\"}")
            .build();
    github().route("/repos/a/b", forbidden, ok("{}"));

    HttpResult result = client().get("/repos/a/b");

    assertEquals(403, result.status());
    assertEquals(1, github().requests().size());
    assertTrue(sleeper.waits.isEmpty());
  }

  @Test
  void givenClientOlderThanMaxWait_whenShortSecondaryLimit_thenWaitsItOutInsteadOfRejecting()
      throws Exception {
    github().route("/repos/a/b", secondaryLimit(403, "1"), ok("{}"));
    GithubClient client = client(github().url(), Duration.ofMillis(1500), EtagStore.NONE);
    Thread.sleep(1600);

    HttpResult result = client.get("/repos/a/b");

    assertEquals(200, result.status());
    assertEquals(1, sleeper.waits.size());
  }

  @Test
  void givenServerError_whenGet_thenRetriedByTheFetcher() throws Exception {
    github().route("/repos/a/b", FakeApis.json(502, "{}"), ok("{}"));

    assertEquals(200, client().get("/repos/a/b").status());
    assertEquals(2, github().requests().size());
  }

  // ---- 202 statistics -----------------------------------------------------------------------

  private static final String STATS_202_FIXTURE = "github/stats_commit_activity_202.json";
  private static final String STATS_200_FIXTURE = "github/stats_commit_activity_200.json";

  private Fixtures.Exchange exchange(String file, int status) {
    return Fixtures.exchanges(file).stream()
        .filter(e -> e.status() == status)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void givenStatsAnswer202TwiceThen200_whenGet_thenPolledWithBackoffUntil200() throws Exception {
    MockResponse computing = apis.replay(exchange(STATS_202_FIXTURE, 202));
    Fixtures.Exchange done = exchange(STATS_200_FIXTURE, 200);
    String path = "/repos/a/b/stats/commit_activity";
    github().route(path, computing, computing, apis.replay(done));

    HttpResult result = client().get(path);

    assertEquals(200, result.status());
    JsonNode weeks = Json.parse(result.body(), "stats");
    assertEquals(52, weeks.size());
    assertEquals(3, github().requests().size());
    assertEquals(2, sleeper.waits.size(), "a backoff before each poll: " + sleeper.waits);
    for (Wait w : sleeper.waits) {
      assertBetween(Duration.ofMillis(1), Duration.ofMillis(5), w.duration());
    }
  }

  @Test
  void givenStatsAlways202_whenGet_thenFetchFailedAfterABoundedNumberOfPolls() {
    String path = "/repos/a/b/stats/contributors";
    github().route(path, apis.replay(exchange(STATS_202_FIXTURE, 202)));

    FetchFailedException e = assertThrows(FetchFailedException.class, () -> client().get(path));

    assertEquals(202, e.lastStatus());
    int polls = github().requests().size();
    assertTrue(polls >= 3 && polls <= 10, "bounded polling, got " + polls);
    assertEquals(polls - 1, sleeper.waits.size(), "a wait between polls");
  }

  @Test
  void given202OutsideStats_whenGet_thenReturnedAsIs() throws Exception {
    github().route("/repos/a/b", FakeApis.json(202, "{}"), ok("{}"));

    assertEquals(202, client().get("/repos/a/b").status());
    assertEquals(1, github().requests().size());
  }

  // ---- renamed repository (301) -------------------------------------------------------------

  @Test
  void givenRecordedRename301_whenGetOldName_thenFollowsLocationToTheNewRepository()
      throws Exception {
    String fixture = "github/rename_repository_301.json";
    apis.githubReplay(fixture);
    Fixtures.Exchange moved = exchange(fixture, 301);
    String oldPath = URI.create(moved.url()).getPath();
    String newPath = URI.create(moved.headers().get("location")).getPath();

    HttpResult result = client().get(oldPath);

    assertEquals(200, result.status());
    assertEquals(515436299L, Json.parse(result.body(), "repo").get("id").asLong());
    assertEquals(newPath, result.uri().getPath());
    assertEquals(List.of(oldPath, newPath), github().targets());
    for (RecordedRequest r : github().requests()) {
      assertEquals("Bearer " + TOKEN, r.getHeaders().get("Authorization"), "same origin");
    }
  }

  @Test
  void givenBaseWithPathAndTrailingSlash_whenRedirectedRelatively_thenPathIsKeptAndTokenSent()
      throws Exception {
    github()
        .route(
            "/api/v3/repos/a/b",
            new MockResponse.Builder()
                .code(301)
                .addHeader("Location", "/api/v3/repositories/42")
                .build());
    github().route("/api/v3/repositories/42", ok("{\"id\":42}"));
    GithubClient client = client(github().url() + "/api/v3/", MAX_WAIT, EtagStore.NONE);

    HttpResult result = client.get("/repos/a/b");

    assertEquals(200, result.status());
    assertEquals(List.of("/api/v3/repos/a/b", "/api/v3/repositories/42"), github().targets());
    for (RecordedRequest r : github().requests()) {
      assertEquals("Bearer " + TOKEN, r.getHeaders().get("Authorization"));
    }
  }

  // ---- token only to its own origin ---------------------------------------------------------

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 307})
  void givenRedirectToAnotherServer_whenFollowed_thenAuthorizationIsNotSentThere(int status)
      throws Exception {
    FakeApis.Server elsewhere = apis.pypi;
    elsewhere.route("/download/archive", ok("{\"elsewhere\":true}"));
    github()
        .route(
            "/repos/a/b",
            new MockResponse.Builder()
                .code(status)
                .addHeader("Location", elsewhere.url() + "/download/archive")
                .build());

    HttpResult result = client().get("/repos/a/b");

    assertEquals(200, result.status());
    assertEquals("{\"elsewhere\":true}", result.body());
    assertEquals("Bearer " + TOKEN, github().requests().get(0).getHeaders().get("Authorization"));
    assertEquals(1, elsewhere.requests().size());
    RecordedRequest there = elsewhere.requests().get(0);
    assertNull(there.getHeaders().get("Authorization"), "token leaked to another origin");
    assertEquals("techpulse/test", there.getHeaders().get("User-Agent"));
  }

  @Test
  void givenNoToken_whenGet_thenNoAuthorizationHeader() throws Exception {
    github().route("/repos/a/b", ok("{}"));
    GithubClient anonymous =
        new GithubClient(
            new HttpFetcher(FAST), github().url(), "  ", MAX_WAIT, sleeper, EtagStore.NONE);

    anonymous.get("/repos/a/b");

    assertNull(github().requests().get(0).getHeaders().get("Authorization"));
  }

  // ---- headers ------------------------------------------------------------------------------

  @Test
  void givenAnyCall_whenGet_thenGithubMediaTypeApiVersionUserAgentAndTokenAreSent()
      throws Exception {
    github().route("/repos/a/b", ok("{}"));

    client().get("/repos/a/b");

    var headers = github().requests().get(0).getHeaders();
    assertEquals("application/vnd.github+json", headers.get("Accept"));
    assertEquals("2022-11-28", headers.get("X-GitHub-Api-Version"));
    assertEquals("techpulse/test", headers.get("User-Agent"));
    assertEquals("Bearer " + TOKEN, headers.get("Authorization"));
    assertNull(headers.get("If-None-Match"), "no ETag known yet");
  }

  // ---- ETags and 304 ------------------------------------------------------------------------

  @Test
  void givenStoredEtag_whenServerAnswers304_thenIfNoneMatchSentAndStoredBodyReturnedAs200()
      throws Exception {
    Fixtures.Exchange repo = Fixtures.exchanges("github/get_repository.json").get(0);
    String etag = repo.headers().get("etag");
    MockResponse notModified =
        new MockResponse.Builder().code(304).addHeader("etag", etag).build();
    github().route("/repos/a/b", apis.replay(repo), notModified);
    MemoryEtagStore store = new MemoryEtagStore();
    GithubClient client = client(github().url(), MAX_WAIT, store);
    String url = github().url() + "/repos/a/b";

    HttpResult first = client.get("/repos/a/b");

    assertEquals(200, first.status());
    assertNull(github().requests().get(0).getHeaders().get("If-None-Match"));
    assertArrayEquals(
        new String[] {etag, repo.body(), null}, store.get(url), "etag and body stored");
    assertEquals(0, counted(GithubClient.NOT_MODIFIED));

    HttpResult second = client.get("/repos/a/b");

    assertEquals(etag, github().requests().get(1).getHeaders().get("If-None-Match"));
    assertEquals(200, second.status(), "a 304 is handed back as the stored 200");
    assertEquals(repo.body(), second.body());
    assertEquals(1, counted(GithubClient.NOT_MODIFIED));
    assertEquals(2, github().requests().size());
  }

  @Test
  void givenEtagFromAPreviousRun_whenFirstCall_thenConditionalRequestIsSent() throws Exception {
    MemoryEtagStore store = new MemoryEtagStore();
    store.put(github().url() + "/repos/a/b", "\"v1\"", "{\"cached\":true}", null);
    github().route("/repos/a/b", new MockResponse.Builder().code(304).build());

    HttpResult result = client(github().url(), MAX_WAIT, store).get("/repos/a/b");

    assertEquals("\"v1\"", github().requests().get(0).getHeaders().get("If-None-Match"));
    assertEquals(200, result.status());
    assertEquals("{\"cached\":true}", result.body());
    assertEquals(1, counted(GithubClient.NOT_MODIFIED));
  }

  @Test
  void givenPagedAnswerWithLink_whenLater304OmitsLink_thenStoredLinkIsReplayed() throws Exception {
    String path = "/repos/a/b/issues?state=all&per_page=100";
    String link = "<" + github().url() + "/repositories/1/issues?page=2>; rel=\"next\"";
    github()
        .route(
            path,
            new MockResponse.Builder()
                .code(200)
                .addHeader("etag", "W/\"p1\"")
                .addHeader("Link", link)
                .body("[1]")
                .build(),
            new MockResponse.Builder().code(304).addHeader("etag", "W/\"p1\"").build());
    MemoryEtagStore store = new MemoryEtagStore();
    GithubClient client = client(github().url(), MAX_WAIT, store);

    assertEquals(link, client.get(path).header("link"));
    HttpResult again = client.get(path);

    assertEquals("W/\"p1\"", github().requests().get(1).getHeaders().get("If-None-Match"));
    assertEquals(200, again.status());
    assertEquals("[1]", again.body());
    assertEquals(link, again.header("link"), "pagination survives a 304");
  }

  // ---- quota --------------------------------------------------------------------------------

  @Test
  void givenResponsesWithRateLimitHeaders_whenGet_thenQuotaMetricsHoldTheLowestRemaining()
      throws Exception {
    assertEquals(
        -1,
        metrics.distributionMin(GithubClient.METRICS, GithubClient.QUOTA_REMAINING),
        "nothing seen yet");
    github()
        .route(
            "/repos/a/b",
            new MockResponse.Builder()
                .code(200)
                .addHeader("x-ratelimit-limit", "5000")
                .addHeader("x-ratelimit-remaining", "4321")
                .body("{}")
                .build(),
            new MockResponse.Builder()
                .code(200)
                .addHeader("x-ratelimit-limit", "5000")
                .addHeader("x-ratelimit-remaining", "4320")
                .body("{}")
                .build());
    GithubClient client = client();

    client.get("/repos/a/b");
    assertEquals(4321, metrics.distributionMin(GithubClient.METRICS, GithubClient.QUOTA_REMAINING));
    assertEquals(5000, metrics.gauge(GithubClient.METRICS, GithubClient.QUOTA_LIMIT));

    client.get("/repos/a/b");
    assertEquals(4320, metrics.distributionMin(GithubClient.METRICS, GithubClient.QUOTA_REMAINING));
    assertNotNull(github().requests().get(1));
  }
}
