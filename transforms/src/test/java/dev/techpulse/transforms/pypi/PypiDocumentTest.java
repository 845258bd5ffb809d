package dev.techpulse.transforms.pypi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.techpulse.schemas.PypiPackage;
import dev.techpulse.schemas.PypiRelease;
import dev.techpulse.testing.Fixtures;
import dev.techpulse.transforms.http.MalformedResponseException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PypiDocumentTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant PULLED_AT = Instant.parse("2025-03-01T12:34:56.123456Z");

  private static final String LUIGI_CURRENT = "pypi/luigi_current_schema.json";
  private static final String CELERY_2019 = "pypi/celery_2019_schema_no_yanked.json";
  private static final String PENDULUM_2018 = "pypi/pendulum_2018_old_schema.json";
  private static final String LUIGI_2017 = "pypi/luigi_2017_legacy_schema.json";

  private static PypiDocument parseFixture(String packageName, String fixture)
      throws MalformedResponseException {
    return PypiDocument.parse(packageName, Fixtures.body(fixture), PULLED_AT);
  }

  private static Map<String, PypiRelease> byVersion(PypiDocument doc) {
    return doc.releases().stream()
        .collect(Collectors.toMap(PypiRelease::getVersion, Function.identity()));
  }

  private static PypiRelease release(PypiDocument doc, String version) {
    PypiRelease r = byVersion(doc).get(version);
    assertNotNull(r, "no release " + version);
    return r;
  }

  private static ObjectNode fixtureJson(String fixture) throws Exception {
    return (ObjectNode) MAPPER.readTree(Fixtures.body(fixture));
  }

  private static Set<String> prereleases(PypiDocument doc) {
    return doc.releases().stream()
        .filter(PypiRelease::getIsPrerelease)
        .map(PypiRelease::getVersion)
        .collect(Collectors.toSet());
  }

  /** Runs the body with a non-UTC JVM default zone, so a local-time reading would show. */
  private static <T> T inZone(String zone, ThrowingSupplier<T> body) throws Exception {
    TimeZone saved = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone(zone));
    try {
      return body.get();
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  @FunctionalInterface
  interface ThrowingSupplier<T> {
    T get() throws Exception;
  }

  @Nested
  class CurrentSchemaLuigi {

    @Test
    void currentSchema_packageRow_takesInfoFieldsAndLicenseFallsBackFromNullExpression()
        throws Exception {
      PypiPackage pkg = parseFixture("luigi", LUIGI_CURRENT).pkg();

      assertEquals("luigi", pkg.getPackageName());
      assertEquals("3.6.0", pkg.getVersion());
      assertEquals("Workflow mgmgt + task scheduling + dependency resolution.", pkg.getSummary());
      // license_expression is JSON null, so license comes from info.license
      assertEquals("Apache License 2.0", pkg.getLicense());
      assertNull(pkg.getRequiresPython());
      assertEquals("https://github.com/spotify/luigi", pkg.getHomePage());
      assertEquals("spotify/luigi", pkg.getGithubRepo());
      assertEquals(PULLED_AT, pkg.getPulledAt());
    }

    @Test
    void currentSchema_everyReleaseKeyIsARow_includingEmptyOnes() throws Exception {
      PypiDocument doc = parseFixture("luigi", LUIGI_CURRENT);

      assertEquals(84, doc.releases().size());
      assertEquals(84, byVersion(doc).size());
      assertTrue(doc.releases().stream().allMatch(r -> r.getPackageName().equals("luigi")));
      assertEquals(84, doc.releases().stream().mapToInt(PypiRelease::getFileCount).sum());
    }

    @Test
    void currentSchema_releasedAt_isUploadTimeIso8601WithMicroseconds() throws Exception {
      PypiDocument doc = parseFixture("luigi", LUIGI_CURRENT);

      assertEquals(
          Instant.parse("2024-12-06T00:58:03.138172Z"), release(doc, "3.6.0").getReleasedAt());
      assertEquals(
          Instant.parse("2012-10-21T18:51:38.209973Z"), release(doc, "1.0").getReleasedAt());
    }

    @Test
    void currentSchema_releaseWithTwoFiles_releasedAtIsTheEarlierUpload() throws Exception {
      PypiRelease r = release(parseFixture("luigi", LUIGI_CURRENT), "2.7.2");

      // wheel 11:55:24.440533, sdist 11:55:28.822391
      assertEquals(Instant.parse("2018-01-24T11:55:24.440533Z"), r.getReleasedAt());
    }

    @Test
    void currentSchema_releasesWithEmptyFileLists_haveNullReleasedAtAndZeroCounts()
        throws Exception {
      PypiDocument doc = parseFixture("luigi", LUIGI_CURRENT);

      for (String version : List.of("1.0.8", "1.0.21")) {
        PypiRelease r = release(doc, version);
        assertNull(r.getReleasedAt(), version);
        assertEquals(0, r.getFileCount(), version);
        assertEquals(0, r.getWheelCount(), version);
        assertNull(r.getSdistSizeBytes(), version);
        assertFalse(r.getIsYanked(), version);
        assertFalse(r.getIsPrerelease(), version);
      }
      assertEquals(
          Set.of("1.0.8", "1.0.21"),
          doc.releases().stream()
              .filter(r -> r.getReleasedAt() == null)
              .map(PypiRelease::getVersion)
              .collect(Collectors.toSet()));
    }

    @Test
    void currentSchema_betaReleases_areTheOnlyPrereleases() throws Exception {
      assertEquals(Set.of("3.0.0b1", "3.0.0b2"), prereleases(parseFixture("luigi", LUIGI_CURRENT)));
    }

    @Test
    void currentSchema_wheelAndSdist_countsOneWheelAndTakesSdistSize() throws Exception {
      PypiRelease r = release(parseFixture("luigi", LUIGI_CURRENT), "2.7.2");

      assertEquals(2, r.getFileCount());
      assertEquals(1, r.getWheelCount());
      assertEquals(1159830L, r.getSdistSizeBytes());
    }

    @Test
    void currentSchema_bdistDumbFile_isNotCountedAsWheel() throws Exception {
      PypiRelease r = release(parseFixture("luigi", LUIGI_CURRENT), "1.0.9");

      assertEquals(2, r.getFileCount());
      assertEquals(0, r.getWheelCount());
      assertEquals(228183L, r.getSdistSizeBytes());
    }

    @Test
    void currentSchema_filesWithYankedFalse_releaseIsNotYanked() throws Exception {
      PypiDocument doc = parseFixture("luigi", LUIGI_CURRENT);

      assertTrue(doc.releases().stream().noneMatch(PypiRelease::getIsYanked));
      assertEquals(1, doc.releases().stream().mapToInt(PypiRelease::getWheelCount).sum());
    }

    @Test
    void oneFileOfAReleaseYanked_releaseIsYanked_othersAreNot() throws Exception {
      ObjectNode root = fixtureJson(LUIGI_CURRENT);
      ((ObjectNode) root.get("releases").get("2.7.2").get(1)).put("yanked", true);

      PypiDocument doc = PypiDocument.parse("luigi", root.toString(), PULLED_AT);

      assertTrue(release(doc, "2.7.2").getIsYanked());
      assertEquals(
          List.of("2.7.2"),
          doc.releases().stream()
              .filter(PypiRelease::getIsYanked)
              .map(PypiRelease::getVersion)
              .collect(Collectors.toList()));
    }
  }

  @Nested
  class IntermediateSchemaCelery {

    @Test
    void schema2019_packageRow_keepsRequiresPythonAsPublishedAndHasNoGithubRepo()
        throws Exception {
      PypiPackage pkg = parseFixture("celery", CELERY_2019).pkg();

      assertEquals("celery", pkg.getPackageName());
      assertEquals("4.4.0", pkg.getVersion());
      assertEquals("BSD", pkg.getLicense());
      assertEquals(">=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*, !=3.4.*,", pkg.getRequiresPython());
      assertEquals("http://celeryproject.org", pkg.getHomePage());
      assertNull(pkg.getGithubRepo());
    }

    @Test
    void schema2019_countsEveryReleaseFileAndWheel() throws Exception {
      PypiDocument doc = parseFixture("celery", CELERY_2019);

      assertEquals(150, doc.releases().size());
      assertEquals(207, doc.releases().stream().mapToInt(PypiRelease::getFileCount).sum());
      assertEquals(49, doc.releases().stream().mapToInt(PypiRelease::getWheelCount).sum());
      assertTrue(doc.releases().stream().allMatch(r -> r.getReleasedAt() != null));
    }

    @Test
    void schema2019_filesWithoutYankedKey_noReleaseIsYanked() throws Exception {
      PypiDocument doc = parseFixture("celery", CELERY_2019);

      assertTrue(doc.releases().stream().noneMatch(PypiRelease::getIsYanked));
    }

    @Test
    void schema2019_rcReleasesArePrereleases_postReleaseIsNot() throws Exception {
      PypiDocument doc = parseFixture("celery", CELERY_2019);
      Set<String> pre = prereleases(doc);

      assertEquals(17, pre.size());
      assertTrue(pre.stream().allMatch(v -> v.contains("rc")), pre.toString());
      assertTrue(pre.containsAll(Set.of("4.0.0rc3", "4.4.0rc5")));
      assertFalse(release(doc, "3.1.26.post2").getIsPrerelease());
      assertFalse(release(doc, "4.4.0").getIsPrerelease());
    }

    @Test
    void schema2019_threeFilesUploadedOutOfOrder_releasedAtIsTheEarliestNotTheFirst()
        throws Exception {
      PypiRelease r = release(parseFixture("celery", CELERY_2019), "2.2.0");

      // files in order: 11:05:07.169728, 11:02:41.954271, 11:05:10.813490
      assertEquals(Instant.parse("2011-02-01T11:02:41.954271Z"), r.getReleasedAt());
      assertEquals(3, r.getFileCount());
      assertEquals(0, r.getWheelCount());
      // three sdists (.tar.bz2, .tar.gz, .zip): the size is one of theirs
      assertTrue(Set.of(1405656L, 1486172L, 1693636L).contains(r.getSdistSizeBytes()));
    }

    @Test
    void schema2019_sdistUploadedBeforeWheel_releasedAtIsTheSdistUpload() throws Exception {
      PypiRelease r = release(parseFixture("celery", CELERY_2019), "4.0.0rc3");

      assertEquals(Instant.parse("2016-07-08T22:31:52.974580Z"), r.getReleasedAt());
      assertTrue(r.getIsPrerelease());
      assertEquals(1, r.getWheelCount());
      assertEquals(1347201L, r.getSdistSizeBytes());
    }
  }

  @Nested
  class OldSchemaPendulum {

    @Test
    void oldSchema_packageRow_homePageOffGithub_hasNoGithubRepo() throws Exception {
      PypiPackage pkg = parseFixture("pendulum", PENDULUM_2018).pkg();

      assertEquals("2.0.3", pkg.getVersion());
      assertEquals("MIT", pkg.getLicense());
      assertEquals(">=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*", pkg.getRequiresPython());
      assertEquals("https://pendulum.eustace.io", pkg.getHomePage());
      assertNull(pkg.getGithubRepo());
    }

    @Test
    void oldSchemaWithoutIsoUploadTime_readsUploadTimeAsUtc_evenInANonUtcJvm() throws Exception {
      PypiDocument doc = inZone("America/New_York", () -> parseFixture("pendulum", PENDULUM_2018));

      // 0.3.1: wheel "2016-07-13T16:38:14", sdist "2016-07-13T16:30:03" (no zone: UTC)
      assertEquals(Instant.parse("2016-07-13T16:30:03Z"), release(doc, "0.3.1").getReleasedAt());
      assertEquals(Instant.parse("2016-07-04T05:00:38Z"), release(doc, "0.1").getReleasedAt());
    }

    @Test
    void oldSchema_countsReleasesFilesAndWheels() throws Exception {
      PypiDocument doc = parseFixture("pendulum", PENDULUM_2018);

      assertEquals(47, doc.releases().size());
      assertEquals(340, doc.releases().stream().mapToInt(PypiRelease::getFileCount).sum());
      assertEquals(293, doc.releases().stream().mapToInt(PypiRelease::getWheelCount).sum());
      assertTrue(doc.releases().stream().noneMatch(PypiRelease::getIsYanked));
    }

    @Test
    void oldSchema_alphaRelease_isPrereleaseWithEarliestOfTenFiles() throws Exception {
      PypiDocument doc = parseFixture("pendulum", PENDULUM_2018);
      PypiRelease r = release(doc, "2.0.0a0");

      assertEquals(Set.of("2.0.0a0"), prereleases(doc));
      assertTrue(r.getIsPrerelease());
      assertEquals(Instant.parse("2018-04-16T22:31:52Z"), r.getReleasedAt());
      assertEquals(10, r.getFileCount());
      assertEquals(9, r.getWheelCount());
      assertEquals(71572L, r.getSdistSizeBytes());
    }

    @Test
    void oldSchema_latestRelease_hasTwelveWheelsAndOneSdist() throws Exception {
      PypiRelease r = release(parseFixture("pendulum", PENDULUM_2018), "2.0.3");

      assertEquals(13, r.getFileCount());
      assertEquals(12, r.getWheelCount());
      assertEquals(75580L, r.getSdistSizeBytes());
      assertEquals(Instant.parse("2018-07-30T21:18:21Z"), r.getReleasedAt());
      assertFalse(r.getIsYanked());
    }
  }

  @Nested
  class LegacySchemaLuigi {

    @Test
    void legacySchema_withoutProjectUrls_githubRepoComesFromHomePage() throws Exception {
      PypiPackage pkg = parseFixture("luigi", LUIGI_2017).pkg();

      assertEquals("2.6.0", pkg.getVersion());
      assertEquals("Apache License 2.0", pkg.getLicense());
      assertEquals("https://github.com/spotify/luigi", pkg.getHomePage());
      assertEquals("spotify/luigi", pkg.getGithubRepo());
      assertEquals("Workflow mgmgt + task scheduling + dependency resolution", pkg.getSummary());
    }

    @Test
    void legacySchema_emptyRequiresPython_isNull() throws Exception {
      assertNull(parseFixture("luigi", LUIGI_2017).pkg().getRequiresPython());
    }

    @Test
    void legacySchema_hasFortyTwoReleases_twoWithoutFiles() throws Exception {
      PypiDocument doc = parseFixture("luigi", LUIGI_2017);

      assertEquals(42, doc.releases().size());
      assertEquals(41, doc.releases().stream().mapToInt(PypiRelease::getFileCount).sum());
      for (String version : List.of("1.0.8", "1.0.21")) {
        PypiRelease r = release(doc, version);
        assertNull(r.getReleasedAt(), version);
        assertEquals(0, r.getFileCount(), version);
        assertNull(r.getSdistSizeBytes(), version);
      }
      assertTrue(prereleases(doc).isEmpty());
      assertTrue(doc.releases().stream().noneMatch(PypiRelease::getIsYanked));
    }

    @Test
    void legacySchemaWithoutIsoUploadTime_readsUploadTimeAsUtc() throws Exception {
      PypiDocument doc = inZone("Asia/Tokyo", () -> parseFixture("luigi", LUIGI_2017));

      assertEquals(Instant.parse("2017-02-10T06:57:18Z"), release(doc, "2.6.0").getReleasedAt());
      assertEquals(Instant.parse("2013-08-09T16:05:56Z"), release(doc, "1.0.9").getReleasedAt());
      assertEquals(0, release(doc, "1.0.9").getWheelCount());
      assertEquals(228183L, release(doc, "1.0.9").getSdistSizeBytes());
    }

    @Test
    void legacyAndCurrentSchemas_agreeOnReleasedAtToTheSecond_forEverySharedRelease()
        throws Exception {
      Map<String, PypiRelease> legacy =
          byVersion(inZone("Australia/Sydney", () -> parseFixture("luigi", LUIGI_2017)));
      Map<String, PypiRelease> current = byVersion(parseFixture("luigi", LUIGI_CURRENT));

      List<String> mismatches = new ArrayList<>();
      for (PypiRelease old : legacy.values()) {
        PypiRelease now = current.get(old.getVersion());
        assertNotNull(now, old.getVersion());
        Instant a = old.getReleasedAt();
        Instant b = now.getReleasedAt() == null ? null : now.getReleasedAt().truncatedTo(ChronoUnit.SECONDS);
        if (a == null ? b != null : !a.equals(b)) {
          mismatches.add(old.getVersion() + ": " + a + " vs " + b);
        }
        assertEquals(now.getFileCount(), old.getFileCount(), old.getVersion());
        assertEquals(now.getSdistSizeBytes(), old.getSdistSizeBytes(), old.getVersion());
      }
      assertTrue(mismatches.isEmpty(), mismatches.toString());
    }
  }

  @Nested
  class MetadataRules {

    private String minimalDocument(String infoExtra) {
      return "{\"info\": {\"version\": \"1.0\"" + infoExtra + "}, \"releases\": {}}";
    }

    @Test
    void licenseExpressionPresent_winsOverLicense() throws Exception {
      PypiPackage pkg =
          PypiDocument.parse(
                  "x",
                  minimalDocument(", \"license_expression\": \"MIT OR Apache-2.0\", \"license\": \"BSD\""),
                  PULLED_AT)
              .pkg();

      assertEquals("MIT OR Apache-2.0", pkg.getLicense());
    }

    @Test
    void licenseExpressionEmpty_fallsBackToLicense() throws Exception {
      PypiPackage pkg =
          PypiDocument.parse(
                  "x", minimalDocument(", \"license_expression\": \"\", \"license\": \"BSD\""), PULLED_AT)
              .pkg();

      assertEquals("BSD", pkg.getLicense());
    }

    @Test
    void projectUrls_firstGithubRepoInDocumentOrderWins_overHomePage() throws Exception {
      String doc =
          minimalDocument(
              ", \"home_page\": \"https://github.com/home/page\", \"project_urls\": {"
                  + "\"Documentation\": \"https://example.readthedocs.io\","
                  + "\"Funding\": \"https://github.com/sponsors/someone\","
                  + "\"Source Code\": \"https://github.com/Owner/Repo.git\","
                  + "\"Issues\": \"https://github.com/other/tracker/issues\"}");

      assertEquals("owner/repo", PypiDocument.parse("x", doc, PULLED_AT).pkg().getGithubRepo());
    }

    @Test
    void projectUrlsWithoutGithubRepo_fallsBackToHomePage() throws Exception {
      String doc =
          minimalDocument(
              ", \"home_page\": \"https://www.github.com/Home/Page/\", \"project_urls\": {"
                  + "\"Docs\": \"https://owner.github.io/repo\","
                  + "\"Gist\": \"https://gist.github.com/owner/abc123\"}");

      assertEquals("home/page", PypiDocument.parse("x", doc, PULLED_AT).pkg().getGithubRepo());
    }

    @Test
    void emptyReleasesObject_givesPackageRowAndNoReleases() throws Exception {
      PypiDocument doc = PypiDocument.parse("x", minimalDocument(""), PULLED_AT);

      assertEquals("1.0", doc.pkg().getVersion());
      assertTrue(doc.releases().isEmpty());
      assertNull(doc.pkg().getGithubRepo());
    }
  }

  @Nested
  class MalformedDocuments {

    private MalformedResponseException malformed(String body) {
      return assertThrows(
          MalformedResponseException.class, () -> PypiDocument.parse("luigi", body, PULLED_AT));
    }

    @Test
    void missingInfoVersion_throwsNamingInfoVersion() throws Exception {
      ObjectNode root = fixtureJson(LUIGI_CURRENT);
      ((ObjectNode) root.get("info")).remove("version");

      assertTrue(malformed(root.toString()).getMessage().contains("info.version"));
    }

    @Test
    void infoVersionNotAString_throwsNamingInfoVersion() throws Exception {
      ObjectNode root = fixtureJson(LUIGI_CURRENT);
      ((ObjectNode) root.get("info")).put("version", 3);

      assertTrue(malformed(root.toString()).getMessage().contains("info.version"));
    }

    @Test
    void missingInfo_throwsNamingInfo() throws Exception {
      ObjectNode root = fixtureJson(LUIGI_CURRENT);
      root.remove("info");

      assertTrue(malformed(root.toString()).getMessage().startsWith("info"));
    }

    @Test
    void releasesNotAnObject_throwsNamingReleases() throws Exception {
      ObjectNode root = fixtureJson(LUIGI_CURRENT);
      root.set("releases", MAPPER.createArrayNode());

      String message = malformed(root.toString()).getMessage();
      assertTrue(message.startsWith("releases"), message);
    }

    @Test
    void releaseValueNotAnArray_throwsNamingTheRelease() throws Exception {
      ObjectNode root = fixtureJson(LUIGI_CURRENT);
      ((ObjectNode) root.get("releases")).put("2.7.2", "oops");

      assertTrue(malformed(root.toString()).getMessage().contains("releases.2.7.2"));
    }

    @Test
    void garbageUploadTimeIso8601_throwsNamingTheFileField() throws Exception {
      ObjectNode root = fixtureJson(LUIGI_CURRENT);
      ((ObjectNode) root.get("releases").get("2.7.2").get(1))
          .put("upload_time_iso_8601", "last tuesday");

      String message = malformed(root.toString()).getMessage();
      assertTrue(message.contains("releases.2.7.2[1].upload_time_iso_8601"), message);
      assertTrue(message.contains("last tuesday"), message);
    }

    @Test
    void garbageOldSchemaUploadTime_throwsNamingTheFileField() throws Exception {
      ObjectNode root = fixtureJson(PENDULUM_2018);
      ((ObjectNode) root.get("releases").get("0.3.1").get(1)).put("upload_time", "2016-13-45 25:00");

      String message = malformed(root.toString()).getMessage();
      assertTrue(message.contains("releases.0.3.1[1].upload_time"), message);
    }

    @Test
    void truncatedJson_throwsNotValidJson() {
      String body = Fixtures.body(LUIGI_CURRENT);

      String message = malformed(body.substring(0, body.length() / 2)).getMessage();
      assertTrue(message.contains("pypi document"), message);
      assertTrue(message.contains("not valid JSON"), message);
    }

    @Test
    void topLevelArray_throwsExpectedAnObject() {
      assertTrue(malformed("[1, 2]").getMessage().contains("expected an object"));
    }

    @Test
    void emptyBody_throws() {
      assertNotNull(malformed("").getMessage());
    }

    @Test
    void sizeNotAnInteger_throwsNamingTheSize() throws Exception {
      ObjectNode root = fixtureJson(LUIGI_CURRENT);
      ArrayNode files = (ArrayNode) root.get("releases").get("2.7.2");
      ((ObjectNode) files.get(1)).put("size", "big");

      assertTrue(malformed(root.toString()).getMessage().contains("releases.2.7.2[1].size"));
    }

    @Test
    void yankedNotABoolean_throwsNamingTheField() throws Exception {
      ObjectNode root = fixtureJson(LUIGI_CURRENT);
      ((ObjectNode) root.get("releases").get("1.0").get(0)).put("yanked", "no");

      assertTrue(malformed(root.toString()).getMessage().contains("releases.1.0[0].yanked"));
    }
  }
}
