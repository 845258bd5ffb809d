package dev.techpulse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.techpulse.testing.FakeApis;
import dev.techpulse.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real main class against fake PyPI, pypistats and GitHub servers replaying the recorded
 * responses of the fixtures, into a temporary DuckDB file.
 */
class EndToEndTest {
  static final String RENAMED_OLD =
      "octokit-fixture-org/tmp-scenario-rename-repository-20220719044033126-ukeod";

  @TempDir Path dir;
  FakeApis apis;
  Path db;

  @BeforeEach
  void startFakes() throws Exception {
    apis = FakeApis.start();
    db = dir.resolve("wh/techpulse.duckdb");
    recordedWorld(apis);
  }

  /** Routes the recorded responses this test's catalog needs onto the fakes. */
  static void recordedWorld(FakeApis apis) {
    String luigi = Fixtures.body("pypi/luigi_current_schema.json");
    apis.pypiPackage("luigi", luigi)
        .pypiPackage("celery", Fixtures.body("pypi/celery_2019_schema_no_yanked.json"))
        .pypiPackage("pendulum", Fixtures.body("pypi/pendulum_2018_old_schema.json"))
        .pypiPackage("broken-doc", luigi.substring(0, luigi.length() / 2));
    String overall = Fixtures.body("pypistats/overall_pip_excerpt.json");
    apis.pypistats("luigi", "overall?mirrors=false", overall)
        .pypistats("luigi", "python_minor", Fixtures.body("pypistats/python_minor_pip_excerpt.json"))
        // Synthetic: no real /system recording exists (see fixtures/README.md).
        .pypistats(
            "luigi",
            "system",
            "{\"data\":[{\"category\":\"Linux\",\"date\":\"2020-05-01\",\"downloads\":1500},"
                + "{\"category\":null,\"date\":\"2020-05-01\",\"downloads\":7}],"
                + "\"package\":\"luigi\",\"type\":\"system_downloads\"}")
        .pypistats("celery", "overall?mirrors=false", overall)
        .pypistats(
            "celery", "python_minor", Fixtures.body("pypistats/python_minor_161_days_excerpt.json"))
        .pypistats("celery", "system", "{\"data\":[]}")
        .pypistats("pendulum", "python_minor", "{\"data\":[]}")
        .pypistats("pendulum", "system", "{\"data\":[]}");
    // pendulum's overall is unrouted: a 404, so pypistats_overall rejects it.
    var repo = Fixtures.exchanges("github/get_repository.json").get(0);
    apis.github.route("/repos/spotify/luigi", apis.replay(repo));
    apis.github.route(
        "/repos/celery/gone-repo",
        apis.replay(Fixtures.exchanges("github/repository_not_found_404.json").get(0)));
    apis.githubReplay("github/rename_repository_301.json");
  }

  @AfterEach
  void stopFakes() {
    apis.close();
  }

  String[] args() throws Exception {
    return recordedArgs(dir, db, apis);
  }

  /** Arguments of a run over the recorded world, into {@code db}. */
  static String[] recordedArgs(Path dir, Path db, FakeApis apis) throws Exception {
    Path catalog = dir.resolve("catalog.json");
    Files.writeString(
        catalog,
        "{\"technologies\": ["
            + "{\"name\": \"Luigi\", \"packages\": [\"luigi\"]},"
            + "{\"name\": \"Celery\", \"packages\": [\"Celery\"], \"github\": \"celery/gone-repo\"},"
            + "{\"name\": \"Pendulum\", \"packages\": [\"pendulum\"], \"github\": \"" + RENAMED_OLD
            + "\"},"
            + "{\"name\": \"Missing\", \"packages\": [\"no-such-package-xyz\"]},"
            + "{\"name\": \"Broken\", \"packages\": [\"broken_doc\"]}"
            + "]}");
    return new String[] {
      "--catalog=" + catalog,
      "--startDate=2018-04-01",
      "--endDate=2020-05-02",
      "--duckdbPath=" + db,
      "--report=" + db.resolveSibling(db.getFileName() + "-report.html"),
      "--pypiUrl=" + apis.pypi.url(),
      "--pypistatsUrl=" + apis.pypistats.url() + "/",
      "--githubApiUrl=" + apis.github.url(),
      "--pypistatsPerMinute=60000",
      "--httpInitialBackoffMillis=5"
    };
  }

  record Outcome(int code, String out, String err) {}

  Outcome runMain() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        TechpulsePipeline.execute(
            args(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void recordedResponses_fillEveryTable_rejectsBadInput_andRerunLeavesMartUnchanged()
      throws Exception {
    Outcome first = runMain();

    assertEquals(0, first.code(), first.err() + first.out());
    assertEquals("", first.err());
    assertTrue(first.out().contains("FetchPypiPackages: 3 fetched, 2 rejected"), first.out());
    try (Connection c = connect()) {
      assertPypiTables(c);
      assertDownloads(c);
      assertGithubRepos(c);
      assertRejects(c);
      assertTechnologiesAndScorecard(c);
      List<List<Object>> runs = rows(c, "SELECT status, rows_written, rejects, options FROM mart.pipeline_runs");
      assertEquals(1, runs.size());
      assertEquals("succeeded", runs.get(0).get(0));
      assertEquals(4L, runs.get(0).get(2));
      assertTrue(runs.get(0).get(3).toString().contains("\"startDate\":\"2018-04-01\""));
    }
    assertFalse(
        apis.pypistats.targets().stream().anyMatch(t -> t.contains("no-such-package-xyz")),
        "a package unknown to PyPI is not requested from pypistats");
    assertTrue(
        apis.pypi.requests().stream()
            .allMatch(r -> r.getHeaders().get("User-Agent").equals("techpulse/0.1.0")));
    Map<String, List<List<Object>>> martBefore = martSnapshot();

    Outcome second = runMain();

    assertEquals(0, second.code(), second.err());
    assertEquals(martBefore, martSnapshot(), "a second run leaves the mart unchanged");
    try (Connection c = connect()) {
      assertEquals(2L, scalar(c, "SELECT count(DISTINCT run_id) FROM staging.pypi_packages"));
      assertEquals(6L, scalar(c, "SELECT count(*) FROM staging.pypi_packages"));
      assertEquals(8L, scalar(c, "SELECT count(*) FROM mart.rejects"));
    }
  }

  void assertPypiTables(Connection c) throws SQLException {
    assertEquals(
        List.of(
            List.of("celery", "4.4.0", "BSD", "http://celeryproject.org", "null"),
            List.of("luigi", "3.6.0", "Apache License 2.0", "https://github.com/spotify/luigi",
                "spotify/luigi"),
            List.of("pendulum", "2.0.3", "MIT", "https://pendulum.eustace.io", "null")),
        rows(
            c,
            "SELECT package_name, version, license, home_page, coalesce(github_repo, 'null')"
                + " FROM mart.pypi_packages ORDER BY 1"));
    assertEquals(
        List.of(List.of("celery", 150L), List.of("luigi", 84L), List.of("pendulum", 47L)),
        rows(c, "SELECT package_name, count(*) FROM mart.pypi_releases GROUP BY 1 ORDER BY 1"));
    assertEquals(
        List.of(List.of(0L, 0L, "null", "null")),
        rows(
            c,
            "SELECT file_count, wheel_count, coalesce(CAST(released_at AS VARCHAR), 'null'),"
                + " coalesce(CAST(sdist_size_bytes AS VARCHAR), 'null')"
                + " FROM mart.pypi_releases WHERE package_name = 'luigi' AND version = '1.0.8'"));
    assertEquals(
        List.of(List.of("3.0.0b1", true), List.of("3.0.0b2", true)),
        rows(
            c,
            "SELECT version, is_prerelease FROM mart.pypi_releases"
                + " WHERE package_name = 'luigi' AND is_prerelease ORDER BY 1"));
    assertEquals(
        0L, scalar(c, "SELECT count(*) FROM mart.pypi_releases WHERE is_yanked"));
  }

  void assertDownloads(Connection c) throws SQLException {
    assertEquals(
        List.of(
            List.of("celery", "python_minor", 1428L),
            List.of("celery", "total", 2L),
            List.of("luigi", "python_minor", 10L),
            List.of("luigi", "system", 2L),
            List.of("luigi", "total", 2L)),
        rows(
            c,
            "SELECT package_name, dimension, count(*) FROM mart.pypi_downloads"
                + " GROUP BY 1, 2 ORDER BY 1, 2"));
    assertEquals(
        List.of(List.of("", 2083472L, "pypistats")),
        rows(
            c,
            "SELECT dimension_value, downloads, source FROM mart.pypi_downloads WHERE package_name"
                + " = 'luigi' AND dimension = 'total' AND download_date = DATE '2020-05-01'"));
    assertEquals(
        7122L,
        scalar(
            c,
            "SELECT downloads FROM mart.pypi_downloads WHERE package_name = 'luigi'"
                + " AND dimension = 'python_minor' AND dimension_value = 'unknown'"));
  }

  void assertGithubRepos(Connection c) throws SQLException {
    List<List<Object>> repos =
        rows(
            c,
            "SELECT repo, stars, watchers, open_issues_and_prs, topics, license, archived"
                + " FROM mart.github_repos ORDER BY repo");
    assertEquals(2, repos.size(), repos.toString());
    assertEquals("octokit-fixture-org/hello-world", repos.get(0).get(0));
    assertEquals("[\"fixtures\",\"hello\",\"hello-world\"]", repos.get(0).get(4));
    assertTrue(
        repos.get(1).get(0).toString().startsWith("octokit-fixture-org/tmp-scenario-renamed")
            || !repos.get(1).get(0).equals(RENAMED_OLD),
        "a renamed repository is stored under its new full_name: " + repos.get(1));
  }

  void assertRejects(Connection c) throws SQLException {
    List<List<Object>> rejects =
        rows(c, "SELECT step, record_key, error FROM mart.rejects ORDER BY step, record_key");
    assertEquals(4, rejects.size(), rejects.toString());
    assertEquals(List.of("github_repo", "celery/gone-repo"), rejects.get(0).subList(0, 2));
    assertTrue(rejects.get(0).get(2).toString().contains("404"));
    assertEquals(List.of("pypi", "broken-doc"), rejects.get(1).subList(0, 2));
    assertTrue(rejects.get(1).get(2).toString().startsWith("malformed PyPI document"));
    assertEquals(List.of("pypi", "no-such-package-xyz"), rejects.get(2).subList(0, 2));
    assertTrue(rejects.get(2).get(2).toString().contains("unknown package"));
    assertEquals(List.of("pypistats_overall", "pendulum"), rejects.get(3).subList(0, 2));
  }

  void assertTechnologiesAndScorecard(Connection c) throws SQLException {
    assertEquals(
        List.of(
            List.of("Broken", "broken-doc", "null"),
            List.of("Celery", "celery", "celery/gone-repo"),
            List.of("Luigi", "luigi", "spotify/luigi"),
            List.of("Missing", "no-such-package-xyz", "null"),
            List.of("Pendulum", "pendulum", RENAMED_OLD)),
        rows(
            c,
            "SELECT technology, packages, coalesce(github_repo, 'null') FROM mart.technologies"
                + " ORDER BY 1"));
    List<List<Object>> luigi =
        rows(
            c,
            "SELECT CAST(as_of_date AS VARCHAR), latest_version, CAST(latest_release_at AS VARCHAR),"
                + " downloads_last_7d, downloads_last_30d, downloads_prev_30d,"
                + " coalesce(CAST(downloads_growth_30d AS VARCHAR), 'null'), stars, forks"
                + " FROM mart.technology_scorecard WHERE technology = 'Luigi'");
    assertEquals("2020-05-02", luigi.get(0).get(0));
    assertEquals("3.6.0", luigi.get(0).get(1));
    assertEquals(3559451L, luigi.get(0).get(3));
    assertEquals(3559451L, luigi.get(0).get(4));
    assertEquals(0L, luigi.get(0).get(5));
    assertEquals("null", luigi.get(0).get(6));
    List<List<Object>> missing =
        rows(
            c,
            "SELECT coalesce(latest_version, 'null'), coalesce(CAST(downloads_last_7d AS VARCHAR),"
                + " 'null'), coalesce(CAST(stars AS VARCHAR), 'null')"
                + " FROM mart.technology_scorecard WHERE technology = 'Missing'");
    assertEquals(List.of(List.of("null", "null", "null")), missing);
    assertEquals(5L, scalar(c, "SELECT count(*) FROM mart.technology_scorecard"));
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:duckdb:" + db);
  }

  Map<String, List<List<Object>>> martSnapshot() throws SQLException {
    return martSnapshot(db);
  }

  /** Every mart table the run fills, without the columns that hold the time of fetching. */
  static Map<String, List<List<Object>>> martSnapshot(Path db) throws SQLException {
    Map<String, List<List<Object>>> out = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
      for (String t :
          List.of(
              "technologies", "pypi_releases", "pypi_downloads", "technology_scorecard")) {
        out.put(t, rows(c, "SELECT * FROM mart." + t + " ORDER BY ALL"));
      }
      out.put(
          "pypi_packages",
          rows(c, "SELECT * EXCLUDE (pulled_at) FROM mart.pypi_packages ORDER BY ALL"));
      out.put(
          "github_repos",
          rows(c, "SELECT * EXCLUDE (snapshot_at) FROM mart.github_repos ORDER BY ALL"));
    }
    return out;
  }

  static long scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static List<List<Object>> rows(Connection c, String sql) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object v = rs.getObject(i);
          row.add(v == null ? "null" : v instanceof Number n && !(v instanceof Double) ? n.longValue() : v);
        }
        out.add(row);
      }
    }
    return out;
  }
}
