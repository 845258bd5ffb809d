package dev.techpulse.pipeline;

import dev.techpulse.transforms.warehouse.WarehouseConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A statement's {@code ?} binds written in as the literals they stand for, so the dry run shows
 * each statement the way the warehouse receives it and a SQL parser can read it (a bare
 * {@code ?} is no Snowflake SQL text to sqlfluff).
 */
final class InlineBinds {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS xxx");

  private InlineBinds() {}

  /** Replaces each {@code ?} outside quotes with the literal of the value at its position. */
  static String inline(String sql, List<?> values, WarehouseConfig.Dialect dialect) {
    StringBuilder out = new StringBuilder(sql.length() + 64);
    int next = 0;
    boolean quoted = false;
    for (int i = 0; i < sql.length(); i++) {
      char ch = sql.charAt(i);
      if (ch == '\'') {
        quoted = !quoted;
      }
      if (ch == '?' && !quoted) {
        if (next >= values.size()) {
          throw new IllegalArgumentException("more ? than values in: " + sql);
        }
        out.append(literal(values.get(next++), dialect));
      } else {
        out.append(ch);
      }
    }
    if (next != values.size()) {
      throw new IllegalArgumentException(values.size() + " values for " + next + " ? in: " + sql);
    }
    return out.toString();
  }

  /** A value as the SQL literal of the type it is bound as. */
  static String literal(Object value, WarehouseConfig.Dialect dialect) {
    boolean snowflake = dialect == WarehouseConfig.Dialect.SNOWFLAKE;
    if (value == null) {
      return "NULL";
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString().toUpperCase(java.util.Locale.ROOT);
    }
    if (value instanceof java.sql.Date d) {
      value = d.toLocalDate();
    }
    if (value instanceof LocalDate d) {
      return "DATE '" + d + "'";
    }
    if (value instanceof java.sql.Timestamp t) {
      value = t.toInstant();
    }
    if (value instanceof Instant t) {
      value = t.atOffset(ZoneOffset.UTC);
    }
    if (value instanceof OffsetDateTime t) {
      return "'" + TIMESTAMP.format(t) + "'::" + (snowflake ? "TIMESTAMP_TZ" : "TIMESTAMPTZ");
    }
    String text = value.toString();
    if (snowflake) {
      // Snowflake reads backslashes in string literals as escapes; DuckDB does not.
      text = text.replace("\\", "\\\\");
    }
    return "'" + text.replace("'", "''") + "'";
  }
}
