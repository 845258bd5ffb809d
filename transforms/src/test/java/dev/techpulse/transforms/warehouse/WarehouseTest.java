package dev.techpulse.transforms.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.techpulse.schemas.DownloadCount;
import dev.techpulse.schemas.DownloadsCovered;
import dev.techpulse.schemas.PypiPackage;
import dev.techpulse.schemas.PypiVulnerability;
import dev.techpulse.schemas.Scorecard;
import dev.techpulse.schemas.SqlTemplate;
import dev.techpulse.schemas.WarehouseRow;
import dev.techpulse.schemas.WarehouseTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warehouse's SQL on a real DuckDB file: DDL, merges, replace-range, migrations, run lock. */
class WarehouseTest {
  static final LocalDate D1 = LocalDate.parse("2024-03-01");

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

  @Test
  void duckdbDdl_hasExactlyTheColumnsTheLoaderWrites() throws Exception {
    try (Connection c = warehouse.connect()) {
      for (WarehouseTable t : WarehouseTable.values()) {
        assertEquals(
            t.loadColumns(), columns(c, t.loadSchema(), t.tableName()), t.loadSchema() + "." + t);
        if (Warehouse.MERGED.contains(t)) {
          assertEquals(t.columns(), columns(c, "mart", t.tableName()), "mart." + t);
        }
      }
    }
  }

  @Test
  void snowflakeDdl_declaresTheSameColumnsAsDuckdb() {
    Map<String, List<String>> duck = ddlColumns(SqlTemplate.load("duckdb/ddl.sql"));
    Map<String, List<String>> snow = ddlColumns(SqlTemplate.load("snowflake/ddl.sql"));

    assertEquals(duck, snow);
    assertTrue(SqlTemplate.load("snowflake/ddl.sql").text().contains("topics VARIANT"));
    assertTrue(SqlTemplate.load("snowflake/ddl.sql").text().contains("TIMESTAMP_TZ(6)"));
  }

  @Test
  void snowflakeMigrations_bringTheSameColumnsAsDuckdbMigrations() {
    // given: each dialect's baseline DDL with its migrations' CREATE TABLE / ADD COLUMN applied
    Map<String, List<String>> duck = migratedColumns("duckdb");
    Map<String, List<String>> snow = migratedColumns("snowflake");

    // then: same tables, same columns in the same order, and what the loader writes
    assertEquals(duck, snow);
    for (WarehouseTable t : WarehouseTable.values()) {
      assertEquals(t.loadColumns(), snow.get(t.loadSchema() + "." + t.tableName()), t.name());
    }
    String v5 = SqlTemplate.load("snowflake/migrations/005_health_and_risk.sql").text();
    assertTrue(v5.contains("withdrawn_at TIMESTAMP_TZ(6)"), v5);
    assertTrue(v5.contains("merged_at TIMESTAMP_TZ(6)"), v5);
  }

  /** Tables and columns after the baseline and the migrations that add tables or columns. */
  static Map<String, List<String>> migratedColumns(String dialect) {
    Map<String, List<String>> tables = ddlColumns(SqlTemplate.load(dialect + "/ddl.sql"));
    Pattern add =
        Pattern.compile("ALTER TABLE (\\S+) ADD COLUMN IF NOT EXISTS (\\S+) ", Pattern.DOTALL);
    for (String file :
        SqlTemplate.load(dialect + "/migrations/index.txt").text().lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList()) {
      SqlTemplate migration = SqlTemplate.load(dialect + "/migrations/" + file);
      ddlColumns(migration).forEach(tables::putIfAbsent);
      for (SqlTemplate.Statement st : migration.statements()) {
        Matcher m = add.matcher(st.sql().strip() + " ");
        if (m.find()) {
          tables.get(m.group(1)).add(m.group(2));
        }
      }
    }
    return tables;
  }

  static PypiPackage pkg(String name) {
    return PypiPackage.create(name, "1.0", null, null, null, null, null, Instant.now());
  }

  static PypiVulnerability vuln(String pkg, String id) {
    return PypiVulnerability.create(pkg, id, "[]", null, null, "[]", null, "osv", null, "1.0");
  }

  List<String> vulnerabilities() throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = warehouse.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT package_name || ':' || vuln_id FROM mart.pypi_vulnerabilities ORDER BY 1")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void snowflakeMigrations_createTheSameColumnsAsDuckdb() {
    Warehouse snowflake = new Warehouse(WarehouseConfig.snowflake());
    assertEquals(warehouse.migrations(), snowflake.migrations());
    for (String file : warehouse.migrations()) {
      assertEquals(
          ddlColumns(SqlTemplate.load("duckdb/migrations/" + file)),
          ddlColumns(SqlTemplate.load("snowflake/migrations/" + file)),
          file);
    }
  }

  @Test
  void scorecardHistory_keepsEachEndDate_andAReRunOfADateReplacesItsRow() throws Exception {
    // given: runs ending 06-29 and 06-30, then 06-30 again with new figures
    LocalDate day29 = LocalDate.parse("2024-06-29");
    LocalDate day30 = LocalDate.parse("2024-06-30");
    scorecardRun("r1", day29, 100L);
    scorecardRun("r2", day30, 200L);

    // when
    scorecardRun("r3", day30, 300L);

    // then: one row per date, the re-run's figures for 06-30; the scorecard is the latest
    assertEquals(
        List.of("Pandas|2024-06-29|100", "Pandas|2024-06-30|300"),
        scorecards("mart.technology_scorecard_history"));
    assertEquals(List.of("Pandas|2024-06-30|300"), scorecards("mart.technology_scorecard"));
    assertEquals(
        3, scorecards("staging.technology_scorecard_history").size(), "staging keeps every run");
  }

  private void scorecardRun(String runId, LocalDate asOf, long downloads30d) throws Exception {
    Scorecard row =
        Scorecard.create(
            "Pandas", asOf, "2.2.2", null, 3L, 10L, downloads30d, 50L, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null);
    append(WarehouseTable.TECHNOLOGY_SCORECARD, runId, List.of(row));
    append(WarehouseTable.TECHNOLOGY_SCORECARD_HISTORY, runId, List.of(row));
    warehouse.mergeRun(runId);
  }

  private List<String> scorecards(String table) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = warehouse.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT technology, CAST(as_of_date AS VARCHAR), downloads_last_30d FROM " + table
                + " ORDER BY ALL")) {
      while (rs.next()) {
        out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getLong(3));
      }
    }
    return out;
  }

  @Test
  void vulnerabilities_gone_fromAFetchedDocument_leaveTheMart_otherPackagesKeepTheirs()
      throws Exception {
    // given: run 1 fetched both packages' documents
    append(WarehouseTable.PYPI_PACKAGES, "r1", List.of(pkg("aiohttp"), pkg("pandas")));
    append(
        WarehouseTable.PYPI_VULNERABILITIES,
        "r1",
        List.of(vuln("aiohttp", "GHSA-1"), vuln("aiohttp", "GHSA-2"), vuln("pandas", "PYSEC-9")));
    warehouse.mergeRun("r1");

    // when: run 2 fetched aiohttp only (pandas failed), whose document now lists GHSA-2 only;
    // run 3 fetched aiohttp again, whose document lists none
    append(WarehouseTable.PYPI_PACKAGES, "r2", List.of(pkg("aiohttp")));
    append(WarehouseTable.PYPI_VULNERABILITIES, "r2", List.of(vuln("aiohttp", "GHSA-2")));
    warehouse.mergeRun("r2");
    List<String> afterR2 = vulnerabilities();
    append(WarehouseTable.PYPI_PACKAGES, "r3", List.of(pkg("aiohttp")));
    warehouse.mergeRun("r3");
    warehouse.mergeRun("r3");

    // then
    assertEquals(List.of("aiohttp:GHSA-2", "pandas:PYSEC-9"), afterR2);
    assertEquals(List.of("pandas:PYSEC-9"), vulnerabilities());
  }

  @Test
  void httpCache_aDatedWindowFetchedUnderANewDate_replacesTheOlderWindow() throws Exception {
    // given: run 1 cached a repository and its issues since 06-01
    String repo = "https://api.github.com/repos/o/r";
    String older = repo + "/issues?state=all&since=2024-06-01T00:00:00Z&per_page=100";
    String newer = repo + "/issues?state=all&since=2024-06-02T00:00:00Z&per_page=100";
    Instant at = Instant.parse("2024-08-30T06:00:00Z");
    append(WarehouseTable.HTTP_CACHE, "r1", List.of(
        dev.techpulse.schemas.HttpCacheEntry.create(repo, "\"a\"", "{}", null, at),
        dev.techpulse.schemas.HttpCacheEntry.create(older, "\"b\"", "[]", null, at)));
    warehouse.mergeRun("r1");

    // when: the next day's run fetches the issues since 06-02 only
    append(WarehouseTable.HTTP_CACHE, "r2", List.of(
        dev.techpulse.schemas.HttpCacheEntry.create(newer, "\"c\"", "[]", null, at.plusSeconds(86400))));
    warehouse.mergeRun("r2");
    warehouse.mergeRun("r2");

    // then: one window per repository, the newest; other answers stay
    List<String> urls = new ArrayList<>();
    try (Connection c = warehouse.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT url FROM mart.http_cache ORDER BY url")) {
      while (rs.next()) {
        urls.add(rs.getString(1));
      }
    }
    assertEquals(List.of(repo, newer), urls);
  }

  @Test
  void sameRunMergedTwice_leavesTheSameMart() throws Exception {
    append(WarehouseTable.PYPI_DOWNLOADS, "r1", downloads("pandas", D1, 10, 100));
    append(WarehouseTable.PYPI_DOWNLOADS_COVERED, "r1", covered("pandas", D1, 10));
    warehouse.mergeRun("r1");
    List<String> once = mart();

    warehouse.mergeRun("r1");

    assertEquals(once, mart());
    assertEquals(10, once.size());
  }

  @Test
  void downloadKeysStayUnique_withoutAnIndex_whenRunsOverlapAndABundleWasStagedTwice()
      throws Exception {
    // given: a first run, then an overlapping run whose bundle was staged twice (a retry)
    append(WarehouseTable.PYPI_DOWNLOADS, "r1", downloads("pandas", D1, 10, 100));
    append(WarehouseTable.PYPI_DOWNLOADS_COVERED, "r1", covered("pandas", D1, 10));
    warehouse.mergeRun("r1");
    List<WarehouseRow> overlap = downloads("pandas", D1.plusDays(5), 10, 105);
    overlap.set(0, total("pandas", D1.plusDays(5), 555));
    append(WarehouseTable.PYPI_DOWNLOADS, "r2", overlap);
    append(WarehouseTable.PYPI_DOWNLOADS, "r2", overlap);
    append(WarehouseTable.PYPI_DOWNLOADS_COVERED, "r2", covered("pandas", D1.plusDays(5), 10));

    // when
    warehouse.mergeRun("r2");
    warehouse.mergeRun("r2");

    // then: one row per key, the overlap's values won, nothing before it changed
    List<String> rows = mart();
    assertEquals(15, rows.size(), rows.toString());
    assertEquals(rows.size(), rows.stream().map(r -> r.substring(0, r.lastIndexOf('|'))).distinct().count());
    assertTrue(rows.contains("pandas|2024-03-06|555"));
    assertTrue(rows.contains("pandas|2024-03-05|104"));
    assertTrue(rows.contains("pandas|2024-03-15|114"));
  }

  @Test
  void replaceRange_removesRowsGoneUpstream_andLeavesOtherRangesAndPackages() throws Exception {
    append(WarehouseTable.PYPI_DOWNLOADS, "r1", downloads("pandas", D1, 10, 100));
    append(WarehouseTable.PYPI_DOWNLOADS, "r1", downloads("duckdb", D1, 10, 7));
    append(WarehouseTable.PYPI_DOWNLOADS_COVERED, "r1", covered("pandas", D1, 10));
    append(WarehouseTable.PYPI_DOWNLOADS_COVERED, "r1", covered("duckdb", D1, 10));
    warehouse.mergeRun("r1");
    // Re-load days 4..6 of pandas only; upstream no longer lists day 5, and day 4 changed.
    List<WarehouseRow> reload = new ArrayList<>();
    reload.add(total("pandas", D1.plusDays(3), 999));
    reload.add(total("pandas", D1.plusDays(5), 105));
    append(WarehouseTable.PYPI_DOWNLOADS, "r2", reload);
    append(
        WarehouseTable.PYPI_DOWNLOADS_COVERED,
        "r2",
        List.of(DownloadsCovered.create("pandas", "pypistats", "total", D1.plusDays(3), D1.plusDays(5))));

    warehouse.mergeRun("r2");

    List<String> rows = mart();
    assertEquals(19, rows.size(), rows.toString());
    assertTrue(rows.contains("pandas|2024-03-04|999"));
    assertTrue(rows.stream().noneMatch(r -> r.startsWith("pandas|2024-03-05|")), "day 5 removed");
    assertTrue(rows.contains("pandas|2024-03-03|102"), "the day before the range untouched");
    assertTrue(rows.contains("pandas|2024-03-07|106"), "the day after the range untouched");
    assertEquals(10, rows.stream().filter(r -> r.startsWith("duckdb|")).count());
  }

  @Test
  void olderScorecard_doesNotOverwriteANewerOne() throws Exception {
    try (Connection c = warehouse.connect(); Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO staging.technology_scorecard (run_id, loaded_at, technology, as_of_date,"
              + " releases_last_365d) VALUES ('new', now(), 'Pandas', DATE '2024-06-30', 5),"
              + " ('old', now(), 'Pandas', DATE '2023-06-30', 1)");
    }
    warehouse.mergeRun("new");

    warehouse.mergeRun("old");

    try (Connection c = warehouse.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT CAST(as_of_date AS VARCHAR), releases_last_365d FROM mart.technology_scorecard")) {
      rs.next();
      assertEquals("2024-06-30", rs.getString(1));
      assertEquals(5, rs.getLong(2));
    }
  }

  @Test
  void previousSchemaVersion_isUpgradedInPlace_keepingItsRows() throws Exception {
    WarehouseConfig oldConfig = WarehouseConfig.duckdb(dir.resolve("v1.duckdb").toString());
    Warehouse old = new Warehouse(oldConfig);
    try (Connection c = old.connect(); Statement s = c.createStatement()) {
      for (SqlTemplate.Statement st : old.ddl().statements()) {
        s.execute(st.sql()); // version 1 only, as an earlier techpulse left it
      }
      s.execute(
          "INSERT INTO mart.pipeline_runs (run_id, started_at, status, start_date, end_date,"
              + " options) VALUES ('v1-run', now(), 'succeeded', DATE '2024-01-01',"
              + " DATE '2024-01-30', '{}')");
      // b was loaded into staging, then failed before its merge: not the history's
      s.execute(
          "INSERT INTO mart.pipeline_runs (run_id, started_at, status, start_date, end_date,"
              + " options) VALUES ('a', now(), 'succeeded', DATE '2024-01-01', DATE '2024-01-30',"
              + " '{}'), ('b', now(), 'failed', DATE '2024-01-01', DATE '2024-01-30', '{}'),"
              + " ('c', now(), 'succeeded', DATE '2024-01-02', DATE '2024-01-31', '{}')");
      s.execute(
          "INSERT INTO staging.technology_scorecard (run_id, loaded_at, technology, as_of_date,"
              + " releases_last_365d) VALUES"
              + " ('a', TIMESTAMPTZ '2024-01-30 10:00:00+00', 'Pandas', DATE '2024-01-30', 1),"
              + " ('b', TIMESTAMPTZ '2024-01-30 11:00:00+00', 'Pandas', DATE '2024-01-30', 2),"
              + " ('c', TIMESTAMPTZ '2024-01-31 10:00:00+00', 'Pandas', DATE '2024-01-31', 3)");
    }

    old.ensureSchema();
    old.ensureSchema();

    try (Connection c = old.connect(); Statement s = c.createStatement()) {
      assertTrue(columns(c, "mart", "pipeline_runs").containsAll(List.of("heartbeat_at", "notes")));
      try (ResultSet rs =
          s.executeQuery("SELECT run_id, status FROM mart.pipeline_runs WHERE run_id = 'v1-run'")) {
        rs.next();
        assertEquals("v1-run", rs.getString(1));
        assertEquals("succeeded", rs.getString(2));
      }
      try (ResultSet rs =
          s.executeQuery("SELECT list(version ORDER BY version) FROM mart.schema_migrations")) {
        rs.next();
        List<Integer> expected = new ArrayList<>(List.of(1));
        old.migrations().forEach(f -> expected.add(Integer.parseInt(f.substring(0, 3))));
        assertEquals(expected.toString(), rs.getString(1));
      }
      // the history starts from the scorecards earlier succeeded runs staged, the latest per date
      try (ResultSet rs =
          s.executeQuery(
              "SELECT list(CAST(as_of_date AS VARCHAR) || ':' || releases_last_365d"
                  + " ORDER BY as_of_date) FROM mart.technology_scorecard_history")) {
        rs.next();
        assertEquals("['2024-01-30:1', '2024-01-31:3']", rs.getString(1));
      }
      assertEquals(WarehouseTable.GITHUB_ISSUES.columns(), columns(c, "mart", "github_issues"));
      assertEquals(
          WarehouseTable.TECHNOLOGY_SCORECARD.loadColumns(),
          columns(c, "staging", "technology_scorecard"));
      assertEquals(
          WarehouseTable.PYPI_VULNERABILITIES.columns(),
          columns(c, "mart", "pypi_vulnerabilities"));
    } finally {
      Connections.release(oldConfig);
    }
    assertEquals(7, old.latestVersion());
  }

  @Test
  void secondLiveRun_isRefused_butAKilledRunIsMarkedFailed() throws Exception {
    // Snowflake has no file lock: liveness comes from heartbeats. The SQL is shared, so the
    // DuckDB file plays Snowflake here with the heartbeat rule.
    warehouse.startRun("first", D1, D1, "{}", Warehouse.STALE_AFTER);

    var refused =
        assertThrows(
            Warehouse.ConcurrentRunException.class,
            () -> warehouse.startRun("second", D1, D1, "{}", Warehouse.STALE_AFTER));
    assertTrue(refused.getMessage().contains("first"), refused.getMessage());

    try (Connection c = warehouse.connect(); Statement s = c.createStatement()) {
      s.execute(
          "UPDATE mart.pipeline_runs SET heartbeat_at = now() - INTERVAL 10 MINUTE"
              + " WHERE run_id = 'first'");
    }
    warehouse.startRun("third", D1, D1, "{}", Warehouse.STALE_AFTER);
    try (Connection c = warehouse.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT run_id, status FROM mart.pipeline_runs ORDER BY run_id")) {
      List<String> runs = new ArrayList<>();
      while (rs.next()) {
        runs.add(rs.getString(1) + ":" + rs.getString(2));
      }
      assertEquals(List.of("first:failed", "third:running"), runs);
    }
  }

  @Test
  void runVouchedForAhead_staysLivePastTheStaleWindow_andAFinishedRunIgnoresBeats()
      throws Exception {
    // given: a run submitted by a launcher that does not wait, its last beat long ago but
    // stamped ahead to cover the job's start
    warehouse.startRun("submitted", D1, D1, "{}", Warehouse.STALE_AFTER);
    try (Connection c = warehouse.connect(); Statement s = c.createStatement()) {
      s.execute(
          "UPDATE mart.pipeline_runs SET started_at = now() - INTERVAL 10 MINUTE"
              + " WHERE run_id = 'submitted'");
    }
    warehouse.heartbeatUntil("submitted", Instant.now().plus(java.time.Duration.ofMinutes(15)));

    // when / then: another run is refused, the live job is not marked failed
    assertThrows(
        Warehouse.ConcurrentRunException.class,
        () -> warehouse.startRun("next", D1, D1, "{}", Warehouse.STALE_AFTER));
    assertEquals("running", warehouse.runStatus("submitted"));

    // and: once the job records its end, neither a late beat nor a second finish changes it
    warehouse.finishRun("submitted", "succeeded", 5, 1, null);
    warehouse.heartbeat("submitted");
    warehouse.finishRun("submitted", "failed", 0, 0, null);
    try (Connection c = warehouse.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT status, rows_written, heartbeat_at > now() FROM mart.pipeline_runs")) {
      rs.next();
      assertEquals("succeeded", rs.getString(1));
      assertEquals(5, rs.getLong(2));
      assertTrue(rs.getBoolean(3), "the late beat did not touch the finished row");
    }
  }

  void append(WarehouseTable t, String runId, List<? extends WarehouseRow> rows) throws Exception {
    try (Connection c = warehouse.connect()) {
      warehouse.append(c, t, runId, Instant.now(), rows);
    }
  }

  static List<WarehouseRow> downloads(String pkg, LocalDate from, int days, long base) {
    List<WarehouseRow> rows = new ArrayList<>();
    for (int i = 0; i < days; i++) {
      rows.add(total(pkg, from.plusDays(i), base + i));
    }
    return rows;
  }

  static DownloadCount total(String pkg, LocalDate day, long n) {
    return DownloadCount.create(pkg, day, "total", "", n, "pypistats");
  }

  static List<WarehouseRow> covered(String pkg, LocalDate from, int days) {
    return List.of(
        DownloadsCovered.create(pkg, "pypistats", "total", from, from.plusDays(days - 1)));
  }

  List<String> mart() throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = warehouse.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT package_name, CAST(download_date AS VARCHAR), downloads"
                + " FROM mart.pypi_downloads ORDER BY ALL")) {
      while (rs.next()) {
        out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getLong(3));
      }
    }
    return out;
  }

  static List<String> columns(Connection c, String schema, String table) throws Exception {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = ?"
                + " AND table_name = ? ORDER BY ordinal_position")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  static Map<String, List<String>> ddlColumns(SqlTemplate ddl) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    Pattern table = Pattern.compile("CREATE TABLE IF NOT EXISTS (\\S+) \\(");
    for (SqlTemplate.Statement st : ddl.statements()) {
      Matcher m = table.matcher(st.sql());
      if (!m.find()) {
        continue;
      }
      List<String> cols = new ArrayList<>();
      for (String line : st.sql().split("\n")) {
        String l = line.strip();
        if (!l.startsWith("CREATE") && !l.startsWith("PRIMARY") && !l.startsWith(")")
            && !l.isEmpty()) {
          cols.add(l.split("\\s+")[0]);
        }
      }
      out.put(m.group(1), cols);
    }
    return out;
  }
}
