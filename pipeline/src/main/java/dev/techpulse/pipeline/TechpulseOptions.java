package dev.techpulse.pipeline;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.DefaultValueFactory;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Hidden;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * techpulse's options (contract section 1). Secrets are never options, only the Secret Manager
 * names of some (a name is no secret): see the README.
 */
public interface TechpulseOptions extends PipelineOptions {

  @Description(
      "Catalog file of technologies to track (JSON, see README); default: the bundled catalog of"
          + " 10 technologies.")
  @Default.String("")
  String getCatalog();

  void setCatalog(String value);

  @Description(
      "Comma-separated PyPI packages, each its own technology; overrides --catalog.")
  @Default.String("")
  String getPackages();

  void setPackages(String value);

  @Description(
      "First day (inclusive, YYYY-MM-DD) of downloads and GitHub activity to load; default: 29"
          + " days before --endDate (a 30-day window).")
  @Default.InstanceFactory(StartDateFactory.class)
  String getStartDate();

  void setStartDate(String value);

  @Description("Last day (inclusive, YYYY-MM-DD); default: yesterday (UTC).")
  @Default.InstanceFactory(EndDateFactory.class)
  String getEndDate();

  void setEndDate(String value);

  @Description(
      "Where download counts come from: pypistats, bigquery or none; default: bigquery when"
          + " --project is set, else pypistats.")
  @Default.InstanceFactory(DownloadsSourceFactory.class)
  String getDownloadsSource();

  void setDownloadsSource(String value);

  @Description("The warehouse: duckdb (embedded file) or snowflake (credentials from env).")
  @Default.String("duckdb")
  String getWarehouse();

  void setWarehouse(String value);

  @Description("DuckDB database file.")
  @Default.String("warehouse/techpulse.duckdb")
  String getDuckdbPath();

  void setDuckdbPath(String value);

  @Description("PyPI base URL (mirrors, proxies, tests).")
  @Default.String("https://pypi.org")
  String getPypiUrl();

  void setPypiUrl(String value);

  @Description("GitHub REST base URL (GitHub Enterprise: https://host/api/v3).")
  @Default.String("https://api.github.com")
  String getGithubApiUrl();

  void setGithubApiUrl(String value);

  @Description("pypistats.org base URL.")
  @Default.String("https://pypistats.org")
  String getPypistatsUrl();

  void setPypistatsUrl(String value);

  @Description("BigQuery refuses a query estimated above this many bytes (default 100 GiB).")
  @Default.Long(107_374_182_400L)
  Long getMaxBytesBilled();

  void setMaxBytesBilled(Long value);

  @Description("BigQuery backfills read the range in chunks of this many days.")
  @Default.Integer(31)
  Integer getChunkDays();

  void setChunkDays(Integer value);

  @Description("PyPI JSON requests in flight at once, per worker.")
  @Default.Integer(16)
  Integer getPypiConcurrency();

  void setPypiConcurrency(Integer value);

  @Description(
      "Pace of pypistats.org requests per minute (its published limit: 30 a minute per"
          + " address).")
  @Default.Integer(30)
  Integer getPypistatsPerMinute();

  void setPypistatsPerMinute(Integer value);

  @Description("GitHub requests in flight at once, per worker.")
  @Default.Integer(4)
  Integer getGithubConcurrency();

  void setGithubConcurrency(Integer value);

  @Description(
      "Longest wait for a GitHub rate-limit reset (ISO-8601 duration) before rejecting the"
          + " remaining GitHub calls.")
  @Default.String("PT15M")
  String getGithubMaxWait();

  void setGithubMaxWait(String value);

  @Description("Validate options, print the plan and the BigQuery estimate, write nothing.")
  @Default.Boolean(false)
  Boolean getDryRun();

  void setDryRun(Boolean value);

  @Description(
      "Follow the job and print the summary (true), or return right after submitting it (false):"
          + " the job loads, merges and records its run's end itself either way.")
  @Default.Boolean(true)
  Boolean getWaitForJob();

  void setWaitForJob(Boolean value);

  @Description(
      "On Dataflow: Secret Manager version name of the GitHub token"
          + " (projects/P/secrets/S/versions/V), read on the workers; wins over GITHUB_TOKEN.")
  @Default.String("")
  String getGithubTokenSecret();

  void setGithubTokenSecret(String value);

  @Description(
      "Secret Manager version name of the Snowflake password (projects/P/secrets/S/versions/V);"
          + " wins over SNOWFLAKE_PASSWORD.")
  @Default.String("")
  String getSnowflakePasswordSecret();

  void setSnowflakePasswordSecret(String value);

  @Description(
      "Secret Manager version name of the Snowflake private key, unencrypted PKCS#8 PEM"
          + " (projects/P/secrets/S/versions/V); wins over SNOWFLAKE_PRIVATE_KEY_FILE and any"
          + " password.")
  @Default.String("")
  String getSnowflakePrivateKeySecret();

  void setSnowflakePrivateKeySecret(String value);

  @Description(
      "First contact: on scratch objects, connect, create and drop a table in both schemas, spool,"
          + " load and merge one tiny part; print one line per check, run nothing else.")
  @Default.Boolean(false)
  Boolean getCheckWarehouse();

  void setCheckWarehouse(Boolean value);

  @Description(
      "Write the HTML report (self-contained, opens offline) to this file at the end of a run;"
          + " --report= turns it off; default: techpulse-report.html beside the DuckDB file"
          + " (warehouse/techpulse-report.html for Snowflake).")
  @Default.InstanceFactory(ReportFactory.class)
  String getReport();

  void setReport(String value);

  @Description(
      "Render the report (--report) from the warehouse alone: fetch and write nothing else.")
  @Default.Boolean(false)
  Boolean getReportOnly();

  void setReportOnly(Boolean value);

  @Hidden
  @Description(
      "GitHub activity (commits, issues, contributors, releases): auto fetches it only with"
          + " GITHUB_TOKEN or --githubTokenSecret set (60 unauthenticated requests an hour cover"
          + " snapshots only);"
          + " always or never.")
  @Default.String("auto")
  String getGithubActivity();

  void setGithubActivity(String value);

  @Hidden
  @Description("HTTP attempts per request before a reject (5xx, timeouts, resets).")
  @Default.Integer(5)
  Integer getHttpMaxAttempts();

  void setHttpMaxAttempts(Integer value);

  @Hidden
  @Description("First retry backoff in milliseconds; doubles per attempt, capped at 30 s.")
  @Default.Long(500L)
  Long getHttpInitialBackoffMillis();

  void setHttpInitialBackoffMillis(Long value);

  @Hidden
  @Description("HTTP request timeout in seconds.")
  @Default.Integer(30)
  Integer getHttpTimeoutSeconds();

  void setHttpTimeoutSeconds(Integer value);

  /** The report beside the DuckDB file it reports, so each warehouse keeps its own. */
  class ReportFactory implements DefaultValueFactory<String> {
    @Override
    public String create(PipelineOptions options) {
      TechpulseOptions o = options.as(TechpulseOptions.class);
      if (!"duckdb".equalsIgnoreCase(o.getWarehouse()) || o.getDuckdbPath().isBlank()) {
        return "warehouse/techpulse-report.html";
      }
      java.nio.file.Path parent = java.nio.file.Path.of(o.getDuckdbPath()).getParent();
      return parent == null
          ? "techpulse-report.html"
          : parent.resolve("techpulse-report.html").toString();
    }
  }

  /** Yesterday in UTC. */
  class EndDateFactory implements DefaultValueFactory<String> {
    @Override
    public String create(PipelineOptions options) {
      return LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    }
  }

  /** 29 days before the end date, or empty when the end date does not parse (validated later). */
  class StartDateFactory implements DefaultValueFactory<String> {
    @Override
    public String create(PipelineOptions options) {
      try {
        return LocalDate.parse(options.as(TechpulseOptions.class).getEndDate())
            .minusDays(29)
            .toString();
      } catch (RuntimeException e) {
        return "";
      }
    }
  }

  /** bigquery when a GCP project is configured, else pypistats. */
  class DownloadsSourceFactory implements DefaultValueFactory<String> {
    @Override
    public String create(PipelineOptions options) {
      Object project = options.as(org.apache.beam.sdk.extensions.gcp.options.GcpOptions.class)
          .getProject();
      return project != null && !project.toString().isBlank() ? "bigquery" : "pypistats";
    }
  }
}
