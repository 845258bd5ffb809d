package dev.techpulse.transforms.pypistats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.techpulse.schemas.DownloadCount;
import dev.techpulse.schemas.DownloadsCovered;
import dev.techpulse.schemas.Reject;
import dev.techpulse.testing.FakeApis;
import dev.techpulse.testing.Fixtures;
import dev.techpulse.transforms.fetch.ConcurrentFetchFn.Emission;
import dev.techpulse.transforms.fetch.SourceConfig;
import dev.techpulse.transforms.http.HttpFetcher;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** pypistats.org's faults, against a fake server. */
class FetchPypistatsDownloadsTest {
  FakeApis apis;

  @BeforeEach
  void start() throws Exception {
    apis = FakeApis.start();
  }

  @AfterEach
  void stop() {
    apis.close();
  }

  FetchPypistatsDownloads.FetchPypistatsFn fn(LocalDate start, LocalDate end) throws Exception {
    SourceConfig config =
        new SourceConfig(
            apis.pypi.url(), apis.pypistats.url(), apis.github.url(), 4, 2, 600_000,
            Duration.ofMinutes(1), start, end,
            new HttpFetcher.Settings(
                "techpulse/test", Duration.ofSeconds(5), 4, Duration.ofMillis(1),
                Duration.ofMillis(5)));
    FetchPypistatsDownloads.FetchPypistatsFn fn = new FetchPypistatsDownloads.FetchPypistatsFn(config);
    fn.setUpClients();
    return fn;
  }

  @Test
  void htmlTooManyRequests_isBackedOffAndRetried() throws Exception {
    MockResponse tooMany =
        new MockResponse.Builder()
            .code(429)
            .addHeader("Content-Type", "text/html")
            .body("<html><body><h1>429 Too Many Requests</h1></body></html>")
            .build();
    apis.pypistats.route(
        "/api/packages/pip/overall?mirrors=false",
        tooMany,
        FakeApis.json(200, Fixtures.body("pypistats/overall_pip_excerpt.json")));
    apis.pypistats("pip", "python_minor", "{\"data\":[]}").pypistats("pip", "system", "{\"data\":[]}");

    List<Emission> out =
        fn(LocalDate.parse("2020-05-01"), LocalDate.parse("2020-05-02")).fetch("pip");

    assertEquals(
        2, out.stream().filter(e -> e.tag() == FetchPypistatsDownloads.DOWNLOADS).count());
    assertTrue(out.stream().noneMatch(e -> e.value() instanceof Reject), out.toString());
    assertEquals(
        2,
        apis.pypistats.targets().stream().filter(t -> t.contains("overall")).count(),
        "the 429 was retried once");
  }

  @Test
  void unknownPackage_overall404IsARejectButEmptyDimensionsAreNot() throws Exception {
    apis.pypistats("nope", "python_minor", "{\"data\":[]}").pypistats("nope", "system", "{\"data\":[]}");

    List<Emission> out =
        fn(LocalDate.parse("2020-05-01"), LocalDate.parse("2020-05-02")).fetch("nope");

    List<Reject> rejects =
        out.stream().filter(e -> e.value() instanceof Reject).map(e -> (Reject) e.value()).toList();
    assertEquals(1, rejects.size(), out.toString());
    assertEquals("pypistats_overall", rejects.get(0).getStep());
    assertEquals("nope", rejects.get(0).getRecordKey());
  }

  @Test
  void rowsOutsideTheRange_areNotLoaded_butCoverageStartsWhereTheSourceStarts() throws Exception {
    apis.pypistats("pip", "overall?mirrors=false", Fixtures.body("pypistats/overall_pip_excerpt.json"))
        .pypistats("pip", "python_minor", "{\"data\":[]}")
        .pypistats("pip", "system", "{\"data\":[]}");

    List<Emission> out =
        fn(LocalDate.parse("2020-01-01"), LocalDate.parse("2020-05-01")).fetch("pip");

    List<DownloadCount> rows =
        out.stream()
            .filter(e -> e.tag() == FetchPypistatsDownloads.DOWNLOADS)
            .map(e -> (DownloadCount) e.value())
            .toList();
    assertEquals(1, rows.size(), "2020-05-02 is after --endDate");
    assertEquals(2083472L, rows.get(0).getDownloads());
    DownloadsCovered total =
        out.stream()
            .filter(e -> e.value() instanceof DownloadsCovered c && c.getDimension().equals("total"))
            .map(e -> (DownloadsCovered) e.value())
            .findFirst()
            .orElseThrow();
    assertEquals(LocalDate.parse("2020-05-01"), total.getCoveredFrom(), "pypistats had no earlier day");
  }
}
