package dev.techpulse.transforms.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import dev.techpulse.testing.snowflake.SnowflakeStandIn;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --checkWarehouse: on real DuckDB files, and on the Snowflake stand-in through the real
 * snowflake-jdbc driver, with a refused privilege.
 */
class WarehouseCheckTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

  @Test
  void freshDuckdbFile_passesEveryCheck_andLeavesNoScratchBehind() throws Exception {
    WarehouseConfig config = WarehouseConfig.duckdb(dir.resolve("w.duckdb").toString());

    List<WarehouseCheck.Result> results = WarehouseCheck.run(config, out);

    assertNull(WarehouseCheck.failure(results), printed.toString(StandardCharsets.UTF_8));
    List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(results.size(), lines.size(), "one line per check");
    assertEquals(
        List.of("connect", "create a table in staging", "create a table in mart", "spool a part",
            "load the part into staging", "merge staging into mart", "drop the table in staging",
            "drop the table in mart"),
        results.stream().map(WarehouseCheck.Result::check).toList());
    assertTrue(lines.stream().allMatch(l -> l.startsWith("ok    ")), lines.toString());
    assertFalse(Files.exists(Path.of(config.duckdbPath() + ".spool")), "spool folder removed");
    try (Connection c = Connections.open(config);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*) FROM information_schema.tables"
                    + " WHERE table_name LIKE 'techpulse_check_%'")) {
      rs.next();
      assertEquals(0, rs.getLong(1), "scratch tables dropped");
    } finally {
      Connections.release(config);
    }
  }

  @Test
  void unwritableSpoolFolder_failsThatCheck_namesIt_andSkipsWhatNeedsIt() throws Exception {
    WarehouseConfig config = WarehouseConfig.duckdb(dir.resolve("w.duckdb").toString());
    Files.writeString(Path.of(config.duckdbPath() + ".spool"), "a file where the folder goes");

    List<WarehouseCheck.Result> results = WarehouseCheck.run(config, out);

    String failure = WarehouseCheck.failure(results);
    assertEquals(
        "3 of 8 warehouse checks failed, first: spool a part: cannot write the spool folder "
            + config.duckdbPath() + ".spool",
        failure);
    String text = printed.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("FAIL  load the part into staging: not tried"), text);
    assertTrue(text.contains("ok    drop the table in mart"), "scratch still cleaned up: " + text);
  }

  /** The stand-in as an account set up by setup.sql: the spool stage exists. */
  private static SnowflakeStandIn account() throws Exception {
    SnowflakeStandIn sf = accountWithoutStage();
    try (Connection c = DriverManager.getConnection(sf.jdbcUrl(), sf.properties());
        Statement s = c.createStatement()) {
      s.execute("CREATE STAGE IF NOT EXISTS staging.techpulse_spool");
    }
    return sf;
  }

  /**
   * The schemas, and the session's context functions, which the stand-in (one DuckDB, no roles)
   * does not have: they answer what a Snowflake session with the driver's settings reports.
   */
  private static SnowflakeStandIn accountWithoutStage() throws Exception {
    SnowflakeStandIn sf = SnowflakeStandIn.start("TECHPULSE_LOADER", "s3cret");
    try (Connection c = DriverManager.getConnection(sf.jdbcUrl(), sf.properties());
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS staging");
      s.execute("CREATE SCHEMA IF NOT EXISTS mart");
    }
    try (Connection c = sf.duckdb();
        Statement s = c.createStatement()) {
      s.execute("CREATE MACRO current_role() AS 'TECHPULSE'");
      s.execute("CREATE MACRO current_warehouse() AS 'TECHPULSE_WH'");
      s.execute("CREATE OR REPLACE MACRO current_user() AS 'TECHPULSE_LOADER'");
    }
    return sf;
  }

  private static List<WarehouseCheck.Result> check(SnowflakeStandIn sf, PrintStream out) {
    Properties p = sf.properties();
    p.put("role", "TECHPULSE");
    p.put("warehouse", "TECHPULSE_WH");
    p.put("db", "TECHPULSE");
    return WarehouseCheck.run(
        WarehouseConfig.snowflake(), () -> DriverManager.getConnection(sf.jdbcUrl(), p), out);
  }

  @Test
  void snowflakeStandIn_throughTheRealDriver_passesEveryCheck_andLeavesNothingBehind()
      throws Exception {
    try (SnowflakeStandIn sf = account()) {
      List<WarehouseCheck.Result> results = check(sf, out);

      String text = printed.toString(StandardCharsets.UTF_8);
      assertNull(WarehouseCheck.failure(results), text);
      assertEquals(
          List.of("connect", "warehouse", "database", "create a table in staging",
              "create a table in mart", "put a part into stage STAGING.TECHPULSE_SPOOL",
              "load the part into staging", "merge staging into mart",
              "remove the part from stage STAGING.TECHPULSE_SPOOL", "drop the table in staging",
              "drop the table in mart"),
          results.stream().map(WarehouseCheck.Result::check).toList());
      assertTrue(sf.statements().stream().anyMatch(s -> s.startsWith("PUT ")), "a real PUT");
      assertEquals(List.of(), sf.stagedFiles("@staging.techpulse_spool"), "part removed");
      try (Connection c = sf.duckdb();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT count(*) FROM information_schema.tables"
                      + " WHERE table_name LIKE 'techpulse_check_%'")) {
        rs.next();
        assertEquals(0, rs.getLong(1), "scratch tables dropped");
      }
    }
  }

  @Test
  void snowflakeRoleWithoutWriteOnTheStage_failsThePut_namingRoleAndStage_exitsFailed()
      throws Exception {
    try (SnowflakeStandIn sf = account()) {
      sf.refuse(Pattern.compile("(?i)^PUT .*@staging\\.techpulse_spool"),
          "stage 'TECHPULSE_SPOOL'");

      List<WarehouseCheck.Result> results = check(sf, out);

      String text = printed.toString(StandardCharsets.UTF_8);
      assertTrue(
          text.contains("FAIL  put a part into stage STAGING.TECHPULSE_SPOOL: role TECHPULSE"
              + " lacks WRITE on stage STAGING.TECHPULSE_SPOOL (SQL access control error:"),
          text);
      assertEquals(
          "3 of 10 warehouse checks failed, first: put a part into stage"
              + " STAGING.TECHPULSE_SPOOL: role TECHPULSE lacks WRITE on stage"
              + " STAGING.TECHPULSE_SPOOL",
          WarehouseCheck.failure(results));
      assertTrue(text.contains("FAIL  merge staging into mart: not tried"), text);
      assertTrue(text.contains("ok    drop the table in mart"), "still cleaned up: " + text);
    }
  }

  @Test
  void snowflakeWithoutTheSpoolStage_saysToRunTheSetup() throws Exception {
    try (SnowflakeStandIn sf = accountWithoutStage()) {
      check(sf, out);

      String text = printed.toString(StandardCharsets.UTF_8);
      assertTrue(text.contains("FAIL  put a part into stage STAGING.TECHPULSE_SPOOL: stage"
          + " STAGING.TECHPULSE_SPOOL does not exist or role TECHPULSE lacks READ on it: run the"
          + " setup SQL"), text);
    }
  }
}
