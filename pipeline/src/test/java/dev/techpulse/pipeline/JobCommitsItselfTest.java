package dev.techpulse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.techpulse.testing.FakeApis;
import dev.techpulse.transforms.warehouse.Connections;
import dev.techpulse.transforms.warehouse.Warehouse;
import dev.techpulse.transforms.warehouse.WarehouseConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job is complete without the launcher after it: staging, mart and the run's row are written
 * by the job's own CommitWarehouse step.
 */
class JobCommitsItselfTest {
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

  /** A run through the launcher, waiting, as the reference. */
  private Path launcherRun() throws Exception {
    Path db = dir.resolve("launcher/techpulse.duckdb");
    assertEquals(0, CrashSafetyTest.run(EndToEndTest.recordedArgs(dir, db, apis)));
    return db;
  }

  @Test
  void pipelineRunAlone_leavesStagingMartAndTheFinishedRunRow() throws Exception {
    // given: the launcher's part before submission (schema, the run's row), nothing after
    Path db = dir.resolve("alone/techpulse.duckdb");
    String[] args = EndToEndTest.recordedArgs(dir, db, apis);
    PipelineOptionsFactory.register(TechpulseOptions.class);
    TechpulseOptions options = PipelineOptionsFactory.fromArgs(args).as(TechpulseOptions.class);
    RunPlan plan = RunPlan.from(options);
    Warehouse warehouse = new Warehouse(plan.warehouse());
    warehouse.ensureSchema();
    warehouse.startRun("alone", plan.startDate(), plan.endDate(), "{}");

    // when
    Pipeline p = Pipeline.create(options);
    TechpulsePipeline.build(p, plan, "alone");
    p.run().waitUntilFinish();
    Connections.release(plan.warehouse());

    // then
    Path reference = launcherRun();
    assertEquals(EndToEndTest.martSnapshot(reference), EndToEndTest.martSnapshot(db));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Connection r = DriverManager.getConnection("jdbc:duckdb:" + reference)) {
      String staged =
          "SELECT (SELECT count(*) FROM staging.pypi_packages), (SELECT count(*) FROM"
              + " staging.pypi_downloads), (SELECT count(*) FROM staging.technology_scorecard),"
              + " (SELECT count(*) FROM mart.rejects)";
      assertEquals(EndToEndTest.rows(r, staged), EndToEndTest.rows(c, staged));
      String run = "SELECT status, rows_written, rejects, finished_at IS NOT NULL FROM mart.pipeline_runs";
      List<List<Object>> rows = EndToEndTest.rows(c, run);
      assertEquals(EndToEndTest.rows(r, run), rows);
      assertEquals("succeeded", rows.get(0).get(0));
    }
    assertFalse(Files.exists(Path.of(db + ".spool", "alone")), "the job cleared its parts");
  }

  @Test
  void noWait_returnsAtSubmission_andTheJobStillCommitsItself() throws Exception {
    // given: pypistats slow enough that the job is still going when the launcher returns
    Path db = dir.resolve("nowait/techpulse.duckdb");
    apis.pypistats.latency(1000);
    String[] args =
        Stream.concat(
                Arrays.stream(EndToEndTest.recordedArgs(dir, db, apis)),
                Stream.of("--waitForJob=false"))
            .toArray(String[]::new);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8);

    // when
    TechpulsePipeline.Launch launch = TechpulsePipeline.launch(args, out, out);

    // then: submitted, not finished, and the run recorded as running
    String printed = sink.toString(StandardCharsets.UTF_8);
    assertEquals(0, launch.code(), printed);
    assertTrue(printed.contains("Submitted: run "), printed);
    assertFalse(printed.contains("techpulse run "), "no summary when not waiting: " + printed);
    PipelineResult job = launch.inProcessJob();
    assertNotNull(job);
    WarehouseConfig config = WarehouseConfig.duckdb(db.toString());
    Warehouse warehouse = new Warehouse(config);
    assertFalse(job.getState().isTerminal(), "the launcher returned before the job ended");
    try (Connection c = warehouse.connect()) {
      assertEquals(
          List.of(List.of("running")), EndToEndTest.rows(c, "SELECT status FROM mart.pipeline_runs"));
    }

    // and: the job, with nobody following it, commits and records its end
    apis.pypistats.latency(0);
    assertEquals(PipelineResult.State.DONE, job.waitUntilFinish());
    Connections.release(config);
    assertEquals(EndToEndTest.martSnapshot(launcherRun()), EndToEndTest.martSnapshot(db));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
      assertEquals(
          List.of(List.of("succeeded", 4L)),
          EndToEndTest.rows(c, "SELECT status, rejects FROM mart.pipeline_runs"));
    }
  }
}
