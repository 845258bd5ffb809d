package dev.techpulse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line: --help, validation before any work, the Snowflake dry run. */
class CommandLineTest {
  @TempDir Path dir;

  record Outcome(int code, String out, String err) {}

  Outcome run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        TechpulsePipeline.execute(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void help_listsEveryContractOption_andExitsZero() {
    Outcome o = run("--help");

    assertEquals(0, o.code());
    for (String option :
        new String[] {
          "catalog", "packages", "startDate", "endDate", "downloadsSource", "warehouse",
          "duckdbPath", "pypiUrl", "githubApiUrl", "pypistatsUrl", "maxBytesBilled",
          "chunkDays", "pypiConcurrency", "pypistatsPerMinute", "githubConcurrency",
          "githubMaxWait", "dryRun", "checkWarehouse"
        }) {
      assertTrue(o.out().contains("--" + option + "="), option);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--startDate=2024-02-30|--startDate must be a date YYYY-MM-DD, not '2024-02-30'",
        "--startDate=2024-03-02 --endDate=2024-03-01|--endDate 2024-03-01 is before --startDate 2024-03-02",
        "--packages=pandas,not/valid|invalid package name 'not/valid'",
        "--catalog=/no/such/catalog.json|catalog file not found: /no/such/catalog.json",
        "--downloadsSource=csv|--downloadsSource must be pypistats, bigquery or none, not 'csv'",
        "--warehouse=postgres|--warehouse must be duckdb or snowflake, not 'postgres'",
        "--githubMaxWait=15m|--githubMaxWait must be an ISO-8601 duration",
        "--pypiConcurrency=0|--pypiConcurrency must be a positive number",
        "--pypiUrl=ftp://x|--pypiUrl must be an http(s) URL",
        "--downloadsSource=bigquery|--downloadsSource=bigquery needs --project",
        "--noSuchOption=1|missing a property named 'noSuchOption'"
      })
  void badOptions_failBeforeAnyWork_withOneLine(String args, String reason) {
    Path db = dir.resolve("never.duckdb");
    String[] argv = (args + " --duckdbPath=" + db).split(" ");

    Outcome o = run(argv);

    assertEquals(2, o.code());
    assertEquals(1, o.err().lines().count(), o.err());
    assertTrue(o.err().startsWith("techpulse: error: "), o.err());
    assertTrue(o.err().contains(reason), o.err());
    assertFalse(o.err().contains("\tat "), "no stack trace");
    assertFalse(Files.exists(db), "nothing written");
  }

  @Test
  void invalidNameInCatalog_isOneLineNamingTheEntry() throws Exception {
    Path catalog = dir.resolve("c.json");
    Files.writeString(
        catalog, "{\"technologies\": [{\"name\": \"X\", \"packages\": [\"ok\", \"bad name\"]}]}");

    Outcome o = run("--catalog=" + catalog);

    assertEquals(2, o.code());
    assertEquals(
        "techpulse: error: " + catalog + ": technologies[0]: invalid package name 'bad name'"
            + " (PEP 508: letters, digits, '.', '_', '-')",
        o.err().strip());
  }

  @Test
  void snowflakeDryRun_printsTheGoldenStatements_withoutConnecting() throws Exception {
    Outcome o =
        run(
            "--warehouse=snowflake", "--dryRun=true", "--packages=pandas,dbt-core",
            "--startDate=2024-01-01", "--endDate=2024-01-31");

    assertEquals(0, o.code(), o.err());
    String printed = o.out().substring(o.out().indexOf("-- dry run"));
    try (InputStream golden = getClass().getResourceAsStream("/golden/snowflake_dry_run.sql")) {
      String expected = new String(golden.readAllBytes(), StandardCharsets.UTF_8);
      if (!withoutClock(expected).equals(withoutClock(printed))) {
        // For review and to update the golden file when the change is intended.
        Files.writeString(Path.of("target/snowflake_dry_run.actual.sql"), printed);
      }
      assertEquals(withoutClock(expected), withoutClock(printed));
    }
  }

  @Test
  void checkWarehouse_onDuckdb_printsOneLinePerCheck_runsNothingElse_andExitsZero() {
    Path db = dir.resolve("w.duckdb");

    Outcome o = run("--checkWarehouse=true", "--duckdbPath=" + db);

    assertEquals(0, o.code(), o.out() + o.err());
    assertEquals("", o.err());
    assertEquals(8, o.out().lines().filter(l -> l.startsWith("ok    ")).count(), o.out());
    assertEquals(8, o.out().lines().count(), "nothing but the checks: " + o.out());
  }

  @Test
  void checkWarehouse_failing_exitsOne_withOneErrorLineAtTheEnd() throws Exception {
    Path db = dir.resolve("w.duckdb");
    Files.writeString(Path.of(db + ".spool"), "a file where the spool folder goes");

    Outcome o = run("--checkWarehouse=true", "--duckdbPath=" + db);

    assertEquals(1, o.code());
    assertTrue(o.out().contains("FAIL  spool a part: cannot write the spool folder"), o.out());
    assertEquals(
        "techpulse: error: 3 of 8 warehouse checks failed, first: spool a part: cannot write the"
            + " spool folder " + db + ".spool",
        o.err().strip());
  }

  @Test
  void checkWarehouse_onSnowflakeWithoutAccount_failsConnectNamingTheVariable() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        System.getenv("SNOWFLAKE_ACCOUNT") == null, "a Snowflake account is configured here");

    Outcome o = run("--warehouse=snowflake", "--checkWarehouse=true");

    assertEquals(1, o.code());
    assertEquals(
        "FAIL  connect: cannot connect: Snowflake needs SNOWFLAKE_ACCOUNT (or SNOWFLAKE_URL) in the"
            + " environment",
        o.out().strip());
    assertEquals(
        "techpulse: error: 1 of 1 warehouse checks failed, first: connect: cannot connect:"
            + " Snowflake needs SNOWFLAKE_ACCOUNT (or SNOWFLAKE_URL) in the environment",
        o.err().strip());
  }

  /** The dry run binds the time it runs at, as a run would. */
  private static String withoutClock(String sql) {
    return sql.replaceAll("'\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6} \\+00:00'", "'NOW'");
  }

  @Test
  void unreachableSources_failFastWithOneLine() {
    Path db = dir.resolve("w.duckdb");

    Outcome o =
        run(
            "--packages=pandas", "--duckdbPath=" + db,
            "--pypiUrl=http://127.0.0.1:9", "--githubApiUrl=http://127.0.0.1:9",
            "--pypistatsUrl=http://127.0.0.1:9");

    assertEquals(1, o.code());
    assertEquals(1, o.err().lines().count(), o.err());
    assertTrue(o.err().startsWith("techpulse: error: no source is reachable"), o.err());
  }
}
