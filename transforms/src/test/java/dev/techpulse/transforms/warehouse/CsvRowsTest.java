package dev.techpulse.transforms.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.techpulse.schemas.PypiRelease;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.TimeZone;
import dev.techpulse.schemas.SqlTemplate;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRowsTest {

  private static String row(Object... values) throws IOException {
    StringWriter out = new StringWriter();
    CsvRows.writeRow(out, Arrays.asList(values));
    return out.toString();
  }

  @Test
  void strings_areAlwaysQuoted() throws IOException {
    assertEquals("\"luigi\",\"3.6.0\"\n", row("luigi", "3.6.0"));
  }

  @Test
  void null_isAnEmptyUnquotedField() throws IOException {
    assertEquals("\"a\",,\"b\"\n", row("a", null, "b"));
  }

  @Test
  void emptyString_isQuotedSoItIsNotNull() throws IOException {
    assertEquals("\"\",\n", row("", null));
  }

  @Test
  void backslashNString_isQuotedLikeAnyString_andNoNullMarkerExists() throws IOException {
    // Snowflake's NULL_IF may match quoted fields too: NULL is never a marker a string can equal.
    assertEquals("\"\\N\",\"NULL\",\n", row("\\N", "NULL", null));
  }

  @Test
  void embeddedQuotes_areDoubled() throws IOException {
    assertEquals("\"say \"\"hi\"\"\"\n", row("say \"hi\""));
  }

  @Test
  void commasAndNewlines_stayInsideTheQuotes() throws IOException {
    assertEquals("\"a,b\nc\",\"d\"\n", row("a,b\nc", "d"));
  }

  @Test
  void jsonText_isQuotedWithDoubledQuotes() throws IOException {
    assertEquals("\"[\"\"fixtures\"\",\"\"hello\"\"]\"\n", row("[\"fixtures\",\"hello\"]"));
  }

  @Test
  void instant_isUtcWithSixFractionDigits() throws IOException {
    assertEquals(
        "2012-10-21T18:51:38.209973+00:00\n", row(Instant.parse("2012-10-21T18:51:38.209973Z")));
  }

  @Test
  void instantOnTheSecond_stillHasSixFractionDigits() throws IOException {
    assertEquals("2016-07-13T16:30:03.000000+00:00\n", row(Instant.parse("2016-07-13T16:30:03Z")));
  }

  @Test
  void instantWithNanoseconds_isTruncatedToMicroseconds() throws IOException {
    assertEquals(
        "2024-12-31T23:59:59.999999+00:00\n", row(Instant.parse("2024-12-31T23:59:59.999999999Z")));
  }

  @Test
  void instant_isWrittenInUtcWhateverTheJvmZone() throws IOException {
    TimeZone saved = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
    try {
      Instant t = OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 6_000, ZoneOffset.ofHours(9)).toInstant();
      assertEquals("2024-01-01T18:04:05.000006+00:00\n", row(t));
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  @Test
  void datesNumbersAndBooleans_areUnquoted() throws IOException {
    assertEquals(
        "2024-02-29,42,1159830,true,false,0.25\n",
        row(LocalDate.of(2024, 2, 29), 42, 1159830L, true, false, 0.25));
  }

  @Test
  void emptyRow_isJustANewline() throws IOException {
    assertEquals("\n", row());
  }

  @Test
  void nonAsciiText_isUtf8_withQuotesStillDoubled() throws IOException {
    assertEquals("\"Zürich \"\"✓\"\" 🚀\"\n", row("Zürich \"✓\" 🚀"));
  }

  @Test
  void textLongerThanTheBuffer_isWrittenWhole() throws IOException {
    String ascii = "a\"b".repeat(40_000);
    String mixed = "é\"".repeat(40_000);

    String written = row(ascii, mixed);

    assertEquals(
        "\"" + ascii.replace("\"", "\"\"") + "\",\"" + mixed.replace("\"", "\"\"") + "\"\n",
        written);
  }

  @Test
  void datesOutsideFourDigitYears_fallBackToIso() throws IOException {
    assertEquals("+10000-01-01,0999-12-31\n", row(LocalDate.of(10000, 1, 1), LocalDate.of(999, 12, 31)));
  }

  @Test
  void unsupportedType_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> row(new Object()));
  }

  @Test
  void pypiReleaseRow_withNullReleasedAtAndSdist_writesEmptyFields() throws IOException {
    PypiRelease release = PypiRelease.create("luigi", "1.0.8", null, false, false, 0, 0, null);
    StringWriter out = new StringWriter();

    CsvRows.writeRow(out, release.columnValues());

    assertEquals("\"luigi\",\"1.0.8\",,false,false,0,0,\n", out.toString());
  }

  @Test
  void consecutiveRows_areNewlineSeparated() throws IOException {
    StringWriter out = new StringWriter();
    CsvRows.writeRow(out, List.of("a", 1));
    CsvRows.writeRow(out, Arrays.asList(null, "b"));

    assertEquals("\"a\",1\n,\"b\"\n", out.toString());
  }

  @Test
  void duckdbCopyWithTheShippedLoadSql_readsBackExactlyWhatWasWritten(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("rows.csv");
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      CsvRows.writeRow(
          out, Arrays.asList("", Instant.parse("2012-10-21T18:51:38.209973Z"), 7L, true));
      CsvRows.writeRow(out, Arrays.asList(null, null, null, null));
      CsvRows.writeRow(
          out, Arrays.asList("a \"q\", b\nc", Instant.parse("2016-07-13T16:30:03Z"), 0L, false));
      CsvRows.writeRow(out, Arrays.asList("\\N", Instant.parse("1999-12-31T23:59:59.000001Z"), -1L, null));
    }
    SqlTemplate load =
        SqlTemplate.load("duckdb/load.sql")
            .with(
                Map.of(
                    "schema", "main", "table", "t", "columns", "run_id, s, ts, n, b",
                    "bookkeeping", ":run_id", "files", "['" + file + "']",
                    "csv_columns", "{'s': 'VARCHAR', 'ts': 'VARCHAR', 'n': 'BIGINT', 'b': 'BOOLEAN'}"));

    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute("SET TimeZone = 'Asia/Kolkata'");
      st.execute(
          "CREATE TABLE main.t (i INTEGER DEFAULT 0, run_id VARCHAR, s VARCHAR, ts TIMESTAMPTZ,"
              + " n BIGINT, b BOOLEAN)");
      Warehouse.execute(c, load, Map.of("run_id", "r1"));
      try (ResultSet rs =
          st.executeQuery(
              "SELECT s, s IS NULL, epoch_us(ts), n, b FROM main.t ORDER BY n DESC NULLS LAST")) {
        // n = 7
        rs.next();
        assertEquals("", rs.getString(1));
        assertEquals(false, rs.getBoolean(2));
        assertEquals(Instant.parse("2012-10-21T18:51:38.209973Z"), micros(rs.getLong(3)));
        assertEquals(true, rs.getBoolean(5));
        // n = 0
        rs.next();
        assertEquals("a \"q\", b\nc", rs.getString(1));
        assertEquals(Instant.parse("2016-07-13T16:30:03Z"), micros(rs.getLong(3)));
        assertEquals(false, rs.getBoolean(5));
        // n = -1
        rs.next();
        assertEquals("\\N", rs.getString(1));
        assertEquals(Instant.parse("1999-12-31T23:59:59.000001Z"), micros(rs.getLong(3)));
        rs.getBoolean(5);
        assertEquals(true, rs.wasNull());
        // all NULL
        rs.next();
        assertEquals(true, rs.getBoolean(2));
        rs.getLong(3);
        assertEquals(true, rs.wasNull());
        rs.getLong(4);
        assertEquals(true, rs.wasNull());
        assertEquals(false, rs.next());
      }
    }
  }

  private static Instant micros(long epochMicros) {
    return Instant.EPOCH.plus(epochMicros, java.time.temporal.ChronoUnit.MICROS);
  }
}
