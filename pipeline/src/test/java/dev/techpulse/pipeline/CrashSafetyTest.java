package dev.techpulse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.techpulse.testing.FakeApis;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run SIGKILLed in the middle of its load, then started again, leaves the mart exactly as one
 * clean run does.
 */
class CrashSafetyTest {
  @TempDir Path dir;
  FakeApis apis;

  @BeforeEach
  void startFakes() throws Exception {
    apis = FakeApis.start();
    EndToEndTest.recordedWorld(apis);
  }

  @AfterEach
  void stopFakes() {
    apis.close();
  }

  @Test
  void killedMidLoad_thenRerun_equalsACleanRun() throws Exception {
    Path crashed = dir.resolve("crashed/techpulse.duckdb");
    Path clean = dir.resolve("clean/techpulse.duckdb");
    // Slow pypistats down so the child is still loading when PyPI's rows have landed.
    apis.pypistats.latency(1500);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TechpulsePipeline.class.getName());
    command.addAll(List.of(EndToEndTest.recordedArgs(dir, crashed, apis)));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> seen = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        seen.add(line);
        if (line.contains("WriteWarehouse:")) {
          child.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback by the child
          break;
        }
      }
    }
    assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    assertTrue(seen.stream().anyMatch(l -> l.contains("WriteWarehouse:")), String.join("\n", seen));
    assertTrue(child.exitValue() != 0, "the child was killed, not finished");
    Path spool = Path.of(crashed + ".spool");
    assertTrue(Files.isDirectory(spool), "the killed run left its spooled parts");
    apis.pypistats.latency(0);

    assertEquals(0, run(EndToEndTest.recordedArgs(dir, crashed, apis)));
    assertFalse(Files.exists(spool), "the next run cleared the abandoned parts and its own");
    assertEquals(0, run(EndToEndTest.recordedArgs(dir, clean, apis)));

    assertEquals(EndToEndTest.martSnapshot(clean), EndToEndTest.martSnapshot(crashed));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + crashed)) {
      assertEquals(
          List.of(List.of("failed"), List.of("succeeded")),
          EndToEndTest.rows(c, "SELECT status FROM mart.pipeline_runs ORDER BY status"),
          "the killed run is recorded as failed");
    }
  }

  static int run(String[] args) {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
    int code = TechpulsePipeline.execute(args, ps, ps);
    if (code != 0) {
      System.err.println(sink.toString(StandardCharsets.UTF_8));
    }
    return code;
  }
}
