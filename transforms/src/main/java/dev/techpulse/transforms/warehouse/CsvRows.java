package dev.techpulse.transforms.warehouse;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Writes rows as CSV that both DuckDB's {@code COPY} and Snowflake's {@code COPY INTO} read the
 * same way: strings always quoted (so {@code ''} stays an empty string), {@code \N} unquoted for
 * NULL, timestamps in UTC at microsecond precision.
 */
public final class CsvRows {
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneOffset.UTC);

  private CsvRows() {}

  public static void writeRow(Writer out, List<?> values) throws IOException {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      writeValue(out, values.get(i));
    }
    out.write('\n');
  }

  static void writeValue(Writer out, Object v) throws IOException {
    appendValue(out, v);
  }

  /** Appends one value in its CSV form. */
  static void appendValue(Appendable out, Object v) throws IOException {
    if (v == null) {
      out.append("\\N");
    } else if (v instanceof String s) {
      out.append('"');
      out.append(s.indexOf('"') < 0 ? s : s.replace("\"", "\"\""));
      out.append('"');
    } else if (v instanceof Instant t) {
      out.append(MICROS.format(t.truncatedTo(ChronoUnit.MICROS)));
    } else if (v instanceof LocalDate d) {
      out.append(d.toString());
    } else if (v instanceof Number || v instanceof Boolean) {
      out.append(v.toString());
    } else {
      throw new IllegalArgumentException("no CSV form for " + v.getClass().getName());
    }
  }

  /** {@link #appendValue} into a StringBuilder, which cannot fail. */
  static void appendValue(StringBuilder out, Object v) {
    try {
      appendValue((Appendable) out, v);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
