package dev.techpulse.transforms.scorecard;

import dev.techpulse.schemas.RecordCoder;
import org.apache.beam.sdk.coders.DefaultCoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A repository's activity figures for the scorecard; a field is null when the call behind it
 * failed, so a failure never reads as zero. The {@code *Known} flags tell a figure that is null
 * by definition (a median of nothing) from one whose call failed, when partial results merge.
 */
@DefaultCoder(RecordCoder.class)
public record RepoActivity(
    Long commitsLast4w,
    Long commitsLast52w,
    Long issuesOpened90d,
    Long issuesClosed90d,
    Double medianDaysToClose90d,
    Long newContributors90d,
    boolean issuesKnown,
    Long prsOpened90d,
    Long prsMerged90d,
    Double prClosureRatio90d,
    Double medianDaysToMerge90d,
    Long activeContributors90d,
    Long contributorAbsenceFactor90d,
    boolean contributorsKnown) {

  public static final RepoActivity NONE =
      new RepoActivity(
          null, null, null, null, null, null, false, null, null, null, null, null, null, false);

  public static RepoActivity commits(long last4w, long last52w) {
    return new RepoActivity(
        last4w, last52w, null, null, null, null, false, null, null, null, null, null, null, false);
  }

  /**
   * Issue and pull-request figures of the 90-day window. The closure ratio is PRs closed in the
   * window (merged or not, whenever opened) over PRs opened in it, so it can exceed 1; null when
   * none were opened (CHAOSS Change Request Closure Ratio).
   */
  public static RepoActivity issues(
      long opened,
      long closed,
      Double medianToClose,
      long prsOpened,
      long prsMerged,
      long prsClosed,
      Double medianToMerge) {
    Double ratio = prsOpened == 0 ? null : (double) prsClosed / prsOpened;
    return new RepoActivity(
        null, null, opened, closed, medianToClose, null, true, prsOpened, prsMerged, ratio,
        medianToMerge, null, null, false);
  }

  public static RepoActivity contributors(long new90d, long active90d, Long absenceFactor90d) {
    return new RepoActivity(
        null, null, null, null, null, new90d, false, null, null, null, null, active90d,
        absenceFactor90d, true);
  }

  /** This with the other's known figures laid over it. */
  public RepoActivity merge(RepoActivity o) {
    return new RepoActivity(
        o.commitsLast4w != null ? o.commitsLast4w : commitsLast4w,
        o.commitsLast52w != null ? o.commitsLast52w : commitsLast52w,
        o.issuesKnown ? o.issuesOpened90d : issuesOpened90d,
        o.issuesKnown ? o.issuesClosed90d : issuesClosed90d,
        o.issuesKnown ? o.medianDaysToClose90d : medianDaysToClose90d,
        o.contributorsKnown ? o.newContributors90d : newContributors90d,
        issuesKnown || o.issuesKnown,
        o.issuesKnown ? o.prsOpened90d : prsOpened90d,
        o.issuesKnown ? o.prsMerged90d : prsMerged90d,
        o.issuesKnown ? o.prClosureRatio90d : prClosureRatio90d,
        o.issuesKnown ? o.medianDaysToMerge90d : medianDaysToMerge90d,
        o.contributorsKnown ? o.activeContributors90d : activeContributors90d,
        o.contributorsKnown ? o.contributorAbsenceFactor90d : contributorAbsenceFactor90d,
        contributorsKnown || o.contributorsKnown);
  }

  /** The median; the mean of the two middle values for an even count; null for none. */
  public static Double median(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /**
   * CHAOSS Contributor Absence Factor: the fewest contributors whose commits add up to at least
   * half of all of theirs (exactly half counts), taking the largest first, so ties do not matter;
   * null when they have no commits.
   *
   * @param commitsPerContributor each contributor's commits in the window
   */
  public static Long absenceFactor(List<Long> commitsPerContributor) {
    long total = 0;
    for (long c : commitsPerContributor) {
      total += c;
    }
    if (total == 0) {
      return null;
    }
    List<Long> sorted = new ArrayList<>(commitsPerContributor);
    sorted.sort(Collections.reverseOrder());
    long sum = 0;
    long people = 0;
    for (long c : sorted) {
      sum += c;
      people++;
      if (2 * sum >= total) {
        break;
      }
    }
    return people;
  }
}
