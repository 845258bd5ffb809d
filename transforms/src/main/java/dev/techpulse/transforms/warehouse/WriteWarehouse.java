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
 * Spools each table's rows for the warehouse's bulk load: staged tables for {@code
 * staging.<table>} with the run's id and load time, rejects for {@code mart.rejects}. Each bundle
 * streams its rows of a table into one CSV part (nothing is buffered in memory), committed when
 * the bundle finishes; the launcher then loads every table with one {@code COPY} of its parts
 * ({@link Warehouse#loadSpool}). Never an INSERT per row, and no database work on the workers
 * while the fetches run (Snowflake: one PUT per part).
 *
 * <p>Mart MERGEs are not done here either: the launcher runs them after the load, one
 * transaction per table, so a failed or killed pipeline leaves the mart as it was.
 */
public class WriteWarehouse extends PTransform<PCollectionTuple, PCollection<KV<String, Long>>> {
  private final RunSpool spool;

  public WriteWarehouse(WarehouseConfig config, String runId) {
    this.spool = RunSpool.of(config, runId);
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

  @Override
  public PCollection<KV<String, Long>> expand(PCollectionTuple input) {
    List<PCollection<KV<String, Long>>> counts = new ArrayList<>();
    for (Map.Entry<TupleTag<?>, PCollection<?>> e : input.getAll().entrySet()) {
      WarehouseTable table = byName(e.getKey().getId());
      @SuppressWarnings("unchecked")
      PCollection<WarehouseRow> rows = (PCollection<WarehouseRow>) e.getValue();
      counts.add(
          rows.apply(
              "Spool" + camel(table.tableName()), ParDo.of(new SpoolTableFn(spool, table))));
    }
    return PCollectionList.of(counts).apply("FlattenSpoolCounts", Flatten.pCollections());
  }

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

  /** Streams a bundle's rows of one table into one spool part, committed at the bundle's end. */
  static class SpoolTableFn extends DoFn<WarehouseRow, KV<String, Long>> {
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
        p.commit();
        rowsCounter.inc(p.rows());
        context.output(
            KV.of(table.tableName(), p.rows()),
            GlobalWindow.INSTANCE.maxTimestamp(),
            GlobalWindow.INSTANCE);
      }
    }

    @Teardown
    public void tearDown() throws Exception {
      if (part != null) {
        part.close();
      }
    }
  }
}
