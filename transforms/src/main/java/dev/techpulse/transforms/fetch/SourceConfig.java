package dev.techpulse.transforms.fetch;

import dev.techpulse.transforms.http.HttpFetcher;
import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDate;

/** What the fetching DoFns need to know, without secrets: those are read on the worker. */
public record SourceConfig(
    String pypiUrl,
    String pypistatsUrl,
    String githubApiUrl,
    int pypiConcurrency,
    int githubConcurrency,
    int pypistatsPerMinute,
    Duration githubMaxWait,
    LocalDate startDate,
    LocalDate endDate,
    HttpFetcher.Settings http)
    implements Serializable {

  /** The environment variable holding the optional GitHub token. */
  public static final String GITHUB_TOKEN_ENV = "GITHUB_TOKEN";
}
