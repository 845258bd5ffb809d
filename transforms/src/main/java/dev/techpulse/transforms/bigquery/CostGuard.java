package dev.techpulse.transforms.bigquery;

import com.google.api.services.bigquery.model.JobConfigurationQuery;
import com.google.api.services.bigquery.model.JobStatistics;
import java.util.List;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;

/**
 * Dry-runs every BigQuery query of a run before anything is read: the bytes each would scan, an
 * on-demand cost estimate, and a refusal when one query exceeds {@code --maxBytesBilled}.
 */
public final class CostGuard {
  /** BigQuery's on-demand list price per TiB scanned (US multi-region), for the estimate only. */
  public static final double USD_PER_TIB = 6.25;

  /** What the dry runs said. */
  public record Estimate(List<Long> bytesPerQuery, long totalBytes) {
    public double usd() {
      return totalBytes / (double) (1L << 40) * USD_PER_TIB;
    }

    public String describe() {
      return String.format(
          "%d queries would scan %s (about $%.2f on demand)",
          bytesPerQuery.size(), human(totalBytes), usd());
    }
  }

  /** Thrown when a query is estimated above the limit; its message is the one-line reason. */
  public static final class OverBudgetException extends Exception {
    public OverBudgetException(String message) {
      super(message);
    }
  }

  private CostGuard() {}

  public static Estimate estimate(
      BigQueryServices services, BigQueryOptions options, List<String> queries, long maxBytes)
      throws Exception {
    String project =
        options.getBigQueryProject() != null ? options.getBigQueryProject() : options.getProject();
    try (BigQueryServices.JobService jobs = services.getJobService(options)) {
      List<Long> bytes = new java.util.ArrayList<>();
      long total = 0;
      for (int i = 0; i < queries.size(); i++) {
        JobStatistics stats =
            jobs.dryRunQuery(
                project,
                new JobConfigurationQuery()
                    .setQuery(queries.get(i))
                    .setUseLegacySql(false)
                    .setMaximumBytesBilled(maxBytes),
                null);
        long b = stats.getQuery() == null || stats.getQuery().getTotalBytesProcessed() == null
            ? 0
            : stats.getQuery().getTotalBytesProcessed();
        if (b > maxBytes) {
          throw new OverBudgetException(
              "BigQuery query " + (i + 1) + " of " + queries.size() + " would scan " + human(b)
                  + ", above --maxBytesBilled=" + maxBytes + " (" + human(maxBytes)
                  + "); narrow the range or raise the limit");
        }
        bytes.add(b);
        total += b;
      }
      return new Estimate(bytes, total);
    }
  }

  public static String human(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format("%.1f %s", v, units[u]);
  }
}
