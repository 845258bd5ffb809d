package dev.techpulse.transforms.fetch;

import dev.techpulse.transforms.http.HttpFetcher;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per API and JVM: the requests-in-flight limit, the threads that run fetches, and the HTTP
 * client, so "N requests in flight per worker" holds however many DoFn instances the runner
 * creates, and connections are reused across them.
 *
 * <p>A fetch's thread holds an in-flight permit only while its request is on the wire; it
 * parses the answer after releasing it. The pool has twice the limit's threads, so the API is
 * kept at its limit while answers are being parsed.
 */
public final class SharedPools {
  private static final Map<String, ExecutorService> POOLS = new ConcurrentHashMap<>();
  private static final Map<String, Semaphore> IN_FLIGHT = new ConcurrentHashMap<>();
  private static final Map<String, HttpFetcher> FETCHERS = new ConcurrentHashMap<>();

  private SharedPools() {}

  /** The threads fetching for an API whose in-flight limit is {@code concurrency}. */
  public static ExecutorService forApi(String api, int concurrency) {
    return POOLS.computeIfAbsent(
        api + "/" + concurrency,
        k -> {
          AtomicInteger n = new AtomicInteger();
          return Executors.newFixedThreadPool(
              2 * concurrency,
              r -> {
                Thread t = new Thread(r, "techpulse-" + api + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
        });
  }

  /** Permits for an API's requests on the wire at once. */
  public static Semaphore inFlight(String api, int concurrency) {
    return IN_FLIGHT.computeIfAbsent(api + "/" + concurrency, k -> new Semaphore(concurrency));
  }

  /**
   * The API's HTTP client, limited to {@code concurrency} requests in flight, counting its
   * requests and retries as Beam metrics ({@code <api>_requests}, {@code <api>_retries}).
   */
  public static HttpFetcher fetcher(String api, int concurrency, HttpFetcher.Settings settings) {
    return FETCHERS.computeIfAbsent(
        api + "/" + concurrency + "/" + settings,
        k -> new HttpFetcher(settings).limitInFlight(inFlight(api, concurrency)).countedAs(api));
  }
}
