package dev.techpulse.transforms.warehouse;

import dev.techpulse.schemas.WarehouseTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.transforms.Partition;
import org.apache.beam.sdk.transforms.Wait;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The run's commit, inside the job, after every part exists: the parts' names (table, part) are
 * combined into one list (a single-key combine: it fires once every bundle that spooled has
 * succeeded, and with an empty list when nothing was spooled), then, as steps, {@code
 * LoadStaging} loads exactly the listed parts of each table, {@code MergeMart} merges staging
 * into mart (one transaction per table), {@code FinishRun} records the run's end in {@code
 * mart.pipeline_runs} and {@code ClearSpool} deletes the run's parts.
 *
 * <p>The answer cache ({@code mart.http_cache}: ETags and bodies for the next run's conditional
 * requests) has its own branch, {@code CommitAnswerCache}, which loads and merges its parts as
 * soon as they all exist: they come from PyPI and GitHub, which finish long before pypistats, and
 * at 1,000 packages they are 138 MB of bodies whose load and merge took 2.3 s of the commit's
 * tail. It is not analysts' data: a run that fails later leaves true answers in it, which the
 * next run revalidates. {@code FinishRun} waits for both branches.
 *
 * <p>Every step may run again (a retried bundle, or the whole commit twice) and leaves the same
 * tables: a load deletes the run's rows of its table and loads them again in one transaction, a
 * MERGE on keys is idempotent, and {@code LoadStaging} and {@code MergeMart} do nothing once the
 * run is no longer {@code running} (it finished, so its parts may be gone; or a later run marked
 * it failed and took the warehouse over). The run's row is finished once.
 */
public final class CommitWarehouse extends PTransform<PCollectionTuple, PCollection<String>> {
  /** Parts of every table but the answer cache. */
  public static final TupleTag<KV<String, String>> TABLE_PARTS = new TupleTag<>("tableParts");
  /** Parts of {@code staging.http_cache}, committed on their own as soon as they all exist. */
  public static final TupleTag<KV<String, String>> CACHE_PARTS = new TupleTag<>("cacheParts");

  /** The tables {@code CommitAnswerCache} loads and merges; the rest is the main branch's. */
  static final List<WarehouseTable> CACHE_TABLES = List.of(WarehouseTable.HTTP_CACHE);

  private final WarehouseConfig config;
  private final RunSpec run;

  public CommitWarehouse(WarehouseConfig config, RunSpec run) {
    this.config = config;
    this.run = run;
  }

  private static final Coder<List<KV<String, String>>> PARTS_CODER =
      ListCoder.of(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()));

  /**
   * Parts named elsewhere than by {@link WriteWarehouse} (one collection of every table's), split
   * into this transform's input. Both halves then wait for all of them.
   */
  public static PCollectionTuple split(PCollection<KV<String, String>> parts) {
    PCollectionList<KV<String, String>> halves =
        parts.apply(
            "SplitCacheParts",
            Partition.of(2, (KV<String, String> part, int n) -> isCache(part.getKey()) ? 1 : 0));
    return PCollectionTuple.of(TABLE_PARTS, halves.get(0)).and(CACHE_PARTS, halves.get(1));
  }

  /** Whether a table's parts belong to {@code CommitAnswerCache}. */
  public static boolean isCache(String tableName) {
    return CACHE_TABLES.stream().anyMatch(t -> t.tableName().equals(tableName));
  }

  @Override
  public PCollection<String> expand(PCollectionTuple parts) {
    List<WarehouseTable> tables = new ArrayList<>(List.of(WarehouseTable.values()));
    tables.removeAll(CACHE_TABLES);
    List<WarehouseTable> merged = new ArrayList<>(Warehouse.MERGED);
    merged.removeAll(CACHE_TABLES);
    PCollection<String> cacheCommitted =
        parts
            .get(CACHE_PARTS)
            .apply("CommitAnswerCache", new CommitTables(config, run, CACHE_TABLES, CACHE_TABLES, "cache"));
    return parts
        .get(TABLE_PARTS)
        .apply("ListParts", Combine.globally(new ListPartsFn()))
        .setCoder(PARTS_CODER)
        .apply("LoadStaging", ParDo.of(new LoadStagingFn(config, run, tables, "commit")))
        .setCoder(StringUtf8Coder.of())
        .apply("MergeMart", ParDo.of(new MergeMartFn(config, run, merged, "commit")))
        .setCoder(StringUtf8Coder.of())
        .apply("WaitForAnswerCache", Wait.on(cacheCommitted))
        .setCoder(StringUtf8Coder.of())
        .apply("FinishRun", ParDo.of(new FinishRunFn(config, run)))
        .setCoder(StringUtf8Coder.of())
        .apply("ClearSpool", ParDo.of(new ClearSpoolFn(config, run)))
        .setCoder(StringUtf8Coder.of());
  }

  /** Lists, loads and merges the parts of some tables: the answer cache's branch. */
  static final class CommitTables extends PTransform<PCollection<KV<String, String>>, PCollection<String>> {
    private final WarehouseConfig config;
    private final RunSpec run;
    private final List<WarehouseTable> tables;
    private final List<WarehouseTable> merged;
    private final String metrics;

    CommitTables(
        WarehouseConfig config,
        RunSpec run,
        List<WarehouseTable> tables,
        List<WarehouseTable> merged,
        String metrics) {
      this.config = config;
      this.run = run;
      this.tables = tables;
      this.merged = merged;
      this.metrics = metrics;
    }

    @Override
    public PCollection<String> expand(PCollection<KV<String, String>> parts) {
      return parts
          .apply("ListParts", Combine.globally(new ListPartsFn()))
          .setCoder(PARTS_CODER)
          .apply("LoadStaging", ParDo.of(new LoadStagingFn(config, run, tables, metrics)))
          .setCoder(StringUtf8Coder.of())
          .apply("MergeMart", ParDo.of(new MergeMartFn(config, run, merged, metrics)))
          .setCoder(StringUtf8Coder.of());
    }
  }

  /** Every (table, part) name of the run, in a stable order. */
  static final class ListPartsFn
      extends Combine.CombineFn<KV<String, String>, List<KV<String, String>>, List<KV<String, String>>> {
    @Override
    public List<KV<String, String>> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<KV<String, String>> addInput(List<KV<String, String>> acc, KV<String, String> part) {
      acc.add(part);
      return acc;
    }

    @Override
    public List<KV<String, String>> mergeAccumulators(Iterable<List<KV<String, String>>> accs) {
      List<KV<String, String>> all = new ArrayList<>();
      accs.forEach(all::addAll);
      return all;
    }

    @Override
    public List<KV<String, String>> extractOutput(List<KV<String, String>> acc) {
      List<KV<String, String>> sorted = new ArrayList<>(acc);
      sorted.sort(Comparator.comparing((KV<String, String> kv) -> kv.getKey()).thenComparing(KV::getValue));
      return sorted;
    }

    @Override
    public Coder<List<KV<String, String>>> getAccumulatorCoder(
        CoderRegistry registry, Coder<KV<String, String>> inputCoder) {
      return PARTS_CODER;
    }

    @Override
    public Coder<List<KV<String, String>>> getDefaultOutputCoder(
        CoderRegistry registry, Coder<KV<String, String>> inputCoder) {
      return PARTS_CODER;
    }
  }

  /** A commit step: holds the job's heartbeat while set up, and works only on a live run. */
  abstract static class StepFn<T> extends DoFn<T, String> {
    final WarehouseConfig config;
    final RunSpec run;

    StepFn(WarehouseConfig config, RunSpec run) {
      this.config = config;
      this.run = run;
    }

    @Setup
    public void setUp() {
      RunHeartbeat.hold(config, run.runId());
    }

    @Teardown
    public void tearDown() {
      RunHeartbeat.release(config, run.runId());
    }

    /**
     * True while the run's row says {@code running}; false once it finished or was given up.
     * A run without a row was never started by a launcher (a job from a classic template, whose
     * run id and dates were fixed when the template was written): its job fails, loading nothing.
     */
    boolean live(Connection c) throws SQLException {
      String status = Warehouse.runStatus(c, run.runId());
      if (status == null) {
        throw new IllegalStateException(
            "run " + run.runId() + " was never started in mart.pipeline_runs: a job needs its"
                + " launcher (./run-dataflow.sh or the Flex Template), not a classic template");
      }
      return status.equals("running");
    }
  }

  /** Loads exactly the listed parts, one transaction per table (delete the run's rows, load). */
  static final class LoadStagingFn extends StepFn<List<KV<String, String>>> {
    private final List<WarehouseTable> tables;
    private final Counter partsLoaded;
    private final Counter tablesLoaded;
    private final Counter loadMillis;

    /** Loads {@code tables}' parts; counts as {@code <metrics>_parts_loaded} and so on. */
    LoadStagingFn(WarehouseConfig config, RunSpec run, List<WarehouseTable> tables, String metrics) {
      super(config, run);
      this.tables = List.copyOf(tables);
      this.partsLoaded = Metrics.counter("techpulse", metrics + "_parts_loaded");
      this.tablesLoaded = Metrics.counter("techpulse", metrics + "_tables_loaded");
      this.loadMillis = Metrics.counter("techpulse", metrics + "_load_millis");
    }

    @ProcessElement
    public void process(@Element List<KV<String, String>> parts, OutputReceiver<String> out)
        throws Exception {
      Map<String, List<String>> byTable = new TreeMap<>();
      for (KV<String, String> part : parts) {
        byTable.computeIfAbsent(part.getKey(), k -> new ArrayList<>()).add(part.getValue());
      }
      Map<WarehouseTable, List<String>> load = new LinkedHashMap<>();
      for (WarehouseTable table : tables) {
        load.put(table, byTable.getOrDefault(table.tableName(), List.of()));
        byTable.remove(table.tableName());
      }
      if (!byTable.isEmpty()) {
        throw new IllegalArgumentException("parts of unknown tables: " + byTable.keySet());
      }
      RunSpool spool = RunSpool.of(config, run.runId());
      try (Connections.Lease lease = Connections.lease(config)) {
        Connection c = lease.connection();
        try {
          if (live(c)) {
            long start = System.nanoTime();
            for (Map.Entry<WarehouseTable, List<String>> e : load.entrySet()) {
              List<String> names = e.getValue();
              spool.load(c, e.getKey(), names, true);
              partsLoaded.inc(names.size());
            }
            tablesLoaded.inc(load.size());
            loadMillis.inc((System.nanoTime() - start) / 1_000_000);
          }
        } catch (SQLException | RuntimeException e) {
          lease.broken();
          throw e;
        }
      }
      out.output(run.runId());
    }
  }

  /** Merges the run's staging rows into mart, one transaction per table. */
  static final class MergeMartFn extends StepFn<String> {
    private final List<WarehouseTable> tables;
    private final Counter tablesMerged;
    private final Counter mergeMillis;

    /** Merges {@code tables}; counts as {@code <metrics>_tables_merged} and so on. */
    MergeMartFn(WarehouseConfig config, RunSpec run, List<WarehouseTable> tables, String metrics) {
      super(config, run);
      this.tables = List.copyOf(tables);
      this.tablesMerged = Metrics.counter("techpulse", metrics + "_tables_merged");
      this.mergeMillis = Metrics.counter("techpulse", metrics + "_merge_millis");
    }

    @ProcessElement
    public void process(@Element String runId, OutputReceiver<String> out) throws Exception {
      Warehouse w = new Warehouse(config);
      boolean live;
      try (Connection c = w.connect()) {
        live = live(c);
      }
      if (live) {
        long start = System.nanoTime();
        w.mergeRun(runId, tables);
        tablesMerged.inc(tables.size());
        mergeMillis.inc((System.nanoTime() - start) / 1_000_000);
      }
      out.output(runId);
    }
  }

  /** Records the run's end: status, rows, rejects and notes, from what the warehouse holds. */
  static final class FinishRunFn extends StepFn<String> {
    FinishRunFn(WarehouseConfig config, RunSpec run) {
      super(config, run);
    }

    @ProcessElement
    public void process(@Element String runId, OutputReceiver<String> out) throws Exception {
      Warehouse w = new Warehouse(config);
      if ("running".equals(w.runStatus(runId))) {
        RunOutcome outcome = RunOutcome.read(w, run);
        w.finishRun(
            runId, outcome.status(), outcome.rowsWritten(), outcome.rejects(), outcome.notesJson());
      }
      out.output(runId);
    }
  }

  /** Deletes the run's parts once its end is recorded (or it was given up). */
  static final class ClearSpoolFn extends StepFn<String> {
    ClearSpoolFn(WarehouseConfig config, RunSpec run) {
      super(config, run);
    }

    @ProcessElement
    public void process(@Element String runId, OutputReceiver<String> out) throws Exception {
      try (Connections.Lease lease = Connections.lease(config)) {
        RunSpool.of(config, runId).clear(lease.connection());
      }
      out.output(runId);
    }
  }
}
