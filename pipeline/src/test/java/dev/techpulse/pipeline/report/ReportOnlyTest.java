package dev.techpulse.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.techpulse.pipeline.TechpulsePipeline;
import dev.techpulse.schemas.DownloadCount;
import dev.techpulse.schemas.DownloadsCovered;
import dev.techpulse.schemas.TechnologyRow;
import dev.techpulse.schemas.WarehouseTable;
import dev.techpulse.testing.WarehouseRun;
import dev.techpulse.transforms.warehouse.Connections;
import dev.techpulse.transforms.warehouse.Warehouse;
import dev.techpulse.transforms.warehouse.WarehouseConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --reportOnly}: a report from the warehouse alone; nothing fetched, nothing written. */
class ReportOnlyTest {
  @TempDir Path dir;

  record Outcome(int code, String out, String err) {}

  static Outcome run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        TechpulsePipeline.execute(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void help_listsTheReportOptions() {
    Outcome o = run("--help");

    assertTrue(o.out().contains("--report=VALUE"), o.out());
    assertTrue(o.out().contains("default: techpulse-report.html beside the DuckDB file"), o.out());
    assertTrue(o.out().contains("--reportOnly=true"), o.out());
  }

  @Test
  void missingWarehouseFile_isOneLineError_andCreatesNothing() {
    Path db = dir.resolve("none.duckdb");

    Outcome o = run("--reportOnly=true", "--duckdbPath=" + db, "--report=" + dir.resolve("r.html"));

    assertEquals(1, o.code());
    assertEquals("techpulse: error: no warehouse at " + db + ": run techpulse first\n", o.err());
    assertFalse(Files.exists(db));
    assertFalse(Files.exists(dir.resolve("r.html")));
  }

  @Test
  void warehouseWithNoRuns_isOneLineError() throws Exception {
    Path db = dir.resolve("empty.duckdb");
    WarehouseConfig config = WarehouseConfig.duckdb(db.toString());
    new Warehouse(config).ensureSchema();
    Connections.release(config);

    Outcome o = run("--reportOnly=true", "--duckdbPath=" + db, "--report=" + dir.resolve("r.html"));

    assertEquals(1, o.code(), o.out());
    assertEquals(
        "techpulse: error: this warehouse has no succeeded techpulse run to report: run techpulse"
            + " first\n",
        o.err());
  }

  @Test
  void reportOnly_writesTheReport_andNothingElse() throws Exception {
    // given: a warehouse with one run
    Path db = dir.resolve("w.duckdb");
    WarehouseConfig config = WarehouseConfig.duckdb(db.toString());
    LocalDate end = LocalDate.parse("2024-03-31");
    new WarehouseRun()
        .add(WarehouseTable.TECHNOLOGIES, TechnologyRow.create("Pandas", "pandas", null))
        .add(WarehouseTable.PYPI_DOWNLOADS, DownloadCount.create("pandas", end, "total", "", 5L, "pypistats"))
        .add(WarehouseTable.PYPI_DOWNLOADS_COVERED, DownloadsCovered.create("pandas", "pypistats", "total", end, end))
        .commit(new Warehouse(config), "r1", end, end, "{}", null);
    List<String> before = counts(config);
    Path report = dir.resolve("out/report.html");

    // when: no API URL points anywhere that answers
    Outcome o =
        run("--reportOnly=true", "--duckdbPath=" + db, "--report=" + report,
            "--pypiUrl=http://127.0.0.1:9", "--githubApiUrl=http://127.0.0.1:9");

    // then
    assertEquals(0, o.code(), o.err());
    assertEquals("", o.err());
    assertTrue(o.out().startsWith("techpulse: report " + report.toAbsolutePath()), o.out());
    String html = Files.readString(report);
    assertTrue(html.contains("Pandas") && html.contains("as of 2024-03-31"));
    assertEquals(before, counts(config), "no run recorded, no row written");
  }

  @Test
  void reportOnly_withReportTurnedOff_isABadOption() {
    Outcome o = run("--reportOnly=true", "--report=", "--duckdbPath=" + dir.resolve("x.duckdb"));

    assertEquals(2, o.code());
    assertEquals("techpulse: error: --reportOnly needs --report=FILE\n", o.err());
  }

  static List<String> counts(WarehouseConfig config) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = new Warehouse(config).connect(); Statement s = c.createStatement()) {
      for (String table : List.of("mart.pipeline_runs", "mart.schema_migrations", "staging.technologies",
          "mart.pypi_downloads", "mart.rejects")) {
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
          rs.next();
          out.add(table + "=" + rs.getLong(1));
        }
      }
    } finally {
      Connections.release(config);
    }
    return out;
  }
}
