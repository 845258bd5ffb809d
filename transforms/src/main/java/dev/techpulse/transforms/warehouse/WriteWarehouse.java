package dev.techpulse.transforms.warehouse;

import dev.techpulse.schemas.WarehouseRow;
import dev.techpulse.schemas.WarehouseTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;

/**
 * The warehouse sink. Spools each table's rows for the bulk load: staged tables for {@code
 * staging.<table>} with the run's id and load time, rejects for {@code mart.rejects}. Each bundle
 * streams its rows of a table into one CSV part (nothing is buffered in memory), committed when
 * the bundle finishes, and outputs the part's name as (table, part): the names are this
 * transform's output, as files written are FileIO's. Never an INSERT per row, and no database
 * work on the workers while the fetches run (Snowflake: one PUT per part, on a reused
 * connection).
 *
 * <p>{@link #writeAndCommit} applies it with {@link CommitWarehouse}, which loads exactly those
 * parts, merges the mart and records the run's end inside the job, once every part exists; a
 * failed or killed pipeline leaves the mart as it was (but for the answer cache, see
 * {@link CommitWarehouse}).
 */
public class WriteWarehouse extends PTransform<PCollectionTuple, PCollectionTuple> {
  private final RunSpool spool;

  public WriteWarehouse(WarehouseConfig config, String runId) {
    this.spool = RunSpool.of(config, runId);
  }

  /**
   * The whole sink, as two top-level steps: {@code WriteWarehouse} (the parts) then {@code
   * CommitWarehouse} (load, merge, the run's end). Returns the commit's output (the run id, once
   * committed).
   */
  public static PCollection<String> writeAndCommit(
      PCollectionTuple tables, WarehouseConfig config, RunSpec run) {
    return tables
        .apply("WriteWarehouse", new WriteWarehouse(config, run.runId()))
        .apply("CommitWarehouse", new CommitWarehouse(config, run));
  }

  /** The tag a table's rows travel under in the input tuple. */
  public static TupleTag<WarehouseRow> tag(WarehouseTable table) {
    return new TupleTag<>(table.tableName());
  }

  /** Adds a table's rows to a tuple (typed rows are stored as their row interface). */
  @SuppressWarnings("unchecked")
  public static PCollectionTuple with(
      PCollectionTuple tuple, WarehouseTable table, PCollection<? extends WarehouseRow> rows) {
    return tuple.and(tag(table), (PCollection<WarehouseRow>) rows);
  }

  /**
   * The parts' names, as {@link CommitWarehouse#TABLE_PARTS} and, apart, the answer cache's as
   * {@link CommitWarehouse#CACHE_PARTS}: kept out of the other tables' flatten, so that their
   * list is complete as soon as the cache's writers are done, not when the last table's are.
   */
  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    List<PCollection<KV<String, String>>> tableParts = new ArrayList<>();
    List<PCollection<KV<String, String>>> cacheParts = new ArrayList<>();
    for (Map.Entry<TupleTag<?>, PCollection<?>> e : input.getAll().entrySet()) {
      WarehouseTable table = byName(e.getKey().getId());
      @SuppressWarnings("unchecked")
      PCollection<WarehouseRow> rows = (PCollection<WarehouseRow>) e.getValue();
      PCollection<KV<String, String>> parts =
          rows.apply("Spool" + camel(table.tableName()), ParDo.of(new SpoolTableFn(spool, table)))
              .setCoder(PART_CODER);
      (CommitWarehouse.isCache(table.tableName()) ? cacheParts : tableParts).add(parts);
    }
    return PCollectionTuple.of(
            CommitWarehouse.TABLE_PARTS, flatten(input, tableParts, "FlattenPartNames", "NoParts"))
        .and(
            CommitWarehouse.CACHE_PARTS,
            flatten(input, cacheParts, "FlattenCachePartNames", "NoCacheParts"));
  }

  private static PCollection<KV<String, String>> flatten(
      PCollectionTuple input, List<PCollection<KV<String, String>>> parts, String name, String none) {
    if (parts.isEmpty()) {
      return input
          .getPipeline()
          .apply(none, org.apache.beam.sdk.transforms.Create.empty(PART_CODER));
    }
    return PCollectionList.of(parts).apply(name, Flatten.pCollections()).setCoder(PART_CODER);
  }

  /** (table, part name): deterministic, as the commit's combine needs. */
  static final org.apache.beam.sdk.coders.Coder<KV<String, String>> PART_CODER =
      org.apache.beam.sdk.coders.KvCoder.of(
          org.apache.beam.sdk.coders.StringUtf8Coder.of(),
          org.apache.beam.sdk.coders.StringUtf8Coder.of());

  private static WarehouseTable byName(String name) {
    for (WarehouseTable t : WarehouseTable.values()) {
      if (t.tableName().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("not a warehouse table: " + name);
  }

  private static String camel(String snake) {
    StringBuilder b = new StringBuilder();
    for (String part : snake.split("_")) {
      b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return b.toString();
  }

  /**
   * Streams a bundle's rows of one table into one spool part, committed at the bundle's end and
   * named in the bundle's output. Holds the job's heartbeat while set up.
   */
  static class SpoolTableFn extends DoFn<WarehouseRow, KV<String, String>> {
    private final RunSpool spool;
    private final WarehouseTable table;
    private transient RunSpool.Part part;
    private transient Counter rowsCounter;

    SpoolTableFn(RunSpool spool, WarehouseTable table) {
      this.spool = spool;
      this.table = table;
    }

    @Setup
    public void setUp() {
      RunHeartbeat.hold(spool.config(), spool.runId());
      rowsCounter = Metrics.counter("techpulse", "rows_" + table.tableName());
    }

    @StartBundle
    public void startBundle() {
      part = null;
    }

    @ProcessElement
    public void processElement(@Element WarehouseRow row) throws Exception {
      if (part == null) {
        part = spool.open(table, Instant.now());
      }
      part.write(row);
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) throws Exception {
      if (part == null) {
        return;
      }
      try (RunSpool.Part p = part) {
        part = null;
        String name = p.commit();
        if (name == null) {
          return;
        }
        rowsCounter.inc(p.rows());
        context.output(
            KV.of(table.tableName(), name),
            GlobalWindow.INSTANCE.maxTimestamp(),
            GlobalWindow.INSTANCE);
      }
    }

    @Teardown
    public void tearDown() throws Exception {
      RunHeartbeat.release(spool.config(), spool.runId());
      if (part != null) {
        part.close();
      }
    }
  }
}
