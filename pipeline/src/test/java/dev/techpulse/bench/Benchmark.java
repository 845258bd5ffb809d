package dev.techpulse.bench;

import dev.techpulse.schemas.WarehouseTable;
import dev.techpulse.testing.FakeApis;
import dev.techpulse.transforms.warehouse.Connections;
import dev.techpulse.transforms.warehouse.Warehouse;
import dev.techpulse.transforms.warehouse.WarehouseConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Throughput at the limits: runs the real main class ({@code TechpulsePipeline.execute}, in a
 * child JVM per size so each run's heap is its own) against in-process fakes of PyPI, pypistats
 * and GitHub that answer after an injected latency, for N synthetic packages, and prints wall
 * time, requests per API, the latency lower bound, rows per table, the warehouse load rate next
 * to DuckDB's own bulk load of the same rows, and peak heap.
 *
 * <p>Run it with {@code mvn -B -q -Pbench -pl pipeline -am verify -DskipTests}; see README.md in
 * this folder for the system properties ({@code -Dbench.sizes=10,100} and others).
 */
public final class Benchmark {
  private static final LocalDate END = LocalDate.parse("2025-06-30");

  /** Settings, from system properties. */
  record Settings(
      List<Integer> sizes,
      long latencyMillis,
      int pypiConcurrency,
      int githubConcurrency,
      int pypistatsConcurrency,
      int pypistatsPerMinute,
      boolean githubActivity,
      List<String> childJvmArgs,
      List<String> extraArgs,
      boolean profile,
      boolean keep,
      Path dir,
      boolean ownDir,
      Path report,
      long timeoutSeconds) {

    static Settings fromSystemProperties() throws IOException {
      String dir = prop("bench.dir", "");
      String report = prop("bench.report", "");
      return new Settings(
          Arrays.stream(prop("bench.sizes", "10,100,1000,5000").split(","))
              .map(String::trim).filter(s -> !s.isEmpty()).map(Integer::parseInt).toList(),
          Long.parseLong(prop("bench.latencyMs", "50")),
          Integer.parseInt(prop("bench.pypiConcurrency", "16")),
          Integer.parseInt(prop("bench.githubConcurrency", "16")),
          Integer.parseInt(prop("bench.pypistatsConcurrency", "4")),
          Integer.parseInt(prop("bench.pypistatsPerMinute", "1000000")),
          !prop("bench.githubActivity", "always").equals("never"),
          childJvmArgs(prop("bench.jvmOptionsFile", "../jvm.options"), prop("bench.jvmArgs", "")),
          words(prop("bench.args", "")),
          Boolean.parseBoolean(prop("bench.profile", "false")),
          Boolean.parseBoolean(prop("bench.keep", "false")),
          dir.isBlank() ? Files.createTempDirectory("techpulse-bench-") : Path.of(dir),
          dir.isBlank(),
          report.isBlank() ? null : Path.of(report),
          Long.parseLong(prop("bench.timeoutSeconds", "600")));
    }

    private static String prop(String name, String fallback) {
      String v = System.getProperty(name);
      // Maven passes an unset property through as an empty string or as its own ${...} text.
      return v == null || v.isBlank() || v.startsWith("${") ? fallback : v.trim();
    }

    /**
     * The options ./run-direct.sh gives a run's JVM (the file it reads), then {@code
     * bench.jvmArgs}, which come later and so win: the child runs as users run.
     */
    static List<String> childJvmArgs(String optionsFile, String extra) throws IOException {
      List<String> args = new java.util.ArrayList<>();
      for (String line : Files.readAllLines(Path.of(optionsFile))) {
        String option = line.strip();
        if (!option.isEmpty() && !option.startsWith("#")) {
          args.add(option);
        }
      }
      args.addAll(words(extra));
      return List.copyOf(args);
    }

    private static List<String> words(String s) {
      return s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }
  }

  /** What one size measured. */
  static final class Run {
    int n;
    int exit;
    String error;
    long start;
    long end;
    long runStarted;
    long pipelineDone;
    int[] requests = new int[3];
    int[] maxInFlight = new int[3];
    double[] avgInFlight = new double[3];
    double[] permitsHeld = new double[3];
    long[] firstResponse = new long[3];
    long[] lastResponse = new long[3];
    long[] responseBytes = new long[3];
    double[] bound = new double[3];
    double boundPath;
    double boundMax;
    Map<String, Long> rows = new LinkedHashMap<>();
    long rowsTotal;
    long appendFirst;
    long appendLast;
    long appendBusy;
    long loadMillis;
    long copyBusy;
    long csvBusy;
    long duckdbCopyNanos;
    long duckdbRows;
    long peakUsed;
    long peakAfterGc;
    long maxHeap;
    long gcCount;
    long gcMillis;
    long cpuMillis;
    long samplerMillis;
    long samples;
    String profile;
    Path log;

    double wall() {
      return (end - start) / 1000.0;
    }

    double loadRate() {
      return appendBusy <= 0 ? Double.NaN : rowsTotal / (appendBusy / 1000.0);
    }

    double duckdbRate() {
      return duckdbCopyNanos <= 0 ? Double.NaN : duckdbRows / (duckdbCopyNanos / 1e9);
    }

    long lastFetch() {
      return Arrays.stream(lastResponse).max().orElse(0);
    }
  }

  private static final String[] APIS = {"pypi", "pypistats", "github"};

  /** Held so the level set on it sticks: the fakes' JUL warnings would clutter the output. */
  private static final java.util.logging.Logger MOCKWEBSERVER_LOG =
      java.util.logging.Logger.getLogger("mockwebserver3.MockWebServer");

  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    // The preflight probe opens a connection and sends nothing, which MockWebServer warns about.
    MOCKWEBSERVER_LOG.setLevel(java.util.logging.Level.SEVERE);
    Settings s = Settings.fromSystemProperties();
    Files.createDirectories(s.dir());
    PrintStream err = System.err;
    err.printf(
        "bench: sizes %s, latency %d ms, concurrency pypi %d / pypistats %d / github %d,"
            + " work dir %s%n",
        s.sizes(), s.latencyMillis(), s.pypiConcurrency(), s.pypistatsConcurrency(),
        s.githubConcurrency(), s.dir());
    List<Run> runs = new ArrayList<>();
    long benchStart = System.nanoTime();
    for (int n : s.sizes()) {
      Run run = runOne(s, n);
      runs.add(run);
      err.printf(
          "bench: N=%d exit %d, wall %.1f s, %d rows, peak heap %d MiB%s%n",
          n, run.exit, run.wall(), run.rowsTotal, run.peakUsed >> 20,
          run.error == null ? "" : " (" + run.error + ")");
    }
    String report = report(s, runs, (System.nanoTime() - benchStart) / 1e9);
    System.out.print(report);
    System.out.flush();
    if (s.report() != null) {
      Files.createDirectories(s.report().toAbsolutePath().getParent());
      Files.writeString(s.report(), report);
      err.println("bench: report written to " + s.report());
    }
    if (!s.keep() && s.ownDir()) {
      deleteTree(s.dir());
    }
    // A run that failed fails the command; one that timed out is a result, reported as such.
    boolean failed = runs.stream().anyMatch(r -> r.exit != 0 && r.exit != -1);
    System.exit(failed ? 1 : 0);
  }

  static Run runOne(Settings s, int n) throws Exception {
    Run run = new Run();
    run.n = n;
    Path dir = s.dir().resolve("n" + n);
    deleteTree(dir);
    Files.createDirectories(dir);
    Path catalog = dir.resolve("catalog.json");
    Files.writeString(catalog, SyntheticApis.catalogJson(n));
    Path db = dir.resolve("techpulse.duckdb");
    SyntheticApis synthetic = new SyntheticApis(END);
    try (FakeApis apis = FakeApis.start()) {
      apis.pypi.latency(s.latencyMillis());
      apis.pypistats.latency(s.latencyMillis());
      apis.github.latency(s.latencyMillis());
      synthetic.install(apis, n, s.githubActivity()
          ? dev.techpulse.transforms.github.FetchGithubActivity.issuesSince(
              synthetic.startDate, synthetic.endDate) + "T00:00:00Z"
          : null);

      List<String> pipelineArgs = new ArrayList<>(List.of(
          "--catalog=" + catalog,
          "--startDate=" + synthetic.startDate,
          "--endDate=" + synthetic.endDate,
          "--duckdbPath=" + db,
          "--pypiUrl=" + apis.pypi.url(),
          "--pypistatsUrl=" + apis.pypistats.url(),
          "--githubApiUrl=" + apis.github.url(),
          "--downloadsSource=pypistats",
          "--pypistatsPerMinute=" + s.pypistatsPerMinute(),
          "--githubActivity=" + (s.githubActivity() ? "always" : "never"),
          "--pypiConcurrency=" + s.pypiConcurrency(),
          "--githubConcurrency=" + s.githubConcurrency()));
      pipelineArgs.addAll(s.extraArgs());

      Path resultFile = dir.resolve("result.properties");
      run.log = dir.resolve("progress.log");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(s.childJvmArgs());
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(BenchChild.class.getName());
      command.add(resultFile.toString());
      command.add(run.log.toString());
      command.add(Boolean.toString(s.profile()));
      command.add("--");
      command.addAll(pipelineArgs);
      Process child =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("child.out").toFile())
              .start();
      Thread reaper = new Thread(child::destroyForcibly);
      Runtime.getRuntime().addShutdownHook(reaper);
      boolean finished = child.waitFor(s.timeoutSeconds(), TimeUnit.SECONDS);
      if (!finished) {
        child.destroyForcibly().waitFor();
      }
      Runtime.getRuntime().removeShutdownHook(reaper);
      FakeApis.Server[] servers = {apis.pypi, apis.pypistats, apis.github};
      SyntheticApis.Window[] windows = {
        synthetic.pypiWindow, synthetic.pypistatsWindow, synthetic.githubWindow
      };
      for (int i = 0; i < 3; i++) {
        run.requests[i] = servers[i].requests().size();
        run.maxInFlight[i] = servers[i].maxInFlight();
        run.avgInFlight[i] = servers[i].averageInFlight();
        run.firstResponse[i] = windows[i].first.get() == Long.MAX_VALUE ? 0 : windows[i].first.get();
        run.lastResponse[i] = windows[i].last.get();
        run.responseBytes[i] = windows[i].bytes.get();
      }
      if (!finished) {
        run.exit = -1;
        run.error = String.format(Locale.ROOT,
            "timed out after %d s (-Dbench.timeoutSeconds), having made %d/%d/%d requests"
                + " (pypi/pypistats/github) of %d/%d/%d",
            s.timeoutSeconds(), run.requests[0], run.requests[1], run.requests[2], n, 3 * n,
            s.githubActivity() ? SyntheticApis.GITHUB_REQUESTS_WITH_ACTIVITY * n : n);
        return run;
      }
      if (child.exitValue() != 0 || !Files.exists(resultFile)) {
        run.exit = child.exitValue() == 0 ? -2 : child.exitValue();
        run.error = "child JVM failed: see " + dir.resolve("child.out") + tail(dir.resolve("child.out"));
        return run;
      }
      readResult(run, resultFile);
    }

    double latency = s.latencyMillis() / 1000.0;
    run.bound[0] = run.requests[0] * latency / s.pypiConcurrency();
    run.bound[1] =
        Math.max(
            run.requests[1] * latency / s.pypistatsConcurrency(),
            run.requests[1] * 60.0 / s.pypistatsPerMinute());
    run.bound[2] = run.requests[2] * latency / s.githubConcurrency();
    run.boundPath = run.bound[0] + Math.max(run.bound[1], run.bound[2]);
    run.boundMax = Math.max(run.bound[0], Math.max(run.bound[1], run.bound[2]));

    if (Files.exists(db)) {
      countRows(run, db);
      duckdbBaseline(run, db, dir);
    }
    if (!s.keep()) {
      deleteTree(dir.resolve("copy"));
      Files.deleteIfExists(db);
      Files.deleteIfExists(dir.resolve("baseline.duckdb"));
    }
    return run;
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1);
    } catch (IOException e) {
      return "";
    }
  }

  private static void readResult(Run run, Path file) throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    }
    run.exit = Integer.parseInt(p.getProperty("exit"));
    run.error = p.getProperty("error");
    run.start = Long.parseLong(p.getProperty("start"));
    run.end = Long.parseLong(p.getProperty("end"));
    run.runStarted = Long.parseLong(p.getProperty("runStarted", "0"));
    run.pipelineDone = Long.parseLong(p.getProperty("pipelineDone", "0"));
    run.appendFirst = Long.parseLong(p.getProperty("appendFirst"));
    run.appendLast = Long.parseLong(p.getProperty("appendLast"));
    run.appendBusy = Long.parseLong(p.getProperty("appendBusyMillis"));
    run.loadMillis = Long.parseLong(p.getProperty("loadMillis", "0"));
    run.copyBusy = Long.parseLong(p.getProperty("copyBusyMillis"));
    run.csvBusy = Long.parseLong(p.getProperty("csvBusyMillis"));
    run.peakUsed = Long.parseLong(p.getProperty("peakUsed"));
    run.peakAfterGc = Long.parseLong(p.getProperty("peakAfterGc"));
    run.maxHeap = Long.parseLong(p.getProperty("maxHeap"));
    run.gcCount = Long.parseLong(p.getProperty("gcCount"));
    run.gcMillis = Long.parseLong(p.getProperty("gcMillis"));
    run.cpuMillis = Long.parseLong(p.getProperty("cpuMillis"));
    String[] apis = {"pypi", "pypistats", "github"};
    for (int i = 0; i < apis.length; i++) {
      run.permitsHeld[i] = Double.parseDouble(p.getProperty("permitsHeld." + apis[i], "0"));
    }
    run.samplerMillis = Long.parseLong(p.getProperty("samplerMillis"));
    run.samples = Long.parseLong(p.getProperty("samples"));
    run.profile = p.getProperty("profile");
  }

  /** Rows this run wrote, per table, and the number of bulk loads (one loaded_at each). */
  private static void countRows(Run run, Path db) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
        Statement st = c.createStatement()) {
      for (WarehouseTable t : WarehouseTable.values()) {
        String table = t.loadSchema() + "." + t.tableName();
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
          rs.next();
          run.rows.put(table, rs.getLong(1));
          run.rowsTotal += rs.getLong(1);
        }
      }
      for (String mart : List.of("mart.pypi_downloads", "mart.technology_scorecard", "mart.http_cache")) {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + mart)) {
          rs.next();
          run.rows.put(mart, rs.getLong(1));
        }
      }
    }
  }

  /**
   * DuckDB's own bulk load of the same rows: each table the run appended to is written to a CSV
   * file by DuckDB, then loaded with {@code COPY ... FROM} into the same table, created by the
   * project's DDL, in a fresh database; only the COPY statements are timed.
   */
  private static void duckdbBaseline(Run run, Path db, Path dir) throws Exception {
    Path copyDir = dir.resolve("copy");
    Files.createDirectories(copyDir);
    Map<String, Path> files = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
        Statement st = c.createStatement()) {
      for (WarehouseTable t : WarehouseTable.values()) {
        String table = t.loadSchema() + "." + t.tableName();
        if (run.rows.getOrDefault(table, 0L) == 0) {
          continue;
        }
        Path csv = copyDir.resolve(t.tableName() + ".csv");
        st.execute("COPY (SELECT * FROM " + table + ") TO '" + csv.toAbsolutePath()
            + "' (FORMAT csv, HEADER false, NULLSTR '\\N')");
        files.put(table, csv);
      }
    }
    Path fresh = dir.resolve("baseline.duckdb");
    Files.deleteIfExists(fresh);
    WarehouseConfig config = WarehouseConfig.duckdb(fresh.toString());
    new Warehouse(config).ensureSchema();
    try (Connection c = Connections.open(config); Statement st = c.createStatement()) {
      for (Map.Entry<String, Path> e : files.entrySet()) {
        long t0 = System.nanoTime();
        st.execute("COPY " + e.getKey() + " FROM '" + e.getValue().toAbsolutePath()
            + "' (FORMAT csv, HEADER false, NULLSTR '\\N')");
        run.duckdbCopyNanos += System.nanoTime() - t0;
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + e.getKey())) {
          rs.next();
          run.duckdbRows += rs.getLong(1);
        }
      }
    } finally {
      Connections.release(config);
    }
  }

  static String report(Settings s, List<Run> runs, double benchSeconds) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT,
        "%ntechpulse benchmark: DirectRunner, fakes answering after %d ms, concurrency pypi %d,"
            + " pypistats %d (fixed in FetchPypistatsDownloads), github %d;"
            + " --githubActivity=%s, %d days of pypistats data%n",
        s.latencyMillis(), s.pypiConcurrency(), s.pypistatsConcurrency(),
        s.githubConcurrency(), s.githubActivity() ? "always" : "never", SyntheticApis.DAYS));
    if (!s.extraArgs().isEmpty() || !s.childJvmArgs().isEmpty()) {
      b.append("extra pipeline args: ").append(s.extraArgs())
          .append(", child JVM args: ").append(s.childJvmArgs()).append('\n');
    }
    b.append('\n');
    String h = "%6s %8s %7s %7s %7s %8s %6s %9s %7s %10s %10s %6s %9s %9s%n";
    b.append(String.format(Locale.ROOT, h, "N", "wall s", "req", "req", "req", "bound s",
        "wall/", "rows", "load s", "load", "duckdb", "load/", "peak heap", "after-GC"));
    b.append(String.format(Locale.ROOT, h, "", "", "pypi", "stats", "github", "(path)",
        "bound", "appended", "", "rows/s", "COPY row/s", "COPY", "MiB", "MiB"));
    for (Run r : runs) {
      if (r.exit != 0 && r.start == 0) {
        b.append(String.format(Locale.ROOT, "%6d  failed: %s%n", r.n, r.error));
        continue;
      }
      b.append(String.format(Locale.ROOT,
          "%6d %8.1f %7d %7d %7d %8.1f %6.2f %9d %7.2f %10s %10s %6s %9d %9d%n",
          r.n, r.wall(), r.requests[0], r.requests[1], r.requests[2], r.boundPath,
          r.wall() / r.boundPath, r.rowsTotal, r.appendBusy / 1000.0, rate(r.loadRate()),
          rate(r.duckdbRate()), ratio(r.loadRate() / r.duckdbRate()),
          r.peakUsed >> 20, r.peakAfterGc >> 20));
    }
    b.append('\n');
    String h2 = "%6s %9s %9s %9s %9s %15s %15s %15s %9s %9s %7s %7s%n";
    b.append("phases, seconds from the call to execute() (first..last response per API):\n");
    b.append(String.format(Locale.ROOT, h2, "N", "bound", "bound", "bound", "bound",
        "pypi", "pypistats", "github", "pipeline", "spool", "load", "merge"));
    b.append(String.format(Locale.ROOT, h2, "", "pypi", "stats", "github", "(max)",
        "", "", "", "done", "first..", "s", "s"));
    for (Run r : runs) {
      if (r.start == 0) {
        continue;
      }
      b.append(String.format(Locale.ROOT,
          "%6d %9.1f %9.1f %9.1f %9.1f %15s %15s %15s %9.1f %9s %7.1f %7.1f%n",
          r.n, r.bound[0], r.bound[1], r.bound[2], r.boundMax,
          window(r, 0), window(r, 1), window(r, 2),
          rel(r, r.pipelineDone) - r.loadMillis / 1000.0,
          r.appendFirst == 0 ? "-" : String.format(Locale.ROOT, "%.1f", rel(r, r.appendFirst)),
          r.loadMillis / 1000.0,
          (r.end - r.pipelineDone) / 1000.0));
    }
    b.append('\n');
    b.append("effort: requests in flight per API at the fakes (max, and average from the API's"
        + " first request to its last answer;\npypi/stats/github), permits the pipeline held"
        + " (average while in use), CPU, GC, load-phase split:\n");
    String h3 = "%6s %13s %17s %17s %8s %8s %6s %8s %11s %11s%n";
    b.append(String.format(Locale.ROOT, h3, "N", "in flight max", "in flight avg", "permits held",
        "CPU s", "GC s", "GCs", "max heap", "spool:csv", "load:COPY"));
    for (Run r : runs) {
      if (r.start == 0) {
        continue;
      }
      b.append(String.format(Locale.ROOT, h3, r.n,
          r.maxInFlight[0] + "/" + r.maxInFlight[1] + "/" + r.maxInFlight[2],
          String.format(Locale.ROOT, "%.1f/%.1f/%.1f", r.avgInFlight[0], r.avgInFlight[1],
              r.avgInFlight[2]),
          String.format(Locale.ROOT, "%.1f/%.1f/%.1f", r.permitsHeld[0], r.permitsHeld[1],
              r.permitsHeld[2]),
          String.format(Locale.ROOT, "%.1f", r.cpuMillis / 1000.0),
          String.format(Locale.ROOT, "%.1f", r.gcMillis / 1000.0), r.gcCount,
          (r.maxHeap >> 20) + "M",
          String.format(Locale.ROOT, "%.2f s", r.csvBusy / 1000.0),
          String.format(Locale.ROOT, "%.2f s", r.copyBusy / 1000.0)));
    }
    b.append('\n');
    b.append("rows per table (staging rows appended by the run; mart rows after the merge):\n");
    List<String> tables = new ArrayList<>();
    runs.forEach(r -> r.rows.keySet().forEach(t -> {
      if (!tables.contains(t)) {
        tables.add(t);
      }
    }));
    StringBuilder head = new StringBuilder(String.format("  %-37s", "table"));
    runs.forEach(r -> head.append(String.format(" %10s", "N=" + r.n)));
    b.append(head).append('\n');
    for (String t : tables) {
      StringBuilder line = new StringBuilder(String.format("  %-37s", t));
      runs.forEach(r -> line.append(String.format(" %10s",
          r.rows.containsKey(t) ? r.rows.get(t).toString() : "-")));
      b.append(line).append('\n');
    }
    b.append('\n');
    b.append(String.format(Locale.ROOT,
        "bound (path) = pypi + max(pypistats, github), each requests x latency / concurrency:"
            + " pypistats and GitHub%nboth start from PyPI's output (names PyPI knows; repositories"
            + " through a Distinct). bound (max) is the%nstrict floor if all three overlapped."
            + " load s = time during which at least one thread was spooling rows%n(WriteWarehouse) or bulk-loading the spool (CommitWarehouse)"
            + " (stack samples every %d ms); load rows/s = rows appended / load s. duckdb COPY ="
            + "%nthe same rows exported to CSV and loaded with COPY into the same tables of a fresh"
            + " database.%npeak heap = max heap used (sampled and just before each GC);"
            + " after-GC = max heap used after a GC.%nbenchmark took %.0f s.%n",
        BenchChild.SAMPLE_MILLIS, benchSeconds));
    for (Run r : runs) {
      if (r.profile != null) {
        b.append("\nprofile N=").append(r.n).append(":\n").append(r.profile);
      }
      if (r.error != null) {
        b.append("\nN=").append(r.n).append(": ").append(r.error).append('\n');
      }
    }
    return b.toString();
  }

  private static String window(Run r, int api) {
    if (r.lastResponse[api] == 0) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.1f..%.1f", rel(r, r.firstResponse[api]),
        rel(r, r.lastResponse[api]));
  }

  private static double rel(Run r, long t) {
    return t == 0 ? Double.NaN : (t - r.start) / 1000.0;
  }

  private static String rate(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.0f", v);
  }

  private static String ratio(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
