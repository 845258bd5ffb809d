package dev.techpulse.pipeline;

import java.util.Arrays;
import java.util.Locale;

/**
 * Start-up work that does not depend on the options, on another core while Beam builds its
 * options registry (about 1.1 s on one thread on the 2-core build machine: it validates every
 * registered options interface before the first option is read). Loading DuckDB's native library
 * (0.28 s), the DirectRunner's classes (0.2 s) and the HTTP client's (0.1 s) is otherwise done
 * one after the other on the launcher's thread once the options are parsed. Class initialization
 * only: a failure here is ignored, the real first use reports it.
 */
final class Warmup {
  private Warmup() {}

  static void start(String[] args) {
    boolean duckdb =
        Arrays.stream(args)
            .noneMatch(a -> a.toLowerCase(Locale.ROOT).startsWith("--warehouse=snowflake"));
    boolean direct =
        Arrays.stream(args)
            .filter(a -> a.startsWith("--runner="))
            .allMatch(a -> a.endsWith("DirectRunner"));
    Thread t =
        new Thread(
            () -> {
              try {
                if (duckdb) {
                  Class.forName("org.duckdb.DuckDBNative");
                }
                if (direct) {
                  Class.forName("org.apache.beam.runners.direct.DirectRunner");
                }
                java.net.http.HttpClient.newBuilder();
              } catch (ReflectiveOperationException | LinkageError e) {
                // The run itself loads these again and reports what is wrong.
              }
            },
            "techpulse-warmup");
    t.setDaemon(true);
    t.start();
  }
}
