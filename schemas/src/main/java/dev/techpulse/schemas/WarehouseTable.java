package dev.techpulse.schemas;

import java.util.List;

/**
 * Every warehouse table techpulse writes, with its columns in DDL order.
 *
 * <p>The column lists are the single source the bulk loader uses to order CSV fields; a test
 * checks them against the DDL of each dialect so the two cannot drift apart.
 */
public enum WarehouseTable {
  PYPI_PACKAGES(
      "pypi_packages",
      Kind.STAGED,
      List.of("package_name"),
      List.of(
          "package_name", "version", "summary", "license", "requires_python", "home_page",
          "github_repo", "pulled_at")),
  PYPI_RELEASES(
      "pypi_releases",
      Kind.STAGED,
      List.of("package_name", "version"),
      List.of(
          "package_name", "version", "released_at", "is_prerelease", "is_yanked", "file_count",
          "wheel_count", "sdist_size_bytes")),
  /** Each package's set from its latest document: the merge drops entries gone from it. */
  PYPI_VULNERABILITIES(
      "pypi_vulnerabilities",
      Kind.STAGED,
      List.of("package_name", "vuln_id"),
      List.of(
          "package_name", "vuln_id", "aliases", "summary", "details", "fixed_in", "link",
          "source", "withdrawn_at", "affects_version")),
  PYPI_DOWNLOADS(
      "pypi_downloads",
      Kind.STAGED,
      List.of("package_name", "download_date", "dimension", "dimension_value"),
      List.of(
          "package_name", "download_date", "dimension", "dimension_value", "downloads", "source")),
  GITHUB_REPOS(
      "github_repos",
      Kind.STAGED,
      List.of("repo"),
      List.of(
          "repo", "snapshot_at", "description", "stars", "forks", "watchers",
          "open_issues_and_prs", "language", "license", "topics", "default_branch", "archived",
          "created_at", "pushed_at")),
  GITHUB_COMMITS_WEEKLY(
      "github_commits_weekly",
      Kind.STAGED,
      List.of("repo", "week_start"),
      List.of("repo", "week_start", "commits")),
  GITHUB_ISSUES(
      "github_issues",
      Kind.STAGED,
      List.of("repo", "number"),
      List.of(
          "repo", "number", "is_pull_request", "state", "author", "created_at", "closed_at",
          "comments", "updated_at", "merged_at")),
  GITHUB_CONTRIBUTORS_MONTHLY(
      "github_contributors_monthly",
      Kind.STAGED,
      List.of("repo", "month"),
      List.of("repo", "month", "new_contributors", "active_contributors")),
  GITHUB_RELEASES(
      "github_releases",
      Kind.STAGED,
      List.of("repo", "tag_name"),
      List.of("repo", "tag_name", "name", "published_at", "is_prerelease")),
  /**
   * The days of each package's downloads a run fetched: what the mart's replace-range applies
   * to, so a package failing at its source, or days a source no longer keeps, keep their rows.
   */
  PYPI_DOWNLOADS_COVERED(
      "pypi_downloads_covered",
      Kind.STAGED,
      List.of("package_name", "dimension"),
      List.of("package_name", "source", "dimension", "covered_from", "covered_to")),
  /** Staged too (beyond the contract's list) so analysts keep the catalog's history per run. */
  TECHNOLOGIES(
      "technologies",
      Kind.STAGED,
      List.of("technology"),
      List.of("technology", "packages", "github_repo")),
  /** Staged too, so each run's scorecard stays queryable after the mart moves on. */
  TECHNOLOGY_SCORECARD(
      "technology_scorecard",
      Kind.STAGED,
      List.of("technology"),
      Columns.SCORECARD),
  /**
   * Every run's scorecard row, one per technology and as-of date: a re-run of the same end date
   * replaces its row. Same columns as the scorecard, by construction.
   */
  TECHNOLOGY_SCORECARD_HISTORY(
      "technology_scorecard_history",
      Kind.STAGED,
      List.of("technology", "as_of_date"),
      Columns.SCORECARD),
  /**
   * Conditional-request cache: each 200 answer carrying an ETag (with its body and Link), staged
   * by the fetching workers and merged into {@code mart.http_cache} by URL; the staged copies are
   * dropped once merged.
   */
  HTTP_CACHE(
      "http_cache",
      Kind.STAGED,
      List.of("url"),
      List.of("url", "etag", "body", "link", "fetched_at")),
  /** Appended straight to {@code mart.rejects}: failures are kept, never merged away. */
  REJECTS(
      "rejects",
      Kind.MART_APPEND,
      List.of(),
      List.of("step", "record_key", "error", "payload", "rejected_at"));

  /** Column lists shared by more than one table (an enum constant cannot name another's). */
  private static final class Columns {
    static final List<String> SCORECARD =
        List.of(
            "technology", "as_of_date", "latest_version", "latest_release_at",
            "releases_last_365d", "downloads_last_7d", "downloads_last_30d", "downloads_prev_30d",
            "downloads_growth_30d", "stars", "forks", "watchers", "open_issues_and_prs",
            "commits_last_4w", "commits_last_52w", "issues_opened_90d", "issues_closed_90d",
            "median_days_to_close_90d", "new_contributors_90d", "last_push_at",
            "vulnerabilities_latest", "prs_opened_90d", "prs_merged_90d", "pr_closure_ratio_90d",
            "median_days_to_merge_90d", "active_contributors_90d",
            "contributor_absence_factor_90d", "days_since_last_release", "maintenance_state");
  }

  /** How rows of a table reach the warehouse. */
  public enum Kind {
    /** Appended to {@code staging.<name>} with run_id and loaded_at, then merged into mart. */
    STAGED,
    /** Appended to {@code mart.<name>} with run_id. */
    MART_APPEND
  }

  private final String tableName;
  private final Kind kind;
  private final List<String> keyColumns;
  private final List<String> columns;

  WarehouseTable(String tableName, Kind kind, List<String> keyColumns, List<String> columns) {
    this.tableName = tableName;
    this.kind = kind;
    this.keyColumns = keyColumns;
    this.columns = columns;
  }

  public String tableName() {
    return tableName;
  }

  public Kind kind() {
    return kind;
  }

  public List<String> keyColumns() {
    return keyColumns;
  }

  /** The table's own columns, without run_id/loaded_at. */
  public List<String> columns() {
    return columns;
  }

  /** Schema the loader appends into: {@code staging} or {@code mart}. */
  public String loadSchema() {
    return kind == Kind.STAGED ? "staging" : "mart";
  }

  /** Columns in the order the loader writes them, bookkeeping columns first. */
  public List<String> loadColumns() {
    java.util.List<String> all = new java.util.ArrayList<>();
    all.add("run_id");
    if (kind == Kind.STAGED) {
      all.add("loaded_at");
    }
    all.addAll(columns);
    return all;
  }
}
