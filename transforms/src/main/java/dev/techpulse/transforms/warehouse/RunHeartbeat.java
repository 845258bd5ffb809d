package dev.techpulse.transforms.warehouse;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The job's own heartbeat: while any of the run's sink DoFns is set up in this JVM, one daemon
 * thread beats every {@link #EVERY}, so a job nobody waits for is not taken for dead by the next
 * run's concurrent-run check ({@link Warehouse#startRun}). Beats stop with the worker; a beat
 * after the run's end changes nothing. DuckDB needs none: its file lock already keeps other
 * processes out.
 */
final class RunHeartbeat {
  static final Duration EVERY = Duration.ofSeconds(20);

  private static final Map<String, RunHeartbeat> LIVE = new HashMap<>();

  private final ScheduledExecutorService timer;
  private int holders;

  private RunHeartbeat(WarehouseConfig config, String runId) {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "techpulse-job-heartbeat");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(
        () -> beat(config, runId), 0, EVERY.toSeconds(), TimeUnit.SECONDS);
  }

  private static void beat(WarehouseConfig config, String runId) {
    try (Connections.Lease lease = Connections.lease(config)) {
      try {
        Warehouse.heartbeat(lease.connection(), runId, Instant.now());
      } catch (java.sql.SQLException e) {
        lease.broken();
      }
    } catch (java.sql.SQLException | RuntimeException ignored) {
      // A missed beat only matters after two minutes of them.
    }
  }

  /** Starts beating for the run unless this JVM already does; {@link #release} when done. */
  static void hold(WarehouseConfig config, String runId) {
    if (config.dialect() != WarehouseConfig.Dialect.SNOWFLAKE) {
      return;
    }
    synchronized (LIVE) {
      LIVE.computeIfAbsent(runId, k -> new RunHeartbeat(config, runId)).holders++;
    }
  }

  static void release(WarehouseConfig config, String runId) {
    if (config.dialect() != WarehouseConfig.Dialect.SNOWFLAKE) {
      return;
    }
    synchronized (LIVE) {
      RunHeartbeat h = LIVE.get(runId);
      if (h != null && --h.holders == 0) {
        LIVE.remove(runId);
        h.timer.shutdownNow();
      }
    }
  }
}
