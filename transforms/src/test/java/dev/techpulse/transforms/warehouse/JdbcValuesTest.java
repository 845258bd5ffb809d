package dev.techpulse.transforms.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.techpulse.testing.snowflake.SnowflakeStandIn;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Instants and dates survive a round trip through both drivers exactly, in a JVM whose zone is
 * not UTC (where DuckDB would shift a {@code java.sql.Timestamp} and Snowflake's driver refuses
 * {@code java.time}).
 */
class JdbcValuesTest {
  static final Instant AT = Instant.parse("2020-05-01T23:30:15.123456Z");
  static final LocalDate DAY = LocalDate.of(2018, 4, 1);
  private TimeZone zone;

  @BeforeEach
  void awayFromUtc() {
    zone = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
  }

  @AfterEach
  void restore() {
    TimeZone.setDefault(zone);
  }

  @Test
  void duckdb_bindsAndReadsExactly() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      roundTrip(c, "TIMESTAMPTZ");
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT CAST(a AS VARCHAR), CAST(b AS VARCHAR) FROM t")) {
        rs.next();
        assertEquals("2020-05-01 23:30:15.123456+00", rs.getString(1));
        assertEquals("2020-05-01 23:30:15.123456+00", rs.getString(2));
      }
    }
  }

  @Test
  void snowflakeDriver_bindsAndReadsExactly() throws Exception {
    try (SnowflakeStandIn sf = SnowflakeStandIn.start("u", "p");
        Connection c = DriverManager.getConnection(sf.jdbcUrl(), sf.properties())) {
      roundTrip(c, "TIMESTAMP_TZ(6)");
    }
  }

  private static void roundTrip(Connection c, String timestampType) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE t (a " + timestampType + ", b " + timestampType
              + ", d DATE, n BIGINT, x VARCHAR, z VARCHAR)");
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)")) {
      JdbcValues.bind(ps, 1, AT);
      JdbcValues.bind(ps, 2, AT.atOffset(ZoneOffset.ofHours(-7)));
      JdbcValues.bind(ps, 3, DAY);
      JdbcValues.bind(ps, 4, 42L);
      JdbcValues.bind(ps, 5, "text");
      JdbcValues.bind(ps, 6, null);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement("SELECT a, b, d, n, x, z FROM t WHERE a = ? AND d = ?")) {
      JdbcValues.bind(ps, 1, AT);
      JdbcValues.bind(ps, 2, DAY);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertEquals(AT, rs.getTimestamp(1).toInstant());
        assertEquals(AT, rs.getTimestamp(2).toInstant());
        assertEquals(DAY, JdbcValues.localDate(rs, 3));
        assertEquals(42L, rs.getLong(4));
        assertEquals("text", rs.getString(5));
        assertNull(rs.getString(6));
      }
    }
  }
}
