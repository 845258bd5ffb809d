package dev.techpulse.transforms.warehouse;

import dev.techpulse.schemas.WarehouseTable;
import dev.techpulse.transforms.http.Json;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;

/**
 * A run's end as {@code mart.pipeline_runs} records it (status, rows, rejects, notes), computed
 * from what the run left in the warehouse, so the job's commit records it without a launcher and
 * the launcher's summary prints the same figures.
 */
public record RunOutcome(String status, long rowsWritten, long rejects, String notesJson) {

  /** Reads the run's rows, rejects and covered days back from the warehouse. */
  public static RunOutcome read(Warehouse w, RunSpec run) throws SQLException {
    Map<WarehouseTable, Long> appended = w.appendedRows(run.runId());
    long rejects =
        w.rejectsByStep(run.runId()).values().stream().mapToLong(Long::longValue).sum();
    String uncovered = uncoveredDays(w.downloadsCoveredFrom(run.runId()), run.startDate());
    return new RunOutcome(
        nothingFetched(appended) ? "failed" : "succeeded",
        rowsWritten(appended),
        rejects,
        notesJson(uncovered, run.downloadsSource()));
  }

  /** Rows appended to staging, the HTTP cache (bookkeeping, dropped once merged) aside. */
  public static long rowsWritten(Map<WarehouseTable, Long> appended) {
    return appended.entrySet().stream()
        .filter(e -> e.getKey().kind() == WarehouseTable.Kind.STAGED)
        .filter(e -> e.getKey() != WarehouseTable.HTTP_CACHE)
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** True when no source gave a single row: the run failed as a whole. */
  public static boolean nothingFetched(Map<WarehouseTable, Long> appended) {
    return appended.getOrDefault(WarehouseTable.PYPI_PACKAGES, 0L) == 0
        && appended.getOrDefault(WarehouseTable.GITHUB_REPOS, 0L) == 0
        && appended.getOrDefault(WarehouseTable.PYPI_DOWNLOADS, 0L) == 0;
  }

  /** Days of the range the downloads source no longer had (pypistats keeps 180 days). */
  public static String uncoveredDays(LocalDate coveredFrom, LocalDate start) {
    if (coveredFrom == null || !coveredFrom.isAfter(start)) {
      return null;
    }
    return start + ".." + coveredFrom.minusDays(1);
  }

  /** {@code mart.pipeline_runs.notes}: what the run could not cover, as JSON; null if nothing. */
  public static String notesJson(String uncoveredDays, String downloadsSource) {
    if (uncoveredDays == null) {
      return null;
    }
    return Json.MAPPER
        .createObjectNode()
        .put("uncovered_download_days", uncoveredDays)
        .put("reason", downloadsSource + " does not have these days")
        .toString();
  }
}
