package dev.techpulse.pipeline;

import dev.techpulse.schemas.Technology;
import dev.techpulse.transforms.fetch.SourceConfig;
import dev.techpulse.transforms.http.HttpFetcher;
import dev.techpulse.transforms.secrets.SecretManagerSecrets;
import dev.techpulse.transforms.warehouse.WarehouseConfig;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Validated options: everything is checked here, before any call or write, so a bad invocation
 * costs nothing and says what is wrong in one line.
 */
public record RunPlan(
    List<Technology> catalog,
    List<String> packages,
    LocalDate startDate,
    LocalDate endDate,
    String downloadsSource,
    WarehouseConfig warehouse,
    SourceConfig sources,
    boolean githubActivity,
    boolean dryRun) {

  public static final String VERSION = "0.1.0";

  /** The warehouse the options name, without touching it. */
  public static WarehouseConfig warehouse(TechpulseOptions o) {
    return switch (o.getWarehouse().toLowerCase(Locale.ROOT)) {
      case "duckdb" -> {
        if (o.getDuckdbPath().isBlank()) {
          throw new IllegalArgumentException("--duckdbPath is empty");
        }
        yield WarehouseConfig.duckdb(o.getDuckdbPath());
      }
      case "snowflake" ->
          WarehouseConfig.snowflake(
              o.getSnowflakePasswordSecret(), o.getSnowflakePrivateKeySecret());
      default ->
          throw new IllegalArgumentException(
              "--warehouse must be duckdb or snowflake, not '" + o.getWarehouse() + "'");
    };
  }

  public static RunPlan from(TechpulseOptions o) {
    LocalDate end = date("--endDate", o.getEndDate());
    LocalDate start = date("--startDate", o.getStartDate());
    if (end.isBefore(start)) {
      throw new IllegalArgumentException(
          "--endDate " + end + " is before --startDate " + start);
    }
    String source = o.getDownloadsSource().toLowerCase(Locale.ROOT);
    if (!Set.of("pypistats", "bigquery", "none").contains(source)) {
      throw new IllegalArgumentException(
          "--downloadsSource must be pypistats, bigquery or none, not '" + o.getDownloadsSource()
              + "'");
    }
    WarehouseConfig warehouse = warehouse(o);
    positive("--chunkDays", o.getChunkDays());
    positive("--pypiConcurrency", o.getPypiConcurrency());
    positive("--githubConcurrency", o.getGithubConcurrency());
    positive("--pypistatsPerMinute", o.getPypistatsPerMinute());
    positive("--httpMaxAttempts", o.getHttpMaxAttempts());
    if (o.getMaxBytesBilled() == null || o.getMaxBytesBilled() <= 0) {
      throw new IllegalArgumentException("--maxBytesBilled must be a positive number of bytes");
    }
    Duration maxWait;
    try {
      maxWait = Duration.parse(o.getGithubMaxWait());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--githubMaxWait must be an ISO-8601 duration such as PT15M, not '"
              + o.getGithubMaxWait() + "'");
    }
    SecretManagerSecrets.validate("--githubTokenSecret", o.getGithubTokenSecret());
    SecretManagerSecrets.validate("--snowflakePasswordSecret", o.getSnowflakePasswordSecret());
    SecretManagerSecrets.validate("--snowflakePrivateKeySecret", o.getSnowflakePrivateKeySecret());
    boolean activity =
        switch (o.getGithubActivity().toLowerCase(Locale.ROOT)) {
          case "auto" -> hasToken() || SecretManagerSecrets.given(o.getGithubTokenSecret());
          case "always" -> true;
          case "never" -> false;
          default ->
              throw new IllegalArgumentException(
                  "--githubActivity must be auto, always or never, not '"
                      + o.getGithubActivity() + "'");
        };
    url("--pypiUrl", o.getPypiUrl());
    url("--githubApiUrl", o.getGithubApiUrl());
    url("--pypistatsUrl", o.getPypistatsUrl());

    List<Technology> catalog = Catalog.resolve(o);
    Set<String> packages = new LinkedHashSet<>();
    catalog.forEach(t -> packages.addAll(t.getPackages()));

    HttpFetcher.Settings http =
        new HttpFetcher.Settings(
            "techpulse/" + VERSION,
            Duration.ofSeconds(o.getHttpTimeoutSeconds()),
            o.getHttpMaxAttempts(),
            Duration.ofMillis(o.getHttpInitialBackoffMillis()),
            Duration.ofSeconds(30));
    SourceConfig sources =
        new SourceConfig(
            o.getPypiUrl(),
            o.getPypistatsUrl(),
            o.getGithubApiUrl(),
            o.getPypiConcurrency(),
            o.getGithubConcurrency(),
            o.getPypistatsPerMinute(),
            maxWait,
            start,
            end,
            http,
            o.getGithubTokenSecret());
    return new RunPlan(
        catalog,
        new ArrayList<>(packages),
        start,
        end,
        source,
        warehouse,
        sources,
        activity,
        Boolean.TRUE.equals(o.getDryRun()));
  }

  /** Whether a GitHub token is in the environment (its value is never read here). */
  static boolean hasToken() {
    String token = System.getenv(SourceConfig.GITHUB_TOKEN_ENV);
    return token != null && !token.isBlank();
  }

  private static LocalDate date(String option, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException(option + " must be a date YYYY-MM-DD, not '" + value + "'");
    }
  }

  private static void positive(String option, Integer value) {
    if (value == null || value <= 0) {
      throw new IllegalArgumentException(option + " must be a positive number");
    }
  }

  private static void url(String option, String value) {
    try {
      URI uri = URI.create(value);
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " must be an http(s) URL, not '" + value + "'");
    }
  }
}
