package dev.techpulse.transforms.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import dev.techpulse.schemas.WarehouseTable;
import dev.techpulse.transforms.warehouse.Warehouse;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The report as one self-contained HTML file: the Mustache template with its styles, script,
 * data and the Chart.js UMD build (from the {@code org.webjars.npm:chart.js} jar) inlined, so
 * it opens from disk with no network.
 */
public final class HtmlReport {
  private static final String BASE = "dev/techpulse/transforms/report/";
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private HtmlReport() {}

  /** Reads the warehouse's latest run and writes its report to {@code file}; returns its size. */
  public static long write(Warehouse warehouse, Path file, String version)
      throws ReportException, SQLException, IOException {
    String html = render(ReportData.read(warehouse), version, Instant.now());
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
    Files.writeString(tmp, html, StandardCharsets.UTF_8);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return Files.size(file);
  }

  public static String render(ReportData data, String version, Instant generatedAt) {
    Map<String, Object> page = new LinkedHashMap<>();
    ReportData.Run run = data.run();
    page.put("version", version);
    page.put("asOf", run.endDate().toString());
    page.put("runId", run.runId());
    page.put("startDate", run.startDate().toString());
    page.put("endDate", run.endDate().toString());
    page.put("generatedAt", MINUTE.format(generatedAt));
    page.put("startedAt", run.startedAt() == null ? "?" : MINUTE.format(run.startedAt()));
    page.put("finishedAt", run.finishedAt() == null ? "?" : MINUTE.format(run.finishedAt()));
    page.put("duration", duration(run));
    page.put("days", ReportData.DAYS);
    page.put("technologyCount", data.scorecard().size());
    page.put("columns", ScorecardTable.COLUMNS);
    page.put("rows", ScorecardTable.rows(data.scorecard(), data.json()));
    page.put("sources", sources(data));
    page.put("uncovered", uncovered(run));
    List<String> withoutRepo = new ArrayList<>();
    for (Map<String, Object> row : data.scorecard()) {
      if (row.get("github_repo") == null) {
        withoutRepo.add((String) row.get("technology"));
      }
    }
    page.put("withoutRepo", String.join(", ", withoutRepo));
    long rejectCount = data.rejectsByStep().values().stream().mapToLong(Long::longValue).sum();
    StringBuilder summary = new StringBuilder(rejectCount == 0 ? "none" : rejectCount + " (");
    data.rejectsByStep().forEach(
        (step, n) -> summary.append(summary.charAt(summary.length() - 1) == '(' ? "" : ", ")
            .append(step).append(' ').append(n));
    page.put("rejectsSummary", rejectCount == 0 ? "none" : summary + ")");
    page.put("hasRejects", !data.rejects().isEmpty());
    List<Map<String, String>> rejects = new ArrayList<>();
    for (ReportData.Reject r : data.rejects()) {
      rejects.add(
          Map.of(
              "step", r.step(),
              "recordKey", r.recordKey() == null ? "" : r.recordKey(),
              "error", r.error() == null ? "" : r.error(),
              "rejectedAt", r.rejectedAt() == null ? "" : MINUTE.format(r.rejectedAt())));
    }
    page.put("rejects", rejects);
    page.put("rejectsTruncated", rejectCount > rejects.size());
    page.put("shownRejects", rejects.size());
    page.put("css", resource(BASE + "report.css"));
    page.put("js", resource(BASE + "report.js"));
    page.put("chartJsVersion", chartJsVersion());
    page.put("chartJs", chartJs());
    page.put("data", gzipBase64(data.json().toString()));

    Mustache template =
        new DefaultMustacheFactory().compile(
            new java.io.InputStreamReader(stream(BASE + "report.mustache"), StandardCharsets.UTF_8),
            "report.mustache");
    StringWriter out = new StringWriter();
    template.execute(out, page);
    return out.toString();
  }

  /**
   * The page's data, gzipped and in base64 (which has no "<", so it cannot close its script
   * element): a fifth of the JSON's size, which keeps a report of 1,000 technologies with
   * every split under 5 MB; the page inflates it with the browser's DecompressionStream.
   */
  static String gzipBase64(String json) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(json.length() / 4);
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes, 1 << 16)) {
      gz.write(json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return java.util.Base64.getMimeEncoder(120, new byte[] {'\n'}).encodeToString(bytes.toByteArray());
  }

  private static String duration(ReportData.Run run) {
    if (run.startedAt() == null || run.finishedAt() == null) {
      return "unfinished";
    }
    Duration d = Duration.between(run.startedAt(), run.finishedAt());
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  private static List<String> sources(ReportData data) {
    Map<WarehouseTable, Long> n = data.appended();
    String downloadsSource = data.run().options().path("downloadsSource").asText("");
    List<String> out = new ArrayList<>();
    out.add("PyPI JSON API: " + Human.count(n.getOrDefault(WarehouseTable.PYPI_PACKAGES, 0L))
        + " package documents, " + Human.count(n.getOrDefault(WarehouseTable.PYPI_RELEASES, 0L))
        + " releases");
    out.add("Downloads: " + (downloadsSource.isEmpty() ? "unknown source" : downloadsSource) + ", "
        + Human.count(n.getOrDefault(WarehouseTable.PYPI_DOWNLOADS, 0L)) + " rows");
    long activity =
        n.getOrDefault(WarehouseTable.GITHUB_COMMITS_WEEKLY, 0L)
            + n.getOrDefault(WarehouseTable.GITHUB_ISSUES, 0L)
            + n.getOrDefault(WarehouseTable.GITHUB_RELEASES, 0L);
    out.add("GitHub REST API: " + Human.count(n.getOrDefault(WarehouseTable.GITHUB_REPOS, 0L))
        + " repository snapshots; activity "
        + (activity == 0 ? "not fetched (commits, issues and releases come from earlier runs, if any)"
            : Human.count(n.getOrDefault(WarehouseTable.GITHUB_COMMITS_WEEKLY, 0L)) + " commit weeks, "
                + Human.count(n.getOrDefault(WarehouseTable.GITHUB_ISSUES, 0L)) + " issues, "
                + Human.count(n.getOrDefault(WarehouseTable.GITHUB_RELEASES, 0L)) + " releases"));
    return out;
  }

  private static String uncovered(ReportData.Run run) {
    String days = run.notes().path("uncovered_download_days").asText("");
    if (days.isEmpty()) {
      return "";
    }
    String reason = run.notes().path("reason").asText("");
    return days + (reason.isEmpty() ? "" : " (" + reason + ")");
  }

  private static String chartJsVersion() {
    Properties p = new Properties();
    try (InputStream in =
        stream("META-INF/maven/org.webjars.npm/chart.js/pom.properties")) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version");
  }

  /** The UMD build, without its source-map comment (a browser could try to fetch the map). */
  private static String chartJs() {
    String js =
        resource("META-INF/resources/webjars/chart.js/" + chartJsVersion() + "/dist/chart.umd.js");
    return js.replaceAll("(?m)^//# sourceMappingURL=.*$", "");
  }

  private static String resource(String name) {
    try (InputStream in = stream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream stream(String name) {
    InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("missing resource " + name);
    }
    return in;
  }
}
