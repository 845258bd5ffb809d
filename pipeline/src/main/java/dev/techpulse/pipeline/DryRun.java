package dev.techpulse.pipeline;

import dev.techpulse.schemas.SqlTemplate;
import dev.techpulse.schemas.WarehouseTable;
import dev.techpulse.transforms.bigquery.ReadBigQueryDownloads;
import dev.techpulse.transforms.warehouse.RunSpool;
import dev.techpulse.transforms.warehouse.CommitWarehouse;
import dev.techpulse.transforms.warehouse.Warehouse;
import dev.techpulse.transforms.warehouse.WarehouseConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --dryRun=true}: validates, then prints what a run would do (technologies, BigQuery
 * queries, and every warehouse statement in the order a run sends it, its binds written in as
 * literals so each reads as the SQL the warehouse receives) without connecting or writing.
 */
final class DryRun {
  /** Stands for the run's generated id, which a dry run does not draw. */
  static final String RUN_ID = "RUN_ID";

  private DryRun() {}

  static void print(PrintStream out, RunPlan plan, TechpulseOptions options) {
    out.println("-- dry run: nothing is fetched or written");
    out.println("-- technologies:");
    plan.catalog()
        .forEach(
            t ->
                out.println(
                    "--   " + t.getName() + ": " + String.join(", ", t.getPackages())
                        + (t.getGithub() == null ? " (repository from PyPI metadata)"
                            : " -> " + t.getGithub())));
    if (plan.downloadsSource().equals("bigquery")) {
      ReadBigQueryDownloads read =
          ReadBigQueryDownloads.forRun(
              plan.packages(), plan.startDate(), plan.endDate(), options.getChunkDays());
      out.println("-- BigQuery: " + read.rangeQueries().size() + " chunk queries of at most "
          + options.getChunkDays() + " days, maximumBytesBilled " + options.getMaxBytesBilled());
      for (String q : read.rangeQueries()) {
        out.println(q);
        out.println(";");
      }
      if (read.totalsQuery() != null) {
        out.println("-- scorecard totals (the range does not cover the 60-day windows):");
        out.println(read.totalsQuery());
        out.println(";");
      }
    }
    WarehouseConfig config = plan.warehouse();
    WarehouseConfig.Dialect dialect = config.dialect();
    Warehouse w = new Warehouse(config);
    Printer p = new Printer(out, dialect);
    Instant now = Instant.now();
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("run_id", RUN_ID);
    run.put("now", now);
    run.put("stale_before", now.minus(Warehouse.STALE_AFTER));
    run.put("start_date", plan.startDate());
    run.put("end_date", plan.endDate());
    run.put("options", OptionsJson.of(options));
    run.put("loaded_at", now);
    out.println("-- every statement that writes, in the order a run sends it, with the reads its"
        + " steps decide on; binds written in as literals"
        + " (" + RUN_ID + " stands for the run's generated id)");
    out.println("-- warehouse DDL (" + dialect.folder() + "):");
    p.all(w.ddl(), run);
    out.println("-- the baseline and each schema migration are recorded once:");
    p.all(SqlTemplate.load("common/record_migration.sql"),
        Map.of("version", 1, "description", "baseline", "now", now));
    for (String file : w.migrations()) {
      out.println("-- schema migration " + file
          + " (applied once, recorded in mart.schema_migrations):");
      p.all(SqlTemplate.load(dialect.folder() + "/migrations/" + file), run);
      p.all(SqlTemplate.load("common/record_migration.sql"),
          Map.of("version", Integer.parseInt(file.substring(0, 3)), "description", file,
              "now", now));
    }
    out.println("-- the run's row: runs that stopped beating are marked failed, a live one refuses"
        + " this run:");
    p.all(SqlTemplate.load("common/abandon_stale_runs.sql"), run);
    p.all(SqlTemplate.load("common/live_runs.sql"), run);
    p.all(SqlTemplate.load("common/start_run.sql"), run);
    RunSpool spool = RunSpool.of(config, RUN_ID);
    boolean snowflake = dialect == WarehouseConfig.Dialect.SNOWFLAKE;
    if (snowflake) {
      out.println("-- parts that killed runs spooled but never loaded are removed:");
      p.all(SqlTemplate.load("snowflake/spool_clear.sql").with(Map.of("path", "")), run);
    }
    out.println("-- the job reads the cached answers of each API once (example: PyPI):");
    p.all(SqlTemplate.load("common/http_cache_read.sql"),
        Map.of(
            "prefix",
            dev.techpulse.transforms.http.BaseUrl.resolve(plan.sources().pypiUrl(), "/").toString()));
    String example = "part-00000000-0000-0000-0000-000000000001.csv";
    if (snowflake) {
      out.println("-- workers spool each bundle's rows of a table as one CSV part, PUT on a"
          + " reused connection:");
      for (WarehouseTable t : WarehouseTable.values()) {
        p.all(spool.putSql(t, Path.of("/tmp/techpulse-spool-1", example)), run);
      }
      example = example + ".gz";
    } else {
      out.println("-- workers spool each bundle's rows of a table as one CSV part in "
          + config.duckdbPath() + ".spool/" + RUN_ID + "/<table>/");
    }
    out.println("-- every 20 s while the run lives:");
    p.all(SqlTemplate.load("common/heartbeat.sql"), run);
    out.println("-- CommitAnswerCache (in the job, once the answer cache's parts exist, while"
        + " other tables are still being fetched), while the run is running:");
    p.all(SqlTemplate.load("common/run_status.sql"), run);
    for (WarehouseTable t : WarehouseTable.values()) {
      if (CommitWarehouse.isCache(t.tableName())) {
        p.all(SqlTemplate.load("common/load_reset.sql")
            .with(Map.of("schema", t.loadSchema(), "table", t.tableName())), run);
        p.all(spool.loadSql(t, List.of(example)), run);
        p.all(SqlTemplate.load("common/run_status.sql"), run);
        p.all(Warehouse.mergeSql(t), run);
      }
    }
    out.println("-- CommitWarehouse (in the job, once every part exists), while the run is running:");
    p.all(SqlTemplate.load("common/run_status.sql"), run);
    out.println("-- per table, one"
        + " transaction loads exactly the parts the bundles emitted (one example part each):");
    for (WarehouseTable t : WarehouseTable.values()) {
      if (!CommitWarehouse.isCache(t.tableName())) {
        p.all(SqlTemplate.load("common/load_reset.sql")
            .with(Map.of("schema", t.loadSchema(), "table", t.tableName())), run);
        p.all(spool.loadSql(t, List.of(example)), run);
      }
    }
    out.println("-- CommitWarehouse: mart merges, one transaction per table:");
    for (WarehouseTable t : Warehouse.MERGED) {
      if (!CommitWarehouse.isCache(t.tableName())) {
        p.all(Warehouse.mergeSql(t), run);
      }
    }
    out.println("-- CommitWarehouse: the run's end, from what the warehouse holds, then its parts"
        + " are deleted:");
    p.all(SqlTemplate.load("common/run_status.sql"), run);
    for (String read : Warehouse.outcomeReads()) {
      out.println(InlineBinds.inline(read, List.of(RUN_ID), dialect));
      out.println(";");
    }
    Map<String, Object> finish = new LinkedHashMap<>(run);
    finish.put("status", "succeeded");
    finish.put("rows_written", 0L);
    finish.put("rejects", 0L);
    finish.put("notes", null);
    p.all(SqlTemplate.load("common/finish_run.sql"), finish);
    if (snowflake) {
      p.all(SqlTemplate.load("snowflake/spool_clear.sql").with(Map.of("path", RUN_ID + "/")), run);
    }
    out.flush();
  }

  /** Prints statements with their named binds written in. */
  private record Printer(PrintStream out, WarehouseConfig.Dialect dialect) {
    void all(SqlTemplate template, Map<String, Object> values) {
      for (SqlTemplate.Statement s : template.statements()) {
        List<Object> bound = new ArrayList<>();
        for (String name : s.parameters()) {
          if (!values.containsKey(name)) {
            throw new IllegalStateException(template.name() + ": no value for :" + name);
          }
          bound.add(values.get(name));
        }
        out.println(InlineBinds.inline(s.sql(), bound, dialect));
        out.println(";");
      }
    }
  }
}
