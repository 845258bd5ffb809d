package dev.techpulse.pipeline;

import dev.techpulse.transforms.report.HtmlReport;
import dev.techpulse.transforms.report.ReportException;
import dev.techpulse.transforms.warehouse.Connections;
import dev.techpulse.transforms.warehouse.Warehouse;
import dev.techpulse.transforms.warehouse.WarehouseConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/** {@code --report} and {@code --reportOnly}: the HTML report of the warehouse's latest run. */
final class ReportStep {
  private ReportStep() {}

  /**
   * {@code --reportOnly=true}: renders the report from the warehouse as it is, with no fetch,
   * no schema change and no run recorded. Exit 0 with the report's path, else one error line.
   */
  static int only(TechpulseOptions options, PrintStream out, PrintStream err) {
    WarehouseConfig config;
    try {
      config = RunPlan.warehouse(options);
    } catch (IllegalArgumentException e) {
      return TechpulsePipeline.fail(err, 2, e.getMessage());
    }
    if (options.getReport().isBlank()) {
      return TechpulsePipeline.fail(err, 2, "--reportOnly needs --report=FILE");
    }
    if (config.dialect() == WarehouseConfig.Dialect.DUCKDB
        && !Files.isRegularFile(Path.of(config.duckdbPath()))) {
      // Opening a missing DuckDB file would create an empty warehouse.
      return TechpulsePipeline.fail(
          err, 1, "no warehouse at " + config.duckdbPath() + ": run techpulse first");
    }
    long started = System.nanoTime();
    try {
      Path file = Path.of(options.getReport());
      long bytes = HtmlReport.write(new Warehouse(config), file, RunPlan.VERSION);
      out.printf(
          "techpulse: report %s (%.1f MB) rendered in %.1f s%n",
          file.toAbsolutePath().normalize(),
          bytes / 1e6,
          (System.nanoTime() - started) / 1e9);
      out.flush();
      return 0;
    } catch (ReportException e) {
      return TechpulsePipeline.fail(err, 1, e.getMessage());
    } catch (SQLException | IOException | RuntimeException e) {
      return TechpulsePipeline.fail(
          err, 1, "cannot render the report: " + TechpulsePipeline.oneLine(e));
    } finally {
      Connections.release(config);
    }
  }

  /**
   * After a run's summary: writes the report unless {@code --report=} turned it off. A report
   * that cannot be written is a warning; the run's data is already committed.
   */
  static void afterRun(TechpulseOptions options, Warehouse warehouse, PrintStream out, PrintStream err) {
    if (options.getReport().isBlank()) {
      return;
    }
    Path file = Path.of(options.getReport());
    try {
      HtmlReport.write(warehouse, file, RunPlan.VERSION);
      out.println("  report: " + file.toAbsolutePath().normalize());
      out.flush();
    } catch (ReportException | SQLException | IOException | RuntimeException e) {
      err.println("techpulse: warning: report not written: " + TechpulsePipeline.oneLine(e));
    }
  }
}
