package dev.techpulse.transforms.bigquery;

import dev.techpulse.schemas.SqlTemplate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The BigQuery SQL over {@code bigquery-public-data.pypi.file_downloads}: partition-pruned on
 * {@code timestamp}, filtered on the clustered top-level {@code project} column, and every
 * dimension aggregated from a single scan with GROUPING SETS.
 */
public final class DownloadsQuery {
  /** A closed range of days. */
  public record DayRange(LocalDate start, LocalDate end) {}

  /** A run's queries: one per chunk of its range, and the scorecard's totals or null. */
  public record RunQueries(List<String> range, String totals) {}

  /** An output column of both queries, with its GoogleSQL type. */
  public record Column(String name, String type) {}

  public static final String PACKAGE_NAME = "package_name";
  public static final String DOWNLOAD_DATE = "download_date";
  public static final String DIMENSION = "dimension";
  public static final String DIMENSION_VALUE = "dimension_value";
  public static final String DOWNLOADS = "downloads";

  /**
   * What both queries return, in order: the row {@code ReadBigQueryDownloads} reads into a
   * {@code DownloadCount} (a DATE parses as a {@code LocalDate}, an INT64 as a {@code long}).
   */
  public static final List<Column> OUTPUT =
      List.of(
          new Column(PACKAGE_NAME, "STRING"),
          new Column(DOWNLOAD_DATE, "DATE"),
          new Column(DIMENSION, "STRING"),
          new Column(DIMENSION_VALUE, "STRING"),
          new Column(DOWNLOADS, "INT64"));

  private DownloadsQuery() {}

  /**
   * The queries a run sends: the six-dimension query per chunk of {@code [start, end]}, and the
   * totals of the scorecard's 60 days when the range starts after their first day.
   */
  public static RunQueries forRun(
      List<String> packages, LocalDate start, LocalDate end, int chunkDays) {
    List<String> range = new ArrayList<>();
    for (DayRange chunk : chunks(start, end, chunkDays)) {
      range.add(dimensions(packages, chunk));
    }
    LocalDate windowStart = end.minusDays(59);
    String totals =
        start.isAfter(windowStart) ? totals(packages, new DayRange(windowStart, end)) : null;
    return new RunQueries(List.copyOf(range), totals);
  }

  /**
   * The six-dimension query for a chunk. Package names must already be validated PEP 508 names
   * (letters, digits, {@code . _ -}), which is what makes inlining them as literals safe.
   */
  public static String dimensions(List<String> packages, DayRange range) {
    return SqlTemplate.load("bigquery/downloads_by_dimension.sql")
        .with(params(packages, range))
        .statements()
        .get(0)
        .sql();
  }

  /** Daily totals only, for the scorecard's windows when the load range does not cover them. */
  public static String totals(List<String> packages, DayRange range) {
    return SqlTemplate.load("bigquery/downloads_totals.sql")
        .with(params(packages, range))
        .statements()
        .get(0)
        .sql();
  }

  /** {@code [start, end]} cut into consecutive chunks of at most {@code chunkDays} days. */
  public static List<DayRange> chunks(LocalDate start, LocalDate end, int chunkDays) {
    List<DayRange> out = new ArrayList<>();
    for (LocalDate s = start; !s.isAfter(end); s = s.plusDays(chunkDays)) {
      LocalDate e = s.plusDays(chunkDays - 1);
      out.add(new DayRange(s, e.isAfter(end) ? end : e));
    }
    return out;
  }

  private static Map<String, String> params(List<String> packages, DayRange range) {
    for (String p : packages) {
      if (!p.matches("[a-z0-9][a-z0-9.-]*")) {
        throw new IllegalArgumentException("not a normalized package name: " + p);
      }
    }
    return Map.of(
        "packages", packages.stream().map(p -> "'" + p + "'").collect(Collectors.joining(", ")),
        "start", range.start().toString(),
        "end_exclusive", range.end().plusDays(1).toString());
  }
}
