package dev.techpulse.transforms.fetch;

import dev.techpulse.transforms.http.HttpFetcher;
import dev.techpulse.transforms.secrets.SecretManagerSecrets;
import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDate;

/**
 * What the fetching DoFns need to know, without secrets: those are read on the worker, from its
 * environment or from Secret Manager by the name {@code githubTokenSecret} (a name is no secret).
 */
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
    HttpFetcher.Settings http,
    String githubTokenSecret)
    implements Serializable {

  /** The environment variable holding the optional GitHub token. */
  public static final String GITHUB_TOKEN_ENV = "GITHUB_TOKEN";

  /** Without a token secret: the token, if any, comes from {@value #GITHUB_TOKEN_ENV}. */
  public SourceConfig(
      String pypiUrl,
      String pypistatsUrl,
      String githubApiUrl,
      int pypiConcurrency,
      int githubConcurrency,
      int pypistatsPerMinute,
      Duration githubMaxWait,
      LocalDate startDate,
      LocalDate endDate,
      HttpFetcher.Settings http) {
    this(
        pypiUrl, pypistatsUrl, githubApiUrl, pypiConcurrency, githubConcurrency,
        pypistatsPerMinute, githubMaxWait, startDate, endDate, http, null);
  }

  /**
   * The GitHub token, or null: the named Secret Manager version when there is one, else
   * {@value #GITHUB_TOKEN_ENV} from this JVM's environment. Call it where the client is built.
   */
  public String githubToken() {
    return SecretManagerSecrets.given(githubTokenSecret)
        ? SecretManagerSecrets.value(githubTokenSecret)
        : System.getenv(GITHUB_TOKEN_ENV);
  }
}
