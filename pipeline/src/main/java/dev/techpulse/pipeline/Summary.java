package dev.techpulse.pipeline;

import dev.techpulse.schemas.WarehouseTable;
import dev.techpulse.transforms.github.GithubClient;
import dev.techpulse.transforms.warehouse.RunOutcome;
import dev.techpulse.transforms.warehouse.Warehouse;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.GaugeResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The one-screen end-of-run summary, read back when the launcher waited for the job: rows per
 * table, rejects by step, quota, time. The figures the run's row records come from {@link
 * RunOutcome}, as the job's commit computed them.
 */
record Summary(
    String runId,
    Map<WarehouseTable, Long> appended,
    Map<String, Long> mart,
    Map<String, Long> rejectsByStep,
    String firstRejectReason,
    List<String> withoutRepo,
    LocalDate downloadsCoveredFrom,
    GithubFigures github,
    RunPlan plan,
    Duration elapsed) {

  /** What the job's GitHub clients counted, summed over every worker; -1 when never seen. */
  record GithubFigures(
      long requests, long notModified, long retries, long rateLimitWaits, long quotaRemaining,
      long quotaLimit) {

    /** The figures from the job's Beam metrics (committed where the runner has them). */
    static GithubFigures from(MetricResults metrics) {
      MetricQueryResults r =
          metrics.queryMetrics(
              MetricsFilter.builder()
                  .addNameFilter(MetricNameFilter.inNamespace(GithubClient.METRICS))
                  .build());
      long quotaRemaining = -1;
      for (MetricResult<DistributionResult> d : r.getDistributions()) {
        if (d.getName().getName().equals(GithubClient.QUOTA_REMAINING)) {
          DistributionResult v = value(d);
          if (v != null && v.getCount() > 0) {
            quotaRemaining = v.getMin();
          }
        }
      }
      long quotaLimit = -1;
      for (MetricResult<GaugeResult> g : r.getGauges()) {
        if (g.getName().getName().equals(GithubClient.QUOTA_LIMIT)) {
          GaugeResult v = value(g);
          if (v != null) {
            quotaLimit = v.getValue();
          }
        }
      }
      return new GithubFigures(
          counter(r, GithubClient.REQUESTS),
          counter(r, GithubClient.NOT_MODIFIED),
          counter(r, GithubClient.RETRIES),
          counter(r, GithubClient.RATE_LIMIT_WAITS),
          quotaRemaining,
          quotaLimit);
    }

    private static long counter(MetricQueryResults r, String name) {
      long sum = 0;
      for (MetricResult<Long> c : r.getCounters()) {
        if (c.getName().getName().equals(name)) {
          Long v = value(c);
          sum += v == null ? 0 : v;
        }
      }
      return sum;
    }

    /** Committed values where the runner supports them (bundle retries not counted twice). */
    private static <T> T value(MetricResult<T> m) {
      try {
        return m.getCommitted();
      } catch (UnsupportedOperationException e) {
        return m.getAttempted();
      }
    }
  }

  static Summary read(
      Warehouse w, String runId, RunPlan plan, Instant started, MetricResults metrics)
      throws SQLException {
    return new Summary(
        runId,
        w.appendedRows(runId),
        w.martRows(),
        w.rejectsByStep(runId),
        w.firstReject(runId),
        w.technologiesWithoutRepo(runId),
        w.downloadsCoveredFrom(runId),
        GithubFigures.from(metrics),
        plan,
        Duration.between(started, Instant.now()));
  }

  /** Days of the range the downloads source no longer had (pypistats keeps 180 days). */
  String uncoveredDays() {
    return RunOutcome.uncoveredDays(downloadsCoveredFrom, plan.startDate());
  }

  long rejects() {
    return rejectsByStep.values().stream().mapToLong(Long::longValue).sum();
  }

  /** True when no source gave a single row: the run failed as a whole. */
  boolean nothingFetched() {
    return RunOutcome.nothingFetched(appended);
  }

  void print(PrintStream out, String status, String bigQueryEstimate) {
    out.println();
    out.printf("techpulse run %s %s in %.1f s (%s .. %s)%n", runId, status,
        elapsed.toMillis() / 1000.0, plan.startDate(), plan.endDate());
    out.printf("  %-30s %10s %10s%n", "table", "appended", "in mart");
    for (Map.Entry<WarehouseTable, Long> e : appended.entrySet()) {
      WarehouseTable t = e.getKey();
      if (t == WarehouseTable.PYPI_DOWNLOADS_COVERED
          || t == WarehouseTable.REJECTS
          || t == WarehouseTable.HTTP_CACHE) {
        continue;
      }
      Long inMart = mart.get(t.tableName());
      out.printf("  %-30s %10d %10s%n", t.tableName(), e.getValue(),
          inMart == null ? "-" : inMart.toString());
    }
    if (rejectsByStep.isEmpty()) {
      out.println("  rejects: none");
    } else {
      StringBuilder b = new StringBuilder();
      rejectsByStep.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
      out.printf("  rejects: %d (%s), see mart.rejects%n", rejects(), b);
    }
    if (!withoutRepo.isEmpty()) {
      out.println("  no GitHub repository (no GitHub data): " + String.join(", ", withoutRepo));
    }
    out.printf(
        "  GitHub: %d requests, %d not modified (304), %d retries, %d rate-limit waits;"
            + " quota left %s%n",
        github.requests(),
        github.notModified(),
        github.retries(),
        github.rateLimitWaits(),
        github.quotaRemaining() < 0
            ? "unknown"
            : github.quotaRemaining()
                + (github.quotaLimit() < 0 ? "" : " of " + github.quotaLimit()));
    if (!plan.githubActivity()) {
      out.println("  GitHub activity: skipped (no GITHUB_TOKEN)");
    }
    out.println("  downloads: " + plan.downloadsSource()
        + (bigQueryEstimate != null ? "; BigQuery: " + bigQueryEstimate : ", BigQuery not used"));
    if (uncoveredDays() != null) {
      out.println("  downloads not covered: " + uncoveredDays() + " (" + plan.downloadsSource()
          + " keeps 180 days; use --downloadsSource=bigquery to backfill them)");
    }
    out.flush();
  }
}
