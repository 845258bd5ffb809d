package dev.techpulse.transforms.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.techpulse.schemas.DownloadCount;
import dev.techpulse.schemas.WarehouseTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spooled parts on a real DuckDB file: what becomes visible, what is loaded, what is cleared. */
class RunSpoolTest {
  @TempDir Path dir;
  WarehouseConfig config;
  Warehouse warehouse;

  @BeforeEach
  void open() throws Exception {
    config = WarehouseConfig.duckdb(dir.resolve("w.duckdb").toString());
    warehouse = new Warehouse(config);
    warehouse.ensureSchema();
  }

  @AfterEach
  void close() {
    Connections.release(config);
  }

  static DownloadCount row(String pkg, int day, long n) {
    return DownloadCount.create(pkg, LocalDate.of(2025, 1, day), "total", "", n, "pypistats");
  }

  @Test
  void onlyCommittedParts_areLoaded_inOneStatementPerTable() throws Exception {
    // given: two committed parts and one whose bundle failed before committing
    RunSpool spool = RunSpool.of(config, "run-1");
    try (RunSpool.Part a = spool.open(WarehouseTable.PYPI_DOWNLOADS, Instant.now())) {
      a.write(row("pandas", 1, 10));
      a.write(row("pandas", 2, 20));
      a.commit();
    }
    try (RunSpool.Part b = spool.open(WarehouseTable.PYPI_DOWNLOADS, Instant.now())) {
      b.write(row("duckdb", 1, 5));
      b.commit();
    }
    try (RunSpool.Part failed = spool.open(WarehouseTable.PYPI_DOWNLOADS, Instant.now())) {
      failed.write(row("lost", 1, 99));
    }

    // when
    List<WarehouseTable> loaded = warehouse.loadSpool("run-1");

    // then
    assertEquals(List.of(WarehouseTable.PYPI_DOWNLOADS), loaded);
    try (Connection c = warehouse.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT string_agg(package_name || ':' || downloads, ',' ORDER BY package_name,"
                    + " downloads), count(DISTINCT loaded_at), min(run_id)"
                    + " FROM staging.pypi_downloads")) {
      rs.next();
      assertEquals("duckdb:5,pandas:10,pandas:20", rs.getString(1));
      assertEquals(1, rs.getLong(2), "one load, one loaded_at");
      assertEquals("run-1", rs.getString(3));
    }
    assertFalse(Files.exists(Path.of(config.duckdbPath() + ".spool")), "loaded parts are deleted");
  }

  @Test
  void emptyPart_leavesNothing_andAbandonedRunsAreCleared() throws Exception {
    // given: an empty part of one run, a committed part of a run that was killed
    RunSpool live = RunSpool.of(config, "live");
    try (RunSpool.Part empty = live.open(WarehouseTable.PYPI_PACKAGES, Instant.now())) {
      empty.commit();
    }
    RunSpool killed = RunSpool.of(config, "killed");
    try (RunSpool.Part part = killed.open(WarehouseTable.PYPI_DOWNLOADS, Instant.now())) {
      part.write(row("pandas", 1, 10));
      part.commit();
    }
    assertTrue(Files.isDirectory(Path.of(config.duckdbPath() + ".spool", "killed")));

    // when
    warehouse.clearAbandonedSpools();

    // then
    assertFalse(Files.exists(Path.of(config.duckdbPath() + ".spool")));
    assertEquals(List.of(), warehouse.loadSpool("killed"));
  }
}
