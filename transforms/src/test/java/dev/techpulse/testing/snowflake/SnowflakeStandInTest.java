package dev.techpulse.testing.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import net.snowflake.client.jdbc.SnowflakeConnectionV1;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in, through the real {@code snowflake-jdbc} driver. */
class SnowflakeStandInTest {
  @TempDir Path dir;
  SnowflakeStandIn sf;

  @BeforeEach
  void start() throws Exception {
    sf = SnowflakeStandIn.start("loader", "s3cret");
  }

  @AfterEach
  void stop() {
    sf.close();
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(sf.jdbcUrl(), sf.properties());
  }

  static List<List<Object>> rows(Connection c, String sql) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.add(rs.getObject(i));
        }
        out.add(row);
      }
    }
    return out;
  }

  @Test
  void passwordLogin_runsDdlDmlAndSelect_withSnowflakeTypes() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS mart");
      s.execute(
          "CREATE TABLE IF NOT EXISTS mart.t (id NUMBER(19,0) NOT NULL, name VARCHAR,"
              + " ts TIMESTAMP_TZ(6), day DATE, ok BOOLEAN, ratio FLOAT, tags VARIANT,"
              + " PRIMARY KEY (id))");
      assertEquals(
          1,
          s.executeUpdate(
              "INSERT INTO mart.t SELECT 1, 'it''s \\\\N', '2020-05-01T10:00:00.123456Z'::TIMESTAMP_TZ,"
                  + " DATE '2020-05-01', TRUE, 0.5, PARSE_JSON('[\"a\",\"b\"]')"));
      // Snowflake does not enforce the primary key.
      assertEquals(1, s.executeUpdate("INSERT INTO mart.t (id) VALUES (1)"));

      try (ResultSet rs = s.executeQuery("SELECT * FROM mart.t WHERE name IS NOT NULL")) {
        assertTrue(rs.next());
        // Unquoted identifiers fold to upper case; the driver looks names up case-sensitively.
        assertEquals(1L, rs.getLong("ID"));
        assertEquals("it's \\N", rs.getString("NAME"));
        assertEquals(
            Instant.parse("2020-05-01T10:00:00.123456Z"), rs.getTimestamp("TS").toInstant());
        assertEquals(LocalDate.of(2020, 5, 1), rs.getDate("DAY").toLocalDate());
        assertTrue(rs.getBoolean("OK"));
        assertEquals(0.5, rs.getDouble("RATIO"));
        assertEquals("[\n  \"a\",\n  \"b\"\n]", rs.getString("TAGS"));
        assertEquals("TIMESTAMPTZ", rs.getMetaData().getColumnTypeName(3));
        assertEquals("VARIANT", rs.getMetaData().getColumnTypeName(7));
        assertFalse(rs.next());
      }
      assertEquals(2L, rows(c, "SELECT count(*) FROM mart.t").get(0).get(0));
    }
  }

  @Test
  void binds_timestampsDatesAndText_arriveAsTheDriverSendsThem() throws Exception {
    try (Connection c = connect()) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA mart");
        s.execute("CREATE TABLE mart.runs (id VARCHAR, ts TIMESTAMP_TZ(6), day DATE, n NUMBER(19,0))");
      }
      Instant at = Instant.parse("2026-12-01T09:30:15.654321Z");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO mart.runs VALUES (?, ?, ?, ?)")) {
        ps.setString(1, "run-1");
        ps.setTimestamp(2, Timestamp.from(at));
        ps.setDate(3, Date.valueOf(LocalDate.of(2018, 4, 1)));
        ps.setLong(4, 42);
        assertEquals(1, ps.executeUpdate());
      }
      try (PreparedStatement ps =
          c.prepareStatement("SELECT id, ts, day FROM mart.runs WHERE ts >= ? AND day = ?")) {
        ps.setTimestamp(1, Timestamp.from(at.minusSeconds(1)));
        ps.setDate(2, Date.valueOf(LocalDate.of(2018, 4, 1)));
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals("run-1", rs.getString(1));
          assertEquals(at, rs.getTimestamp(2).toInstant());
          assertEquals(LocalDate.of(2018, 4, 1), rs.getDate(3).toLocalDate());
        }
      }
      // The driver itself refuses java.time binds, before anything is sent.
      try (PreparedStatement ps = c.prepareStatement("SELECT ?")) {
        SQLException e =
            assertThrows(
                SQLException.class, () -> ps.setObject(1, OffsetDateTime.now(ZoneOffset.UTC)));
        assertTrue(e.getMessage().contains("Data type not supported for binding"), e.getMessage());
      }
    }
  }

  @Test
  void wrongPassword_isRefusedAtLogin() {
    Properties p = sf.properties();
    p.put("password", "wrong");
    SQLException e =
        assertThrows(SQLException.class, () -> DriverManager.getConnection(sf.jdbcUrl(), p));
    assertTrue(e.getMessage().contains("Incorrect username or password"), e.getMessage());
  }

  @Test
  void keyPair_jwtSignedByTheRegisteredKey_logsIn_anotherKeyDoesNot() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair registered = g.generateKeyPair();
    KeyPair other = g.generateKeyPair();
    sf.acceptKey(registered.getPublic());

    try (Connection c = DriverManager.getConnection(sf.jdbcUrl(), keyProperties(registered))) {
      assertEquals(1L, rows(c, "SELECT 1").get(0).get(0));
    }
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> DriverManager.getConnection(sf.jdbcUrl(), keyProperties(other)));
    assertTrue(e.getMessage().contains("JWT token is invalid"), e.getMessage());
  }

  Properties keyProperties(KeyPair pair) throws Exception {
    Path pem = Files.createTempFile(dir, "rsa", ".p8");
    Files.writeString(pem, SnowflakeStandIn.pem(pair), StandardCharsets.US_ASCII);
    Properties p = SnowflakeStandIn.driverSettings();
    p.put("user", "loader");
    p.put("private_key_file", pem.toString());
    return p;
  }


  @Test
  void putCopyRemove_throughTableAndNamedStages_theDriverCopiesTheFiles() throws Exception {
    Path part = dir.resolve("part-1.csv");
    Files.writeString(part, "\"run-1\",\"2020-05-01T00:00:00.000000Z\",\"a\",\\N,\"[1,2]\"\n"
        + "\"run-1\",\"2020-05-02T00:00:00.000000Z\",\"\",\"x\",\\N\n");
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA staging");
      s.execute(
          "CREATE TABLE staging.t (run_id VARCHAR, loaded_at TIMESTAMP_TZ(6), a VARCHAR,"
              + " b VARCHAR, v VARIANT)");
      s.execute("CREATE STAGE IF NOT EXISTS staging.spool");
      s.execute("PUT 'file://" + part + "' @staging.%t/run-1/ AUTO_COMPRESS = TRUE OVERWRITE = TRUE");
      s.execute("PUT 'file://" + part + "' @staging.spool/run-2/t/ AUTO_COMPRESS = TRUE");
      assertEquals(List.of("run-1/part-1.csv.gz"), sf.stagedFiles("@staging.%t"));
      assertEquals(List.of("run-2/t/part-1.csv.gz"), sf.stagedFiles("@staging.spool"));

      String format =
          " FILE_FORMAT = (TYPE = CSV FIELD_OPTIONALLY_ENCLOSED_BY = '\"'"
              + " ESCAPE_UNENCLOSED_FIELD = NONE NULL_IF = ('\\\\N') EMPTY_FIELD_AS_NULL = FALSE)";
      assertEquals(
          2,
          s.executeUpdate(
              "COPY INTO staging.t (run_id, loaded_at, a, b, v) FROM (SELECT $1, $2, $3, $4,"
                  + " PARSE_JSON($5) FROM @staging.%t/run-1/)" + format + " PURGE = TRUE"));
      assertEquals(List.of(), sf.stagedFiles("@staging.%t"));
      assertEquals(
          2,
          s.executeUpdate(
              "COPY INTO staging.t FROM @staging.spool/run-2/t/ FILES = ('part-1.csv.gz')" + format));
      // Snowflake's load history: the same file is not loaded twice.
      assertEquals(
          0, s.executeUpdate("COPY INTO staging.t FROM @staging.spool/run-2/t/" + format));
      // An explicit TIMESTAMP_FORMAT is honoured; text that does not match it is refused.
      s.execute("PUT 'file://" + part + "' @staging.spool/run-3/ AUTO_COMPRESS = TRUE");
      String pinned = format.replace("FALSE)", "FALSE TIMESTAMP_FORMAT = 'YYYY-MM-DD\"T\"HH24:MI:SS.FF6\"Z\"')");
      assertEquals(2, s.executeUpdate("COPY INTO staging.t FROM @staging.spool/run-3/" + pinned));
      s.execute("PUT 'file://" + part + "' @staging.spool/run-4/ AUTO_COMPRESS = TRUE");
      String wrong = format.replace("FALSE)", "FALSE TIMESTAMP_FORMAT = 'DD/MM/YYYY HH24:MI')");
      assertThrows(
          SQLException.class, () -> s.execute("COPY INTO staging.t FROM @staging.spool/run-4/" + wrong));
      s.execute("REMOVE @staging.spool/run-2/");
      s.execute("REMOVE @staging.spool PATTERN = 'run-[34]/.*'");
      assertEquals(List.of(), sf.stagedFiles("@staging.spool"));

      assertEquals(
          List.of(List.of(6L, 3L, 3L)),
          rows(c, "SELECT count(*), count(b), count(CASE WHEN a = '' THEN 1 END) FROM staging.t"));
      SQLException e =
          assertThrows(SQLException.class, () -> s.execute("PUT 'file://" + part + "' @staging.nope/"));
      assertTrue(e.getMessage().contains("Stage 'STAGING.NOPE' does not exist"), e.getMessage());
    }
  }

  @Test
  void refusal_answersLikeAMissingPrivilege() throws Exception {
    sf.refuse(Pattern.compile("(?i)@staging\\.techpulse_spool"), "stage 'TECHPULSE_SPOOL'");
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      SQLException e =
          assertThrows(SQLException.class, () -> s.execute("LIST @staging.techpulse_spool"));
      assertEquals("42501", e.getSQLState());
      assertEquals(3001, e.getErrorCode());
      assertTrue(
          e.getMessage().contains("Insufficient privileges to operate on stage 'TECHPULSE_SPOOL'"),
          e.getMessage());
      sf.clearRefusals();
      s.execute("CREATE SCHEMA staging");
      s.execute("CREATE STAGE staging.techpulse_spool");
      s.execute("LIST @staging.techpulse_spool");
    }
  }

  @Test
  void transactions_rollBack_andDdlCommitsAsInSnowflake() throws Exception {
    try (Connection c = connect()) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA mart");
        s.execute("CREATE TABLE mart.t (n INTEGER)");
      }
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO mart.t VALUES (1)");
        c.rollback();
        s.executeUpdate("INSERT INTO mart.t VALUES (2)");
        c.commit();
      }
      c.setAutoCommit(true);
      assertEquals(List.of(List.of(2L)), rows(c, "SELECT n FROM mart.t"));
    }
  }

  @Test
  void expiredSessionToken_isRenewedByTheDriver_andHeartbeatAndCloseReachTheStandIn()
      throws Exception {
    sf.tokenValidity(Duration.ofSeconds(1));
    try (Connection c = connect()) {
      Thread.sleep(1100);
      assertEquals(1L, rows(c, "SELECT 1").get(0).get(0));
      assertEquals(1, sf.renewals());
      // What the driver's keep-alive thread calls (every 15 minutes at the soonest).
      var session = c.unwrap(SnowflakeConnectionV1.class).getSfSession();
      var heartbeat = session.getClass().getDeclaredMethod("heartbeat");
      heartbeat.setAccessible(true);
      heartbeat.invoke(session);
      assertEquals(1, sf.heartbeats());
      assertEquals(1, sf.openSessions());
    }
    assertEquals(0, sf.openSessions());
    assertEquals(List.of(), sf.unknownRequests());
  }

  @Test
  void refusesWhatSnowflakeRefuses_nullsInNotNullColumns_badNumbers_twoStatementsAtOnce()
      throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA mart");
      s.execute("CREATE TABLE mart.t (a VARCHAR NOT NULL, n NUMBER(3,0))");
      SQLException nulls =
          assertThrows(SQLException.class, () -> s.execute("INSERT INTO mart.t (n) VALUES (1)"));
      assertTrue(nulls.getMessage().contains("NULL result in a non-nullable column"), nulls.getMessage());
      SQLException number =
          assertThrows(
              SQLException.class, () -> s.execute("INSERT INTO mart.t VALUES ('x', 'abc')"));
      assertEquals("22018", number.getSQLState(), number.getMessage());
      SQLException two =
          assertThrows(
              SQLException.class,
              () -> s.execute("INSERT INTO mart.t VALUES ('x', 1); INSERT INTO mart.t VALUES ('y', 2)"));
      assertTrue(two.getMessage().contains("statement count 2 did not match"), two.getMessage());
      assertEquals(List.of(List.of(0L)), rows(c, "SELECT count(*) FROM mart.t"));
      SQLException table = assertThrows(SQLException.class, () -> s.execute("SELECT * FROM mart.nope"));
      assertEquals("42S02", table.getSQLState(), table.getMessage());
    }
  }
}
