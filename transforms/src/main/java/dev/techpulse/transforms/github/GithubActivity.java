package dev.techpulse.transforms.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.techpulse.schemas.GithubCommitWeek;
import dev.techpulse.schemas.GithubContributorMonth;
import dev.techpulse.schemas.GithubIssue;
import dev.techpulse.schemas.GithubRelease;
import dev.techpulse.transforms.http.Json;
import dev.techpulse.transforms.http.MalformedResponseException;
import dev.techpulse.transforms.scorecard.RepoActivity;
import dev.techpulse.transforms.scorecard.ScorecardWindows;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses GitHub's activity endpoints into rows and the scorecard's figures (contract sections
 * 6.5 and 6.6).
 */
public final class GithubActivity {
  private GithubActivity() {}

  /** The Sunday starting the week of a Unix time, as a UTC date. */
  public static LocalDate weekStart(long unixSeconds) {
    return LocalDate.ofInstant(Instant.ofEpochSecond(unixSeconds), ZoneOffset.UTC)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
  }

  /**
   * {@code /stats/commit_activity}: commits per week. A {@code week} that is not a Sunday (seen
   * in old recordings) counts toward the week containing it.
   */
  public static List<GithubCommitWeek> commitWeeks(String repo, String body)
      throws MalformedResponseException {
    JsonNode root = Json.parse(body, "commit_activity");
    if (!root.isArray()) {
      throw new MalformedResponseException("commit_activity: expected an array of weeks");
    }
    Map<LocalDate, Long> byWeek = new TreeMap<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode w = root.get(i);
      String path = "commit_activity[" + i + "]";
      if (!w.isObject()) {
        throw new MalformedResponseException(path + ": expected an object");
      }
      long week = Json.requiredLong(w, "week", path + ".week");
      long total = Json.requiredLong(w, "total", path + ".total");
      byWeek.merge(weekStart(week), total, Long::sum);
    }
    List<GithubCommitWeek> out = new ArrayList<>();
    byWeek.forEach((d, c) -> out.add(GithubCommitWeek.create(repo, d, c)));
    return out;
  }

  /** One page of {@code /issues}: issues and pull requests (flagged by {@code pull_request}). */
  public static List<GithubIssue> issues(String repo, String body)
      throws MalformedResponseException {
    JsonNode root = Json.parse(body, "issues");
    if (!root.isArray()) {
      throw new MalformedResponseException("issues: expected an array");
    }
    List<GithubIssue> out = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      JsonNode it = root.get(i);
      String path = "issues[" + i + "]";
      if (!it.isObject()) {
        throw new MalformedResponseException(path + ": expected an object");
      }
      JsonNode user = it.get("user");
      String author =
          user != null && user.isObject() ? Json.optionalText(user, "login", path + ".user.login")
              : null;
      Instant created = Json.optionalInstant(it, "created_at", path + ".created_at");
      if (created == null) {
        throw new MalformedResponseException(path + ".created_at: expected a timestamp");
      }
      JsonNode pr = it.get("pull_request");
      out.add(
          GithubIssue.create(
              repo,
              Json.requiredLong(it, "number", path + ".number"),
              pr != null && !pr.isNull(),
              Json.requiredText(it, "state", path + ".state"),
              author,
              created,
              Json.optionalInstant(it, "closed_at", path + ".closed_at"),
              Json.optionalLong(it, "comments", path + ".comments") == null
                  ? 0L
                  : Json.optionalLong(it, "comments", path + ".comments"),
              Json.optionalInstant(it, "updated_at", path + ".updated_at"),
              pr != null && pr.isObject()
                  ? Json.optionalInstant(pr, "merged_at", path + ".pull_request.merged_at")
                  : null));
    }
    return out;
  }

  /** One page of {@code /releases}. */
  public static List<GithubRelease> releases(String repo, String body)
      throws MalformedResponseException {
    JsonNode root = Json.parse(body, "releases");
    if (!root.isArray()) {
      throw new MalformedResponseException("releases: expected an array");
    }
    List<GithubRelease> out = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      JsonNode r = root.get(i);
      String path = "releases[" + i + "]";
      if (!r.isObject()) {
        throw new MalformedResponseException(path + ": expected an object");
      }
      JsonNode name = r.get("name");
      out.add(
          GithubRelease.create(
              repo,
              Json.requiredText(r, "tag_name", path + ".tag_name"),
              name == null || name.isNull() ? null : name.asText(),
              Json.optionalInstant(r, "published_at", path + ".published_at"),
              Json.optionalBoolean(r, "prerelease", path + ".prerelease")));
    }
    return out;
  }

  /**
   * What {@code /stats/contributors} yields: monthly rows, the 90-day new and active contributor
   * counts, and the 90-day contributor absence factor (null when nobody committed in the window).
   */
  public record Contributors(
      List<GithubContributorMonth> months,
      long newLast90d,
      long activeLast90d,
      Long absenceFactor90d) {}

  /** The empty history GitHub answers {@code 204 No Content} with for an empty repository. */
  public static final String EMPTY_STATS = "[]";

  /**
   * A {@code /stats/*} body: a {@code 204 No Content} (an empty repository, whose body is empty by
   * HTTP definition) is an empty history, not a malformed answer.
   */
  public static String statsBody(int status, String body) {
    return status == 204 ? EMPTY_STATS : body;
  }

  /**
   * {@code /stats/contributors}: a person is active in month M with {@code c > 0} in a week
   * whose Sunday is in M, and new in M when that is their first such week. GitHub returns only
   * the top 100 contributors, so long-tail newcomers of large projects are undercounted.
   */
  public static Contributors contributors(String repo, String body, ScorecardWindows windows)
      throws MalformedResponseException {
    JsonNode root = Json.parse(body, "contributors");
    if (!root.isArray()) {
      throw new MalformedResponseException("contributors: expected an array");
    }
    Map<LocalDate, Long> active = new TreeMap<>();
    Map<LocalDate, Long> fresh = new HashMap<>();
    long new90 = 0;
    List<Long> commits90 = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode person = root.get(i);
      String path = "contributors[" + i + "]";
      JsonNode weeks = person == null ? null : person.get("weeks");
      if (weeks == null || !weeks.isArray()) {
        throw new MalformedResponseException(path + ".weeks: expected an array");
      }
      List<LocalDate> activeWeeks = new ArrayList<>();
      long inWindow = 0;
      for (int j = 0; j < weeks.size(); j++) {
        JsonNode w = weeks.get(j);
        String wpath = path + ".weeks[" + j + "]";
        long commits = Json.requiredLong(w, "c", wpath + ".c");
        if (commits > 0) {
          LocalDate sunday = weekStart(Json.requiredLong(w, "w", wpath + ".w"));
          activeWeeks.add(sunday);
          if (windows.inLast90d(sunday)) {
            inWindow += commits;
          }
        }
      }
      if (inWindow > 0) {
        commits90.add(inWindow);
      }
      if (activeWeeks.isEmpty()) {
        continue;
      }
      Collections.sort(activeWeeks);
      LocalDate first = activeWeeks.get(0);
      fresh.merge(first.withDayOfMonth(1), 1L, Long::sum);
      if (windows.inLast90d(first)) {
        new90++;
      }
      activeWeeks.stream()
          .map(d -> d.withDayOfMonth(1))
          .distinct()
          .forEach(m -> active.merge(m, 1L, Long::sum));
    }
    List<GithubContributorMonth> months = new ArrayList<>();
    active.forEach(
        (m, n) -> months.add(GithubContributorMonth.create(repo, m, fresh.getOrDefault(m, 0L), n)));
    return new Contributors(
        months, new90, commits90.size(), RepoActivity.absenceFactor(commits90));
  }

  /** Commits in the last 4 and 52 weeks (weeks whose Sunday is in the window). */
  public static long[] commitTotals(List<GithubCommitWeek> weeks, ScorecardWindows windows) {
    long last4 = 0;
    long last52 = 0;
    for (GithubCommitWeek w : weeks) {
      if (windows.weekInLast4w(w.getWeekStart())) {
        last4 += w.getCommits();
      }
      if (windows.weekInLast52w(w.getWeekStart())) {
        last52 += w.getCommits();
      }
    }
    return new long[] {last4, last52};
  }

  /**
   * Issue and pull-request figures over the 90 days: issues opened and closed with the median
   * days to close (null when none closed); pull requests opened, merged, closed (merged or not,
   * whenever opened) and the median days to merge (null when none merged).
   */
  public record IssueFigures(
      long opened,
      long closed,
      Double medianDaysToClose,
      long prsOpened,
      long prsMerged,
      long prsClosed,
      Double medianDaysToMerge) {}

  /** By the UTC date of created_at / closed_at / merged_at (contract definitions 6 and 11). */
  public static IssueFigures issueFigures(List<GithubIssue> issues, ScorecardWindows windows) {
    long opened = 0;
    long prsOpened = 0;
    long prsClosed = 0;
    List<Double> toClose = new ArrayList<>();
    List<Double> toMerge = new ArrayList<>();
    for (GithubIssue i : issues) {
      boolean createdIn = windows.inLast90d(LocalDate.ofInstant(i.getCreatedAt(), ZoneOffset.UTC));
      boolean closedIn =
          i.getClosedAt() != null
              && windows.inLast90d(LocalDate.ofInstant(i.getClosedAt(), ZoneOffset.UTC));
      if (!i.getIsPullRequest()) {
        opened += createdIn ? 1 : 0;
        if (closedIn) {
          toClose.add(days(i.getCreatedAt(), i.getClosedAt()));
        }
        continue;
      }
      prsOpened += createdIn ? 1 : 0;
      prsClosed += closedIn ? 1 : 0;
      if (i.getMergedAt() != null
          && windows.inLast90d(LocalDate.ofInstant(i.getMergedAt(), ZoneOffset.UTC))) {
        toMerge.add(days(i.getCreatedAt(), i.getMergedAt()));
      }
    }
    return new IssueFigures(
        opened,
        toClose.size(),
        RepoActivity.median(toClose),
        prsOpened,
        toMerge.size(),
        prsClosed,
        RepoActivity.median(toMerge));
  }

  private static double days(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 86_400_000.0;
  }
}
