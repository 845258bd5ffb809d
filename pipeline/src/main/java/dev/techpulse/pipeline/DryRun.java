package dev.techpulse.pipeline;

import dev.techpulse.schemas.SqlTemplate;
import dev.techpulse.schemas.WarehouseTable;
import dev.techpulse.transforms.bigquery.ReadBigQueryDownloads;
import dev.techpulse.transforms.warehouse.RunSpool;
import dev.techpulse.transforms.warehouse.Warehouse;
import dev.techpulse.transforms.warehouse.WarehouseConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code --dryRun=true}: validates, then prints what a run would do (technologies, BigQuery
 * queries, the warehouse's DDL and statements) without connecting to anything or writing.
 */
final class DryRun {
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
    Warehouse w = new Warehouse(plan.warehouse());
    out.println("-- warehouse DDL (" + plan.warehouse().dialect().folder() + "):");
    for (SqlTemplate.Statement s : w.ddl().statements()) {
      out.println(s.sql());
      out.println(";");
    }
    for (String file : w.migrations()) {
      out.println("-- schema migration " + file + " (applied once, recorded in mart.schema_migrations):");
      for (SqlTemplate.Statement s :
          SqlTemplate.load(plan.warehouse().dialect().folder() + "/migrations/" + file)
              .statements()) {
        out.println(s.sql());
        out.println(";");
      }
    }
    RunSpool spool = RunSpool.of(plan.warehouse(), "RUN_ID");
    boolean snowflake = plan.warehouse().dialect() == WarehouseConfig.Dialect.SNOWFLAKE;
    String example = "part-00000000-0000-0000-0000-000000000001.csv";
    if (snowflake) {
      out.println("-- workers spool each bundle's rows of a table as one CSV part, PUT on a"
          + " reused connection (example: staging.pypi_packages):");
      print(out, spool.putSql(WarehouseTable.PYPI_PACKAGES, Path.of("/tmp/techpulse-spool-1", example)));
      example = example + ".gz";
    } else {
      out.println("-- workers spool each bundle's rows of a table as one CSV part in "
          + plan.warehouse().duckdbPath() + ".spool/RUN_ID/<table>/");
    }
    out.println("-- CommitWarehouse (in the job, once every part exists): per table, one"
        + " transaction loads exactly the parts the bundles emitted (example:"
        + " staging.pypi_packages; ? = run_id):");
    print(
        out,
        SqlTemplate.load("common/load_reset.sql")
            .with(Map.of("schema", "staging", "table", WarehouseTable.PYPI_PACKAGES.tableName())));
    print(out, spool.loadSql(WarehouseTable.PYPI_PACKAGES, List.of(example)));
    out.println("-- CommitWarehouse: mart merges, one transaction per table (? = run_id):");
    for (WarehouseTable t : Warehouse.MERGED) {
      print(out, Warehouse.mergeSql(t));
    }
    out.println("-- CommitWarehouse: the run's end, then its parts are deleted:");
    print(out, SqlTemplate.load("common/finish_run.sql"));
    if (snowflake) {
      print(out, SqlTemplate.load("snowflake/spool_clear.sql").with(Map.of("path", "RUN_ID/")));
    }
    out.flush();
  }

  private static void print(PrintStream out, SqlTemplate template) {
    for (SqlTemplate.Statement s : template.statements()) {
      out.println(s.sql());
      out.println(";");
    }
  }
}
