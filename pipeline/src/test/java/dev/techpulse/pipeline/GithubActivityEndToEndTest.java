package dev.techpulse.pipeline;

import static dev.techpulse.pipeline.EndToEndTest.rows;
import static dev.techpulse.pipeline.EndToEndTest.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.techpulse.testing.FakeApis;
import dev.techpulse.testing.FakeSecretManager;
import dev.techpulse.transforms.secrets.SecretManagerSecrets;
import dev.techpulse.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub activity end to end: recorded exchanges for a renamed repository (301), two pages of
 * issues with Link pagination, a 202 from /stats, contributors capped at 100, releases; then a
 * second run that is answered 304 and leaves the mart unchanged.
 */
class GithubActivityEndToEndTest {
  static final String BASE = "/repos/betamaxpy/betamax";

  @TempDir Path dir;
  FakeApis apis;
  Path db;

  @BeforeEach
  void startFakes() {
    try {
      apis = FakeApis.start();
    } catch (java.io.IOException e) {
      throw new RuntimeException(e);
    }
    db = dir.resolve("techpulse.duckdb");
    apis.pypiPackage("luigi", Fixtures.body("pypi/luigi_current_schema.json"));
    betamaxWorld(apis);
  }

  /** Routes the recorded exchanges of betamaxpy/betamax (asked for as sigmavirus24/betamax). */
  static void betamaxWorld(FakeApis apis) {
    // 301 sigmavirus24/betamax -> /repositories/11439734 (betamaxpy/betamax), issues page 2.
    apis.githubReplay("github/issues_state_all_301_then_2_pages.json");
    var issues = Fixtures.exchanges("github/issues_state_all_301_then_2_pages.json");
    apis.github.route(
        BASE + "/issues?state=all&since=2017-09-24T00:00:00Z&per_page=100",
        apis.replay(issues.get(2)));
    var busy = Fixtures.exchanges("github/stats_commit_activity_202.json").get(1);
    var done = Fixtures.exchanges("github/stats_commit_activity_200.json").get(0);
    apis.github.route(
        BASE + "/stats/commit_activity", apis.replay(busy), apis.replay(busy), apis.replay(done));
    apis.github.route(
        BASE + "/stats/contributors",
        apis.replay(Fixtures.exchanges("github/stats_contributors_200.json").get(1)));
    apis.github.route(
        BASE + "/releases?per_page=100",
        apis.replay(Fixtures.exchanges("github/releases.json").get(1)));
  }

  @AfterEach
  void stopFakes() {
    apis.close();
  }

  String[] args() {
    return new String[] {
      "--packages=luigi",
      "--startDate=2017-11-23",
      "--endDate=2017-12-22",
      "--downloadsSource=none",
      "--githubActivity=always",
      "--duckdbPath=" + db,
      "--report=" + dir.resolve("report.html"),
      "--pypiUrl=" + apis.pypi.url(),
      "--githubApiUrl=" + apis.github.url(),
      "--httpInitialBackoffMillis=5"
    };
  }

  String[] argsWithCatalog() throws Exception {
    Path catalog = dir.resolve("catalog.json");
    Files.writeString(
        catalog,
        "{\"technologies\": [{\"name\": \"Betamax\", \"packages\": [\"luigi\"],"
            + " \"github\": \"sigmavirus24/betamax\"}]}");
    List<String> a = new ArrayList<>(List.of(args()));
    a.set(0, "--catalog=" + catalog);
    return a.toArray(new String[0]);
  }

  int runInProcess() throws Exception {
    runPrinting();
    return 0;
  }

  /** Runs the main class in this JVM and returns what it printed. */
  String runPrinting() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        TechpulsePipeline.execute(
            argsWithCatalog(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8));
    assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The summary's GitHub line: requests, 304s, retries, waits, and the quota left. */
  private static long[] githubFigures(String output) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "GitHub: (\\d+) requests, (\\d+) not modified \\(304\\), (\\d+) retries,"
                    + " (\\d+) rate-limit waits; quota left (\\d+) of (\\d+)")
            .matcher(output);
    assertTrue(m.find(), "summary prints GitHub figures and a known quota: " + output);
    long[] figures = new long[6];
    for (int i = 0; i < 6; i++) {
      figures[i] = Long.parseLong(m.group(i + 1));
    }
    return figures;
  }

  @Test
  void summaryGithubFigures_areTheJobsMetrics_matchingWhatTheFakeServed() throws Exception {
    // given: a first run that fills the cache
    long[] first = githubFigures(runPrinting());
    int servedFirst = apis.github.requests().size();
    int notModifiedFirst = apis.github.notModified();

    // when: the second run, answered 304 where the cache has the answer
    long[] second = githubFigures(runPrinting());

    // then: each run's figures are what the fake saw during that run, counted by the workers
    assertEquals(servedFirst, first[0], "first run's requests");
    assertEquals(notModifiedFirst, first[1], "first run's 304s");
    assertEquals(apis.github.requests().size() - servedFirst, second[0], "second run's requests");
    assertEquals(apis.github.notModified() - notModifiedFirst, second[1], "second run's 304s");
    assertTrue(second[1] >= 4, "the second run was answered 304: " + second[1]);
    assertTrue(first[4] <= first[5], "quota left within the limit");
  }

  @Test
  void recordedActivity_fillsTablesAndScorecard_andSecondRunIsAnswered304() throws Exception {
    runInProcess();

    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
      assertEquals(
          List.of(List.of("betamaxpy/betamax", 298L, 13L)),
          rows(c, "SELECT repo, stars, watchers FROM mart.github_repos"));
      assertEquals(150L, scalar(c, "SELECT count(*) FROM mart.github_issues"));
      assertEquals(67L, scalar(c, "SELECT count(*) FROM mart.github_issues WHERE is_pull_request"));
      assertEquals(52L, scalar(c, "SELECT count(*) FROM mart.github_commits_weekly"));
      assertEquals(35L, scalar(c, "SELECT sum(commits) FROM mart.github_commits_weekly"));
      assertEquals(
          0L,
          scalar(
              c,
              "SELECT count(*) FROM mart.github_commits_weekly WHERE dayofweek(week_start) <> 0"));
      assertEquals(65L, scalar(c, "SELECT count(*) FROM mart.github_contributors_monthly"));
      assertEquals(
          List.of(List.of(2L, 0L)),
          rows(
              c,
              "SELECT active_contributors, new_contributors FROM mart.github_contributors_monthly"
                  + " WHERE month = DATE '2017-12-01'"));
      assertEquals(
          List.of(List.of("0.9.3", "null", false), List.of("v0.7.1", "", false)),
          rows(
              c,
              "SELECT tag_name, coalesce(name, 'null'), is_prerelease FROM mart.github_releases"
                  + " ORDER BY tag_name"));
      List<List<Object>> card =
          rows(
              c,
              "SELECT commits_last_4w, commits_last_52w, issues_opened_90d, issues_closed_90d,"
                  + " round(median_days_to_close_90d, 6), new_contributors_90d,"
                  + " CAST(last_push_at AS VARCHAR), stars FROM mart.technology_scorecard");
      assertEquals(
          List.of(List.of(0L, 0L, 6L, 6L, 122.95886, 0L, "2017-10-31 21:53:16+00", 298L)),
          card);
      assertEquals(0L, scalar(c, "SELECT count(*) FROM mart.rejects"));
    }
    List<String> targets = apis.github.targets();
    assertTrue(targets.contains("/repositories/11439734"), "301 followed: " + targets);
    assertTrue(
        targets.contains("/repositories/11439734/issues?state=all&per_page=100&page=2"),
        "Link rel=next followed: " + targets);
    assertEquals(
        3, targets.stream().filter(t -> t.endsWith("/stats/commit_activity")).count(),
        "202 twice, then 200");
    var martBefore = dump();

    runInProcess();

    assertTrue(apis.github.notModified() >= 4, "second run answered 304: " + apis.github.notModified());
    assertTrue(
        apis.github.requests().stream()
            .filter(r -> r.getTarget().equals(BASE + "/releases?per_page=100"))
            .reduce((a, b) -> b)
            .map(r -> r.getHeaders().get("If-None-Match") != null)
            .orElse(false),
        "the second run sends If-None-Match");
    assertEquals(martBefore, dump(), "a 304 run leaves the mart unchanged");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
      assertEquals(
          2L, scalar(c, "SELECT count(DISTINCT run_id) FROM staging.github_releases"),
          "staging gets a row per entity per run, changed or not");
    }
  }

  List<List<List<Object>>> dump() throws Exception {
    List<List<List<Object>>> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
      for (String t :
          List.of(
              "github_commits_weekly", "github_issues", "github_contributors_monthly",
              "github_releases", "technology_scorecard")) {
        out.add(rows(c, "SELECT * FROM mart." + t + " ORDER BY ALL"));
      }
    }
    return out;
  }

  @Test
  void githubToken_goesOnlyToGithub_andNeverToLogsOrWarehouse() throws Exception {
    String token = "ghp_" + "T0kenThatMustNotLeak1234567890abcdef";
    // GitHub redirects the repository to another host: the token must not follow it.
    apis.github.route(
        "/repos/elsewhere/repo",
        new mockwebserver3.MockResponse.Builder()
            .code(301)
            .addHeader("Location", apis.pypi.url() + "/repositories/42")
            .build());
    apis.pypi.route(
        "/repositories/42",
        apis.replay(Fixtures.exchanges("github/get_repository.json").get(0)));
    Path catalog = dir.resolve("token-catalog.json");
    Files.writeString(
        catalog,
        "{\"technologies\": [{\"name\": \"Betamax\", \"packages\": [\"luigi\"],"
            + " \"github\": \"sigmavirus24/betamax\"},"
            + " {\"name\": \"Elsewhere\", \"packages\": [\"luigi\"], \"github\": \"elsewhere/repo\"}]}");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TechpulsePipeline.class.getName());
    command.add("--catalog=" + catalog);
    for (String a : args()) {
      if (!a.startsWith("--packages")) {
        command.add(a);
      }
    }
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("GITHUB_TOKEN", token);
    Process child = pb.start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, child.exitValue(), output);

    List<RecordedRequest> github = apis.github.requests();
    assertFalse(github.isEmpty());
    assertTrue(
        github.stream().allMatch(r -> ("Bearer " + token).equals(r.getHeaders().get("Authorization"))),
        "every GitHub request carries the token");
    for (FakeApis.Server other : List.of(apis.pypi, apis.pypistats)) {
      for (RecordedRequest r : other.requests()) {
        assertFalse(r.getHeaders().toString().contains(token), "token leaked to " + r.getTarget());
      }
    }
    assertTrue(
        apis.pypi.targets().contains("/repositories/42"), "the cross-host redirect was followed");
    assertFalse(output.contains(token), "token in the program's output");
    assertFalse(output.contains("T0kenThatMustNotLeak"), "token fragment in the output");
    byte[] warehouse = Files.readAllBytes(db);
    assertFalse(
        new String(warehouse, StandardCharsets.ISO_8859_1).contains("T0kenThatMustNotLeak"),
        "token written to the warehouse file");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
      assertFalse(
          rows(c, "SELECT options FROM mart.pipeline_runs").toString().contains("T0ken"));
    }
  }

  /** Runs in this JVM with System.out and System.err captured too (Beam's and the driver's logs). */
  String runCapturingEverything(int expectedExit, String... extra) throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(all, true, StandardCharsets.UTF_8);
    PrintStream realOut = System.out;
    PrintStream realErr = System.err;
    System.setOut(capture);
    System.setErr(capture);
    int code;
    try {
      List<String> a = new ArrayList<>(List.of(argsWithCatalog()));
      a.addAll(List.of(extra));
      code = TechpulsePipeline.execute(a.toArray(new String[0]), capture, capture);
    } finally {
      System.setOut(realOut);
      System.setErr(realErr);
    }
    String output = all.toString(StandardCharsets.UTF_8);
    assertEquals(expectedExit, code, output);
    return output;
  }

  @Test
  void githubTokenSecret_isResolvedOnTheWorker_andItsValueGoesOnlyToGithub() throws Exception {
    String name = "projects/techpulse-prod/secrets/github-token/versions/7";
    String token = "ghp_" + "FromSecretManagerMustNotLeak0987654321";
    try (FakeSecretManager secrets = FakeSecretManager.start()) {
      secrets.put(name, token + "\n");
      SecretManagerSecrets.useSettings(secrets::settings);
      try {
        String output = runCapturingEverything(0, "--githubTokenSecret=" + name);

        List<RecordedRequest> github = apis.github.requests();
        assertFalse(github.isEmpty());
        assertTrue(
            github.stream()
                .allMatch(r -> ("Bearer " + token).equals(r.getHeaders().get("Authorization"))),
            "every GitHub request carries the secret's value");
        for (FakeApis.Server other : List.of(apis.pypi, apis.pypistats)) {
          for (RecordedRequest r : other.requests()) {
            assertFalse(r.getHeaders().toString().contains(token), "leaked to " + r.getTarget());
          }
        }
        assertEquals(1, secrets.accesses(name), "read once for every GitHub stage of the JVM");
        assertFalse(output.contains("FromSecretManagerMustNotLeak"), "value in the output");
        String file = new String(Files.readAllBytes(db), StandardCharsets.ISO_8859_1);
        assertFalse(file.contains("FromSecretManagerMustNotLeak"), "value in the DuckDB file");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
          String options = rows(c, "SELECT options FROM mart.pipeline_runs").toString();
          assertTrue(options.contains(name), "the name is recorded: it is no secret");
          assertFalse(options.contains("FromSecretManager"), "value in pipeline_runs.options");
          assertEquals(150L, scalar(c, "SELECT count(*) FROM mart.github_issues"));
        }
      } finally {
        SecretManagerSecrets.useSettings(null);
      }
    }
  }

  @Test
  void deniedGithubTokenSecret_failsTheRunInOneLineNamingIt() throws Exception {
    String name = "projects/techpulse-prod/secrets/github-token/versions/8";
    try (FakeSecretManager secrets = FakeSecretManager.start()) {
      secrets.put(name, "ghp_" + "DeniedValueMustNotShow").deny(name);
      SecretManagerSecrets.useSettings(secrets::settings);
      try {
        String output = runCapturingEverything(1, "--githubTokenSecret=" + name);

        String error =
            output.lines().filter(l -> l.startsWith("techpulse: error:")).findFirst().orElse("");
        assertTrue(error.contains(name) && error.contains("PERMISSION_DENIED"), output);
        assertFalse(output.contains("DeniedValueMustNotShow"));
        assertTrue(apis.github.requests().isEmpty(), "nothing reached GitHub without its token");
      } finally {
        SecretManagerSecrets.useSettings(null);
      }
    }
  }
}
