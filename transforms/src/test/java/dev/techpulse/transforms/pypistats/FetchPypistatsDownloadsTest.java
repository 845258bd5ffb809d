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
  void paceHoldsAcrossEveryBundleOfTheTransform() throws Exception {
    // given: 8 packages arriving in 8 bundles, and a pace of 1,200 requests a minute (50 ms)
    int packages = 8;
    int perMinute = 1_200;
    List<String> names = new java.util.ArrayList<>();
    for (int i = 0; i < packages; i++) {
      String name = "paced-" + i;
      names.add(name);
      apis.pypistats("paced-" + i, "overall?mirrors=false", "{\"data\":[]}")
          .pypistats(name, "python_minor", "{\"data\":[]}")
          .pypistats(name, "system", "{\"data\":[]}");
    }
    SourceConfig config =
        new SourceConfig(
            apis.pypi.url(), apis.pypistats.url(), apis.github.url(), 4, 2, perMinute,
            Duration.ofMinutes(1), LocalDate.parse("2020-05-01"), LocalDate.parse("2020-05-02"),
            new HttpFetcher.Settings(
                "techpulse/test", Duration.ofSeconds(5), 4, Duration.ofMillis(1),
                Duration.ofMillis(5)));
    org.apache.beam.sdk.Pipeline p =
        org.apache.beam.sdk.Pipeline.create(
            org.apache.beam.sdk.options.PipelineOptionsFactory.create());
    org.apache.beam.sdk.values.PCollectionList<String> bundles =
        org.apache.beam.sdk.values.PCollectionList.empty(p);
    for (String name : names) {
      bundles = bundles.and(p.apply("Bundle-" + name, org.apache.beam.sdk.transforms.Create.of(name)));
    }

    // when
    org.apache.beam.sdk.values.PCollectionTuple out =
        bundles
            .apply(org.apache.beam.sdk.transforms.Flatten.pCollections())
            .apply(new FetchPypistatsDownloads(config));
    org.apache.beam.sdk.testing.PAssert.that(out.get(FetchPypistatsDownloads.REJECTS)).empty();
    p.run().waitUntilFinish();

    // then: every request went out, none sooner than the pace allows
    List<Long> arrivals = apis.pypistats.arrivalNanos();
    assertEquals(3 * packages, arrivals.size());
    long interval = Duration.ofMinutes(1).toNanos() / perMinute;
    long span = arrivals.get(arrivals.size() - 1) - arrivals.get(0);
    assertTrue(
        span >= (arrivals.size() - 1) * interval * 9 / 10,
        "24 requests at 50 ms apart take at least 1.1 s, took " + span / 1_000_000 + " ms");
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
