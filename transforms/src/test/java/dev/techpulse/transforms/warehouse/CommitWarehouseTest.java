package dev.techpulse.transforms.warehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.techpulse.schemas.PypiPackage;
import dev.techpulse.schemas.Reject;
import dev.techpulse.schemas.WarehouseRowCoder;
import dev.techpulse.schemas.WarehouseTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit inside the job, on the DirectRunner and a real DuckDB file. */
class CommitWarehouseTest {
  static final LocalDate START = LocalDate.parse("2024-01-01");
  static final Instant AT = Instant.parse("2024-02-01T10:00:00Z");

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

  static PypiPackage pkg(String name) {
    return PypiPackage.create(name, "1.0", "s", null, null, null, null, AT);
  }

  static RunSpec run(String id) {
    return new RunSpec(id, START, "none");
  }

  @Test
  void jobAlone_loadsMergesAndFinishesItsRun_butNeverAStrayPart() throws Exception {
    // given: a started run, and a committed part no bundle of the job will ever emit (as a bundle
    // that committed it and then failed would leave)
    warehouse.startRun("r1", START, START, "{}");
    String stray;
    try (RunSpool.Part part = RunSpool.of(config, "r1").open(WarehouseTable.PYPI_PACKAGES, AT)) {
      part.write(pkg("stray"));
      stray = part.commit();
    }
    assertTrue(Files.exists(RunSpool.of(config, "r1").tableFolder(WarehouseTable.PYPI_PACKAGES).resolve(stray)));

    // when: the pipeline runs, with nothing after run().waitUntilFinish()
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    PCollectionTuple tables = PCollectionTuple.empty(p);
    tables =
        WriteWarehouse.with(
            tables,
            WarehouseTable.PYPI_PACKAGES,
            p.apply("Packages", Create.of(pkg("pandas"), pkg("duckdb"))
                .withCoder(WarehouseRowCoder.of(PypiPackage.class))));
    tables =
        WriteWarehouse.with(
            tables,
            WarehouseTable.REJECTS,
            p.apply("Rejects", Create.of(Reject.create("pypi", "nope", "404 unknown package", null, AT))
                .withCoder(WarehouseRowCoder.of(Reject.class))));
    WriteWarehouse.writeAndCommit(tables, config, run("r1"));
    p.run().waitUntilFinish();

    // then
    assertEquals(
        List.of(List.of("duckdb"), List.of("pandas")),
        rows("SELECT package_name FROM staging.pypi_packages ORDER BY 1"));
    assertEquals(
        List.of(List.of("duckdb"), List.of("pandas")),
        rows("SELECT package_name FROM mart.pypi_packages ORDER BY 1"));
    assertEquals(
        List.of(List.of("succeeded", 2L, 1L, true)),
        rows("SELECT status, rows_written, rejects, finished_at IS NOT NULL FROM mart.pipeline_runs"));
    assertFalse(Files.exists(Path.of(config.duckdbPath() + ".spool", "r1")), "parts cleared");
  }

  @Test
  void runNeverStarted_failsTheJobInOneLine_andLoadsNothing() throws Exception {
    // given: parts of a run no launcher recorded (a job from a classic template)
    List<KV<String, String>> parts = spool("orphan", "pandas");

    // when
    Exception e =
        org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> commit("orphan", parts));

    // then
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    assertTrue(root.getMessage().startsWith("run orphan was never started"), root.getMessage());
    assertFalse(root.getMessage().contains("\n"));
    assertEquals(List.of(), rows("SELECT package_name FROM staging.pypi_packages"));
    assertEquals(List.of(), rows("SELECT package_name FROM mart.pypi_packages"));
    assertEquals(List.of(), rows("SELECT run_id FROM mart.pipeline_runs"));
  }

  @Test
  void answerCache_isCommittedByItsOwnBranch_beforeTheRunFinishes() throws Exception {
    // given: a started run whose parts include the answer cache's
    warehouse.startRun("r3", START, START, "{}");
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    PCollectionTuple tables = PCollectionTuple.empty(p);
    tables =
        WriteWarehouse.with(
            tables,
            WarehouseTable.PYPI_PACKAGES,
            p.apply("Packages", Create.of(pkg("pandas")).withCoder(WarehouseRowCoder.of(PypiPackage.class))));
    tables =
        WriteWarehouse.with(
            tables,
            WarehouseTable.HTTP_CACHE,
            p.apply(
                "Answers",
                Create.of(
                        dev.techpulse.schemas.HttpCacheEntry.create(
                            "https://pypi.org/pypi/pandas/json", "\"e1\"", "{\"info\": {}}", null, AT))
                    .withCoder(WarehouseRowCoder.of(dev.techpulse.schemas.HttpCacheEntry.class))));
    WriteWarehouse.writeAndCommit(tables, config, run("r3"));

    // when
    org.apache.beam.sdk.PipelineResult result = p.run();
    result.waitUntilFinish();

    // then: the cache's branch loaded and merged only the cache, the main one every other table
    assertEquals(1L, counter(result, "cache_tables_merged"));
    assertEquals(1L, counter(result, "cache_parts_loaded"));
    assertEquals(Warehouse.MERGED.size() - 1L, counter(result, "commit_tables_merged"));
    assertEquals(
        List.of(List.of("https://pypi.org/pypi/pandas/json", "\"e1\"")),
        rows("SELECT url, etag FROM mart.http_cache"));
    assertEquals(List.of(List.of("pandas")), rows("SELECT package_name FROM mart.pypi_packages"));
    assertEquals(List.of(List.of("succeeded")), rows("SELECT status FROM mart.pipeline_runs"));
  }

  private static long counter(org.apache.beam.sdk.PipelineResult result, String name) {
    long sum = 0;
    for (org.apache.beam.sdk.metrics.MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                org.apache.beam.sdk.metrics.MetricsFilter.builder()
                    .addNameFilter(org.apache.beam.sdk.metrics.MetricNameFilter.named("techpulse", name))
                    .build())
            .getCounters()) {
      sum += c.getAttempted();
    }
    return sum;
  }

  @Test
  void commitTwice_leavesIdenticalTables() throws Exception {
    // given: a run whose parts exist
    warehouse.startRun("r2", START, START, "{}");
    List<KV<String, String>> parts = spool("r2", "pandas", "duckdb");

    // when
    commit("r2", parts);
    Map<String, List<List<Object>>> once = snapshot();
    commit("r2", parts);

    // then
    assertEquals(once, snapshot());
    assertEquals(List.of(List.of("succeeded", 2L)), rows("SELECT status, rows_written FROM mart.pipeline_runs"));
  }

  @Test
  void commitRetriedAfterItsLoadAndMerge_equalsOneCleanCommit() throws Exception {
    // given: the first attempt loaded and merged, then died before recording the run's end
    warehouse.startRun("r3", START, START, "{}");
    List<KV<String, String>> parts = spool("r3", "pandas", "duckdb");
    RunSpool spool = RunSpool.of(config, "r3");
    try (Connection c = warehouse.connect()) {
      spool.load(c, WarehouseTable.PYPI_PACKAGES, names(parts, WarehouseTable.PYPI_PACKAGES), true);
      spool.load(c, WarehouseTable.REJECTS, names(parts, WarehouseTable.REJECTS), true);
    }
    warehouse.mergeRun("r3");

    // when: the commit runs again, whole
    commit("r3", parts);

    // then: no staged row or reject twice, and the run's end recorded
    assertEquals(List.of(List.of(2L)), rows("SELECT count(*) FROM staging.pypi_packages"));
    assertEquals(List.of(List.of(1L)), rows("SELECT count(*) FROM mart.rejects"));
    assertEquals(
        List.of(List.of("succeeded", 2L, 1L)),
        rows("SELECT status, rows_written, rejects FROM mart.pipeline_runs"));
  }

  private static List<String> names(List<KV<String, String>> parts, WarehouseTable table) {
    return parts.stream().filter(kv -> kv.getKey().equals(table.tableName())).map(KV::getValue).toList();
  }

  /** Spools one part per package and one reject part, as the job's bundles would. */
  private List<KV<String, String>> spool(String runId, String... packages) throws Exception {
    RunSpool spool = RunSpool.of(config, runId);
    List<KV<String, String>> parts = new ArrayList<>();
    for (String name : packages) {
      try (RunSpool.Part part = spool.open(WarehouseTable.PYPI_PACKAGES, AT)) {
        part.write(pkg(name));
        parts.add(KV.of(WarehouseTable.PYPI_PACKAGES.tableName(), part.commit()));
      }
    }
    try (RunSpool.Part part = spool.open(WarehouseTable.REJECTS, AT)) {
      part.write(Reject.create("pypi", "nope", "404", null, AT));
      parts.add(KV.of(WarehouseTable.REJECTS.tableName(), part.commit()));
    }
    return parts;
  }

  private void commit(String runId, List<KV<String, String>> parts) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
    CommitWarehouse.split(p.apply("Parts", Create.of(parts).withCoder(WriteWarehouse.PART_CODER)))
        .apply("CommitWarehouse", new CommitWarehouse(config, run(runId)));
    p.run().waitUntilFinish();
  }

  private Map<String, List<List<Object>>> snapshot() throws Exception {
    Map<String, List<List<Object>>> out = new LinkedHashMap<>();
    for (WarehouseTable t : WarehouseTable.values()) {
      out.put(t.loadSchema() + "." + t, rows("SELECT * FROM " + t.loadSchema() + "." + t.tableName() + " ORDER BY ALL"));
      if (Warehouse.MERGED.contains(t)) {
        out.put("mart." + t, rows("SELECT * FROM mart." + t.tableName() + " ORDER BY ALL"));
      }
    }
    out.put("runs", rows("SELECT * FROM mart.pipeline_runs ORDER BY ALL"));
    return out;
  }

  private List<List<Object>> rows(String sql) throws Exception {
    List<List<Object>> out = new ArrayList<>();
    try (Connection c = warehouse.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object v = rs.getObject(i);
          row.add(v == null ? "NULL" : v instanceof Number n && !(v instanceof Long) ? n.longValue() : v instanceof Boolean ? v : v instanceof Long ? v : v.toString());
        }
        out.add(row);
      }
    }
    return out;
  }
}
