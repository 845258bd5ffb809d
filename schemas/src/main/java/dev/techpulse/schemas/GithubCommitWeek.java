package dev.techpulse.schemas;

import com.google.auto.value.AutoValue;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;

/** Commits to a repository in the week starting on a Sunday: a row of {@code github_commits_weekly}. */
@DefaultCoder(WarehouseRowCoder.class)
@AutoValue
public abstract class GithubCommitWeek implements WarehouseRow {

  public abstract String getRepo();

  public abstract LocalDate getWeekStart();

  public abstract Long getCommits();

  public static GithubCommitWeek create(
      String repo,
      LocalDate weekStart,
      Long commits) {
    return new AutoValue_GithubCommitWeek(repo, weekStart, commits);
  }

  @Override
  public List<Object> columnValues() {
    return Arrays.asList(getRepo(), getWeekStart(), getCommits());
  }
}
