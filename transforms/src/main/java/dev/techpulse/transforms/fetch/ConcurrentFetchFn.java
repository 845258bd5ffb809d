package dev.techpulse.transforms.fetch;

import java.io.Closeable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsContainer;
import org.apache.beam.sdk.metrics.MetricsEnvironment;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Instant;

/**
 * A DoFn whose HTTP work overlaps: each element's {@link #fetch} runs on a per-JVM pool of the
 * API's concurrency, so a bundle costs about (elements x latency / concurrency), not the sum of
 * its latencies. Results are emitted in element order as they complete, with a bounded number
 * pending, so memory stays flat whatever the bundle size.
 *
 * <p>At most {@value #ACTIVE_BUNDLES} bundles per API fetch at once per JVM; others wait for a
 * turn before their first request. A bundle gives its turn back when only its last round (at
 * most the concurrency) is still pending, so the next one overlaps its tail. Their pending requests already keep the pool full, and a
 * runner commits a bundle's output only when it finishes: bundles sharing the pool evenly would
 * all finish near the end, holding every row they fetched in memory until then.
 *
 * @param <InputT> the element type
 * @param <MainT> the main output's type
 */
public abstract class ConcurrentFetchFn<InputT, MainT> extends DoFn<InputT, MainT> {

  /** One output of a fetch: a value for a tag. */
  public record Emission(TupleTag<?> tag, Object value) {}

  private final String stage;
  private final String api;
  private final int concurrency;
  private final TupleTag<?> rejectsTag;
  private transient ExecutorService pool;
  private transient Deque<Pending> pending;
  private transient Counter succeeded;
  private transient Counter rejected;
  private transient Semaphore turn;
  private transient boolean holdingTurn;

  /** Bundles of one API fetching at once per JVM. */
  static final int ACTIVE_BUNDLES = 2;

  private static final Map<String, Semaphore> TURNS = new ConcurrentHashMap<>();

  private record Pending(Future<List<Emission>> result, Instant timestamp, BoundedWindow window) {}

  protected ConcurrentFetchFn(String api, int concurrency, TupleTag<?> rejectsTag) {
    this(api, api, concurrency, rejectsTag);
  }

  /**
   * @param stage the name its counters carry ({@code <stage>_ok}, {@code <stage>_rejected})
   * @param api the API whose per-JVM pool it shares: stages calling one API share its limit
   */
  protected ConcurrentFetchFn(String stage, String api, int concurrency, TupleTag<?> rejectsTag) {
    this.stage = stage;
    this.api = api;
    this.concurrency = Math.max(1, concurrency);
    this.rejectsTag = rejectsTag;
  }

  /** The API's shared HTTP client, holding at most its concurrency in flight (see SharedPools). */
  protected dev.techpulse.transforms.http.HttpFetcher sharedFetcher(
      dev.techpulse.transforms.http.HttpFetcher.Settings settings) {
    return SharedPools.fetcher(api, concurrency, settings);
  }

  /**
   * Fetches one element; runs on a pool thread, so it must not touch Beam contexts. Beam {@link
   * Metrics} may be counted: they reach the step's container.
   */
  protected abstract List<Emission> fetch(InputT element) throws Exception;

  /** Builds clients; called once per DoFn instance. */
  protected abstract void setUpClients() throws Exception;

  @Setup
  public void setUp() throws Exception {
    pool = SharedPools.forApi(api, concurrency);
    turn = TURNS.computeIfAbsent(api, k -> new Semaphore(ACTIVE_BUNDLES, true));
    succeeded = Metrics.counter("techpulse", stage + "_ok");
    rejected = Metrics.counter("techpulse", stage + "_rejected");
    setUpClients();
  }

  /** Called when a bundle's fetches have all finished and been emitted: flush per-bundle state. */
  protected void finishBundleClients() throws Exception {}

  /** Releases clients; called when the runner discards the DoFn instance. */
  protected void tearDownClients() throws Exception {}

  @Teardown
  public void tearDown() throws Exception {
    releaseTurn();
    tearDownClients();
  }

  @StartBundle
  public void startBundle() {
    pending = new ArrayDeque<>();
    holdingTurn = false;
  }

  @ProcessElement
  public void processElement(
      @Element InputT element,
      @Timestamp Instant timestamp,
      BoundedWindow window,
      MultiOutputReceiver out)
      throws Exception {
    if (!holdingTurn) {
      turn.acquire();
      holdingTurn = true;
    }
    // Metrics counted on the pool's threads land in this step's container, as if counted here.
    MetricsContainer container = MetricsEnvironment.getCurrentContainer();
    pending.add(
        new Pending(
            pool.submit(
                () -> {
                  try (Closeable scope = MetricsEnvironment.scopedMetricsContainer(container)) {
                    return fetch(element);
                  }
                }),
            timestamp,
            window));
    while (pending.size() > concurrency * 8) {
      for (Emission e : await(pending.poll())) {
        @SuppressWarnings("unchecked")
        TupleTag<Object> tag = (TupleTag<Object>) e.tag();
        out.get(tag).output(e.value());
      }
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) throws Exception {
    try {
      while (!pending.isEmpty()) {
        if (pending.size() <= concurrency) {
          // The last round: the next bundle may start queueing, so the API stays at its limit
          // while this one's tail is answered (bundles ending together left it half idle).
          releaseTurn();
        }
        Pending p = pending.poll();
        for (Emission e : await(p)) {
          @SuppressWarnings("unchecked")
          TupleTag<Object> tag = (TupleTag<Object>) e.tag();
          context.output(tag, e.value(), p.timestamp(), p.window());
        }
      }
    } finally {
      releaseTurn();
    }
    finishBundleClients();
  }

  private void releaseTurn() {
    if (holdingTurn) {
      holdingTurn = false;
      turn.release();
    }
  }

  private List<Emission> await(Pending p) throws Exception {
    try {
      List<Emission> emissions = p.result().get();
      boolean anyRejected =
          emissions.stream().anyMatch(e -> e.tag().getId().equals(rejectsTag.getId()));
      (anyRejected ? rejected : succeeded).inc();
      return emissions;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  protected static List<Emission> one(TupleTag<?> tag, Object value) {
    List<Emission> list = new ArrayList<>();
    list.add(new Emission(tag, value));
    return list;
  }
}
