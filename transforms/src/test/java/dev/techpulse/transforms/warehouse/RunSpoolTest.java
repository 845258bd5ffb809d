package dev.techpulse.transforms.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

/** Spooled parts on a real DuckDB file: what is loaded, what a retry leaves, what is cleared. */
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

  private String committed(RunSpool spool, DownloadCount... rows) throws Exception {
    try (RunSpool.Part part = spool.open(WarehouseTable.PYPI_DOWNLOADS, Instant.now())) {
      for (DownloadCount r : rows) {
        part.write(r);
      }
      return part.commit();
    }
  }

  private String staged() throws Exception {
    try (Connection c = warehouse.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT string_agg(package_name || ':' || downloads, ',' ORDER BY package_name,"
                    + " downloads), count(DISTINCT loaded_at), min(run_id)"
                    + " FROM staging.pypi_downloads")) {
      rs.next();
      return rs.getString(1) + " loads=" + rs.getLong(2) + " run=" + rs.getString(3);
    }
  }

  @Test
  void onlyListedParts_areLoaded_andARetriedLoadLeavesTheSameRows() throws Exception {
    // given: two listed parts, a committed part nobody listed (its bundle failed after committing
    // it) and a part whose bundle failed before committing
    RunSpool spool = RunSpool.of(config, "run-1");
    String a = committed(spool, row("pandas", 1, 10), row("pandas", 2, 20));
    String b = committed(spool, row("duckdb", 1, 5));
    committed(spool, row("stray", 1, 77));
    try (RunSpool.Part failed = spool.open(WarehouseTable.PYPI_DOWNLOADS, Instant.now())) {
      failed.write(row("lost", 1, 99));
    }

    // when: loaded, then loaded again as a retried commit step would
    try (Connection c = warehouse.connect()) {
      spool.load(c, WarehouseTable.PYPI_DOWNLOADS, List.of(a, b), true);
      String once = staged();
      spool.load(c, WarehouseTable.PYPI_DOWNLOADS, List.of(a, b), true);

      // then
      assertEquals("duckdb:5,pandas:10,pandas:20 loads=1 run=run-1", once);
      assertEquals(once.replaceAll("loads=\\d+", ""), staged().replaceAll("loads=\\d+", ""));
      spool.clear(c);
    }
    assertFalse(Files.exists(Path.of(config.duckdbPath() + ".spool")), "cleared parts are gone");
  }

  @Test
  void partNamesNotTechpulses_areRefusedBeforeAnySql() {
    RunSpool spool = RunSpool.of(config, "run-1");

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> spool.loadSql(WarehouseTable.PYPI_DOWNLOADS, List.of("../../etc/passwd")));
    assertTrue(e.getMessage().contains("not a spool part name"), e.getMessage());
  }

  @Test
  void emptyPart_hasNoName_andAbandonedRunsAreCleared() throws Exception {
    // given: an empty part of one run, a committed part of a run that was killed
    RunSpool live = RunSpool.of(config, "live");
    try (RunSpool.Part empty = live.open(WarehouseTable.PYPI_PACKAGES, Instant.now())) {
      assertNull(empty.commit());
    }
    RunSpool killed = RunSpool.of(config, "killed");
    committed(killed, row("pandas", 1, 10));
    assertTrue(Files.isDirectory(Path.of(config.duckdbPath() + ".spool", "killed")));

    // when
    warehouse.clearAbandonedSpools();

    // then
    assertFalse(Files.exists(Path.of(config.duckdbPath() + ".spool")));
    assertFalse(Files.exists(Path.of(config.duckdbPath() + ".spool", "killed")));
  }
}
