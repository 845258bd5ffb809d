package dev.techpulse.transforms.scorecard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.techpulse.schemas.GithubIssue;
import dev.techpulse.schemas.GithubRepo;
import dev.techpulse.schemas.PypiRelease;
import dev.techpulse.testing.Fixtures;
import dev.techpulse.transforms.github.GithubActivity;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The edge cases of contract definition 11, each pinned by a case computed by hand. */
class HealthDefinitionsTest {
  static final LocalDate END = LocalDate.parse("2024-06-30");
  static final ScorecardWindows WINDOWS = new ScorecardWindows(END);

  static Instant at(String iso) {
    return Instant.parse(iso);
  }

  static GithubIssue pr(int number, String created, String closed, String merged) {
    return GithubIssue.create(
        "o/r", (long) number, true, closed == null ? "open" : "closed", "a", at(created),
        closed == null ? null : at(closed), 0L, null, merged == null ? null : at(merged));
  }

  static GithubIssue issue(int number, String created, String closed) {
    return GithubIssue.create(
        "o/r", (long) number, false, closed == null ? "open" : "closed", "a", at(created),
        closed == null ? null : at(closed), 0L, null, null);
  }

  @Nested
  class PullRequests {

    @Test
    void mergedAt_comesFromPullRequestMergedAt_andIsNullWhenAbsentOrForIssues() throws Exception {
      // the 2017 recording predates pull_request.merged_at: its pull requests have none
      List<GithubIssue> recorded = new ArrayList<>();
      for (var e : Fixtures.exchanges("github/issues_state_all_301_then_2_pages.json")) {
        if (e.url().contains("/issues")) {
          recorded.addAll(GithubActivity.issues("betamaxpy/betamax", e.body()));
        }
      }
      assertEquals(67, recorded.stream().filter(GithubIssue::getIsPullRequest).count());
      assertTrue(recorded.stream().allMatch(i -> i.getMergedAt() == null));

      // today's shape: merged_at inside pull_request, null for an unmerged one
      String page =
          "[{\"number\": 7, \"state\": \"closed\", \"created_at\": \"2024-06-01T00:00:00Z\","
              + " \"closed_at\": \"2024-06-02T00:00:00Z\", \"pull_request\": {\"url\": \"u\","
              + " \"merged_at\": \"2024-06-02T00:00:00Z\"}},"
              + " {\"number\": 8, \"state\": \"open\", \"created_at\": \"2024-06-01T00:00:00Z\","
              + " \"pull_request\": {\"url\": \"u\", \"merged_at\": null}},"
              + " {\"number\": 9, \"state\": \"open\", \"created_at\": \"2024-06-01T00:00:00Z\"}]";
      List<GithubIssue> parsed = GithubActivity.issues("o/r", page);
      assertEquals(at("2024-06-02T00:00:00Z"), parsed.get(0).getMergedAt());
      assertNull(parsed.get(1).getMergedAt());
      assertNull(parsed.get(2).getMergedAt());
    }

    @Test
    void oddCountOfMerges_medianIsTheMiddleValue() {
      // merged after 1, 2.5 and 10 days, all merged inside [2024-04-02, 2024-06-30]
      List<GithubIssue> prs =
          List.of(
              pr(1, "2024-06-01T00:00:00Z", "2024-06-02T00:00:00Z", "2024-06-02T00:00:00Z"),
              pr(2, "2024-06-01T00:00:00Z", "2024-06-11T00:00:00Z", "2024-06-11T00:00:00Z"),
              pr(3, "2024-06-01T00:00:00Z", "2024-06-03T12:00:00Z", "2024-06-03T12:00:00Z"));

      GithubActivity.IssueFigures f = GithubActivity.issueFigures(prs, WINDOWS);

      assertEquals(3, f.prsOpened());
      assertEquals(3, f.prsMerged());
      assertEquals(2.5, f.medianDaysToMerge());
      assertEquals(0, f.opened(), "pull requests are not issues");
    }

    @Test
    void evenCountOfMerges_medianIsTheMeanOfTheTwoMiddleValues() {
      // 1, 2, 4 and 30 days: (2 + 4) / 2 = 3
      List<GithubIssue> prs =
          List.of(
              pr(1, "2024-05-01T00:00:00Z", "2024-05-31T00:00:00Z", "2024-05-31T00:00:00Z"),
              pr(2, "2024-06-01T00:00:00Z", "2024-06-02T00:00:00Z", "2024-06-02T00:00:00Z"),
              pr(3, "2024-06-01T00:00:00Z", "2024-06-05T00:00:00Z", "2024-06-05T00:00:00Z"),
              pr(4, "2024-06-01T00:00:00Z", "2024-06-03T00:00:00Z", "2024-06-03T00:00:00Z"));

      assertEquals(3.0, GithubActivity.issueFigures(prs, WINDOWS).medianDaysToMerge());
    }

    @Test
    void noPullRequestsOpened_butSomeClosed_ratioIsNull_andClosedOnesStillCount() {
      // opened before the window (2024-04-02), closed inside it; one merged, one not
      List<GithubIssue> prs =
          List.of(
              pr(1, "2024-01-10T00:00:00Z", "2024-06-10T00:00:00Z", "2024-06-10T00:00:00Z"),
              pr(2, "2024-02-01T00:00:00Z", "2024-06-20T00:00:00Z", null));

      GithubActivity.IssueFigures f = GithubActivity.issueFigures(prs, WINDOWS);
      RepoActivity a =
          RepoActivity.issues(
              f.opened(), f.closed(), f.medianDaysToClose(), f.prsOpened(), f.prsMerged(),
              f.prsClosed(), f.medianDaysToMerge());

      assertEquals(0L, a.prsOpened90d());
      assertEquals(2, f.prsClosed());
      assertEquals(1L, a.prsMerged90d());
      assertNull(a.prClosureRatio90d(), "closed / 0 opened is undefined");
      // 2024-01-10 -> 2024-06-10 is 152 days (2024 is a leap year)
      assertEquals(152.0, a.medianDaysToMerge90d());
    }

    @Test
    void closureRatio_countsEveryPrClosedInTheWindow_soItCanExceedOne() {
      // opened in window: #3 only; closed in window: #1 (merged), #2 (not merged), #3
      List<GithubIssue> prs =
          List.of(
              pr(1, "2024-03-01T00:00:00Z", "2024-04-05T00:00:00Z", "2024-04-05T00:00:00Z"),
              pr(2, "2024-03-15T00:00:00Z", "2024-05-01T00:00:00Z", null),
              pr(3, "2024-06-29T23:00:00Z", "2024-06-30T23:59:59Z", null),
              pr(4, "2024-03-15T00:00:00Z", "2024-04-01T23:59:59Z", null)); // a day too early

      GithubActivity.IssueFigures f = GithubActivity.issueFigures(prs, WINDOWS);
      RepoActivity a =
          RepoActivity.issues(0, 0, null, f.prsOpened(), f.prsMerged(), f.prsClosed(), null);

      assertEquals(1L, a.prsOpened90d());
      assertEquals(3.0, a.prClosureRatio90d(), "3 closed / 1 opened");
      assertEquals(1L, a.prsMerged90d());
    }

    @Test
    void mergedAfterTheWindowEnds_isNotMergedIn90d_andIssuesKeepTheirOwnFigures() {
      List<GithubIssue> items =
          List.of(
              pr(1, "2024-06-25T00:00:00Z", "2024-07-01T00:00:00Z", "2024-07-01T00:00:00Z"),
              issue(2, "2024-06-01T00:00:00Z", "2024-06-04T00:00:00Z"));

      GithubActivity.IssueFigures f = GithubActivity.issueFigures(items, WINDOWS);

      assertEquals(0, f.prsMerged());
      assertNull(f.medianDaysToMerge());
      assertEquals(1, f.opened());
      assertEquals(3.0, f.medianDaysToClose());
    }
  }

  @Nested
  class Contributors {

    /** A {@code /stats/contributors} body: one author per array of (Sunday, commits) weeks. */
    String stats(long[][]... authors) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < authors.length; i++) {
        b.append(i == 0 ? "" : ",").append("{\"total\": 0, \"author\": {\"login\": \"u")
            .append(i).append("\"}, \"weeks\": [");
        for (int j = 0; j < authors[i].length; j++) {
          b.append(j == 0 ? "" : ",")
              .append("{\"w\": ").append(authors[i][j][0])
              .append(", \"a\": 0, \"d\": 0, \"c\": ").append(authors[i][j][1]).append("}");
        }
        b.append("]}");
      }
      return b.append("]").toString();
    }

    long sunday(String date) {
      return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    @Test
    void absenceFactor_isTheFewestAuthorsReachingHalf_exactlyHalfIncluded() throws Exception {
      // in window: 6, 3, 3 (and one author active only before the window): total 12, half 6
      String body =
          stats(
              new long[][] {{sunday("2024-06-02"), 4}, {sunday("2024-06-09"), 2}},
              new long[][] {{sunday("2024-05-05"), 3}},
              new long[][] {{sunday("2024-06-30"), 3}},
              new long[][] {{sunday("2023-01-01"), 50}});

      GithubActivity.Contributors c = GithubActivity.contributors("o/r", body, WINDOWS);

      assertEquals(3, c.activeLast90d());
      assertEquals(1L, c.absenceFactor90d(), "6 of 12 is exactly half");
    }

    @Test
    void tiesInTheAbsenceFactor_giveTheSameCount_whicheverOrder() {
      // 4 authors with 5 commits each: total 20, half 10, so two authors, whichever two
      assertEquals(2L, RepoActivity.absenceFactor(List.of(5L, 5L, 5L, 5L)));
      // 3, 3, 3: total 9, half 4.5: two authors (6 >= 4.5), one is not enough
      assertEquals(2L, RepoActivity.absenceFactor(List.of(3L, 3L, 3L)));
      // 1, 7, 2: the largest first, 7 >= 5
      assertEquals(1L, RepoActivity.absenceFactor(List.of(1L, 7L, 2L)));
    }

    @Test
    void noCommitsInTheWindow_activeIsZero_andAbsenceFactorNull() throws Exception {
      String body = stats(new long[][] {{sunday("2024-01-07"), 9}, {sunday("2024-06-23"), 0}});

      GithubActivity.Contributors c = GithubActivity.contributors("o/r", body, WINDOWS);

      assertEquals(0, c.activeLast90d());
      assertNull(c.absenceFactor90d());
      assertNull(RepoActivity.absenceFactor(List.of()));
    }

    @Test
    void weekWhoseSundayIsTheWindowsFirstDay_counts_andTheDayBefore_doesNot() throws Exception {
      // window [2024-04-02, 2024-06-30]: Sunday 2024-03-31 is out, 2024-04-07 is in
      String body =
          stats(
              new long[][] {{sunday("2024-03-31"), 8}},
              new long[][] {{sunday("2024-04-07"), 1}});

      GithubActivity.Contributors c = GithubActivity.contributors("o/r", body, WINDOWS);

      assertEquals(1, c.activeLast90d());
      assertEquals(1L, c.absenceFactor90d());
    }

    @Test
    void emptyRepository204_isAnEmptyHistory_countsZeroAndFactorNull() throws Exception {
      String body = GithubActivity.statsBody(204, "");

      GithubActivity.Contributors c = GithubActivity.contributors("o/r", body, WINDOWS);
      long[] commits =
          GithubActivity.commitTotals(GithubActivity.commitWeeks("o/r", body), WINDOWS);

      assertEquals(0, c.activeLast90d());
      assertEquals(0, c.newLast90d());
      assertNull(c.absenceFactor90d());
      assertTrue(c.months().isEmpty());
      assertEquals(0, commits[0]);
      assertEquals(0, commits[1]);
      assertEquals("{}", GithubActivity.statsBody(200, "{}"), "only 204 is rewritten");
    }
  }

  @Nested
  class Releases {

    PypiRelease release(String version, String at, boolean pre, boolean yanked) {
      return PypiRelease.create(
          "p", version, at == null ? null : Instant.parse(at), pre, yanked, 1, 1, null);
    }

    @Test
    void releaseExactlyOnEndDate_isZeroDaysAgo_andOneAfterIsIgnored() {
      List<PypiRelease> releases =
          List.of(
              release("1.0", "2024-06-01T00:00:00Z", false, false),
              release("1.1", "2024-06-30T23:59:59.999999Z", false, false),
              release("1.2", "2024-07-01T00:00:00Z", false, false));

      assertEquals(0L, JoinScorecard.daysSinceLastRelease(releases, WINDOWS));
    }

    @Test
    void yankedLatestRelease_andPreReleases_areSkipped() {
      List<PypiRelease> releases =
          List.of(
              release("1.0", "2024-06-10T08:00:00Z", false, false), // 20 days before 06-30
              release("1.1rc1", "2024-06-20T00:00:00Z", true, false),
              release("1.1", "2024-06-25T00:00:00Z", false, true), // yanked latest
              release("0.1", null, false, false)); // no files: no released_at

      assertEquals(20L, JoinScorecard.daysSinceLastRelease(releases, WINDOWS));
      assertNull(JoinScorecard.daysSinceLastRelease(releases.subList(1, 4), WINDOWS));
    }

    GithubRepo repo(boolean archived) {
      return GithubRepo.create(
          "o/r", at("2024-06-30T12:00:00Z"), null, 1L, 1L, 1L, 1L, null, null, "[]", "main",
          archived, null, null);
    }

    @Test
    void maintenanceState_followsTheDefinitionsOrder() {
      RepoActivity none = RepoActivity.commits(0, 0);
      RepoActivity old = RepoActivity.commits(0, 12);
      RepoActivity busy = RepoActivity.commits(3, 40);

      assertEquals("archived", JoinScorecard.maintenanceState(repo(true), busy, true, true));
      assertEquals("active", JoinScorecard.maintenanceState(repo(false), busy, false, false));
      assertEquals("active", JoinScorecard.maintenanceState(repo(false), none, true, true));
      assertEquals("dormant", JoinScorecard.maintenanceState(repo(false), none, false, false));
      assertEquals("quiet", JoinScorecard.maintenanceState(repo(false), none, false, true));
      assertEquals("quiet", JoinScorecard.maintenanceState(repo(false), old, false, false));
      assertNull(JoinScorecard.maintenanceState(null, busy, true, true), "no snapshot");
      assertNull(
          JoinScorecard.maintenanceState(repo(false), RepoActivity.NONE, false, true),
          "commits unknown and no release in 30d: undecided");
      assertEquals(
          "active", JoinScorecard.maintenanceState(repo(false), RepoActivity.NONE, true, true));
    }

    @Test
    void maintenanceRelease_countsPreReleasesButNotYankedOnes() {
      List<PypiRelease> releases = new ArrayList<>();
      releases.add(release("2.0b1", "2024-06-15T00:00:00Z", true, false));
      assertTrue(JoinScorecard.anyRelease(releases, WINDOWS::inLast30d));

      releases.set(0, release("2.0", "2024-06-15T00:00:00Z", false, true));
      assertTrue(!JoinScorecard.anyRelease(releases, WINDOWS::inLast30d));
      assertTrue(!JoinScorecard.anyRelease(releases, WINDOWS::inLast365d));
    }
  }
}
