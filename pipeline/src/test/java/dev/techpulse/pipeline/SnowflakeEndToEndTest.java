package dev.techpulse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.techpulse.testing.FakeApis;
import dev.techpulse.testing.snowflake.SnowflakeStandIn;
import dev.techpulse.transforms.warehouse.Connections;
import dev.techpulse.transforms.warehouse.Warehouse;
import dev.techpulse.transforms.warehouse.WarehouseConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real main class with {@code --warehouse=snowflake}, through the real {@code snowflake-jdbc}
 * driver into the Snowflake stand-in, over the same recorded world as {@link EndToEndTest}: its
 * mart equals the DuckDB warehouse's, every table and column.
 */
class SnowflakeEndToEndTest {
  /** Mart tables and the columns that hold when a value was fetched (differ from run to run). */
  static final Map<String, Set<String>> MART =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry("pypi_packages", Set.of("pulled_at")),
              Map.entry("pypi_releases", Set.of()),
              Map.entry("pypi_downloads", Set.of()),
              Map.entry("github_repos", Set.of("snapshot_at")),
              Map.entry("github_commits_weekly", Set.of()),
              Map.entry("github_issues", Set.of()),
              Map.entry("github_contributors_monthly", Set.of()),
              Map.entry("github_releases", Set.of()),
              Map.entry("technologies", Set.of()),
              Map.entry("technology_scorecard", Set.of()),
              Map.entry("http_cache", Set.of("fetched_at")),
              Map.entry("rejects", Set.of("run_id", "rejected_at"))));

  @TempDir Path dir;
  FakeApis apis;
  SnowflakeStandIn sf;
  KeyPair key;
  private Function<String, String> realEnv;

  @BeforeEach
  void start() throws Exception {
    apis = FakeApis.start();
    EndToEndTest.recordedWorld(apis);
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    key = g.generateKeyPair();
    sf = SnowflakeStandIn.start("techpulse_loader", "pw-" + System.nanoTime()).acceptKey(key.getPublic());
    realEnv = Connections.env;
  }

  @AfterEach
  void stop() {
    Connections.env = realEnv;
    sf.close();
    apis.close();
  }

  void passwordLogin() {
    Map<String, String> env = new HashMap<>();
    env.put("SNOWFLAKE_URL", sf.jdbcUrl());
    env.put("SNOWFLAKE_USER", "techpulse_loader");
    env.put("SNOWFLAKE_PASSWORD", sf.properties().getProperty("password"));
    Connections.env = env::get;
  }

  void keyPairLogin() throws Exception {
    Path pem = dir.resolve("rsa_key.p8");
    Files.writeString(pem, dev.techpulse.testing.snowflake.SnowflakeStandIn.pem(key));
    Map<String, String> env = new HashMap<>();
    env.put("SNOWFLAKE_URL", sf.jdbcUrl());
    env.put("SNOWFLAKE_USER", "techpulse_loader");
    env.put("SNOWFLAKE_PRIVATE_KEY_FILE", pem.toString());
    Connections.env = env::get;
  }

  EndToEndTest.Outcome runMain(String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(List.of(EndToEndTest.recordedArgs(dir, dir.resolve("wh/duck.duckdb"), apis)));
    args.addAll(List.of(extra));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        TechpulsePipeline.execute(
            args.toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new EndToEndTest.Outcome(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void snowflakeRun_throughTheRealDriver_equalsTheDuckDbMart_andRerunLeavesItUnchanged()
      throws Exception {
    EndToEndTest.Outcome duck = runMain();
    assertEquals(0, duck.code(), duck.err() + duck.out());
    Map<String, List<List<String>>> duckMart;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("wh/duck.duckdb"))) {
      duckMart = mart(c);
    }

    passwordLogin();
    EndToEndTest.Outcome first = runMain("--warehouse=snowflake");

    assertEquals(0, first.code(), first.err() + first.out());
    assertEquals("", first.err());
    Map<String, List<List<String>>> snowMart;
    try (Connection c = snowflake()) {
      snowMart = mart(c);
    }
    assertTrue(snowMart.get("pypi_releases").size() > 100, snowMart.keySet().toString());
    for (String table : MART.keySet()) {
      assertEquals(duckMart.get(table), snowMart.get(table), "mart." + table + " differs");
    }
    List<String> sent = sf.statements();
    assertTrue(count(sent, "^PUT ") > 0, "parts are PUT through the driver");
    assertTrue(count(sent, "^COPY INTO") > 0, "parts are loaded with COPY INTO");
    assertTrue(count(sent, "MERGE INTO mart\\.") >= 10, "the mart is merged");
    assertTrue(count(sent, "ADD COLUMN IF NOT EXISTS") >= 2, "migrations ran");
    assertTrue(count(sent, "DROP PRIMARY KEY") == 1, "migration 004 ran");
    assertEquals(List.of(), sf.unknownRequests());
    assertEquals(0, sf.openSessions(), "every connection was closed");

    // Another run is alive (it beats): a run refuses to interleave with it.
    Warehouse warehouse = new Warehouse(WarehouseConfig.snowflake());
    warehouse.startRun("other-run", LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 2), "{}");
    warehouse.heartbeat("other-run");
    EndToEndTest.Outcome refused = runMain("--warehouse=snowflake");
    assertEquals(1, refused.code(), refused.out());
    assertTrue(refused.err().contains("another techpulse run (other-run)"), refused.err());
    warehouse.finishRun("other-run", "failed", 0, 0, null);
    assertTrue(count(sf.statements(), "SET heartbeat_at") > 0, "heartbeats went through");

    // The failed run had left a part in the spool's stage: the next run clears it.
    String stray = strayStage(sent) + "other-run/";
    Path part = Files.writeString(dir.resolve("part-dead.csv"), "\"x\"\n");
    try (Connection c = snowflake();
        Statement s = c.createStatement()) {
      s.execute("PUT 'file://" + part + "' " + stray + " AUTO_COMPRESS = TRUE");
    }
    assertFalse(sf.stagedFiles(strayStageName(stray)).isEmpty());

    keyPairLogin();
    EndToEndTest.Outcome second = runMain("--warehouse=snowflake");

    assertEquals(0, second.code(), second.err() + second.out());
    try (Connection c = snowflake()) {
      Map<String, List<List<String>>> again = mart(c);
      assertEquals(8, again.remove("rejects").size(), "rejects are appended, run by run");
      snowMart.remove("rejects");
      assertEquals(snowMart, again, "a second run (key-pair login) leaves the mart unchanged");
      assertEquals(
          List.of(List.of("failed", "1"), List.of("succeeded", "2")),
          rows(c, "SELECT status, count(*) FROM mart.pipeline_runs GROUP BY status ORDER BY status"));
    }
    assertEquals(List.of(), sf.stagedFiles(strayStageName(stray)), "no part is left in the stage");
  }

  /** The stage and folder the run PUT its first part into, e.g. {@code @staging.%t/} . */
  static String strayStage(List<String> sent) {
    for (String s : sent) {
      Matcher m = Pattern.compile("^PUT\\s+'[^']*'\\s+(@[^/\\s]+/)").matcher(s.strip());
      if (m.find()) {
        return m.group(1);
      }
    }
    throw new AssertionError("no PUT was sent");
  }

  static String strayStageName(String stray) {
    return stray.substring(0, stray.indexOf('/'));
  }

  Connection snowflake() throws SQLException {
    return DriverManager.getConnection(sf.jdbcUrl(), sf.properties());
  }

  static long count(List<String> statements, String regex) {
    Pattern p = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    return statements.stream().filter(s -> p.matcher(s.strip()).find()).count();
  }

  /** Every mart table, all columns but the fetch times, values normalised across drivers. */
  static Map<String, List<List<String>>> mart(Connection c) throws SQLException {
    Map<String, List<List<String>>> out = new TreeMap<>();
    for (Map.Entry<String, Set<String>> t : MART.entrySet()) {
      List<List<String>> rows = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM mart." + t.getKey())) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            String name = md.getColumnLabel(i).toLowerCase(Locale.ROOT);
            if (!t.getValue().contains(name)) {
              row.add(name + "=" + normalise(name, rs.getObject(i)));
            }
          }
          rows.add(row);
        }
      }
      rows.sort(Comparator.comparing(Object::toString));
      out.put(t.getKey(), rows);
    }
    return out;
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  static String normalise(String column, Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Double || v instanceof Float) {
      return Double.toString(((Number) v).doubleValue());
    }
    if (v instanceof Number n) {
      return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toInstant().toString();
    }
    if (v instanceof OffsetDateTime t) {
      return t.toInstant().toString();
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (column.equals("topics")) {
      try {
        return JSON.readTree(v.toString()).toString(); // VARIANT prints JSON its own way
      } catch (java.io.IOException e) {
        return v.toString();
      }
    }
    return v.toString();
  }

  static List<List<String>> rows(Connection c, String sql) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.add(normalise("", rs.getObject(i)));
        }
        out.add(row);
      }
    }
    return out;
  }
}
