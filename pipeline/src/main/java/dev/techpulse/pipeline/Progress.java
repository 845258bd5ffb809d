package dev.techpulse.pipeline;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.joda.time.Duration;

/**
 * Progress lines while a run goes: the plan, then one line per stage whenever its counts change
 * (read from the pipeline's Beam metrics, so it works on any runner that reports them).
 */
final class Progress {
  private static final Map<String, String> STAGES = new LinkedHashMap<>();

  static {
    STAGES.put("pypi", "FetchPypiPackages");
    STAGES.put("pypistats", "FetchPypistatsDownloads");
    STAGES.put("github", "FetchGithubRepos");
    STAGES.put("github_activity", "FetchGithubActivity");
  }

  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private final Map<String, String> lastLines = new TreeMap<>();

  Progress(PrintStream out) {
    this.out = out;
  }

  PrintStream out() {
    return out;
  }

  void plan(RunPlan plan) {
    line(
        "plan: "
            + plan.catalog().size() + " technologies, "
            + plan.packages().size() + " packages, "
            + plan.startDate() + " .. " + plan.endDate()
            + ", downloads from " + plan.downloadsSource()
            + ", warehouse " + describe(plan));
    if (plan.downloadsSource().equals("pypistats")) {
      long requests = plan.packages().size() * 3L;
      double minutes = (double) requests / plan.sources().pypistatsPerMinute();
      if (minutes >= 1) {
        line(
            String.format(
                "warning: pypistats allows %d requests a minute: %d requests will take about %.0f"
                    + " minutes (use --downloadsSource=bigquery for large catalogs)",
                plan.sources().pypistatsPerMinute(), requests, Math.ceil(minutes)));
      }
    }
  }

  void githubPlan(RunPlan plan) {
    if (!plan.githubActivity()) {
      line(
          "GitHub activity skipped: no GITHUB_TOKEN (GitHub allows 60 unauthenticated requests an"
              + " hour, enough for repository snapshots only); commits, issues, contributors and"
              + " releases stay empty and their scorecard columns NULL");
    }
  }

  void started(String runId) {
    line("run " + runId + " started");
  }

  void stage(String stage, String message) {
    line(stage + ": " + message);
  }

  /** Waits for the pipeline, printing stage lines as counts move. */
  void follow(PipelineResult result) {
    PipelineResult.State state = null;
    while (state == null || !state.isTerminal()) {
      state = result.waitUntilFinish(Duration.millis(500));
      report(result);
    }
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("pipeline ended " + state);
    }
  }

  private void report(PipelineResult result) {
    Map<String, Long> counters = new TreeMap<>();
    try {
      MetricQueryResults metrics =
          result
              .metrics()
              .queryMetrics(
                  MetricsFilter.builder()
                      .addNameFilter(MetricNameFilter.inNamespace("techpulse"))
                      .build());
      for (MetricResult<Long> c : metrics.getCounters()) {
        counters.merge(c.getName().getName(), c.getAttempted(), Long::sum);
      }
    } catch (RuntimeException e) {
      return; // A runner that cannot report metrics mid-run still gets its summary.
    }
    STAGES.forEach(
        (api, stage) -> {
          long ok = counters.getOrDefault(api + "_ok", 0L);
          long rejected = counters.getOrDefault(api + "_rejected", 0L);
          if (ok + rejected > 0) {
            changed(stage, ok + " fetched, " + rejected + " rejected");
          }
        });
    long rows = 0;
    for (Map.Entry<String, Long> e : counters.entrySet()) {
      if (e.getKey().startsWith("rows_")) {
        rows += e.getValue();
      }
    }
    if (rows > 0) {
      changed("WriteWarehouse", rows + " rows appended");
    }
    // CommitWarehouse's steps, as the job reports them (seen up to one poll after each ends).
    if (counters.getOrDefault("commit_tables_loaded", 0L) > 0) {
      changed(
          "LoadStaging",
          String.format(
              "%d parts bulk-loaded into %d tables in %.1f s",
              counters.getOrDefault("commit_parts_loaded", 0L),
              counters.get("commit_tables_loaded"),
              counters.getOrDefault("commit_load_millis", 0L) / 1000.0));
    }
    if (counters.getOrDefault("cache_tables_merged", 0L) > 0) {
      changed(
          "CommitAnswerCache",
          String.format(
              "%d parts of the answer cache loaded in %.1f s, merged in %.1f s",
              counters.getOrDefault("cache_parts_loaded", 0L),
              counters.getOrDefault("cache_load_millis", 0L) / 1000.0,
              counters.getOrDefault("cache_merge_millis", 0L) / 1000.0));
    }
    if (counters.getOrDefault("commit_tables_merged", 0L) > 0) {
      changed(
          "MergeMart",
          String.format(
              "%d tables merged in %.1f s",
              counters.get("commit_tables_merged"),
              counters.getOrDefault("commit_merge_millis", 0L) / 1000.0));
    }
  }

  private void changed(String stage, String text) {
    if (!text.equals(lastLines.put(stage, text))) {
      stage(stage, text);
    }
  }

  private void line(String text) {
    out.printf("techpulse: [%5.1fs] %s%n", (System.nanoTime() - startNanos) / 1e9, text);
    out.flush();
  }

  static String describe(RunPlan plan) {
    return switch (plan.warehouse().dialect()) {
      case DUCKDB -> "duckdb:" + plan.warehouse().duckdbPath();
      case SNOWFLAKE -> "snowflake (SNOWFLAKE_URL, else SNOWFLAKE_ACCOUNT)";
    };
  }
}
