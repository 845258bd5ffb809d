package dev.techpulse.transforms.pypi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.techpulse.schemas.PypiRelease;
import dev.techpulse.schemas.PypiVulnerability;
import dev.techpulse.testing.Fixtures;
import dev.techpulse.transforms.http.MalformedResponseException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Contract definition 11 on PyPI's side: vulnerabilities, and releases from the Simple API. */
class VulnerabilitiesAndSimpleApiTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant PULLED_AT = Instant.parse("2026-03-01T00:00:00Z");
  private static final String AIOHTTP = "pypi/aiohttp_3_12_15_vulnerabilities.json";
  private static final String AIOHTTP_SIMPLE = "pypi/aiohttp_simple_derived.json";

  private static ObjectNode aiohttp() throws Exception {
    return (ObjectNode) MAPPER.readTree(Fixtures.body(AIOHTTP));
  }

  @Nested
  class Vulnerabilities {

    @Test
    void recordedDocument_givesItsEightEntries_forInfoVersion() throws Exception {
      PypiDocument doc = PypiDocument.parse("aiohttp", Fixtures.body(AIOHTTP), PULLED_AT);

      assertEquals(8, doc.vulnerabilities().size());
      assertEquals(8L, doc.activeVulnerabilities());
      PypiVulnerability first = doc.vulnerabilities().get(0);
      assertEquals("aiohttp", first.getPackageName());
      assertEquals("GHSA-6mq8-rvhq-8wgg", first.getVulnId());
      assertEquals("[\"CVE-2025-69223\"]", first.getAliases());
      assertEquals("[\"3.13.3\"]", first.getFixedIn());
      assertEquals("https://osv.dev/vulnerability/GHSA-6mq8-rvhq-8wgg", first.getLink());
      assertEquals("osv", first.getSource());
      assertNull(first.getSummary(), "the recorded summary is JSON null");
      assertNull(first.getWithdrawnAt());
      assertEquals("3.12.15", first.getAffectsVersion());
      assertEquals(311, first.getDetails().length());
    }

    @Test
    void withdrawnEntry_isKeptAsARow_butNotCountedAsActive() throws Exception {
      ObjectNode root = aiohttp();
      ((ObjectNode) root.get("vulnerabilities").get(2)).put("withdrawn", "2026-01-05T10:00:00Z");

      PypiDocument doc = PypiDocument.parse("aiohttp", root.toString(), PULLED_AT);

      assertEquals(8, doc.vulnerabilities().size());
      assertEquals(7L, doc.activeVulnerabilities(), "8 entries, 1 withdrawn");
      assertEquals(
          Instant.parse("2026-01-05T10:00:00Z"), doc.vulnerabilities().get(2).getWithdrawnAt());
    }

    @Test
    void emptyArray_isZero_butAbsentKey_isUnknown() throws Exception {
      ObjectNode root = aiohttp();
      root.putArray("vulnerabilities");
      assertEquals(0L, PypiDocument.parse("aiohttp", root.toString(), PULLED_AT)
          .activeVulnerabilities());

      root.remove("vulnerabilities");
      PypiDocument without = PypiDocument.parse("aiohttp", root.toString(), PULLED_AT);
      assertNull(without.vulnerabilities());
      assertNull(without.activeVulnerabilities());
    }

    @Test
    void details_keepTheirFirst2000Characters_withoutSplittingASurrogatePair() throws Exception {
      ObjectNode root = aiohttp();
      // 1,999 ASCII characters, then U+1F600 (two UTF-16 units), then more
      String long_ = "x".repeat(1999) + "\uD83D\uDE00" + "tail";
      ((ObjectNode) root.get("vulnerabilities").get(0)).put("details", long_);

      String details =
          PypiDocument.parse("aiohttp", root.toString(), PULLED_AT)
              .vulnerabilities().get(0).getDetails();

      assertEquals(2000, details.codePointCount(0, details.length()));
      assertTrue(details.endsWith("\uD83D\uDE00"));
    }

    @Test
    void entryWithoutId_isMalformed_namingTheField() throws Exception {
      ObjectNode root = aiohttp();
      ((ObjectNode) root.get("vulnerabilities").get(3)).remove("id");

      MalformedResponseException e =
          assertThrows(
              MalformedResponseException.class,
              () -> PypiDocument.parse("aiohttp", root.toString(), PULLED_AT));
      assertTrue(e.getMessage().contains("vulnerabilities[3].id"), e.getMessage());
    }

    @Test
    void documentWithoutReleasesKey_isNotMalformed_andAsksForTheSimpleApi() throws Exception {
      PypiDocument doc = PypiDocument.parse("aiohttp", Fixtures.body(AIOHTTP), PULLED_AT);

      assertNull(doc.releases(), "no releases key: releases must come from /simple/");
      assertEquals("3.12.15", doc.pkg().getVersion());
      assertEquals("aio-libs/aiohttp", doc.pkg().getGithubRepo());
    }
  }

  @Nested
  class SimpleApi {

    private Map<String, PypiRelease> parse(String body) throws Exception {
      return PypiSimpleIndex.parse("aiohttp", body).stream()
          .collect(Collectors.toMap(PypiRelease::getVersion, Function.identity()));
    }

    @Test
    void derivedPage_givesTheSameReleaseAsTheJsonApiDefinitions() throws Exception {
      Map<String, PypiRelease> releases = parse(Fixtures.body(AIOHTTP_SIMPLE));

      // one wheel uploaded 05:49:43.584732Z, the sdist (7,823,716 bytes) at 05:52:32.215128Z
      assertEquals(
          PypiRelease.create(
              "aiohttp", "3.12.15", Instant.parse("2025-07-29T05:49:43.584732Z"), false, false,
              2, 1, 7_823_716L),
          releases.get("3.12.15"));
      assertEquals(1, releases.size());
    }

    private String page(String files, String versions) {
      return "{\"meta\": {\"api-version\": \"1.1\"}, \"name\": \"aiohttp\", \"versions\": "
          + versions + ", \"files\": [" + files + "]}";
    }

    private String file(String name, String uploaded, Object yanked, long size) {
      return "{\"filename\": \"" + name + "\", \"url\": \"https://files.example/" + name + "\","
          + " \"hashes\": {}, \"upload-time\": \"" + uploaded + "\", \"yanked\": "
          + (yanked instanceof String s ? "\"" + s + "\"" : yanked) + ", \"size\": " + size + "}";
    }

    @Test
    void versionListedWithoutFiles_isAReleaseWithoutFiles() throws Exception {
      Map<String, PypiRelease> releases =
          parse(page(file("aiohttp-1.0.tar.gz", "2016-01-01T00:00:00.000000Z", false, 10),
              "[\"0.9\", \"1.0\"]"));

      assertEquals(
          PypiRelease.create("aiohttp", "0.9", null, false, false, 0, 0, null),
          releases.get("0.9"));
    }

    @Test
    void yankedReason_yanksTheRelease_andTheEarliestUploadWins() throws Exception {
      String files =
          String.join(
              ",",
              file("aiohttp-2.0.0-py3-none-any.whl", "2017-03-20T10:00:00.000000Z", false, 5),
              file("aiohttp-2.0.0.tar.gz", "2017-03-20T09:00:00.500000Z", "broken upload", 99),
              file("aiohttp-2.0.0-1-cp36-cp36m-win32.whl", "2017-03-21T00:00:00.000000Z",
                  false, 7));

      PypiRelease r = parse(page(files, "[\"2.0.0\"]")).get("2.0.0");

      assertTrue(r.getIsYanked());
      assertEquals(Instant.parse("2017-03-20T09:00:00.500Z"), r.getReleasedAt());
      assertEquals(3, r.getFileCount());
      assertEquals(2, r.getWheelCount(), "a wheel with a build tag is still a wheel");
      assertEquals(99L, r.getSdistSizeBytes());
    }

    @Test
    void filenames_areSplitAtTheProjectName_andOtherKindsAreNotCounted() {
      assertEquals(
          new PypiSimpleIndex.ParsedFile("2.0.0rc1", false),
          PypiSimpleIndex.parseFilename("apache-airflow", "apache-airflow-2.0.0rc1.tar.gz"));
      assertEquals(
          new PypiSimpleIndex.ParsedFile("1.10.0", true),
          PypiSimpleIndex.parseFilename(
              "apache-airflow", "apache_airflow-1.10.0-py2.py3-none-any.whl"));
      assertEquals(
          new PypiSimpleIndex.ParsedFile("0.1.dev1", false),
          PypiSimpleIndex.parseFilename("zope-interface", "Zope.Interface-0.1.dev1.zip"));
      assertNull(PypiSimpleIndex.parseFilename("aiohttp", "aiohttp-0.1-py2.7.egg"));
      assertNull(PypiSimpleIndex.parseFilename("aiohttp", "aiohttp-0.1.win32.exe"));
      assertNull(PypiSimpleIndex.parseFilename("aiohttp", "other-0.1.tar.gz"));
    }

    @Test
    void wheelVersionSpelledDifferently_joinsTheListedVersion_andPreReleasesAreFlagged()
        throws Exception {
      Map<String, PypiRelease> releases =
          parse(page(file("aiohttp-4.0.0A1-py3-none-any.whl", "2024-01-01T00:00:00.000000Z",
              false, 1), "[\"4.0.0a1\"]"));

      assertEquals(1, releases.size());
      assertTrue(releases.get("4.0.0a1").getIsPrerelease());
      assertEquals(1, releases.get("4.0.0a1").getFileCount());
    }

    @Test
    void unsupportedApiVersion_orMissingFiles_isMalformed() {
      assertThrows(
          MalformedResponseException.class,
          () -> PypiSimpleIndex.parse("aiohttp", "{\"meta\": {\"api-version\": \"2.0\"}, \"files\": []}"));
      MalformedResponseException e =
          assertThrows(
              MalformedResponseException.class,
              () -> PypiSimpleIndex.parse("aiohttp", "{\"meta\": {\"api-version\": \"1.1\"}}"));
      assertTrue(e.getMessage().contains("files"), e.getMessage());
    }

    @Test
    void apiVersion10WithoutVersions_stillGivesTheFilesReleases() throws Exception {
      ObjectNode root = (ObjectNode) MAPPER.readTree(Fixtures.body(AIOHTTP_SIMPLE));
      root.remove("versions");
      ((ObjectNode) root.get("meta")).put("api-version", "1.0");
      for (var f : (ArrayNode) root.get("files")) {
        ((ObjectNode) f).remove("upload-time");
      }

      List<PypiRelease> releases = PypiSimpleIndex.parse("aiohttp", root.toString());

      assertEquals(1, releases.size());
      assertNull(releases.get(0).getReleasedAt(), "no upload-time before PEP 700");
      assertFalse(releases.get(0).getIsYanked());
    }
  }
}
