package dev.techpulse.transforms.pypi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GithubUrlsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "https://github.com/spotify/luigi, spotify/luigi",
    "http://github.com/spotify/luigi, spotify/luigi",
    "https://github.com/spotify/luigi/, spotify/luigi",
    "https://github.com/spotify/luigi.git, spotify/luigi",
    "https://github.com/spotify/luigi.git/, spotify/luigi",
    "https://github.com/spotify/luigi/tree/main, spotify/luigi",
    "https://github.com/spotify/luigi/tree/master/doc, spotify/luigi",
    "https://github.com/spotify/luigi/blob/master/CHANGELOG.md, spotify/luigi",
    "https://github.com/spotify/luigi/issues, spotify/luigi",
    "https://github.com/spotify/luigi/issues/123, spotify/luigi",
    "https://github.com/spotify/luigi#readme, spotify/luigi",
    "https://github.com/spotify/luigi?tab=readme-ov-file, spotify/luigi",
    "https://www.github.com/spotify/luigi, spotify/luigi",
    "https://WWW.GitHub.com/Spotify/Luigi, spotify/luigi",
    "https://github.com/PrefectHQ/prefect, prefecthq/prefect",
    "https://github.com/great-expectations/great_expectations, great-expectations/great_expectations",
    "https://github.com/pandas-dev/pandas.git#egg=pandas, pandas-dev/pandas",
    "git+https://github.com/apache/airflow.git, apache/airflow",
    "git+https://github.com/apache/airflow.git@v2.0#egg=x, apache/airflow",
    "git+ssh://git@github.com/apache/airflow.git, apache/airflow",
    "git://github.com/apache/airflow.git, apache/airflow",
    "git@github.com:apache/airflow.git, apache/airflow",
    "git@github.com:Apache/Airflow, apache/airflow",
    "'  https://github.com/dbt-labs/dbt-core  ', dbt-labs/dbt-core",
    "github.com/duckdb/duckdb, duckdb/duckdb",
    "https://github.com/snowflakedb/snowflake-connector-python/releases, snowflakedb/snowflake-connector-python",
    "https://github.com/a/b.c, a/b.c",
  })
  void repositoryUrl_yieldsLowerCasedOwnerSlashName(String url, String expected) {
    assertEquals(expected, GithubUrls.repoOf(url), url);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://github.com/sponsors/someone",
        "https://github.com/sponsors/someone/dashboard",
        "https://github.com/orgs/apache/people",
        "https://github.com/orgs/apache/projects/1",
        "https://spotify.github.io/luigi",
        "https://spotify.github.io/luigi/docs/index.html",
        "https://gist.github.com/someone/0123456789abcdef",
        "https://gist.github.com/someone/0123456789abcdef.git",
        "https://github.com/spotify",
        "https://github.com/spotify/",
        "https://github.com",
        "https://gitlab.com/pycqa/flake8",
        "https://notgithub.com/owner/repo",
        "https://github.com.evil.example/owner/repo",
        "https://example.com/?next=https://github.com/owner/repo",
        "http://celeryproject.org",
        "",
        "UNKNOWN",
      })
  void nonRepositoryUrl_yieldsNull(String url) {
    assertNull(GithubUrls.repoOf(url), url);
  }

  @Test
  void nullUrl_yieldsNull() {
    assertNull(GithubUrls.repoOf(null));
  }
}
