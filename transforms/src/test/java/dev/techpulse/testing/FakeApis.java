package dev.techpulse.testing;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Three fake servers speaking the contract's endpoints (PyPI, pypistats.org, GitHub), each on
 * its own port so tests can tell which host a request reached. Routes are exact path+query;
 * a route may hold a sequence of responses (the last one repeats). Unrouted paths answer 404.
 * Every request is logged, and the number in flight at once is tracked per server.
 */
public final class FakeApis implements AutoCloseable {
  /**
   * Accepted connections with TCP_NODELAY, as real API servers run them: without it a response
   * whose last bytes go out in a small write waits for the client's delayed ACK (about 40 ms),
   * which would add a stall to every answer that has nothing to do with the latency asked for.
   */
  static final class NoDelayServerSocketFactory extends javax.net.ServerSocketFactory {
    @Override
    public java.net.ServerSocket createServerSocket() throws IOException {
      return new java.net.ServerSocket() {
        @Override
        public java.net.Socket accept() throws IOException {
          java.net.Socket socket = super.accept();
          socket.setTcpNoDelay(true);
          return socket;
        }
      };
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port) throws IOException {
      java.net.ServerSocket s = createServerSocket();
      s.bind(new java.net.InetSocketAddress(port));
      return s;
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port, int backlog) throws IOException {
      java.net.ServerSocket s = createServerSocket();
      s.bind(new java.net.InetSocketAddress(port), backlog);
      return s;
    }

    @Override
    public java.net.ServerSocket createServerSocket(
        int port, int backlog, java.net.InetAddress address) throws IOException {
      java.net.ServerSocket s = createServerSocket();
      s.bind(new java.net.InetSocketAddress(address, port), backlog);
      return s;
    }
  }

  /** One fake server. */
  public static final class Server {
    private final MockWebServer server = new MockWebServer();
    private final Map<String, Deque<MockResponse>> routes = new ConcurrentHashMap<>();
    private final List<RecordedRequest> log = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger notModified = new AtomicInteger();
    private volatile long latencyMillis;
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private int current;
    private long lastChange;
    private long firstArrival;
    private long lastDeparture;
    private long inFlightNanos;

    Server() throws IOException {
      server.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
              int now = inFlight.incrementAndGet();
              maxInFlight.accumulateAndGet(now, Math::max);
              arrivals.add(System.nanoTime());
              track(+1);
              try {
                log.add(request);
                if (latencyMillis > 0) {
                  Thread.sleep(latencyMillis);
                }
                MockResponse response = respond(request.getTarget());
                String etag = response.getHeaders().get("etag");
                String conditional = request.getHeaders().get("If-None-Match");
                if (etag != null && etag.equals(conditional)) {
                  notModified.incrementAndGet();
                  return new MockResponse.Builder().code(304).addHeader("etag", etag).build();
                }
                return response;
              } finally {
                inFlight.decrementAndGet();
                track(-1);
              }
            }
          });
      server.setServerSocketFactory(new NoDelayServerSocketFactory());
      server.start();
    }

    /** Integrates requests in flight over time, from the first arrival to the last answer. */
    private synchronized void track(int delta) {
      long t = System.nanoTime();
      if (firstArrival == 0) {
        firstArrival = t;
      }
      inFlightNanos += current * (t - lastChange);
      current += delta;
      lastChange = t;
      if (delta < 0) {
        lastDeparture = t;
      }
    }

    /**
     * Requests in flight on average between the first arrival and the last answer (each counted
     * from its arrival to the end of its latency), or 0 before any.
     */
    public synchronized double averageInFlight() {
      long span = lastDeparture - firstArrival;
      return span <= 0 ? 0 : (double) inFlightNanos / span;
    }

    /** {@link System#nanoTime()} of each request's arrival, in order. */
    public List<Long> arrivalNanos() {
      return new ArrayList<>(arrivals);
    }

    private MockResponse respond(String target) {
      Deque<MockResponse> queue = routes.get(target);
      if (queue == null) {
        return json(404, "{\"message\":\"Not Found\"}");
      }
      synchronized (queue) {
        return queue.size() > 1 ? queue.poll() : queue.peek();
      }
    }

    /** Routes a path (with query) to responses served in order, the last one repeating. */
    public Server route(String pathAndQuery, MockResponse... responses) {
      routes.put(pathAndQuery, new ArrayDeque<>(List.of(responses)));
      return this;
    }

    public Server latency(long millis) {
      this.latencyMillis = millis;
      return this;
    }

    /** Base URL, without a trailing slash. */
    public String url() {
      String u = server.url("/").toString();
      return u.substring(0, u.length() - 1);
    }

    public int port() {
      return server.getPort();
    }

    public List<RecordedRequest> requests() {
      return new ArrayList<>(log);
    }

    /** Request targets (path and query) in arrival order. */
    public List<String> targets() {
      return log.stream().map(RecordedRequest::getTarget).toList();
    }

    /** Answers sent as 304 because the request's If-None-Match matched the route's ETag. */
    public int notModified() {
      return notModified.get();
    }

    public int maxInFlight() {
      return maxInFlight.get();
    }

    void close() {
      server.close();
    }
  }

  public final Server pypi;
  public final Server pypistats;
  public final Server github;

  private FakeApis() throws IOException {
    pypi = new Server();
    pypistats = new Server();
    github = new Server();
  }

  public static FakeApis start() throws IOException {
    return new FakeApis();
  }

  public static MockResponse json(int status, String body) {
    return new MockResponse.Builder()
        .code(status)
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  /** Serves a PyPI document (a fixture body) for a package. */
  public FakeApis pypiPackage(String packageName, String body) {
    pypi.route("/pypi/" + packageName + "/json", json(200, body));
    return this;
  }

  /** Serves a pypistats endpoint ("overall?mirrors=false", "python_minor", "system"). */
  public FakeApis pypistats(String packageName, String endpoint, String body) {
    pypistats.route("/api/packages/" + packageName + "/" + endpoint, json(200, body));
    return this;
  }

  private static final Set<String> HOP_HEADERS =
      Set.of("content-length", "transfer-encoding", "connection", "content-encoding");

  /**
   * Replays a recorded GitHub fixture's GET exchanges, with {@code https://api.github.com}
   * rewritten to this fake in Link and Location headers.
   */
  public FakeApis githubReplay(String fixtureFile) {
    Map<String, List<MockResponse>> byTarget = new java.util.LinkedHashMap<>();
    for (Fixtures.Exchange e : Fixtures.exchanges(fixtureFile)) {
      if (!e.method().equals("GET")) {
        continue;
      }
      URI uri = URI.create(e.url());
      String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      byTarget.computeIfAbsent(target, k -> new ArrayList<>()).add(replay(e));
    }
    byTarget.forEach((t, rs) -> github.route(t, rs.toArray(new MockResponse[0])));
    return this;
  }

  /** The recorded response of an exchange, rewritten to point at this fake GitHub. */
  public MockResponse replay(Fixtures.Exchange e) {
    MockResponse.Builder b = new MockResponse.Builder().code(e.status());
    e.headers()
        .forEach(
            (k, v) -> {
              if (!HOP_HEADERS.contains(k)) {
                b.addHeader(k, v.replace("https://api.github.com", github.url()));
              }
            });
    if (!e.body().isEmpty()) {
      b.body(e.body());
    }
    return b.build();
  }

  @Override
  public void close() {
    pypi.close();
    pypistats.close();
    github.close();
  }
}
