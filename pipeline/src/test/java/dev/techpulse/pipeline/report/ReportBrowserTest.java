package dev.techpulse.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.techpulse.pipeline.TechpulsePipeline;
import dev.techpulse.testing.FakeApis;
import dev.techpulse.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a run over recorded API responses, opened from disk by a real headless
 * Chromium: no console error, no request but the file itself, every chart drawn with a non-zero
 * size and painted pixels, every technology named. Screenshots land in {@code target/}.
 */
class ReportBrowserTest {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final List<String> TECHNOLOGIES = List.of("Betamax", "Celery", "Pendulum");
  static final List<String> HEALTH_HEADINGS =
      List.of("Maintenance", "Open vulnerabilities", "Bus factor 90 d", "Active contributors 90 d",
          "PRs merged 90 d", "PR closure 90 d", "Median days to merge", "Days since release");

  @TempDir Path dir;
  FakeApis apis;

  @BeforeEach
  void startFakes() throws Exception {
    apis = FakeApis.start();
    recordedWorld(apis);
  }

  @AfterEach
  void stopFakes() {
    apis.close();
  }

  /**
   * Celery: its 2019 PyPI document and pypistats' recorded 161 days of python_minor downloads
   * (2018-04-16 .. 2018-09-23), with the daily total taken as the sum of those buckets (no
   * overall recording covers those days); its repository is unknown to the fake GitHub (a
   * reject). Betamax: luigi's document and the recorded betamax activity (two pages
   * of issues, commit stats after a 202, contributors, releases), no downloads in the window.
   * Pendulum: its 2018 document, no pypistats answer at all (rejects).
   */
  static void recordedWorld(FakeApis apis) throws Exception {
    apis.pypiPackage("celery", Fixtures.body("pypi/celery_2019_schema_no_yanked.json"))
        .pypiPackage("luigi", Fixtures.body("pypi/luigi_current_schema.json"))
        .pypiPackage("pendulum", Fixtures.body("pypi/pendulum_2018_old_schema.json"));
    String pythonMinor = Fixtures.body("pypistats/python_minor_161_days_excerpt.json");
    Map<String, Long> totals = new TreeMap<>();
    for (JsonNode row : MAPPER.readTree(pythonMinor).get("data")) {
      totals.merge(row.get("date").asText(), row.get("downloads").asLong(), Long::sum);
    }
    ObjectNode overall = MAPPER.createObjectNode();
    ArrayNode data = overall.putArray("data");
    totals.forEach(
        (day, n) -> data.addObject().put("category", "without_mirrors").put("date", day).put("downloads", n));
    overall.put("package", "celery").put("type", "overall_downloads");
    apis.pypistats("celery", "overall?mirrors=false", overall.toString())
        .pypistats("celery", "python_minor", pythonMinor)
        .pypistats("celery", "system", "{\"data\":[]}")
        .pypistats("luigi", "overall?mirrors=false", Fixtures.body("pypistats/overall_pip_excerpt.json"))
        .pypistats("luigi", "python_minor", Fixtures.body("pypistats/python_minor_pip_excerpt.json"))
        .pypistats("luigi", "system", "{\"data\":[]}");
    // The catalog names the repository by its current name: the report joins GitHub tables by
    // the technology's repository as mart.technologies holds it (the catalog's spelling).
    String base = "/repos/betamaxpy/betamax";
    apis.githubReplay("github/issues_state_all_301_then_2_pages.json");
    var issues = Fixtures.exchanges("github/issues_state_all_301_then_2_pages.json");
    apis.github.route(base, apis.replay(issues.get(1)));
    apis.github.route(
        base + "/issues?state=all&since=2018-04-16T00:00:00Z&per_page=100",
        apis.replay(issues.get(2)));
    apis.github.route(
        base + "/stats/commit_activity",
        apis.replay(Fixtures.exchanges("github/stats_commit_activity_202.json").get(1)),
        apis.replay(Fixtures.exchanges("github/stats_commit_activity_200.json").get(0)));
    apis.github.route(
        base + "/stats/contributors",
        apis.replay(Fixtures.exchanges("github/stats_contributors_200.json").get(1)));
    apis.github.route(
        base + "/releases?per_page=100",
        apis.replay(Fixtures.exchanges("github/releases.json").get(1)));
  }

  static String[] recordedArgs(Path dir, FakeApis apis, Path report) throws Exception {
    Path catalog = dir.resolve("catalog.json");
    Files.writeString(
        catalog,
        "{\"technologies\": ["
            + "{\"name\": \"Celery\", \"packages\": [\"celery\"]},"
            + "{\"name\": \"Betamax\", \"packages\": [\"luigi\"], \"github\": \"betamaxpy/betamax\"},"
            + "{\"name\": \"Pendulum\", \"packages\": [\"pendulum\"]}"
            + "]}");
    return new String[] {
      "--catalog=" + catalog,
      "--startDate=2018-04-16",
      "--endDate=2018-09-23",
      "--githubActivity=always",
      "--duckdbPath=" + dir.resolve("techpulse.duckdb"),
      "--report=" + report,
      "--pypiUrl=" + apis.pypi.url(),
      "--pypistatsUrl=" + apis.pypistats.url(),
      "--githubApiUrl=" + apis.github.url(),
      "--pypistatsPerMinute=60000",
      "--httpInitialBackoffMillis=5"
    };
  }

  static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        TechpulsePipeline.execute(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, text);
    return text;
  }

  @Test
  void reportOfARecordedRun_rendersEveryChartInChromium_offline() throws Exception {
    // given: a run over the recorded responses, which writes the report at its end
    Path report = dir.resolve("out/techpulse-report.html");
    String out = run(recordedArgs(dir, apis, report));
    List<String> lines = out.lines().toList();
    assertEquals("  report: " + report.toAbsolutePath().normalize(), lines.get(lines.size() - 1), out);

    // when: Chromium opens the file
    Path target = Path.of("target").toAbsolutePath();
    Files.createDirectories(target);
    Page page = Page.open(report, dir.resolve("chromium-profile"), target.resolve("report-screenshot.png"));

    // then
    assertEquals(List.of(), page.errors(), "console errors and exceptions");
    assertEquals(List.of(report.toUri().toString()), page.requests(), "requests besides the file");
    assertTrue(page.charts().size() >= 7 + TECHNOLOGIES.size() - 2, page.charts().toString());
    for (JsonNode chart : page.charts()) {
      String what = chart.toString();
      assertTrue(chart.get("chart").asBoolean(), "a Chart.js chart: " + what);
      assertTrue(chart.get("width").asDouble() > 0 && chart.get("height").asDouble() > 0, what);
      assertTrue(chart.get("painted").asInt() > 0, "pixels drawn: " + what);
    }
    for (String tech : TECHNOLOGIES) {
      assertTrue(page.scorecardNames().contains(tech), tech + " in " + page.scorecardNames());
      assertTrue(page.text().contains(tech), tech);
    }
    for (String heading : HEALTH_HEADINGS) {
      assertTrue(page.headings().contains(heading), heading + " in " + page.headings());
    }
    // Betamax (luigi's releases, betamax's repository): no commit in the recorded weeks up to
    // 2018-09-23 and luigi 2.7.8 of 2018-08-24, 30 days before: out of 30 d, inside 365 d, so
    // quiet. Celery and Pendulum have no repository snapshot: "no data", never blank.
    assertEquals(List.of("quiet", "no data", "no data"), page.states(), "maintenance column");
    JsonNode badge = page.badges().get(0);
    assertTrue(badge.get("width").asDouble() > 0 && badge.get("height").asDouble() > 0, badge.toString());
    assertTrue(!badge.get("color").asText().equals(badge.get("background").asText()), badge.toString());
    assertTrue(Files.size(target.resolve("report-screenshot.png")) > 10_000);
  }

  @Test
  void reportTurnedOff_writesNoFile_andPrintsNoPath() throws Exception {
    // given: the recorded run with --report= (empty)
    String[] args = recordedArgs(dir, apis, dir.resolve("unused.html"));
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("--report=")) {
        args[i] = "--report=";
      }
    }

    // when
    String out = run(args);

    // then
    assertTrue(!out.contains("report:"), out);
    try (var files = Files.walk(dir)) {
      assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".html")).toList());
    }
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** What Chromium saw of a report. */
  record Page(List<String> errors, List<String> requests, List<JsonNode> charts,
      List<String> scorecardNames, String text, List<String> headings, List<String> states,
      List<JsonNode> badges) {

    static Page open(Path file, Path profile, Path screenshot) throws Exception {
      try (HeadlessChromium chrome = HeadlessChromium.start(profile, 1280, 1600)) {
        chrome.send("Runtime.enable");
        chrome.send("Log.enable");
        chrome.send("Network.enable");
        chrome.send("Page.enable");
        chrome.send("Page.navigate", HeadlessChromium.params().put("url", file.toUri().toString()));
        chrome.await("Page.loadEventFired", Duration.ofSeconds(60));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!chrome.evaluate("document.body.dataset.ready === 'true'").asBoolean()
            && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        JsonNode charts =
            chrome.evaluate(
                "Array.from(document.querySelectorAll('canvas')).map(function (c) {"
                    + " var r = c.getBoundingClientRect();"
                    + " var px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                    + " var painted = 0; for (var i = 3; i < px.length; i += 4) { if (px[i]) painted++; }"
                    + " return {id: c.id || ('spark ' + c.dataset.tech), width: r.width,"
                    + " height: r.height, chart: !!(window.Chart && Chart.getChart(c)),"
                    + " painted: painted}; })");
        JsonNode names =
            chrome.evaluate(
                "Array.from(document.querySelectorAll('#scorecard-table tbody tr'))"
                    + ".map(function (r) { return r.cells[0].textContent.trim(); })");
        String text = chrome.evaluate("document.body.innerText").asText();
        JsonNode headings =
            chrome.evaluate(
                "Array.from(document.querySelectorAll('#scorecard-table thead th'))"
                    + ".map(function (h) { return h.textContent.trim(); })");
        JsonNode states =
            chrome.evaluate(
                "(function () { var t = document.getElementById('scorecard-table');"
                    + " var col = Array.from(t.tHead.rows[0].cells).findIndex(function (h) {"
                    + " return h.textContent.trim() === 'Maintenance'; });"
                    + " return Array.from(t.tBodies[0].rows).map(function (r) {"
                    + " return r.cells[col].innerText.trim(); }); })()");
        JsonNode badges =
            chrome.evaluate(
                "Array.from(document.querySelectorAll('#scorecard-table .badge')).map(function (b) {"
                    + " var r = b.getBoundingClientRect(), s = getComputedStyle(b);"
                    + " return {text: b.textContent, width: r.width, height: r.height,"
                    + " color: s.color, background: s.backgroundColor}; })");
        JsonNode shot =
            chrome.send("Page.captureScreenshot", HeadlessChromium.params().put("format", "png"));
        Files.write(screenshot, Base64.getDecoder().decode(shot.get("data").asText()));
        JsonNode size = chrome.send("Page.getLayoutMetrics").path("cssContentSize");
        ObjectNode clip =
            HeadlessChromium.params()
                .put("x", 0)
                .put("y", 0)
                .put("width", size.path("width").asDouble())
                .put("height", size.path("height").asDouble())
                .put("scale", 1);
        ObjectNode full =
            HeadlessChromium.params().put("format", "png").put("captureBeyondViewport", true);
        full.set("clip", clip);
        String fullName = screenshot.getFileName().toString().replace(".png", "-full.png");
        Files.write(
            screenshot.resolveSibling(fullName),
            Base64.getDecoder().decode(chrome.send("Page.captureScreenshot", full).get("data").asText()));

        List<String> errors = new ArrayList<>();
        for (JsonNode e : chrome.events("Runtime.consoleAPICalled")) {
          String type = e.path("params").path("type").asText();
          if (type.equals("error") || type.equals("assert") || type.equals("warning")) {
            errors.add("console." + type + ": " + e.path("params").path("args"));
          }
        }
        for (JsonNode e : chrome.events("Runtime.exceptionThrown")) {
          errors.add("exception: " + e.path("params").path("exceptionDetails"));
        }
        for (JsonNode e : chrome.events("Log.entryAdded")) {
          if (e.path("params").path("entry").path("level").asText().equals("error")) {
            errors.add("log: " + e.path("params").path("entry"));
          }
        }
        if (!chrome.evaluate("document.body.dataset.ready === 'true'").asBoolean()) {
          errors.add("the report's script did not finish");
        }
        List<String> requests = new ArrayList<>();
        for (JsonNode e : chrome.events("Network.requestWillBeSent")) {
          requests.add(e.path("params").path("request").path("url").asText());
        }
        List<JsonNode> badgeList = new ArrayList<>();
        badges.forEach(badgeList::add);
        List<JsonNode> chartList = new ArrayList<>();
        charts.forEach(chartList::add);
        List<String> nameList = new ArrayList<>();
        names.forEach(n -> nameList.add(n.asText()));
        return new Page(errors, requests, chartList, nameList, text, strings(headings),
            strings(states), badgeList);
      }
    }
  }
}
