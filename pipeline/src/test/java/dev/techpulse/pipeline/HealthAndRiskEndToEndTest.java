package dev.techpulse.pipeline;

import static dev.techpulse.pipeline.EndToEndTest.rows;
import static dev.techpulse.pipeline.EndToEndTest.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.techpulse.testing.FakeApis;
import dev.techpulse.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract definition 11 end to end, every new column computed by hand below from the answers
 * served, ending at {@code --endDate=2017-12-22} (90-day window [2017-09-24, 2017-12-22]).
 *
 * <ul>
 *   <li>"Betamax": package luigi (recorded current-schema document, {@code vulnerabilities: []})
 *       and the recorded betamaxpy/betamax exchanges: two pages of issues (2017, so its pull
 *       requests carry no {@code merged_at}), 100 contributors, commits from 2018-19.
 *   <li>"Aiohttp": package aiohttp (the recorded document with 8 vulnerabilities and no {@code
 *       releases}, so its releases come from the Simple API page derived from it) and the
 *       recorded octokit-fixture-org/hello-world snapshot, whose {@code /stats/*} answer {@code
 *       204 No Content} (an empty body, as HTTP defines it) and whose issues are built below.
 * </ul>
 */
class HealthAndRiskEndToEndTest {
  static final String HELLO = "/repos/octokit-fixture-org/hello-world";
  static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Hello-world's issues, built here (no recorded list has merged pull requests): in the window,
   * PRs opened: #1, #2, #3 = 3; merged: #1 (2.5 days), #2 (1 day), #4 (opened 2017-08-01, merged
   * 2017-10-10: 31 + 30 + 9 = 70 days) = 3, median of {1, 2.5, 70} = 2.5; closed (merged or not):
   * #1, #2, #3, #4 = 4, so the closure ratio is 4 / 3. #5 is open and opened before the window;
   * #6 is an issue, not a pull request.
   */
  static final String HELLO_ISSUES =
      "["
          + pr(1, "2017-10-01T00:00:00Z", "2017-10-03T12:00:00Z", "2017-10-03T12:00:00Z") + ","
          + pr(2, "2017-11-01T00:00:00Z", "2017-11-02T00:00:00Z", "2017-11-02T00:00:00Z") + ","
          + pr(3, "2017-12-01T06:00:00Z", "2017-12-05T00:00:00Z", null) + ","
          + pr(4, "2017-08-01T00:00:00Z", "2017-10-10T00:00:00Z", "2017-10-10T00:00:00Z") + ","
          + pr(5, "2017-09-01T00:00:00Z", null, null) + ","
          + "{\"number\": 6, \"state\": \"closed\", \"user\": {\"login\": \"octocat\"},"
          + " \"created_at\": \"2017-10-05T00:00:00Z\", \"closed_at\": \"2017-10-06T00:00:00Z\","
          + " \"comments\": 0}"
          + "]";

  static String pr(int number, String created, String closed, String merged) {
    return "{\"number\": " + number + ", \"state\": \"" + (closed == null ? "open" : "closed")
        + "\", \"user\": {\"login\": \"octocat\"}, \"created_at\": \"" + created + "\","
        + " \"closed_at\": " + (closed == null ? "null" : "\"" + closed + "\"") + ","
        + " \"comments\": 1, \"pull_request\": {\"url\": \"https://api.github.com" + HELLO
        + "/pulls/" + number + "\", \"merged_at\": "
        + (merged == null ? "null" : "\"" + merged + "\"") + "}}";
  }

  @TempDir Path dir;
  FakeApis apis;
  Path db;

  @BeforeEach
  void startFakes() throws Exception {
    apis = FakeApis.start();
    db = dir.resolve("techpulse.duckdb");
    apis.pypiPackage("luigi", Fixtures.body("pypi/luigi_current_schema.json"));
    apis.pypiPackage("aiohttp", Fixtures.body("pypi/aiohttp_3_12_15_vulnerabilities.json"));
    var simple = Fixtures.exchanges("pypi/aiohttp_simple_derived.json").get(0);
    apis.pypi.route(
        "/simple/aiohttp/",
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", simple.headers().get("content-type"))
            .addHeader("ETag", "\"simple-aiohttp-1\"")
            .body(simple.body())
            .build());
    GithubActivityEndToEndTest.betamaxWorld(apis);
    apis.github.route(HELLO, apis.replay(Fixtures.exchanges("github/get_repository.json").get(0)));
    MockResponse noContent = new MockResponse.Builder().code(204).build();
    apis.github.route(HELLO + "/stats/commit_activity", noContent);
    apis.github.route(HELLO + "/stats/contributors", noContent);
    apis.github.route(
        HELLO + "/issues?state=all&since=2017-09-24T00:00:00Z&per_page=100",
        FakeApis.json(200, HELLO_ISSUES));
    apis.github.route(HELLO + "/releases?per_page=100", FakeApis.json(200, "[]"));
  }

  @AfterEach
  void stopFakes() {
    apis.close();
  }

  void run() throws Exception {
    Path catalog = dir.resolve("catalog.json");
    Files.writeString(
        catalog,
        "{\"technologies\": ["
            + "{\"name\": \"Betamax\", \"packages\": [\"luigi\"], \"github\": \"sigmavirus24/betamax\"},"
            + "{\"name\": \"Aiohttp\", \"packages\": [\"aiohttp\"],"
            + " \"github\": \"octokit-fixture-org/hello-world\"}]}");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        TechpulsePipeline.execute(
            new String[] {
              "--catalog=" + catalog,
              "--startDate=2017-11-23",
              "--endDate=2017-12-22",
              "--downloadsSource=none",
              "--githubActivity=always",
              "--duckdbPath=" + db,
              "--pypiUrl=" + apis.pypi.url(),
              "--githubApiUrl=" + apis.github.url(),
              "--httpInitialBackoffMillis=5"
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8));
    assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
  }

  /** The scorecard's new columns (SQL NULL reads as "null", see {@link EndToEndTest#rows}). */
  static final String CARD =
      "SELECT technology, vulnerabilities_latest, prs_opened_90d, prs_merged_90d,"
          + " round(pr_closure_ratio_90d, 6), median_days_to_merge_90d, active_contributors_90d,"
          + " contributor_absence_factor_90d, days_since_last_release, maintenance_state,"
          + " commits_last_4w, releases_last_365d"
          + " FROM mart.technology_scorecard ORDER BY technology";

  @Test
  void recordedAnswers_fillEveryHealthColumn_asComputedByHand() throws Exception {
    run();

    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
      assertEquals(
          List.of(
              // Aiohttp: 8 entries, none withdrawn. PRs: see HELLO_ISSUES. /stats 204: nobody
              // active, no factor, 0 commits. Its only release (3.12.15, 2025-07-29) is after
              // endDate: no last release, none in 30 or 365 days, 0 commits in 52 weeks: dormant.
              List.of(
                  "Aiohttp", 8L, 3L, 3L, 1.333333, 2.5, 0L, "null", "null", "dormant", 0L, 0L),
              // Betamax: luigi's vulnerabilities is []: 0. PRs opened in the window: #144
              // (10-03), #147 (10-18), #149 (10-28) = 3; closed: #147 (10-19), #141, #132,
              // #129 (10-28) = 4: 4 / 3. No merged_at in the 2017 recording: 0 merged, no
              // median. Contributors with commits in weeks whose Sunday is in the window:
              // sigmavirus24 22, omgjlk 11 (total 33, half 16.5): 2 active, factor 1. Latest
              // luigi release on or before 2017-12-22, not yanked nor pre: 2.7.1 on 2017-10-05,
              // 26 + 30 + 22 = 78 days. No commits in 4 weeks, no release in [11-23, 12-22], but
              // 2.5.0, 2.6.0, 2.6.1, 2.6.2, 2.7.0, 2.7.1 fall in 365 days (6): quiet.
              List.of(
                  "Betamax", 0L, 3L, 0L, 1.333333, "null", 2L, 1L, 78L, "quiet", 0L, 6L)),
          rows(c, CARD));

      assertEquals(8L, scalar(c, "SELECT count(*) FROM mart.pypi_vulnerabilities"));
      assertEquals(
          List.of(
              List.of(
                  "aiohttp", "GHSA-6mq8-rvhq-8wgg", "[\"CVE-2025-69223\"]", "null",
                  "[\"3.13.3\"]", "https://osv.dev/vulnerability/GHSA-6mq8-rvhq-8wgg", "osv",
                  "null", "3.12.15", 311L)),
          rows(
              c,
              "SELECT package_name, vuln_id, aliases, summary, fixed_in, link, source,"
                  + " withdrawn_at, affects_version, length(details)"
                  + " FROM mart.pypi_vulnerabilities WHERE vuln_id = 'GHSA-6mq8-rvhq-8wgg'"));
      // From the Simple API: the wheel at 05:49:43.584732Z and the 7,823,716-byte sdist.
      assertEquals(
          List.of(
              List.of("3.12.15", "2025-07-29 05:49:43.584732+00", false, false, 2L, 1L, 7823716L)),
          rows(
              c,
              "SELECT version, CAST(released_at AS VARCHAR), is_prerelease, is_yanked,"
                  + " file_count, wheel_count, sdist_size_bytes FROM mart.pypi_releases"
                  + " WHERE package_name = 'aiohttp'"));
      assertEquals(
          List.of(
              List.of(1L, "2017-10-03 12:00:00+00"),
              List.of(2L, "2017-11-02 00:00:00+00"),
              List.of(4L, "2017-10-10 00:00:00+00")),
          rows(
              c,
              "SELECT number, CAST(merged_at AS VARCHAR) FROM mart.github_issues"
                  + " WHERE merged_at IS NOT NULL ORDER BY number"));
      assertEquals(
          0L, scalar(c, "SELECT count(*) FROM mart.github_commits_weekly WHERE repo LIKE '%hello%'"));
      assertEquals(0L, scalar(c, "SELECT count(*) FROM mart.rejects"), "204 is not a reject");
    }
    List<String> pypi = apis.pypi.targets();
    assertTrue(pypi.contains("/simple/aiohttp/"), pypi.toString());
    assertFalse(pypi.contains("/simple/luigi/"), "luigi's document has releases: " + pypi);
    RecordedRequest simple =
        apis.pypi.requests().stream()
            .filter(r -> r.getTarget().equals("/simple/aiohttp/"))
            .findFirst()
            .orElseThrow();
    assertEquals("application/vnd.pypi.simple.v1+json", simple.getHeaders().get("Accept"));
  }

  @Test
  void nextDocument_dropsEntriesGoneFromIt_countsWithdrawnOnesOut_andRevalidatesTheSimplePage()
      throws Exception {
    run();
    // given: PyPI's next document lists 7 of the 8 (GHSA-mqqc-3gqh-h2x8 gone) and withdraws one
    ObjectNode doc =
        (ObjectNode) MAPPER.readTree(Fixtures.body("pypi/aiohttp_3_12_15_vulnerabilities.json"));
    ArrayNode vulns = (ArrayNode) doc.get("vulnerabilities");
    assertEquals("GHSA-mqqc-3gqh-h2x8", vulns.get(7).get("id").asText());
    vulns.remove(7);
    ((ObjectNode) vulns.get(0)).put("withdrawn", "2026-02-01T00:00:00Z");
    apis.pypiPackage("aiohttp", doc.toString());

    // when
    run();

    // then: 7 rows, one withdrawn: 6 counted; the Simple API page was answered 304
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
      assertEquals(
          List.of(List.of(7L, 1L)),
          rows(
              c,
              "SELECT count(*), count(withdrawn_at) FROM mart.pypi_vulnerabilities"
                  + " WHERE package_name = 'aiohttp'"));
      assertEquals(
          0L,
          scalar(
              c,
              "SELECT count(*) FROM mart.pypi_vulnerabilities WHERE vuln_id = 'GHSA-mqqc-3gqh-h2x8'"));
      assertEquals(
          6L,
          scalar(
              c,
              "SELECT vulnerabilities_latest FROM mart.technology_scorecard"
                  + " WHERE technology = 'Aiohttp'"));
      assertEquals(
          15L, scalar(c, "SELECT count(*) FROM staging.pypi_vulnerabilities"), "8 + 7 staged");
      assertEquals(
          1L, scalar(c, "SELECT count(*) FROM mart.pypi_releases WHERE package_name = 'aiohttp'"),
          "the 304 replays the stored page");
    }
    List<RecordedRequest> simple =
        apis.pypi.requests().stream()
            .filter(r -> r.getTarget().equals("/simple/aiohttp/"))
            .toList();
    assertEquals(2, simple.size());
    assertEquals("\"simple-aiohttp-1\"", simple.get(1).getHeaders().get("If-None-Match"));
    assertEquals(1, apis.pypi.notModified());
  }
}
