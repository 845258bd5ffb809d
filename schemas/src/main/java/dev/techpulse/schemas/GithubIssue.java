package dev.techpulse.schemas;

import com.google.auto.value.AutoValue;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/** An issue or pull request as last seen: a row of {@code github_issues}. */
@DefaultCoder(WarehouseRowCoder.class)
@AutoValue
public abstract class GithubIssue implements WarehouseRow {

  public abstract String getRepo();

  public abstract Long getNumber();

  public abstract Boolean getIsPullRequest();

  public abstract String getState();

  public abstract @Nullable String getAuthor();

  public abstract Instant getCreatedAt();

  public abstract @Nullable Instant getClosedAt();

  public abstract Long getComments();

  public abstract @Nullable Instant getUpdatedAt();

  /** {@code pull_request.merged_at}: null for issues and unmerged pull requests. */
  public abstract @Nullable Instant getMergedAt();

  public static GithubIssue create(
      String repo,
      Long number,
      Boolean isPullRequest,
      String state,
      @Nullable String author,
      Instant createdAt,
      @Nullable Instant closedAt,
      Long comments,
      @Nullable Instant updatedAt,
      @Nullable Instant mergedAt) {
    return new AutoValue_GithubIssue(repo, number, isPullRequest, state, author, createdAt, closedAt, comments, updatedAt, mergedAt);
  }

  @Override
  public List<Object> columnValues() {
    return Arrays.asList(getRepo(), getNumber(), getIsPullRequest(), getState(), getAuthor(), getCreatedAt(), getClosedAt(), getComments(), getUpdatedAt(), getMergedAt());
  }
}
