package dev.techpulse.transforms.pypistats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.techpulse.schemas.DownloadCount;
import dev.techpulse.testing.Fixtures;
import dev.techpulse.transforms.http.MalformedResponseException;
import dev.techpulse.transforms.pypistats.PypistatsResponse.Endpoint;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PypistatsResponseTest {

  private static MalformedResponseException malformed(Endpoint endpoint, String body) {
    return assertThrows(
        MalformedResponseException.class, () -> PypistatsResponse.parse("pip", endpoint, body));
  }

  @Test
  void overallWithAndWithoutMirrors_keepsOnlyWithoutMirrorsAsTotalWithEmptyValue()
      throws Exception {
    List<DownloadCount> rows =
        PypistatsResponse.parse(
            "pip", Endpoint.OVERALL, Fixtures.body("pypistats/overall_pip_excerpt.json"));

    assertEquals(
        List.of(
            DownloadCount.create("pip", LocalDate.of(2020, 5, 1), "total", "", 2083472L, "pypistats"),
            DownloadCount.create("pip", LocalDate.of(2020, 5, 2), "total", "", 1475979L, "pypistats")),
        rows);
  }

  @Test
  void pythonMinorExcerpt_nullCategoryBecomesUnknown_othersKeptAsIs() throws Exception {
    List<DownloadCount> rows =
        PypistatsResponse.parse(
            "pip", Endpoint.PYTHON_MINOR, Fixtures.body("pypistats/python_minor_pip_excerpt.json"));

    assertEquals(10, rows.size());
    Map<String, Long> byValue =
        rows.stream()
            .collect(Collectors.toMap(DownloadCount::getDimensionValue, DownloadCount::getDownloads));
    assertEquals(
        Set.of("2.6", "2.7", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8", "unknown"),
        byValue.keySet());
    assertEquals(7122L, byValue.get("unknown"));
    assertEquals(2001481L, byValue.get("2.7"));
    assertTrue(
        rows.stream()
            .allMatch(
                r ->
                    r.getPackageName().equals("pip")
                        && r.getDimension().equals("python_minor")
                        && r.getSource().equals("pypistats")
                        && r.getDownloadDate().equals(LocalDate.of(2018, 11, 1))));
  }

  @Test
  void pythonMinorExcerpt_sumsMatchThePythonMajorFiguresQuotedUpstream() throws Exception {
    List<DownloadCount> rows =
        PypistatsResponse.parse(
            "pip", Endpoint.PYTHON_MINOR, Fixtures.body("pypistats/python_minor_pip_excerpt.json"));

    long py2 = rows.stream().filter(r -> r.getDimensionValue().startsWith("2.")).mapToLong(DownloadCount::getDownloads).sum();
    long py3 = rows.stream().filter(r -> r.getDimensionValue().startsWith("3.")).mapToLong(DownloadCount::getDownloads).sum();
    assertEquals(2_008_344L, py2);
    assertEquals(280_299L, py3);
  }

  @Test
  void jsonNullCategory_becomesUnknownToo() throws Exception {
    String body =
        "{\"data\": [{\"category\": null, \"date\": \"2024-01-02\", \"downloads\": 5}]}";

    List<DownloadCount> rows = PypistatsResponse.parse("x", Endpoint.PYTHON_MINOR, body);

    assertEquals(
        List.of(
            DownloadCount.create(
                "x", LocalDate.of(2024, 1, 2), "python_minor", "unknown", 5L, "pypistats")),
        rows);
  }

  @Test
  void systemEndpoint_nullBucketBecomesUnknown_namedSystemsKept() throws Exception {
    String body =
        "{\"data\": [{\"category\": \"Linux\", \"date\": \"2024-01-02\", \"downloads\": 10},"
            + "{\"category\": \"null\", \"date\": \"2024-01-02\", \"downloads\": 3}],"
            + "\"package\": \"x\", \"type\": \"system_downloads\"}";

    List<DownloadCount> rows = PypistatsResponse.parse("x", Endpoint.SYSTEM, body);

    assertEquals(List.of("Linux", "unknown"), rows.stream().map(DownloadCount::getDimensionValue).toList());
    assertTrue(rows.stream().allMatch(r -> r.getDimension().equals("system")));
  }

  @Test
  void longPythonMinorSeries_yieldsEveryListedRowWithoutZeroFilling() throws Exception {
    List<DownloadCount> rows =
        PypistatsResponse.parse(
            "pip",
            Endpoint.PYTHON_MINOR,
            Fixtures.body("pypistats/python_minor_161_days_excerpt.json"));

    assertEquals(1428, rows.size());
    Map<String, Long> perValue =
        rows.stream()
            .collect(Collectors.groupingBy(DownloadCount::getDimensionValue, Collectors.counting()));
    assertEquals(7L, perValue.get("2.4"));
    assertEquals(2L, perValue.get("3.1"));
    assertEquals(161L, perValue.get("unknown"));
    assertTrue(!perValue.containsKey("null"));
    Set<LocalDate> days = rows.stream().map(DownloadCount::getDownloadDate).collect(Collectors.toSet());
    assertEquals(161, days.size());
    assertTrue(days.contains(LocalDate.of(2018, 4, 16)));
    assertTrue(days.contains(LocalDate.of(2018, 9, 23)));
  }

  @Test
  void emptyData_yieldsNoRows() throws Exception {
    String body = "{\"data\": [], \"package\": \"nope\", \"type\": \"python_minor_downloads\"}";

    assertTrue(PypistatsResponse.parse("nope", Endpoint.PYTHON_MINOR, body).isEmpty());
    assertTrue(PypistatsResponse.parse("nope", Endpoint.OVERALL, body).isEmpty());
  }

  @Test
  void recentShape_dataIsAnObject_throwsNamingData() {
    String message =
        malformed(Endpoint.OVERALL, Fixtures.body("pypistats/recent_pip_excerpt.json")).getMessage();

    assertTrue(message.startsWith("data"), message);
  }

  @Test
  void missingData_throwsNamingData() {
    assertTrue(malformed(Endpoint.SYSTEM, "{\"package\": \"x\"}").getMessage().startsWith("data"));
  }

  @Test
  void badDate_throwsNamingTheRowsDateField() {
    String body =
        "{\"data\": [{\"category\": \"3.12\", \"date\": \"2024-01-02\", \"downloads\": 1},"
            + "{\"category\": \"3.12\", \"date\": \"2024-02-30\", \"downloads\": 1}]}";

    String message = malformed(Endpoint.PYTHON_MINOR, body).getMessage();
    assertTrue(message.contains("data[1].date"), message);
    assertTrue(message.contains("2024-02-30"), message);
  }

  @Test
  void missingDate_throwsNamingTheField() {
    String body = "{\"data\": [{\"category\": \"3.12\", \"downloads\": 1}]}";

    assertTrue(malformed(Endpoint.PYTHON_MINOR, body).getMessage().contains("data[0].date"));
  }

  @Test
  void nonIntegerDownloads_throwsNamingTheField() {
    String body = "{\"data\": [{\"category\": \"3.12\", \"date\": \"2024-01-02\", \"downloads\": \"many\"}]}";

    assertTrue(malformed(Endpoint.PYTHON_MINOR, body).getMessage().contains("data[0].downloads"));
  }

  @Test
  void dataItemNotAnObject_throwsNamingTheItem() {
    assertTrue(malformed(Endpoint.SYSTEM, "{\"data\": [42]}").getMessage().contains("data[0]"));
  }

  @Test
  void htmlBody_throwsNotValidJson() {
    String message = malformed(Endpoint.OVERALL, "<html><body>429 Too Many Requests</body></html>").getMessage();

    assertTrue(message.contains("not valid JSON"), message);
  }

  @Test
  void endpoints_pathsAndStepsMatchTheContract() {
    assertEquals("/api/packages/pip/overall?mirrors=false", Endpoint.OVERALL.path("pip"));
    assertEquals("/api/packages/pip/python_minor", Endpoint.PYTHON_MINOR.path("pip"));
    assertEquals("/api/packages/pip/system", Endpoint.SYSTEM.path("pip"));
    assertEquals("total", Endpoint.OVERALL.dimension());
    assertEquals("pypistats_overall", Endpoint.OVERALL.step());
  }
}
