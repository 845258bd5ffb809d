package dev.techpulse.transforms.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.techpulse.schemas.DownloadCount;
import dev.techpulse.schemas.DownloadsCovered;
import dev.techpulse.schemas.GithubCommitWeek;
import dev.techpulse.schemas.GithubIssue;
import dev.techpulse.schemas.GithubRelease;
import dev.techpulse.schemas.GithubRepo;
import dev.techpulse.schemas.PypiRelease;
import dev.techpulse.schemas.Reject;
import dev.techpulse.schemas.Scorecard;
import dev.techpulse.schemas.TechnologyRow;
import dev.techpulse.schemas.WarehouseTable;
import dev.techpulse.testing.WarehouseRun;
import dev.techpulse.transforms.warehouse.Connections;
import dev.techpulse.transforms.warehouse.Warehouse;
import dev.techpulse.transforms.warehouse.WarehouseConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's queries on a DuckDB file whose contents the test wrote through the warehouse. */
class ReportDataTest {
  static final LocalDate END = LocalDate.parse("2024-03-31"); // a Sunday
  static final LocalDate GAP = LocalDate.parse("2024-03-28"); // no package reported that day

  @TempDir Path dir;
  WarehouseConfig config;
  Warehouse warehouse;

  @BeforeEach
  void open() {
    config = WarehouseConfig.duckdb(dir.resolve("w.duckdb").toString());
    warehouse = new Warehouse(config);
  }

  @AfterEach
  void close() {
    Connections.release(config);
  }

  /**
   * Pair = packages a and b, no repository (no vulnerability, a release 10 days back); Solo = c
   * with repository org/solo and every health and risk figure; Empty = d, nothing at all.
   */
  WarehouseRun run(LocalDate end, Instant snapshotAt, long stars) {
    WarehouseRun run = new WarehouseRun();
    run.add(WarehouseTable.TECHNOLOGIES, TechnologyRow.create("Pair", "a,b", null))
        .add(WarehouseTable.TECHNOLOGIES, TechnologyRow.create("Solo", "c", "org/solo"))
        .add(WarehouseTable.TECHNOLOGIES, TechnologyRow.create("Empty", "d", null));
    for (String tech : List.of("Pair", "Solo", "Empty")) {
      boolean solo = tech.equals("Solo");
      Scorecard row =
          Scorecard.create(tech, end, null, null, 0L, null, tech.equals("Pair") ? 1_000L : null,
              null, null, null, null, null, null, tech.equals("Solo") ? 5L : null,
              tech.equals("Solo") ? 5L : null, tech.equals("Solo") ? 2L : null,
              tech.equals("Solo") ? 2L : null, null, null, null,
              tech.equals("Empty") ? null : tech.equals("Solo") ? 2L : 0L,
              solo ? 4L : null, solo ? 3L : null, solo ? 0.75 : null, solo ? 1.5 : null,
              solo ? 3L : null, solo ? 1L : null,
              tech.equals("Empty") ? null : solo ? 58L : 10L, solo ? "active" : null);
      run.add(WarehouseTable.TECHNOLOGY_SCORECARD, row)
          .add(WarehouseTable.TECHNOLOGY_SCORECARD_HISTORY, row);
    }
    for (LocalDate d = LocalDate.parse("2024-03-20"); !d.isAfter(END); d = d.plusDays(1)) {
      if (d.equals(GAP)) {
        continue;
      }
      run.add(WarehouseTable.PYPI_DOWNLOADS, DownloadCount.create("a", d, "total", "", 100L, "pypistats"));
      if (!d.isBefore(LocalDate.parse("2024-03-25"))) {
        run.add(WarehouseTable.PYPI_DOWNLOADS, DownloadCount.create("b", d, "total", "", 10L, "pypistats"));
      }
      // a split row is not a total: it must not reach the daily sums
      run.add(WarehouseTable.PYPI_DOWNLOADS, DownloadCount.create("a", d, "system", "Linux", 7L, "pypistats"));
    }
    for (String pkg : List.of("a", "b", "c")) {
      for (String dim : List.of("total", "system", "python_minor")) {
        run.add(
            WarehouseTable.PYPI_DOWNLOADS_COVERED,
            DownloadsCovered.create(pkg, "pypistats", dim, END.minusDays(179), END));
      }
    }
    for (int v = 1; v <= 10; v++) {
      run.add(
          WarehouseTable.PYPI_DOWNLOADS,
          DownloadCount.create("c", END, "python_minor", "3." + v, (long) v, "pypistats"));
    }
    run.add(WarehouseTable.GITHUB_REPOS,
            GithubRepo.create("org/solo", snapshotAt, null, stars, 3L, null, 0L, null, null, "[]",
                null, false, null, null))
        .add(WarehouseTable.GITHUB_COMMITS_WEEKLY, GithubCommitWeek.create("org/solo", END.minusWeeks(1), 5L))
        .add(WarehouseTable.GITHUB_ISSUES, issue(1, false, "2024-03-30T00:00:00Z", "2024-03-31T12:00:00Z"))
        .add(WarehouseTable.GITHUB_ISSUES, issue(2, false, "2024-03-01T00:00:00Z", "2024-03-31T00:00:00Z"))
        .add(WarehouseTable.GITHUB_ISSUES, issue(3, true, "2024-03-30T00:00:00Z", "2024-03-31T00:00:00Z"))
        .add(WarehouseTable.GITHUB_RELEASES,
            GithubRelease.create("org/solo", "v1.0", null, Instant.parse("2024-02-01T10:00:00Z"), false))
        .add(WarehouseTable.PYPI_RELEASES,
            PypiRelease.create("c", "1.0", Instant.parse("2024-02-02T10:00:00Z"), false, false, 1, 1, null))
        .add(WarehouseTable.PYPI_RELEASES,
            PypiRelease.create("c", "0.1", Instant.parse("2022-01-01T10:00:00Z"), false, false, 1, 1, null))
        .add(WarehouseTable.REJECTS, Reject.create("pypi", "d", "GET /pypi/d/json returned HTTP 404", null,
            Instant.parse("2024-04-01T00:00:00Z")));
    return run;
  }

  static GithubIssue issue(long n, boolean pr, String created, String closed) {
    return GithubIssue.create("org/solo", n, pr, "closed", "someone", Instant.parse(created),
        Instant.parse(closed), 0L, null, null);
  }

  JsonNode tech(ReportData data, String name) {
    for (JsonNode t : data.json().get("techs")) {
      if (t.get("name").asText().equals(name)) {
        return t;
      }
    }
    throw new AssertionError(name);
  }

  static JsonNode day(JsonNode series, LocalDate d) {
    return series.get(ReportData.DAYS - 1 - (int) (END.toEpochDay() - d.toEpochDay()));
  }

  ReportData twoRunsAndABackfill() throws Exception {
    run(END.minusDays(1), Instant.parse("2024-03-31T06:00:00Z"), 40L)
        .commit(warehouse, "r1", END.minusDays(30), END.minusDays(1), "{\"downloadsSource\":\"pypistats\"}", null);
    run(END, Instant.parse("2024-04-01T06:00:00Z"), 42L)
        .commit(warehouse, "r2", END.minusDays(29), END, "{\"downloadsSource\":\"pypistats\"}",
            "{\"uncovered_download_days\":\"2024-03-02..2024-03-19\",\"reason\":\"pypistats does not have these days\"}");
    new WarehouseRun()
        .add(WarehouseTable.TECHNOLOGIES, TechnologyRow.create("Backfilled", "z", null))
        .commit(warehouse, "r3", LocalDate.parse("2024-01-01"), LocalDate.parse("2024-01-31"), "{}", null);
    return ReportData.read(warehouse);
  }

  @Test
  void reportsTheRunWithTheLatestEndDate_notALaterBackfill() throws Exception {
    ReportData data = twoRunsAndABackfill();

    assertEquals("r2", data.run().runId());
    assertEquals(END, data.run().endDate());
    assertEquals(List.of("Empty", "Pair", "Solo"),
        data.scorecard().stream().map(r -> (String) r.get("technology")).toList());
    assertEquals(1_000L, ((Number) data.scorecard().get(1).get("downloads_last_30d")).longValue());
    assertEquals("2024-03-02..2024-03-19", data.run().notes().get("uncovered_download_days").asText());
    assertEquals(1, data.rejects().size());
    assertEquals(java.util.Map.of("pypi", 1L), data.rejectsByStep());
  }

  @Test
  void dailyDownloads_sumTheTechnologysPackages_andLeaveMissingDaysNull() throws Exception {
    JsonNode pair = tech(twoRunsAndABackfill(), "Pair");

    assertEquals(110, day(pair.get("dl"), END).asLong(), "a 100 + b 10, not the system split");
    assertEquals(100, day(pair.get("dl"), LocalDate.parse("2024-03-24")).asLong());
    assertTrue(day(pair.get("dl"), GAP).isNull(), "a day nobody reported is missing, not 0");
    assertTrue(day(pair.get("dl"), LocalDate.parse("2024-03-19")).isNull());
    assertEquals(11, pair.get("daysWithData30").asInt());
    assertTrue(tech(ReportData.read(warehouse), "Empty").get("dl").isNull());
  }

  @Test
  void rollingMean_averagesTheDaysWithData_inTheSevenEndingThatDay() throws Exception {
    JsonNode mean = tech(twoRunsAndABackfill(), "Pair").get("mean");

    // 03-25..03-31 without 03-28: six days of 110; counting the gap as 0 would give 94
    assertEquals(110, day(mean, END).asLong());
    // 03-20..03-26: five days of 100 and two of 110 = 720 / 7
    assertEquals(103, day(mean, LocalDate.parse("2024-03-26")).asLong());
    assertTrue(day(mean, GAP).isNull(), "no mean is drawn on a day without data");
  }

  @Test
  void splits_keepTheEightLargestValues_andSumTheRestAsOther() throws Exception {
    JsonNode split = tech(twoRunsAndABackfill(), "Solo").get("split");

    JsonNode minor = split.get("python_minor");
    List<String> labels = new ArrayList<>();
    minor.get("labels").forEach(l -> labels.add(l.asText()));
    assertEquals(List.of("3.10", "3.9", "3.8", "3.7", "3.6", "3.5", "3.4", "3.3", "(other)"), labels);
    JsonNode other = minor.get("data").get(8);
    assertEquals(3, other.get(ReportData.WEEKS - 1).asLong(), "3.1 + 3.2 in the last 7 days");
    assertTrue(other.get(0).isNull(), "a week without rows is missing");
    assertTrue(tech(ReportData.read(warehouse), "Pair").get("split").has("system"));
  }

  @Test
  void githubSeries_countIssuesNotPullRequests_withTheMedianDaysToClose() throws Exception {
    ReportData data = twoRunsAndABackfill();
    JsonNode solo = tech(data, "Solo");

    JsonNode issues = solo.get("issues");
    int last = ReportData.WEEKS - 1;
    assertEquals(1, issues.get("opened").get(last).asLong(), "issue 1; PR 3 is not an issue");
    assertEquals(1, issues.get("opened").get(last - 4).asLong(), "issue 2, opened 30 days before");
    assertEquals(0, issues.get("opened").get(last - 1).asLong(), "fetched: a quiet week is 0");
    assertEquals(2, issues.get("closed").get(last).asLong());
    assertEquals(15.8, issues.get("median").get(last).asDouble(), 0.01, "(1.5 + 30) / 2 days");
    assertEquals(5, solo.get("commits").get(ReportData.COMMIT_WEEKS - 2).asLong());
    assertTrue(solo.get("commits").get(0).isNull());
    assertTrue(tech(data, "Pair").get("commits").isNull(), "no repository: no series at all");
    assertEquals("[[19813,40,3],[19814,42,3]]", solo.get("stars").toString(), "one point per run");
    assertEquals(
        "[[19754,\"v1.0\",1,0],[19755,\"c 1.0\",0,0]]", solo.get("releases").toString(),
        "GitHub and PyPI releases of the last 365 days");
  }

  @Test
  void warehouseAtSchemaVersion5_isReportedFromTheLatestScorecard_healthAndRiskIncluded()
      throws Exception {
    twoRunsAndABackfill();
    try (java.sql.Connection c = warehouse.connect(); java.sql.Statement st = c.createStatement()) {
      // as version 5 left it: neither history table exists yet
      st.execute("DROP TABLE mart.technology_scorecard_history");
      st.execute("DROP TABLE staging.technology_scorecard_history");
    }

    ReportData data = ReportData.read(warehouse);

    org.junit.jupiter.api.Assertions.assertFalse(
        data.appended().containsKey(WarehouseTable.TECHNOLOGY_SCORECARD_HISTORY),
        "a table the warehouse lacks is not counted");
    assertEquals(1_000L, ((Number) data.scorecard().get(1).get("downloads_last_30d")).longValue());
    java.util.Map<String, Object> solo = data.scorecard().get(2);
    assertEquals("active", solo.get("maintenance_state"));
    assertEquals(0.75, ((Number) solo.get("pr_closure_ratio_90d")).doubleValue(), 1e-9);
    assertEquals(58L, ((Number) solo.get("days_since_last_release")).longValue());
    assertEquals(null, data.scorecard().get(1).get("maintenance_state"), "Pair: no repository");
  }

  /** The scorecard table's cell of {@code tech} in the column showing {@code key}. */
  static java.util.Map<String, Object> cell(ReportData data, String tech, String key, String format) {
    int column = -1;
    for (int i = 0; i < ScorecardTable.COLUMNS.size(); i++) {
      ScorecardTable.Column c = ScorecardTable.COLUMNS.get(i);
      if (c.key().equals(key) && c.format().equals(format)) {
        column = i;
      }
    }
    assertTrue(column >= 0, key);
    for (java.util.Map<String, Object> row : ScorecardTable.rows(data.scorecard(), data.json())) {
      if (row.get("name").equals(tech)) {
        @SuppressWarnings("unchecked")
        List<java.util.Map<String, Object>> cells = (List<java.util.Map<String, Object>>) row.get("cells");
        return cells.get(column);
      }
    }
    throw new AssertionError(tech);
  }

  @Test
  void healthAndRisk_showTheScorecardsFigures_andMarkMissingOnesNoData() throws Exception {
    ReportData data = twoRunsAndABackfill();

    assertEquals("active", cell(data, "Solo", "maintenance_state", "state").get("badge"));
    assertEquals("0", cell(data, "Solo", "maintenance_state", "state").get("sort"), "active first");
    assertEquals("2", cell(data, "Solo", "vulnerabilities_latest", "risk").get("text"));
    assertEquals("num risk", cell(data, "Solo", "vulnerabilities_latest", "risk").get("cls"));
    assertEquals("1", cell(data, "Solo", "contributor_absence_factor_90d", "count").get("text"));
    assertEquals("3", cell(data, "Solo", "active_contributors_90d", "count").get("text"));
    assertEquals("3", cell(data, "Solo", "prs_merged_90d", "count").get("text"));
    assertEquals("75 %", cell(data, "Solo", "pr_closure_ratio_90d", "ratio").get("text"));
    assertEquals("of 4 opened in 90 days", cell(data, "Solo", "pr_closure_ratio_90d", "ratio").get("tip"));
    assertEquals("1.5 d", cell(data, "Solo", "median_days_to_merge_90d", "days").get("text"));
    assertEquals("58 d", cell(data, "Solo", "days_since_last_release", "age").get("text"));
    // Pair has no repository: no state and no GitHub figure, but its PyPI ones are real values
    assertEquals(Boolean.TRUE, cell(data, "Pair", "maintenance_state", "state").get("na"));
    assertEquals("", cell(data, "Pair", "maintenance_state", "state").get("sort"), "sorts last");
    assertEquals("0", cell(data, "Pair", "vulnerabilities_latest", "risk").get("text"), "0 is not missing");
    assertEquals("num", cell(data, "Pair", "vulnerabilities_latest", "risk").get("cls"));
    assertEquals(Boolean.TRUE, cell(data, "Pair", "contributor_absence_factor_90d", "count").get("na"));
    assertEquals(Boolean.TRUE, cell(data, "Pair", "pr_closure_ratio_90d", "ratio").get("na"));
    assertEquals("10 d", cell(data, "Pair", "days_since_last_release", "age").get("text"));
    assertEquals(Boolean.TRUE, cell(data, "Empty", "vulnerabilities_latest", "risk").get("na"));
    assertEquals(Boolean.TRUE, cell(data, "Empty", "days_since_last_release", "age").get("na"));
    String html = HtmlReport.render(data, "test", Instant.parse("2024-04-01T08:00:00Z"));
    assertTrue(html.contains("<td class=\"state\" data-sort=\"0\"><span class=\"badge state-active\">active</span></td>"), "Solo's badge");
    assertEquals(List.of("active", "quiet", "dormant", "archived"), ScorecardTable.STATES);
  }

  @Test
  void warehouseFromBeforeSchemaVersion5_isAOneLineError() throws Exception {
    twoRunsAndABackfill();
    try (java.sql.Connection c = warehouse.connect(); java.sql.Statement st = c.createStatement()) {
      st.execute("DROP TABLE mart.technology_scorecard_history");
      st.execute("ALTER TABLE mart.technology_scorecard DROP COLUMN maintenance_state");
    }

    ReportException e = assertThrows(ReportException.class, () -> ReportData.read(warehouse));

    assertTrue(e.getMessage().contains("older than version 5"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  @Test
  void warehouseWithoutRuns_isAOneLineError() throws Exception {
    ReportException noTables = assertThrows(ReportException.class, () -> ReportData.read(warehouse));
    assertTrue(noTables.getMessage().contains("no techpulse runs"), noTables.getMessage());

    warehouse.ensureSchema();
    ReportException noRuns = assertThrows(ReportException.class, () -> ReportData.read(warehouse));
    assertEquals(
        "this warehouse has no succeeded techpulse run to report: run techpulse first",
        noRuns.getMessage());
  }

  @Test
  void html_marksMissingData_formatsNumbers_andInlinesEverything() throws Exception {
    String html = HtmlReport.render(twoRunsAndABackfill(), "test", Instant.parse("2024-04-01T08:00:00Z"));

    assertTrue(html.contains(">1.0 k<"), "downloads_last_30d of Pair");
    assertTrue(html.contains("<span class=\"na\">no data</span>"));
    assertTrue(html.contains("2024-03-02..2024-03-19"));
    assertTrue(html.contains("Chart.js v4.4.1"), "the UMD build is inlined");
    assertTrue(!html.contains("sourceMappingURL") && !html.contains("src=\"http"), "no fetches");
    assertEquals("12.3 M", Human.count(12_345_678));
    assertEquals("+4.5 %", Human.percent(0.045));
    assertEquals("-2.1 %", Human.percent(-0.021));
    assertEquals("987", Human.count(987));
    assertEquals("1.0 M", Human.count(999_999));
  }
}
