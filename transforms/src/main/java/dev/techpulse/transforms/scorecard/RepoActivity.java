package dev.techpulse.transforms.scorecard;

import dev.techpulse.schemas.RecordCoder;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A repository's activity figures for the scorecard; a field is null when the call behind it
 * failed, so a failure never reads as zero.
 */
@DefaultCoder(RecordCoder.class)
public record RepoActivity(
    Long commitsLast4w,
    Long commitsLast52w,
    Long issuesOpened90d,
    Long issuesClosed90d,
    Double medianDaysToClose90d,
    Long newContributors90d,
    boolean issuesKnown) {

  public static final RepoActivity NONE =
      new RepoActivity(null, null, null, null, null, null, false);

  public static RepoActivity commits(long last4w, long last52w) {
    return new RepoActivity(last4w, last52w, null, null, null, null, false);
  }

  public static RepoActivity issues(long opened, long closed, Double median) {
    return new RepoActivity(null, null, opened, closed, median, null, true);
  }

  public static RepoActivity contributors(long new90d) {
    return new RepoActivity(null, null, null, null, null, new90d, false);
  }

  /** This with the other's known figures laid over it. */
  public RepoActivity merge(RepoActivity o) {
    boolean issues = issuesKnown || o.issuesKnown;
    return new RepoActivity(
        o.commitsLast4w != null ? o.commitsLast4w : commitsLast4w,
        o.commitsLast52w != null ? o.commitsLast52w : commitsLast52w,
        o.issuesOpened90d != null ? o.issuesOpened90d : issuesOpened90d,
        o.issuesClosed90d != null ? o.issuesClosed90d : issuesClosed90d,
        o.issuesKnown ? o.medianDaysToClose90d : medianDaysToClose90d,
        o.newContributors90d != null ? o.newContributors90d : newContributors90d,
        issues);
  }
}
