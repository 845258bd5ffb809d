package dev.techpulse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.techpulse.testing.FakeApis;
import dev.techpulse.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/**
 * Synthetic answers for N packages, served by {@link FakeApis}: each package's PyPI document
 * (the structure of {@code pypi/luigi_current_schema.json}, generated: 30 releases with their
 * files), its three pypistats answers (180 days; python_minor with 10 categories, system with 5)
 * and its GitHub repository ({@code github/get_repository.json} with {@code full_name} changed)
 * with, when activity is on, the four activity endpoints from recorded answers: {@code
 * /stats/commit_activity} (52 weeks), {@code /stats/contributors} (the recording's first three
 * contributors), {@code /issues} in two pages linked by {@code Link: rel="next"} (3 issues each)
 * and {@code /releases}; each with an ETag, as GitHub sends them.
 *
 * <p>Bodies are templates with the package (or repository) name spliced in as they are written,
 * so the fake holds a few hundred KB whatever N is and spends almost no CPU per response: the
 * benchmark's two cores stay with the pipeline.
 */
final class SyntheticApis {
  static final String PKG = "@@PKG@@";
  static final String REPO = "@@REPO@@";
  static final int RELEASES = 30;
  static final int DAYS = 180;
  static final List<String> PYTHON_MINORS =
      java.util.Arrays.asList(
          "2.7", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14", null);
  static final List<String> SYSTEMS = java.util.Arrays.asList("Darwin", "Linux", "Windows", "other", null);
  private static final Set<String> HOP_HEADERS =
      Set.of("content-length", "transfer-encoding", "connection", "content-encoding");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** When an API's responses were written: first and last, epoch milliseconds. */
  static final class Window {
    final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong last = new AtomicLong(0);
    final AtomicLong bytes = new AtomicLong();

    void record(long n) {
      long now = System.currentTimeMillis();
      first.accumulateAndGet(now, Math::min);
      last.accumulateAndGet(now, Math::max);
      bytes.addAndGet(n);
    }
  }

  /** A template body: fixed segments with one value between each pair. */
  static final class TemplateBody implements MockResponseBody {
    private final byte[][] segments;
    private final byte[] value;
    private final Window window;
    private final long length;

    TemplateBody(byte[][] segments, String value, Window window) {
      this.segments = segments;
      this.value = value.getBytes(StandardCharsets.UTF_8);
      this.window = window;
      long n = (long) (segments.length - 1) * this.value.length;
      for (byte[] s : segments) {
        n += s.length;
      }
      this.length = n;
    }

    @Override
    public long getContentLength() {
      return length;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      for (int i = 0; i < segments.length; i++) {
        if (i > 0) {
          sink.write(value);
        }
        sink.write(segments[i]);
      }
      // MockWebServer does not flush a custom body's last partial segment by itself.
      sink.flush();
      window.record(length);
    }
  }

  final LocalDate endDate;
  final LocalDate startDate;
  final Window pypiWindow = new Window();
  final Window pypistatsWindow = new Window();
  final Window githubWindow = new Window();
  private final byte[][] pypiDoc;
  private final byte[][] overall;
  private final byte[][] pythonMinor;
  private final byte[][] system;
  private final byte[][] githubRepo;
  private final Map<String, String> githubHeaders = new LinkedHashMap<>();
  private final byte[][] commitActivity;
  private final byte[][] contributors;
  private final byte[][] issuesPage1;
  private final byte[][] issuesPage2;
  private final byte[][] releases;

  /** GitHub requests per repository with activity: the snapshot, then 4 endpoints (5 pages). */
  static final int GITHUB_REQUESTS_WITH_ACTIVITY = 6;

  SyntheticApis(LocalDate endDate) {
    this.endDate = endDate;
    this.startDate = endDate.minusDays(DAYS - 1);
    Random random = new Random(42);
    try {
      pypiDoc = split(MAPPER.writeValueAsString(pypiDocument(random)), PKG);
      overall = split(MAPPER.writeValueAsString(pypistats("overall_downloads",
          List.of("without_mirrors"), 200_000, random)), PKG);
      pythonMinor = split(MAPPER.writeValueAsString(pypistats("python_minor_downloads",
          PYTHON_MINORS, 20_000, random)), PKG);
      system = split(MAPPER.writeValueAsString(pypistats("system_downloads",
          SYSTEMS, 40_000, random)), PKG);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Fixtures.Exchange repo = Fixtures.exchanges("github/get_repository.json").get(0);
    githubRepo = split(repo.body().replace("octokit-fixture-org/hello-world", REPO), REPO);
    try {
      commitActivity = split(Fixtures.exchanges("github/stats_commit_activity_200.json").get(0)
          .body(), REPO);
      com.fasterxml.jackson.databind.JsonNode all =
          MAPPER.readTree(Fixtures.exchanges("github/stats_contributors_200.json").get(1).body());
      List<Object> firstThree = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        firstThree.add(all.get(i));
      }
      contributors = split(MAPPER.writeValueAsString(firstThree), REPO);
      List<Fixtures.Exchange> issues = Fixtures.exchanges("github/paginate_issues_5_pages.json");
      issuesPage1 = split(issues.get(0).body(), REPO);
      issuesPage2 = split(issues.get(issues.size() - 1).body(), REPO);
      releases = split(Fixtures.exchanges("github/releases.json").get(1).body(), REPO);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    repo.headers().forEach((k, v) -> {
      if (!HOP_HEADERS.contains(k)) {
        githubHeaders.put(k, v);
      }
    });
  }

  static String packageName(int i) {
    return String.format("bench-pkg-%05d", i);
  }

  static String repoName(int i) {
    return "bench-org/" + packageName(i);
  }

  /** The catalog: N technologies, each with one package and its repository. */
  static String catalogJson(int n) {
    StringBuilder b = new StringBuilder("{\"technologies\": [\n");
    for (int i = 1; i <= n; i++) {
      b.append("  {\"name\": \"Bench Tech ").append(String.format("%05d", i))
          .append("\", \"packages\": [\"").append(packageName(i))
          .append("\"], \"github\": \"").append(repoName(i)).append("\"}")
          .append(i < n ? ",\n" : "\n");
    }
    return b.append("]}\n").toString();
  }

  /**
   * Routes every endpoint of N packages on fresh fakes; with {@code issuesSince} (the {@code
   * since} the pipeline will send), GitHub's activity endpoints too.
   */
  void install(FakeApis apis, int n, String issuesSince) {
    for (int i = 1; i <= n; i++) {
      String name = packageName(i);
      apis.pypi.route("/pypi/" + name + "/json",
          json(new TemplateBody(pypiDoc, name, pypiWindow), "\"bench-" + i + "-1\""));
      apis.pypistats.route("/api/packages/" + name + "/overall?mirrors=false",
          json(new TemplateBody(overall, name, pypistatsWindow), null));
      apis.pypistats.route("/api/packages/" + name + "/python_minor",
          json(new TemplateBody(pythonMinor, name, pypistatsWindow), null));
      apis.pypistats.route("/api/packages/" + name + "/system",
          json(new TemplateBody(system, name, pypistatsWindow), null));
      MockResponse.Builder gh = new MockResponse.Builder().code(200);
      githubHeaders.forEach(gh::addHeader);
      apis.github.route("/repos/" + repoName(i),
          gh.body(new TemplateBody(githubRepo, repoName(i), githubWindow)).build());
      if (issuesSince != null) {
        installActivity(apis, i, issuesSince);
      }
    }
  }

  private void installActivity(FakeApis apis, int i, String since) {
    String repo = repoName(i);
    String base = "/repos/" + repo;
    apis.github.route(base + "/stats/commit_activity",
        json(new TemplateBody(commitActivity, repo, githubWindow), "W/\"ca-" + i + "\""));
    apis.github.route(base + "/stats/contributors",
        json(new TemplateBody(contributors, repo, githubWindow), "W/\"co-" + i + "\""));
    String issues = base + "/issues?state=all&since=" + since + "&per_page=100";
    MockResponse.Builder first =
        new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
            .addHeader("ETag", "W/\"is1-" + i + "\"")
            .addHeader("Link", "<" + apis.github.url() + issues + "&page=2>; rel=\"next\", <"
                + apis.github.url() + issues + "&page=2>; rel=\"last\"");
    apis.github.route(issues,
        first.body(new TemplateBody(issuesPage1, repo, githubWindow)).build());
    apis.github.route(issues + "&page=2",
        json(new TemplateBody(issuesPage2, repo, githubWindow), "W/\"is2-" + i + "\""));
    apis.github.route(base + "/releases?per_page=100",
        json(new TemplateBody(releases, repo, githubWindow), "W/\"re-" + i + "\""));
  }

  /** Bytes of one package's answers, per API: pypi, pypistats (3 calls), github. */
  long[] bodyBytes() {
    return new long[] {
      new TemplateBody(pypiDoc, packageName(1), new Window()).getContentLength(),
      new TemplateBody(overall, packageName(1), new Window()).getContentLength()
          + new TemplateBody(pythonMinor, packageName(1), new Window()).getContentLength()
          + new TemplateBody(system, packageName(1), new Window()).getContentLength(),
      new TemplateBody(githubRepo, repoName(1), new Window()).getContentLength()
    };
  }

  /** Download rows one package yields in the run's range: total + python_minor + system. */
  static long downloadRowsPerPackage() {
    return (long) DAYS * (1 + PYTHON_MINORS.size() + SYSTEMS.size());
  }

  private static MockResponse json(MockResponseBody body, String etag) {
    MockResponse.Builder b =
        new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json");
    if (etag != null) {
      b.addHeader("ETag", etag);
    }
    return b.body(body).build();
  }

  private static byte[][] split(String text, String placeholder) {
    List<byte[]> parts = new ArrayList<>();
    int from = 0;
    for (int at = text.indexOf(placeholder); at >= 0; at = text.indexOf(placeholder, from)) {
      parts.add(text.substring(from, at).getBytes(StandardCharsets.UTF_8));
      from = at + placeholder.length();
    }
    parts.add(text.substring(from).getBytes(StandardCharsets.UTF_8));
    return parts.toArray(new byte[0][]);
  }

  private Map<String, Object> pypistats(
      String type, List<String> categories, int scale, Random random) {
    List<Map<String, Object>> data = new ArrayList<>();
    for (String category : categories) {
      int base = 1 + random.nextInt(scale);
      for (LocalDate d = startDate; !d.isAfter(endDate); d = d.plusDays(1)) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("category", category);
        row.put("date", d.toString());
        row.put("downloads", base + random.nextInt(Math.max(1, base / 5 + 1)));
        data.add(row);
      }
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("data", data);
    root.put("package", PKG);
    root.put("type", type);
    return root;
  }

  /** The current PyPI JSON schema (as luigi_current_schema.json), generated. */
  private Map<String, Object> pypiDocument(Random random) {
    DateTimeFormatter seconds = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    Map<String, List<Map<String, Object>>> releases = new LinkedHashMap<>();
    List<Map<String, Object>> latestFiles = List.of();
    String latest = null;
    for (int r = 0; r < RELEASES; r++) {
      String version = (r / 10) + "." + (r % 10) + ".0" + (r % 7 == 6 ? "rc1" : "");
      java.time.Instant uploaded =
          endDate.minusDays((long) (RELEASES - r) * 23).atTime(12, r, 7).toInstant(ZoneOffset.UTC)
              .plusNanos(123_456_000L);
      List<Map<String, Object>> files = new ArrayList<>();
      files.add(file(PKG + "-" + version + ".tar.gz", "sdist", "source", uploaded, random, seconds,
          r == 13));
      for (String tag : List.of("py3-none-any", "cp312-cp312-manylinux_2_17_x86_64")) {
        files.add(file(PKG.replace('-', '_') + "-" + version + "-" + tag + ".whl", "bdist_wheel",
            tag.startsWith("py3") ? "py3" : "cp312", uploaded.plusSeconds(30), random, seconds,
            r == 13));
      }
      releases.put(version, files);
      if (!version.contains("rc")) {
        latest = version;
        latestFiles = files;
      }
    }
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("author", "The Bench Authors");
    info.put("author_email", "bench@example.org");
    info.put("bugtrack_url", null);
    info.put("classifiers", List.of(
        "Development Status :: 5 - Production/Stable",
        "Environment :: Console",
        "Intended Audience :: Developers",
        "License :: OSI Approved :: Apache Software License",
        "Programming Language :: Python :: 3.10",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Topic :: System :: Monitoring"));
    StringBuilder description = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      description.append("Synthetic package for the techpulse benchmark, paragraph ").append(i)
          .append(": it exists only on a fake PyPI and has no code at all.\n");
    }
    info.put("description", description.toString());
    info.put("description_content_type", "text/x-rst");
    info.put("docs_url", null);
    info.put("download_url", null);
    info.put("downloads", Map.of("last_day", -1, "last_month", -1, "last_week", -1));
    info.put("dynamic", null);
    info.put("home_page", "https://github.com/bench-org/" + PKG);
    info.put("keywords", "benchmark,synthetic");
    info.put("license", "Apache License 2.0");
    info.put("license_expression", null);
    info.put("license_files", null);
    info.put("maintainer", null);
    info.put("maintainer_email", null);
    info.put("name", PKG);
    info.put("package_url", "https://pypi.org/project/" + PKG + "/");
    info.put("platform", null);
    info.put("project_url", "https://pypi.org/project/" + PKG + "/");
    Map<String, String> urls = new LinkedHashMap<>();
    urls.put("Homepage", "https://github.com/bench-org/" + PKG);
    urls.put("Documentation", "https://" + PKG + ".readthedocs.io/");
    info.put("project_urls", urls);
    info.put("provides_extra", List.of("toml"));
    info.put("release_url", "https://pypi.org/project/" + PKG + "/" + latest + "/");
    info.put("requires_dist", List.of("python-dateutil>=2.7.5", "tenacity>=8"));
    info.put("requires_python", ">=3.9");
    info.put("summary", "A synthetic package of the techpulse benchmark.");
    info.put("version", latest);
    info.put("yanked", false);
    info.put("yanked_reason", null);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("info", info);
    root.put("last_serial", 26380501);
    root.put("releases", releases);
    root.put("urls", latestFiles);
    root.put("vulnerabilities", List.of());
    return root;
  }

  private static Map<String, Object> file(String filename, String type, String pythonVersion,
      java.time.Instant uploaded, Random random, DateTimeFormatter seconds, boolean yanked) {
    byte[] seed = new byte[16];
    random.nextBytes(seed);
    Map<String, Object> digests = new LinkedHashMap<>();
    digests.put("blake2b_256", hex("SHA-256", seed));
    digests.put("md5", hex("MD5", seed));
    digests.put("sha256", hex("SHA-256", (filename + seed[0]).getBytes(StandardCharsets.UTF_8)));
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("comment_text", "");
    f.put("digests", digests);
    f.put("downloads", -1);
    f.put("filename", filename);
    f.put("has_sig", false);
    f.put("md5_digest", digests.get("md5"));
    f.put("packagetype", type);
    f.put("python_version", pythonVersion);
    f.put("requires_python", ">=3.9");
    f.put("size", 50_000 + random.nextInt(2_000_000));
    f.put("upload_time", seconds.format(uploaded.atOffset(ZoneOffset.UTC)));
    f.put("upload_time_iso_8601", uploaded.toString());
    String d = (String) digests.get("blake2b_256");
    f.put("url", "https://files.pythonhosted.org/packages/" + d.substring(0, 2) + "/"
        + d.substring(2, 4) + "/" + d.substring(4) + "/" + filename);
    f.put("yanked", yanked);
    f.put("yanked_reason", yanked ? "broken build" : null);
    return f;
  }

  private static String hex(String algorithm, byte[] input) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(input));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
