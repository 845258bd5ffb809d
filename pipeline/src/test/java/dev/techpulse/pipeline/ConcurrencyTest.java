package dev.techpulse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.techpulse.testing.FakeApis;
import dev.techpulse.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overlapped calls give the same tables as one call at a time, rejects included, and never more
 * requests in flight than configured.
 */
class ConcurrencyTest {
  static final int PACKAGES = 40;

  @TempDir Path dir;
  FakeApis apis;

  @BeforeEach
  void start() throws Exception {
    apis = FakeApis.start();
    String doc = Fixtures.body("pypi/celery_2019_schema_no_yanked.json");
    for (int i = 0; i < PACKAGES; i++) {
      if (i % 10 != 7) { // every tenth package is unknown to PyPI: a reject
        apis.pypiPackage(name(i), doc);
      }
    }
    apis.pypi.latency(40);
  }

  @AfterEach
  void stop() {
    apis.close();
  }

  static String name(int i) {
    return String.format("pkg-%03d", i);
  }

  Path run(String tag, int concurrency) {
    Path db = dir.resolve(tag + ".duckdb");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < PACKAGES; i++) {
      names.add(name(i));
    }
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
    int code =
        TechpulsePipeline.execute(
            new String[] {
              "--packages=" + String.join(",", names),
              "--endDate=2020-01-31",
              "--downloadsSource=none",
              "--duckdbPath=" + db,
              "--report=",
              "--pypiUrl=" + apis.pypi.url(),
              "--githubApiUrl=" + apis.github.url(),
              "--pypiConcurrency=" + concurrency,
              "--httpInitialBackoffMillis=5"
            },
            ps,
            ps);
    assertEquals(0, code, sink.toString(StandardCharsets.UTF_8));
    return db;
  }

  @Test
  void concurrentRun_equalsSequentialRun_andRespectsTheInFlightLimit() throws Exception {
    Path sequential = run("sequential", 1);
    assertEquals(1, apis.pypi.maxInFlight(), "one at a time");
    int before = apis.pypi.requests().size();

    Path concurrent = run("concurrent", 4);

    assertEquals(PACKAGES, apis.pypi.requests().size() - before, "each document fetched once");
    assertTrue(apis.pypi.maxInFlight() <= 4, "in flight: " + apis.pypi.maxInFlight());
    assertTrue(apis.pypi.maxInFlight() >= 2, "calls overlap: " + apis.pypi.maxInFlight());
    assertEquals(tables(sequential), tables(concurrent));
  }

  static Map<String, List<List<Object>>> tables(Path db) throws Exception {
    Map<String, List<List<Object>>> out = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
      out.put("packages", EndToEndTest.rows(c,
          "SELECT * EXCLUDE (pulled_at) FROM mart.pypi_packages ORDER BY ALL"));
      out.put("releases", EndToEndTest.rows(c, "SELECT * FROM mart.pypi_releases ORDER BY ALL"));
      out.put("scorecard", EndToEndTest.rows(c,
          "SELECT * FROM mart.technology_scorecard ORDER BY ALL"));
      out.put("rejects", EndToEndTest.rows(c,
          "SELECT step, record_key, error FROM mart.rejects ORDER BY ALL"));
    }
    assertEquals(4, out.get("rejects").size());
    return out;
  }
}
