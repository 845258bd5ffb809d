package dev.techpulse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.techpulse.schemas.SqlTemplate;
import dev.techpulse.schemas.WarehouseTable;
import dev.techpulse.transforms.warehouse.RecordingSnowflake;
import dev.techpulse.transforms.warehouse.RunSpool;
import dev.techpulse.transforms.warehouse.Warehouse;
import dev.techpulse.transforms.warehouse.WarehouseCheck;
import dev.techpulse.transforms.warehouse.WarehouseConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every statement techpulse sends to Snowflake, recorded from the real warehouse code with its
 * binds written in, parses with sqlfluff's Snowflake grammar (a grammar nobody here wrote), and
 * the dry run prints each of them.
 */
class SnowflakeGrammarTest {
  /**
   * Valid Snowflake that sqlfluff 1.4.5 (Debian 12) cannot parse, by name: a pattern of the
   * statement's beginning. Nothing else may fail, and a gap that parses again must be removed.
   */
  static final Map<String, String> KNOWN_GAPS =
      Map.of(
          "ALTER TABLE ... ADD COLUMN IF NOT EXISTS (migrations 002 and 005)",
          "ALTER TABLE (staging|mart)\\.[a-z_]+ ADD COLUMN IF NOT EXISTS [a-z_0-9]+ ");

  /** Reads only the launcher's summary sends; the dry run does not print them. */
  private static final Set<String> NOT_PRINTED =
      Set.of("SELECT version FROM mart.schema_migrations");

  private static final String RUN_ID = DryRun.RUN_ID;
  private static final LocalDate START = LocalDate.parse("2024-01-01");
  private static final LocalDate END = LocalDate.parse("2024-01-31");
  private static final String[] DRY_RUN = {
    "--warehouse=snowflake", "--dryRun=true", "--packages=pandas,dbt-core",
    "--startDate=" + START, "--endDate=" + END
  };

  @TempDir Path dir;

  @Test
  void everyStatementARunSends_parsesAsSnowflake_exceptTheNamedGrammarGaps() throws Exception {
    List<RecordingSnowflake.Sent> sent = new ArrayList<>(recordRun());
    sent.addAll(recordSummary());
    sent.addAll(recordCheck());
    Map<String, String> statements = new LinkedHashMap<>();
    for (RecordingSnowflake.Sent s : sent) {
      String sql = InlineBinds.inline(s.sql(), s.binds(), WarehouseConfig.Dialect.SNOWFLAKE);
      statements.putIfAbsent(sql, sql);
    }
    assertSends(statements.keySet(), "CREATE TABLE IF NOT EXISTS staging.", "CREATE TABLE IF NOT"
        + " EXISTS mart.", "INSERT INTO mart.schema_migrations", "INSERT INTO mart.pipeline_runs",
        "UPDATE mart.pipeline_runs", "PUT 'file://", "COPY INTO staging.", "COPY INTO mart.rejects",
        "REMOVE @", "MERGE INTO mart.", "SELECT url, etag, body, link, fetched_at",
        "SELECT CURRENT_USER()", "CREATE TABLE staging.techpulse_check_",
        "PUT 'file://", "COPY INTO staging.techpulse_check_", "MERGE INTO mart.techpulse_check_",
        "REMOVE @staging.techpulse_spool/check-", "DROP TABLE IF EXISTS mart.techpulse_check_");
    reportStatements().forEach(sql -> statements.put(sql, sql));
    SqlTemplate setup = SqlTemplate.load("snowflake/setup.sql");
    for (int i = 0; i < setup.statements().size(); i++) {
      statements.put("setup.sql #" + (i + 1), setup.statements().get(i).sql());
    }

    Map<String, String> unparsable = Sqlfluff.unparsable(statements, dir);

    assertOnlyKnownGaps(statements, unparsable);
  }

  @Test
  void snowflakeDryRun_printsEveryStatementARunSends_andEachParses() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        TechpulsePipeline.execute(
            DRY_RUN, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertEquals(0, code);
    List<String> printed = printedStatements(out.toString(StandardCharsets.UTF_8));

    Set<String> shapes = new TreeSet<>();
    printed.forEach(s -> shapes.add(shape(s)));
    Set<String> missing = new TreeSet<>();
    for (RecordingSnowflake.Sent s : recordRun()) {
      String sql = InlineBinds.inline(s.sql(), s.binds(), WarehouseConfig.Dialect.SNOWFLAKE);
      if (!NOT_PRINTED.contains(sql) && !shapes.contains(shape(sql))) {
        missing.add(sql);
      }
    }
    assertEquals(Set.of(), missing, "sent by a run but not printed by the dry run");

    Map<String, String> statements = new LinkedHashMap<>();
    for (String s : printed) {
      statements.putIfAbsent(s, s);
    }
    assertOnlyKnownGaps(statements, Sqlfluff.unparsable(statements, dir));
  }

  @Test
  void readme_givesTheSetupSqlThisTestParses_verbatim() throws Exception {
    String readme = java.nio.file.Files.readString(Path.of("..", "README.md"));
    String setup = SqlTemplate.load("snowflake/setup.sql").text();

    assertTrue(readme.contains("```sql\n" + setup + "```\n"),
        "README.md's Snowflake section must hold snowflake/setup.sql verbatim");
  }

  /** What one whole run sends, through the real warehouse code, in order. */
  private static List<RecordingSnowflake.Sent> recordRun() throws Exception {
    WarehouseConfig config = WarehouseConfig.snowflake();
    return RecordingSnowflake.record(
        () -> {
          Warehouse w = new Warehouse(config);
          w.ensureSchema();
          w.startRun(RUN_ID, START, END, "{\"warehouse\":\"snowflake\"}");
          w.clearAbandonedSpools();
          RunSpool spool = RunSpool.of(config, RUN_ID);
          SqlTemplate.Statement cacheRead =
              SqlTemplate.load("common/http_cache_read.sql").statements().get(0);
          try (Connection c = w.connect();
              PreparedStatement ps = c.prepareStatement(cacheRead.sql())) {
            // What ReadHttpCache's JdbcIO read sends, once per API.
            for (int i = 1; i <= cacheRead.parameters().size(); i++) {
              ps.setString(i, "https://pypi.org/");
            }
            ps.executeQuery().close();
          }
          Instant loadedAt = Instant.parse("2024-02-01T06:00:00Z");
          Map<WarehouseTable, String> parts = new LinkedHashMap<>();
          for (WarehouseTable t : WarehouseTable.values()) {
            try (RunSpool.Part part = spool.open(t, loadedAt)) {
              part.write(Collections.nCopies(t.columns().size(), null));
              parts.put(t, part.commit());
            }
          }
          w.heartbeat(RUN_ID);
          // CommitWarehouse's steps, in order.
          w.runStatus(RUN_ID);
          try (Connection c = w.connect()) {
            for (Map.Entry<WarehouseTable, String> e : parts.entrySet()) {
              spool.load(c, e.getKey(), List.of(e.getValue()), true);
            }
          }
          w.mergeRun(RUN_ID);
          dev.techpulse.transforms.warehouse.RunOutcome.read(
              w, new dev.techpulse.transforms.warehouse.RunSpec(RUN_ID, START, "pypistats"));
          w.finishRun(RUN_ID, "succeeded", 0, 0, "{\"uncovered_download_days\": \"x\"}");
          try (Connection c = w.connect()) {
            spool.clear(c);
          }
        });
  }

  /**
   * What the report sends after a run (and {@code --reportOnly}): its session statement and every
   * query of {@code common/report/}, filled as {@code ReportData} fills them.
   */
  static List<String> reportStatements() throws Exception {
    List<String> out = new ArrayList<>();
    SqlTemplate.load("snowflake/report/session.sql").statements().forEach(s -> out.add(s.sql()));
    Map<String, Object> values =
        Map.of(
            "run_id", RUN_ID,
            "as_of", END,
            "from_date", END.minusDays(89),
            "mean_from", END.minusDays(95),
            "split_from", END.minusDays(90),
            "weeks_from", END.minusDays(363),
            "year_from", END.minusDays(364));
    try (java.util.stream.Stream<Path> files =
        java.nio.file.Files.list(
            Path.of("..", "schemas", "src", "main", "resources", "dev", "techpulse", "sql",
                "common", "report"))) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString().replace(".sql", "");
        if (name.equals("run_technologies")) {
          continue; // a fragment, inlined into the others
        }
        for (SqlTemplate.Statement st :
            dev.techpulse.transforms.report.ReportQueries.template(name).statements()) {
          List<Object> bound = new ArrayList<>();
          for (String p : st.parameters()) {
            assertTrue(values.containsKey(p), name + ": no sample value for :" + p);
            bound.add(values.get(p));
          }
          out.add(InlineBinds.inline(st.sql(), bound, WarehouseConfig.Dialect.SNOWFLAKE));
        }
      }
    }
    assertTrue(out.size() >= 12, "report statements: " + out.size());
    return out;
  }

  /** What the launcher's summary reads after the merges. */
  private static List<RecordingSnowflake.Sent> recordSummary() throws Exception {
    TechpulseOptions options =
        PipelineOptionsFactory.fromArgs(DRY_RUN).as(TechpulseOptions.class);
    RunPlan plan = RunPlan.from(options);
    return RecordingSnowflake.record(
        () ->
            Summary.read(
                new Warehouse(WarehouseConfig.snowflake()), RUN_ID, plan, Instant.now(),
                new org.apache.beam.sdk.metrics.MetricResults() {
                  @Override
                  public org.apache.beam.sdk.metrics.MetricQueryResults queryMetrics(
                      org.apache.beam.sdk.metrics.MetricsFilter filter) {
                    return org.apache.beam.sdk.metrics.MetricQueryResults.create(
                        List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
                  }
                }));
  }

  /** What {@code --checkWarehouse=true} sends when every check passes. */
  private static List<RecordingSnowflake.Sent> recordCheck() throws Exception {
    List<RecordingSnowflake.Sent> sent =
        RecordingSnowflake.record(
            Map.of(
                "SELECT CURRENT_USER()", List.of("TECHPULSE_LOADER", "TECHPULSE", "WH", "DB"),
                "SELECT count(*), coalesce(sum(n), 0)", List.of(2L, 3L)),
            () -> {
              List<WarehouseCheck.Result> results =
                  WarehouseCheck.run(WarehouseConfig.snowflake(), new PrintStream(
                      new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
              assertEquals(null, WarehouseCheck.failure(results));
            });
    return sent;
  }

  /** The dry run's statements: its lines between {@code ;} lines, comments left out. */
  static List<String> printedStatements(String output) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : output.substring(output.indexOf("-- dry run")).split("\n", -1)) {
      if (line.strip().equals(";")) {
        if (!current.toString().isBlank()) {
          out.add(current.toString().strip());
        }
        current.setLength(0);
      } else if (!line.strip().startsWith("--")) {
        current.append(line).append('\n');
      }
    }
    assertTrue(current.toString().isBlank(), "text after the last statement: " + current);
    return out;
  }

  /** A statement without its literal values (ids, times, paths differ between runs). */
  private static String shape(String sql) {
    return sql.replaceAll("'(?:[^']|'')*'|\\bNULL\\b", "'…'").replaceAll("\\b\\d+\\b", "0")
        .replaceAll("\\s+", " ").strip();
  }

  private static void assertSends(Set<String> sent, String... beginnings) {
    for (String b : beginnings) {
      assertTrue(sent.stream().anyMatch(s -> s.startsWith(b)), "a run sends " + b + "...");
    }
  }

  private void assertOnlyKnownGaps(
      Map<String, String> statements, Map<String, String> unparsable) throws Exception {
    Map<String, String> unexpected = new LinkedHashMap<>();
    Map<String, String> withoutGap = new LinkedHashMap<>();
    Set<String> gapsSeen = new LinkedHashSet<>();
    for (Map.Entry<String, String> bad : unparsable.entrySet()) {
      String sql = statements.get(bad.getKey());
      String gap =
          KNOWN_GAPS.entrySet().stream()
              .filter(g -> java.util.regex.Pattern.compile(g.getValue()).matcher(sql).lookingAt())
              .map(Map.Entry::getKey)
              .findFirst()
              .orElse(null);
      if (gap == null) {
        unexpected.put(sql, bad.getValue());
      } else {
        gapsSeen.add(gap);
        withoutGap.put(sql, sql.replaceFirst(" IF NOT EXISTS ", " "));
      }
    }
    assertEquals(Map.of(), unexpected, "statements sqlfluff's Snowflake grammar rejects");
    // The gap is the clause alone: without it, the rest of each such statement must parse.
    assertEquals(
        Map.of(), Sqlfluff.unparsable(withoutGap, dir), "known-gap statements fail beyond the gap");
    Set<String> stale = new TreeSet<>(KNOWN_GAPS.keySet());
    stale.removeAll(gapsSeen);
    assertEquals(Set.of(), stale, "known gaps that now parse (or are no longer sent): remove them");
  }
}
