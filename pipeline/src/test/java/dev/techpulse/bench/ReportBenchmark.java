package dev.techpulse.bench;

import dev.techpulse.transforms.warehouse.Connections;
import dev.techpulse.transforms.warehouse.Warehouse;
import dev.techpulse.transforms.warehouse.WarehouseConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The report at scale: builds a warehouse of N technologies with a year of history through the
 * project's warehouse code ({@link ReportWarehouse}), then times {@code ./run-direct.sh
 * --reportOnly=true} as a user runs it (the script, which execs a fresh JVM of the bundled jar,
 * once per repetition, JVM start included) and prints wall time, CPU time and file size.
 *
 * <p>Run it with {@code mvn -B -q -Pbench-report -pl pipeline -am verify -DskipTests}; see
 * README.md in this folder.
 */
public final class ReportBenchmark {
  private static final LocalDate END = LocalDate.parse("2025-06-30");

  private ReportBenchmark() {}

  public static void main(String[] args) throws Exception {
    int technologies = Integer.parseInt(prop("bench.technologies", "1000"));
    int dailyRuns = Integer.parseInt(prop("bench.dailyRuns", "30"));
    int repeat = Integer.parseInt(prop("bench.repeat", "3"));
    Path script = Path.of(prop("bench.script", "run-direct.sh")).toAbsolutePath().normalize();
    String dirProp = prop("bench.dir", "");
    Path dir = dirProp.isEmpty() ? Files.createTempDirectory("techpulse-report-bench-") : Path.of(dirProp);
    String javaOpts = prop("bench.jvmArgs", "");
    if (!Files.isExecutable(script)) {
      throw new IllegalStateException("no executable " + script + " (-Dbench.script)");
    }
    Files.createDirectories(dir);
    Path db = dir.resolve(String.format(Locale.ROOT, "report-%d-%d.duckdb", technologies, dailyRuns));
    WarehouseConfig config = WarehouseConfig.duckdb(db.toString());
    StringBuilder out = new StringBuilder();
    if (Files.exists(db)) {
      out.append(String.format(Locale.ROOT, "warehouse: %s (kept from an earlier run)%n", db));
    } else {
      long t0 = System.nanoTime();
      long rows = new ReportWarehouse(technologies, dailyRuns, END).write(new Warehouse(config));
      out.append(String.format(Locale.ROOT,
          "warehouse: %s built in %.0f s (%,d staging rows in %d runs)%n",
          db, (System.nanoTime() - t0) / 1e9, rows, dailyRuns + 1));
    }
    Map<String, Long> mart = new Warehouse(config).martRows();
    Connections.release(config); // the child opens the file: DuckDB allows one process
    out.append(String.format(Locale.ROOT, "  %d technologies, file %.0f MB, mart rows:%n",
        technologies, Files.size(db) / 1e6));
    mart.forEach((table, n) -> out.append(String.format(Locale.ROOT, "    %-36s %,12d%n", table, n)));
    System.out.print(out);

    Path report = dir.resolve("report.html");
    List<String> command =
        List.of(script.toString(), "--reportOnly=true", "--duckdbPath=" + db, "--report=" + report);
    StringBuilder table = new StringBuilder();
    table.append(String.format(Locale.ROOT, "command: %s%n", String.join(" ", command)));
    table.append(String.format(Locale.ROOT, "%-4s %7s %7s %8s %5s %6s  %s%n", "rep", "wall s", "cpu s",
        "size MB", "exit", "load", "the command's own line"));
    Path times = dir.resolve("times.txt");
    // bash's time builtin: the child's CPU seconds (user + sys), a figure a busy machine moves less.
    List<String> timed = List.of("bash", "-c",
        "TIMEFORMAT='%R %U %S'; { time \"$@\" >\"$TECHPULSE_BENCH_LOG\" 2>&1 ; } 2>\"$TECHPULSE_BENCH_TIMES\"",
        "bench");
    double best = Double.MAX_VALUE;
    long size = 0;
    boolean failed = false;
    for (int r = 1; r <= repeat; r++) {
      Files.deleteIfExists(report);
      Path log = dir.resolve("child-" + r + ".out");
      long t0 = System.nanoTime();
      List<String> argv = new ArrayList<>(timed);
      argv.addAll(command);
      ProcessBuilder pb = new ProcessBuilder(argv);
      pb.environment().put("TECHPULSE_BENCH_LOG", log.toString());
      pb.environment().put("TECHPULSE_BENCH_TIMES", times.toString());
      if (!javaOpts.isEmpty()) {
        pb.environment().put("TECHPULSE_JAVA_OPTS", javaOpts);
      }
      String load = loadAverage();
      Process child = pb.start();
      boolean done = child.waitFor(300, TimeUnit.SECONDS);
      double wall = (System.nanoTime() - t0) / 1e9;
      if (!done) {
        child.destroyForcibly().waitFor();
      }
      int exit = done ? child.exitValue() : -1;
      size = Files.exists(report) ? Files.size(report) : 0;
      String line = lastLine(log);
      String[] t = Files.exists(times) ? Files.readString(times).trim().split("\\s+") : new String[0];
      double cpu = t.length == 3 ? Double.parseDouble(t[1]) + Double.parseDouble(t[2]) : Double.NaN;
      table.append(String.format(Locale.ROOT, "%-4d %7.2f %7.2f %8.2f %5d %6s  %s%n", r, wall, cpu,
          size / 1e6, exit, load, line));
      failed |= exit != 0;
      best = Math.min(best, wall);
    }
    table.append(String.format(Locale.ROOT,
        "best wall %.2f s (target < 5 s), report %.2f MB (target < 5 MB): %s%n",
        best, size / 1e6, !failed && best < 5 && size < 5_000_000 ? "met" : "NOT met"));
    System.out.print(table);
    Path file = Path.of(prop("bench.out", "pipeline/target/bench/report-benchmark.txt"));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, out.toString() + table, StandardCharsets.UTF_8);
    System.err.println("bench: written to " + file + "; report at " + report);
    System.exit(failed ? 1 : 0);
  }

  /** The 1-minute load average when a repetition starts (the machine is often shared). */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  private static String lastLine(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  private static String prop(String name, String fallback) {
    String v = System.getProperty(name);
    return v == null || v.isBlank() || v.startsWith("${") ? fallback : v.trim();
  }
}
