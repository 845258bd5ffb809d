package dev.techpulse.transforms.github;

import dev.techpulse.transforms.http.BaseUrl;
import dev.techpulse.transforms.http.EtagStore;
import dev.techpulse.transforms.http.HttpFetcher;
import dev.techpulse.transforms.http.HttpFetcher.FetchFailedException;
import dev.techpulse.transforms.http.HttpResult;
import dev.techpulse.transforms.http.Sleeper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Gauge;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * GitHub REST calls that follow GitHub's rules: rate limits are waited out (up to a ceiling)
 * instead of hammered, secondary limits honour {@code retry-after}, {@code 202} statistics are
 * polled with backoff, renamed repositories are followed, and {@code If-None-Match} is sent when
 * an ETag is known.
 *
 * <p>The token is attached only to requests whose origin is the configured GitHub base URL; a
 * redirect elsewhere goes out without it.
 */
public final class GithubClient {

  /** Thrown when a call cannot be made within {@code --githubMaxWait}. */
  public static final class RateLimitedException extends IOException {
    public RateLimitedException(String message) {
      super(message);
    }
  }

  /**
   * The limit state one JVM shares across threads: no request goes out while it is spent. This
   * coordinates a worker's threads; what the summary reports is counted as Beam metrics.
   */
  private static final class LimitState {
    volatile Instant blockedUntil = Instant.EPOCH;
  }

  private static final Map<String, LimitState> LIMITS = new ConcurrentHashMap<>();

  /** Namespace of every techpulse metric. */
  public static final String METRICS = "techpulse";

  /** Answers replayed from the cache after a {@code 304}. */
  public static final String NOT_MODIFIED = "github_not_modified";

  /** Waits for a rate limit's reset (or {@code retry-after}) before a request. */
  public static final String RATE_LIMIT_WAITS = "github_rate_limit_waits";

  /** Requests sent to GitHub, retries included (counted by the shared fetcher). */
  public static final String REQUESTS = "github_requests";

  /** Requests sent again after a 5xx or a failed connection. */
  public static final String RETRIES = "github_retries";

  /** {@code x-ratelimit-remaining} seen on answers; its minimum is the quota left. */
  public static final String QUOTA_REMAINING = "github_quota_remaining";

  /** {@code x-ratelimit-limit} seen on answers. */
  public static final String QUOTA_LIMIT = "github_quota_limit";

  private final Counter notModified = Metrics.counter(METRICS, NOT_MODIFIED);
  private final Counter rateLimitWaits = Metrics.counter(METRICS, RATE_LIMIT_WAITS);
  private final Distribution quotaRemaining = Metrics.distribution(METRICS, QUOTA_REMAINING);
  private final Gauge quotaLimit = Metrics.gauge(METRICS, QUOTA_LIMIT);

  private static final int MAX_REDIRECTS = 5;
  private static final int MAX_LIMIT_RETRIES = 5;
  private static final Duration MIN_LIMIT_WAIT = Duration.ofSeconds(1);
  private static final int MAX_STATS_POLLS = 6;

  private final HttpFetcher fetcher;
  private final String baseUrl;
  private final String token;
  private final Duration maxWait;
  private final Sleeper sleeper;
  private final EtagStore etags;
  private final LimitState limits;

  public GithubClient(
      HttpFetcher fetcher,
      String baseUrl,
      String token,
      Duration maxWait,
      Sleeper sleeper,
      EtagStore etags) {
    this.fetcher = fetcher;
    this.baseUrl = baseUrl;
    this.token = token == null || token.isBlank() ? null : token.trim();
    this.maxWait = maxWait;
    this.sleeper = sleeper;
    this.etags = etags;
    this.limits = LIMITS.computeIfAbsent(baseUrl, k -> new LimitState());
  }

  /** GET a path under the base URL (or an absolute URL GitHub gave in Link or Location). */
  public HttpResult get(String pathOrUrl) throws IOException {
    URI uri =
        pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")
            ? URI.create(pathOrUrl)
            : BaseUrl.resolve(baseUrl, pathOrUrl);
    for (int redirects = 0, statsPolls = 0; ; ) {
      HttpResult result = send(uri);
      int status = result.status();
      if (status == 301 || status == 302 || status == 307 || status == 308) {
        String location = result.header("location");
        if (location == null || ++redirects > MAX_REDIRECTS) {
          return result;
        }
        uri = uri.resolve(location);
        continue;
      }
      if (status == 202 && uri.getPath().contains("/stats/")) {
        if (++statsPolls > MAX_STATS_POLLS) {
          throw new FetchFailedException(
              "GitHub still computing statistics (202) after " + statsPolls + " polls", 202, null);
        }
        sleepFor(fetcher.backoff(statsPolls + 1));
        continue;
      }
      return result;
    }
  }

  private HttpResult send(URI uri) throws IOException {
    String url = uri.toString();
    String[] cached = etags.get(url);
    for (int limitRetries = 0; ; ) {
      awaitLimit();
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Accept", "application/vnd.github+json");
      headers.put("X-GitHub-Api-Version", "2022-11-28");
      if (cached != null) {
        headers.put("If-None-Match", cached[0]);
      }
      if (token != null && BaseUrl.sameOrigin(baseUrl, uri)) {
        headers.put("Authorization", "Bearer " + token);
      }
      HttpResult result = fetcher.get(uri, headers, fetcher.serverErrorsOnly());
      observeLimit(result);
      int status = result.status();
      if ((status == 403 || status == 429) && isRateLimited(result)) {
        if (++limitRetries > MAX_LIMIT_RETRIES) {
          throw new RateLimitedException(
              "GitHub still rate-limited after " + MAX_LIMIT_RETRIES + " waits: " + uri);
        }
        continue;
      }
      if (status == 304 && cached != null) {
        notModified.inc();
        Map<String, List<String>> replayed = new TreeMap<>(result.headers());
        if (cached[2] != null && result.header("link") == null) {
          replayed.put("link", List.of(cached[2]));
        }
        return new HttpResult(uri, 200, replayed, cached[1]);
      }
      if (status == 200) {
        String etag = result.header("etag");
        if (etag != null && reusable(url)) {
          etags.put(url, etag, result.body(), result.header("link"));
        }
      }
      return result;
    }
  }

  /**
   * Whether a later run's cache read can find this URL's answer: not a {@code /repositories/{id}}
   * page link (GitHub's form for later pages), which no read of the cache covers; caching those
   * would only grow {@code mart.http_cache}. (A dated {@code since=} window is cached, and
   * replaced by the next date's in the merge.)
   */
  static boolean reusable(String url) {
    return !url.contains("/repositories/");
  }

  /** Records a limit response and says whether to try again after the wait it sets. */
  private boolean isRateLimited(HttpResult result) throws IOException {
    Duration retryAfter = HttpFetcher.retryAfterHeader(result);
    if (retryAfter != null) {
      block(Instant.now().plus(retryAfter), "secondary rate limit (retry-after)");
      return true;
    }
    if ("0".equals(result.header("x-ratelimit-remaining"))) {
      String reset = result.header("x-ratelimit-reset");
      Instant until =
          reset != null ? Instant.ofEpochSecond(Long.parseLong(reset.trim())) : Instant.now();
      block(until.plusSeconds(1), "primary rate limit");
      return true;
    }
    if (result.body().toLowerCase().contains("secondary rate limit")) {
      block(Instant.now().plusSeconds(60), "secondary rate limit");
      return true;
    }
    return false;
  }

  private void block(Instant until, String why) throws RateLimitedException {
    Instant now = Instant.now();
    if (until.isBefore(now.plus(MIN_LIMIT_WAIT))) {
      // A reset already past (clock skew) or retry-after: 0 still waits a little, never spins.
      until = now.plus(MIN_LIMIT_WAIT);
    }
    synchronized (limits) {
      // Threads share the limit: a later reset is never moved back by an earlier one.
      if (until.isAfter(limits.blockedUntil)) {
        limits.blockedUntil = until;
      }
    }
    if (until.isAfter(now.plus(maxWait))) {
      throw new RateLimitedException(
          "GitHub " + why + " until " + until + ", beyond --githubMaxWait=" + maxWait);
    }
  }

  private void awaitLimit() throws IOException {
    Instant until = limits.blockedUntil;
    Instant now = Instant.now();
    if (!until.isAfter(now)) {
      return;
    }
    if (until.isAfter(now.plus(maxWait))) {
      throw new RateLimitedException(
          "GitHub rate limit exhausted until " + until + ", beyond --githubMaxWait=" + maxWait);
    }
    rateLimitWaits.inc();
    sleepFor(Duration.between(now, until));
  }

  private void sleepFor(Duration d) throws IOException {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for GitHub", e);
    }
  }

  private void observeLimit(HttpResult result) {
    String remaining = result.header("x-ratelimit-remaining");
    String limit = result.header("x-ratelimit-limit");
    try {
      if (remaining != null) {
        quotaRemaining.update(Long.parseLong(remaining.trim()));
      }
      if (limit != null) {
        quotaLimit.set(Long.parseLong(limit.trim()));
      }
    } catch (NumberFormatException ignored) {
      // A malformed header says nothing about the quota.
    }
  }

  /** Forgets the limit state of every base URL: tests start each case unblocked. */
  static void forgetLimits() {
    LIMITS.clear();
  }
}
