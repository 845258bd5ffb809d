package dev.techpulse.transforms.warehouse;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Writes rows as CSV that both DuckDB's {@code COPY} and Snowflake's {@code COPY INTO} read the
 * same way: strings always quoted, NULL an empty unquoted field, timestamps in UTC at microsecond
 * precision with an explicit {@code +00:00} offset.
 *
 * <p>NULL is the empty field rather than a marker such as {@code \N} because Snowflake's {@code
 * NULL_IF} may also match a quoted field: a real value {@code "\N"} would load as NULL. With
 * {@code EMPTY_FIELD_AS_NULL = TRUE} (Snowflake) and {@code nullstr = ''} with {@code
 * allow_quoted_nulls = false} (DuckDB), only {@code ,,} is NULL and every string, {@code ""}
 * included, is loaded as written. The offset is written out ({@code +00:00}, not {@code Z}) so one
 * explicit {@code TIMESTAMP_FORMAT} parses it whatever the account's settings.
 */
public final class CsvRows {
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

  private CsvRows() {}

  /** One row, for callers holding a Writer (tests, small files); encodes like {@link Out}. */
  public static void writeRow(Writer out, List<?> values) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (Out csv = new Out(bytes)) {
      csv.row(values);
    }
    out.write(bytes.toString(StandardCharsets.UTF_8));
  }

  /** One value's CSV text, for fixed prefixes of a file's rows. */
  static String valueText(Object v) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (Out csv = new Out(bytes)) {
      csv.value(v);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /**
   * Rows encoded straight to UTF-8 bytes in a 64 KB buffer: the spool writes millions of rows,
   * and formatting dates and ASCII text by hand costs a fraction of a Writer's char encoding.
   */
  public static final class Out implements java.io.Closeable {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;

    public Out(OutputStream out) {
      this.out = out;
    }

    /** Text known to be ASCII and CSV-safe, written as is (a row's fixed prefix). */
    public void raw(String ascii) throws IOException {
      ascii(ascii);
    }

    public void row(List<?> values) throws IOException {
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          put((byte) ',');
        }
        value(values.get(i));
      }
      put((byte) '\n');
    }

    public void value(Object v) throws IOException {
      if (v == null) {
        return;
      } else if (v instanceof String s) {
        string(s);
      } else if (v instanceof LocalDate d) {
        date(d);
      } else if (v instanceof Long || v instanceof Integer) {
        ascii(v.toString());
      } else if (v instanceof Instant t) {
        ascii(MICROS.format(t.truncatedTo(ChronoUnit.MICROS)));
      } else if (v instanceof Number || v instanceof Boolean) {
        ascii(v.toString());
      } else {
        throw new IllegalArgumentException("no CSV form for " + v.getClass().getName());
      }
    }

    private void string(String s) throws IOException {
      put((byte) '"');
      int n = s.length();
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c >= 0x80) {
          bytes(s.substring(i).replace("\"", "\"\"").getBytes(StandardCharsets.UTF_8));
          break;
        }
        if (c == '"') {
          put((byte) '"');
        }
        put((byte) c);
      }
      put((byte) '"');
    }

    private void date(LocalDate d) throws IOException {
      int y = d.getYear();
      if (y < 0 || y > 9999) {
        ascii(d.toString());
        return;
      }
      if (pos + 10 > buf.length) {
        flushBuffer();
      }
      buf[pos++] = (byte) ('0' + y / 1000);
      buf[pos++] = (byte) ('0' + y / 100 % 10);
      buf[pos++] = (byte) ('0' + y / 10 % 10);
      buf[pos++] = (byte) ('0' + y % 10);
      buf[pos++] = '-';
      buf[pos++] = (byte) ('0' + d.getMonthValue() / 10);
      buf[pos++] = (byte) ('0' + d.getMonthValue() % 10);
      buf[pos++] = '-';
      buf[pos++] = (byte) ('0' + d.getDayOfMonth() / 10);
      buf[pos++] = (byte) ('0' + d.getDayOfMonth() % 10);
    }

    private void ascii(String s) throws IOException {
      int n = s.length();
      if (pos + n > buf.length) {
        flushBuffer();
        if (n > buf.length) {
          out.write(s.getBytes(StandardCharsets.US_ASCII));
          return;
        }
      }
      for (int i = 0; i < n; i++) {
        buf[pos++] = (byte) s.charAt(i);
      }
    }

    private void bytes(byte[] b) throws IOException {
      if (pos + b.length > buf.length) {
        flushBuffer();
        if (b.length > buf.length) {
          out.write(b);
          return;
        }
      }
      System.arraycopy(b, 0, buf, pos, b.length);
      pos += b.length;
    }

    private void put(byte b) throws IOException {
      if (pos == buf.length) {
        flushBuffer();
      }
      buf[pos++] = b;
    }

    private void flushBuffer() throws IOException {
      out.write(buf, 0, pos);
      pos = 0;
    }

    @Override
    public void close() throws IOException {
      flushBuffer();
      out.close();
    }
  }
}
