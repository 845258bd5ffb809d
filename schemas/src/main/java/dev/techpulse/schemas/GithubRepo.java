package dev.techpulse.schemas;

import com.google.auto.value.AutoValue;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/** A snapshot of a GitHub repository: a row of {@code github_repos}. */
@DefaultCoder(WarehouseRowCoder.class)
@AutoValue
public abstract class GithubRepo implements WarehouseRow {

  public abstract String getRepo();

  public abstract Instant getSnapshotAt();

  public abstract @Nullable String getDescription();

  public abstract Long getStars();

  public abstract Long getForks();

  public abstract @Nullable Long getWatchers();

  public abstract Long getOpenIssuesAndPrs();

  public abstract @Nullable String getLanguage();

  public abstract @Nullable String getLicense();

  public abstract String getTopics();

  public abstract @Nullable String getDefaultBranch();

  public abstract Boolean getArchived();

  public abstract @Nullable Instant getCreatedAt();

  public abstract @Nullable Instant getPushedAt();

  public static GithubRepo create(
      String repo,
      Instant snapshotAt,
      @Nullable String description,
      Long stars,
      Long forks,
      @Nullable Long watchers,
      Long openIssuesAndPrs,
      @Nullable String language,
      @Nullable String license,
      String topics,
      @Nullable String defaultBranch,
      Boolean archived,
      @Nullable Instant createdAt,
      @Nullable Instant pushedAt) {
    return new AutoValue_GithubRepo(repo, snapshotAt, description, stars, forks, watchers, openIssuesAndPrs, language, license, topics, defaultBranch, archived, createdAt, pushedAt);
  }

  @Override
  public List<Object> columnValues() {
    return Arrays.asList(getRepo(), getSnapshotAt(), getDescription(), getStars(), getForks(), getWatchers(), getOpenIssuesAndPrs(), getLanguage(), getLicense(), getTopics(), getDefaultBranch(), getArchived(), getCreatedAt(), getPushedAt());
  }
}
