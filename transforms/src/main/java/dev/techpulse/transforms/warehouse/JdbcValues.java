package dev.techpulse.transforms.warehouse;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.duckdb.DuckDBPreparedStatement;

/**
 * Binds and reads dates and instants the way each warehouse's driver takes them exactly.
 *
 * <p>Snowflake's driver binds only {@code java.sql.Timestamp} and {@code java.sql.Date} ({@code
 * java.time} values are refused: "Data type not supported for binding"), and reads dates only
 * through {@code getDate}. DuckDB's driver reads a {@code java.sql.Timestamp} as wall-clock time in
 * the JVM's zone (shifting the instant by the zone's offset) but binds {@code java.time} values
 * exactly, so it gets those.
 */
public final class JdbcValues {
  private JdbcValues() {}

  /** Binds {@code value}; instants ({@code Instant}, {@code OffsetDateTime}) and dates converted. */
  public static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
    boolean duckdb = ps.isWrapperFor(DuckDBPreparedStatement.class);
    Instant instant =
        value instanceof Instant i
            ? i
            : value instanceof OffsetDateTime t ? t.toInstant() : null;
    if (instant != null) {
      if (duckdb) {
        ps.setObject(index, instant.atOffset(ZoneOffset.UTC));
      } else {
        ps.setTimestamp(index, Timestamp.from(instant));
      }
    } else if (value instanceof LocalDate d) {
      if (duckdb) {
        ps.setObject(index, d);
      } else {
        ps.setDate(index, java.sql.Date.valueOf(d));
      }
    } else {
      ps.setObject(index, value);
    }
  }

  /** A DATE column's value, or null. */
  public static LocalDate localDate(ResultSet rs, int index) throws SQLException {
    java.sql.Date d = rs.getDate(index);
    return d == null ? null : d.toLocalDate();
  }
}
