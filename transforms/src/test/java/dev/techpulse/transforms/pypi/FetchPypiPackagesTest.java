package dev.techpulse.transforms.pypi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.techpulse.schemas.PypiPackage;
import dev.techpulse.schemas.Reject;
import dev.techpulse.testing.FakeApis;
import dev.techpulse.testing.Fixtures;
import dev.techpulse.transforms.fetch.ConcurrentFetchFn.Emission;
import dev.techpulse.transforms.fetch.SourceConfig;
import dev.techpulse.transforms.http.HttpFetcher;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A document without {@code releases} and the Simple API behind it, against a fake PyPI. */
class FetchPypiPackagesTest {
  FakeApis apis;

  @BeforeEach
  void start() throws Exception {
    apis = FakeApis.start();
    apis.pypiPackage("aiohttp", Fixtures.body("pypi/aiohttp_3_12_15_vulnerabilities.json"));
  }

  @AfterEach
  void stop() {
    apis.close();
  }

  List<Emission> fetch(String packageName) throws Exception {
    SourceConfig config =
        new SourceConfig(
            apis.pypi.url(), apis.pypistats.url(), apis.github.url(), 4, 2, 600_000,
            Duration.ofMinutes(1), LocalDate.parse("2025-01-01"), LocalDate.parse("2025-12-31"),
            new HttpFetcher.Settings(
                "techpulse/test", Duration.ofSeconds(5), 2, Duration.ofMillis(1),
                Duration.ofMillis(5)));
    FetchPypiPackages.FetchPypiFn fn = new FetchPypiPackages.FetchPypiFn(config);
    fn.setUpClients();
    return fn.fetch(org.apache.beam.sdk.values.KV.of(packageName, List.of()));
  }

  static long count(List<Emission> out, Object tag) {
    return out.stream().filter(e -> e.tag() == tag).count();
  }

  @Test
  void simpleApiFailing_rejectsOnlyTheReleases_packageAndVulnerabilitiesStay() throws Exception {
    // /simple/aiohttp/ is unrouted: the fake answers 404
    List<Emission> out = fetch("aiohttp");

    assertEquals(1, count(out, FetchPypiPackages.PACKAGES));
    assertEquals(8, count(out, FetchPypiPackages.VULNERABILITIES));
    assertEquals(0, count(out, FetchPypiPackages.RELEASES));
    List<Reject> rejects =
        out.stream().filter(e -> e.tag() == FetchPypiPackages.REJECTS)
            .map(e -> (Reject) e.value()).toList();
    assertEquals(1, rejects.size(), out.toString());
    assertEquals("pypi_simple", rejects.get(0).getStep());
    assertEquals("aiohttp", rejects.get(0).getRecordKey());
    assertEquals("GET /simple/aiohttp/ returned HTTP 404", rejects.get(0).getError());
  }

  @Test
  void malformedSimplePage_isARejectNamingTheField() throws Exception {
    apis.pypi.route("/simple/aiohttp/", FakeApis.json(200, "{\"meta\": {\"api-version\": \"1.1\"}}"));

    List<Emission> out = fetch("aiohttp");

    Reject r =
        out.stream().filter(e -> e.tag() == FetchPypiPackages.REJECTS)
            .map(e -> (Reject) e.value()).findFirst().orElseThrow();
    assertEquals("malformed Simple API page: files: expected an array", r.getError());
    assertTrue(out.stream().anyMatch(e -> e.value() instanceof PypiPackage));
  }

  @Test
  void documentWithReleases_neverCallsTheSimpleApi_andCountsItsEmptyVulnerabilities()
      throws Exception {
    apis.pypiPackage("luigi", Fixtures.body("pypi/luigi_current_schema.json"));

    List<Emission> out = fetch("luigi");

    assertEquals(84, count(out, FetchPypiPackages.RELEASES));
    assertEquals(
        List.of(KV.of("luigi", 0L)),
        out.stream().filter(e -> e.tag() == FetchPypiPackages.VULNERABILITY_COUNTS)
            .map(Emission::value).toList());
    assertEquals(List.of("/pypi/luigi/json"), apis.pypi.targets());
  }

  @Test
  void documentWithoutVulnerabilitiesKey_givesNoCount() throws Exception {
    apis.pypiPackage("celery", Fixtures.body("pypi/celery_2019_schema_no_yanked.json"));

    assertEquals(0, count(fetch("celery"), FetchPypiPackages.VULNERABILITY_COUNTS));
  }
}
