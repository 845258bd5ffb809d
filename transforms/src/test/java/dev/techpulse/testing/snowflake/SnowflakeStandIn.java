package dev.techpulse.testing.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.duckdb.DuckDBConnection;

/**
 * A stand-in for a Snowflake account, for tests that drive the real {@code snowflake-jdbc}
 * driver: Snowflake's REST protocol on loopback (login with password or a key-pair JWT, query
 * requests with binds, token renewal, heartbeat, session close), each statement executed on an
 * embedded DuckDB after {@link SnowflakeSql}'s rewrite, results answered in Snowflake's JSON
 * result format, and internal stages as folders that the driver itself fills on PUT (the {@code
 * LOCAL_FS} stage type). Connect with {@link #jdbcUrl()} and {@link #properties()}.
 *
 * <p>Not Snowflake: see README.md beside this class for what it does not emulate.
 */
public final class SnowflakeStandIn implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService threads;
  private final Path root;
  private final DuckDBConnection duckdb;
  final Stages stages;
  private final String user;
  private final String password;
  private volatile PublicKey publicKey;
  private volatile Duration tokenValidity = Duration.ofHours(1);
  final List<Refusal> refusals = new CopyOnWriteArrayList<>();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Map<String, Session> masterTokens = new ConcurrentHashMap<>();
  final List<String> statements = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong logins = new AtomicLong();
  private final AtomicLong heartbeats = new AtomicLong();
  private final AtomicLong renewals = new AtomicLong();
  private final List<String> unknownRequests = new CopyOnWriteArrayList<>();
  final WriteLock writeLock = new WriteLock();
  final Map<String, Boolean> primaryKeys = new ConcurrentHashMap<>();

  /** A statement pattern the account's role may not run, answered as Snowflake refuses it. */
  record Refusal(Pattern statement, String object) {}

  private SnowflakeStandIn(String user, String password) throws IOException, SQLException {
    this.user = user;
    this.password = password;
    this.root = Files.createTempDirectory("snowflake-stand-in-");
    // Without the ICU extension (not in the JDBC jar) DuckDB keeps and shows TIMESTAMPTZ in UTC.
    this.duckdb = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
    this.stages = new Stages(root.resolve("stages"));
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    this.threads = Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "snowflake-stand-in");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a stand-in that lets {@code user} in with {@code password}. */
  public static SnowflakeStandIn start(String user, String password) throws IOException {
    try {
      return new SnowflakeStandIn(user, password);
    } catch (SQLException e) {
      throw new IOException("cannot open the stand-in's DuckDB: " + e.getMessage(), e);
    }
  }

  /** Also lets the user in with a key pair: JWTs must be signed by this key's private half. */
  public SnowflakeStandIn acceptKey(PublicKey key) {
    this.publicKey = key;
    return this;
  }

  /** How long a session token lives before the driver must renew it (default an hour). */
  public SnowflakeStandIn tokenValidity(Duration validity) {
    this.tokenValidity = validity;
    return this;
  }

  /**
   * Refuses every statement in which {@code statement} finds a match, as Snowflake refuses a role
   * that lacks a privilege: SQL compilation error 003001, SQLSTATE 42501, "SQL access control
   * error: Insufficient privileges to operate on {@code object}" (e.g. {@code "stage
   * 'TECHPULSE_SPOOL'"}).
   */
  public SnowflakeStandIn refuse(Pattern statement, String object) {
    refusals.add(new Refusal(statement, object));
    return this;
  }

  /** Grants back everything {@link #refuse} took away. */
  public SnowflakeStandIn clearRefusals() {
    refusals.clear();
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * {@code jdbc:snowflake://127.0.0.1:PORT/?ssl=off&disablePlatformDetection=true}: plain HTTP,
   * and no probing of cloud metadata endpoints at login.
   */
  public String jdbcUrl() {
    return "jdbc:snowflake://127.0.0.1:" + port() + "/?ssl=off&disablePlatformDetection=true";
  }

  /** Driver properties for a password login; add {@code db}, {@code role} etc. as needed. */
  public Properties properties() {
    Properties p = new Properties();
    p.put("user", user);
    p.put("password", password);
    p.putAll(driverSettings());
    return p;
  }

  /** Driver settings every connection to the stand-in needs, whatever its credentials. */
  public static Properties driverSettings() {
    Properties p = new Properties();
    p.put("JDBC_QUERY_RESULT_FORMAT", "JSON");
    p.put("disablePlatformDetection", "true");
    return p;
  }

  /** Every statement received, in order (PUTs included), as the driver sent it. */
  public List<String> statements() {
    synchronized (statements) {
      return List.copyOf(statements);
    }
  }

  public long logins() {
    return logins.get();
  }

  public long heartbeats() {
    return heartbeats.get();
  }

  public long renewals() {
    return renewals.get();
  }

  /** Sessions not closed by their client. */
  public int openSessions() {
    return sessions.size();
  }

  /** Files now in a stage, as paths relative to it (e.g. {@code run-1/part-x.csv.gz}). */
  public List<String> stagedFiles(String stage) throws IOException {
    return stages.list(SnowflakeSql.stage(stage, "public"));
  }

  /** A connection to the stand-in's own database, bypassing the protocol (for test set-up). */
  public Connection duckdb() throws SQLException {
    return duckdb.duplicate();
  }

  /** Requests the stand-in did not know, for diagnosing a driver that changed. */
  public List<String> unknownRequests() {
    return List.copyOf(unknownRequests);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    for (Session s : sessions.values()) {
      s.close();
    }
    sessions.clear();
    try {
      duckdb.close();
    } catch (SQLException ignored) {
      // Closing an in-memory database only frees memory.
    }
    try (var walk = Files.walk(root)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A temp folder left behind is harmless.
    }
  }

  // --- HTTP ---

  private void handle(HttpExchange x) throws IOException {
    try {
      String path = x.getRequestURI().getPath();
      JsonNode body = readBody(x);
      ObjectNode answer =
          switch (path) {
            case "/session/v1/login-request" -> login(x, body);
            case "/queries/v1/query-request" -> query(x, body);
            case "/session/token-request" -> renew(body);
            case "/session/heartbeat" -> heartbeat(x);
            case "/session" -> closeSession(x);
            case "/telemetry/send", "/queries/v1/abort-request" -> ok(null);
            default -> {
              unknownRequests.add(x.getRequestMethod() + " " + x.getRequestURI());
              yield error("000000", "not emulated by the stand-in: " + path, null);
            }
          };
      byte[] bytes = JSON.writeValueAsBytes(answer);
      x.getResponseHeaders().set("Content-Type", "application/json");
      x.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = x.getResponseBody()) {
        out.write(bytes);
      }
    } catch (RuntimeException | IOException e) {
      byte[] bytes = String.valueOf(e).getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(500, bytes.length);
      try (OutputStream out = x.getResponseBody()) {
        out.write(bytes);
      }
    } finally {
      x.close();
    }
  }

  private static JsonNode readBody(HttpExchange x) throws IOException {
    InputStream in = x.getRequestBody();
    String encoding = x.getRequestHeaders().getFirst("Content-Encoding");
    if (encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("gzip")) {
      in = new GZIPInputStream(in);
    }
    byte[] bytes = in.readAllBytes();
    return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
  }

  static ObjectNode ok(JsonNode data) {
    ObjectNode o = JSON.createObjectNode();
    o.set("data", data);
    o.putNull("code");
    o.putNull("message");
    o.put("success", true);
    return o;
  }

  static ObjectNode error(String code, String message, String sqlState) {
    ObjectNode o = JSON.createObjectNode();
    ObjectNode data = o.putObject("data");
    data.put("internalError", false);
    data.put("errorCode", code);
    data.put("age", 0);
    if (sqlState != null) {
      data.put("sqlState", sqlState);
      data.put("queryId", UUID.randomUUID().toString());
      data.put("line", -1);
      data.put("pos", -1);
      data.put("type", "COMPILATION");
    }
    o.put("code", code);
    o.put("message", message);
    o.put("success", false);
    return o;
  }

  // --- sessions ---

  private ObjectNode login(HttpExchange x, JsonNode body) {
    JsonNode data = body.path("data");
    String login = data.path("LOGIN_NAME").asText();
    String authenticator = data.path("AUTHENTICATOR").asText("SNOWFLAKE");
    if (!login.equalsIgnoreCase(user)) {
      return error("390100", "Incorrect username or password was specified.", null);
    }
    if (authenticator.equalsIgnoreCase("SNOWFLAKE_JWT")) {
      String problem =
          publicKey == null
              ? "no public key is registered for user " + user
              : Jwt.verify(data.path("TOKEN").asText(), publicKey, user, Instant.now());
      if (problem != null) {
        return error("390144", "JWT token is invalid. [" + problem + "]", null);
      }
    } else if (!password.equals(data.path("PASSWORD").asText(null))) {
      return error("390100", "Incorrect username or password was specified.", null);
    }
    Map<String, String> query = queryParameters(x);
    Session s;
    try {
      s = new Session(this, duckdb.duplicate(), query.getOrDefault("schemaName", "public"));
    } catch (SQLException e) {
      return error("390100", "cannot open a DuckDB connection: " + e.getMessage(), null);
    }
    String token = issue(s);
    logins.incrementAndGet();
    ObjectNode d = JSON.createObjectNode();
    d.put("masterToken", s.masterToken);
    d.put("token", token);
    d.put("validityInSeconds", Math.max(1, tokenValidity.toSeconds()));
    d.put("masterValidityInSeconds", 14400);
    d.put("displayUserName", user.toUpperCase(java.util.Locale.ROOT));
    d.put("serverVersion", "9.0.0 (stand-in)");
    d.put("firstLogin", false);
    d.putNull("remMeToken");
    d.put("remMeValidityInSeconds", 0);
    d.put("healthCheckInterval", 45);
    d.putNull("newClientForUpgrade");
    d.put("sessionId", s.id);
    ArrayNode params = d.putArray("parameters");
    param(params, "TIMEZONE", "UTC");
    param(params, "CLIENT_TELEMETRY_ENABLED", false);
    param(params, "CLIENT_SESSION_KEEP_ALIVE", false);
    param(params, "JDBC_QUERY_RESULT_FORMAT", "JSON");
    param(params, "CLIENT_RESULT_CHUNK_SIZE", 160);
    param(params, "CLIENT_TIMESTAMP_TYPE_MAPPING", "TIMESTAMP_LTZ");
    param(params, "AUTOCOMMIT", true);
    ObjectNode info = d.putObject("sessionInfo");
    info.put("databaseName", query.getOrDefault("databaseName", "TECHPULSE").toUpperCase());
    info.put("schemaName", s.schema.toUpperCase(java.util.Locale.ROOT));
    info.put("warehouseName", query.getOrDefault("warehouse", "WH").toUpperCase());
    info.put("roleName", query.getOrDefault("roleName", "PUBLIC").toUpperCase());
    return ok(d);
  }

  private static void param(ArrayNode params, String name, Object value) {
    ObjectNode p = params.addObject();
    p.put("name", name);
    p.set("value", JSON.valueToTree(value));
  }

  private String issue(Session s) {
    String token = "ST-" + UUID.randomUUID();
    s.token = token;
    s.tokenExpires = Instant.now().plus(tokenValidity);
    sessions.put(token, s);
    masterTokens.put(s.masterToken, s);
    return token;
  }

  private Session session(HttpExchange x) {
    String auth = x.getRequestHeaders().getFirst("Authorization");
    if (auth == null) {
      return null;
    }
    java.util.regex.Matcher m = Pattern.compile("Token=\"([^\"]*)\"").matcher(auth);
    return m.find() ? sessions.get(m.group(1)) : null;
  }

  private ObjectNode renew(JsonNode body) {
    String old = body.path("oldSessionToken").asText();
    Session s = sessions.get(old);
    if (s == null) {
      return error("390104", "The session no longer exists.", null);
    }
    sessions.remove(old);
    String token = issue(s);
    renewals.incrementAndGet();
    ObjectNode d = JSON.createObjectNode();
    d.put("sessionToken", token);
    d.put("validityInSecondsST", Math.max(1, tokenValidity.toSeconds()));
    d.put("masterToken", s.masterToken);
    d.put("validityInSecondsMT", 14400);
    d.put("sessionId", s.id);
    return ok(d);
  }

  private ObjectNode heartbeat(HttpExchange x) {
    Session s = session(x);
    if (s == null) {
      return error("390112", "Your session has expired. Please login again.", null);
    }
    heartbeats.incrementAndGet();
    return ok(null);
  }

  private ObjectNode closeSession(HttpExchange x) {
    Session s = session(x);
    if (s != null) {
      sessions.remove(s.token);
      masterTokens.remove(s.masterToken);
      s.close();
    }
    return ok(null);
  }

  private ObjectNode query(HttpExchange x, JsonNode body) {
    Session s = session(x);
    if (s == null) {
      return error("390104", "The session no longer exists.", null);
    }
    if (Instant.now().isAfter(s.tokenExpires)) {
      return error("390112", "Session token has expired.", null);
    }
    String sql = body.path("sqlText").asText();
    statements.add(sql);
    return s.execute(sql, body.path("bindings"), body.path("describeOnly").asBoolean(false));
  }

  private static Map<String, String> queryParameters(HttpExchange x) {
    Map<String, String> out = new java.util.HashMap<>();
    String q = x.getRequestURI().getRawQuery();
    if (q == null) {
      return out;
    }
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(
            pair.substring(0, eq),
            java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  /**
   * One writer at a time, held by a session from its first write in a transaction to its commit
   * or rollback: Snowflake makes a second writer wait for the first's table locks, where DuckDB
   * would fail it with a conflict.
   */
  static final class WriteLock {
    private Session owner;

    synchronized void acquire(Session s, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (owner != null && owner != s) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              "Statement reached its statement or warehouse timeout of "
                  + timeout.toSeconds() + " second(s) and was canceled.");
        }
        wait(Math.max(1, left / 1_000_000));
      }
      owner = s;
    }

    synchronized void release(Session s) {
      if (owner == s) {
        owner = null;
        notifyAll();
      }
    }
  }

  /** The private key as an unencrypted PKCS#8 PEM file, as `openssl genrsa | pkcs8` writes. */
  public static String pem(java.security.KeyPair pair) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }
}
