package dev.techpulse.transforms.warehouse;

import dev.techpulse.schemas.WarehouseRow;
import dev.techpulse.schemas.WarehouseTable;
import java.sql.Connection;
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

/**
 * Appends each table's rows to the warehouse in bulk: staged tables to {@code staging.<table>}
 * with the run's id and load time, rejects to {@code mart.rejects}. A bundle becomes one CSV file
 * and one {@code COPY} (flushed every {@value #MAX_BUFFERED} rows), never an INSERT per row.
 *
 * <p>Mart MERGEs are not done here: the launcher runs them once every append has finished, one
 * transaction per table, so a failed or killed pipeline leaves the mart as it was.
 */
public class WriteWarehouse extends PTransform<PCollectionTuple, PCollection<KV<String, Long>>> {
  static final int MAX_BUFFERED = 50_000;

  private final WarehouseConfig config;
  private final String runId;

  public WriteWarehouse(WarehouseConfig config, String runId) {
    this.config = config;
    this.runId = runId;
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
              "Append" + camel(table.tableName()),
              ParDo.of(new AppendTableFn(config, table, runId))));
    }
    return PCollectionList.of(counts).apply("FlattenLoadCounts", Flatten.pCollections());
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

  /** Buffers a bundle's rows of one table and appends them in one bulk load. */
  static class AppendTableFn extends DoFn<WarehouseRow, KV<String, Long>> {
    private final WarehouseConfig config;
    private final WarehouseTable table;
    private final String runId;
    private transient Warehouse warehouse;
    private transient List<WarehouseRow> buffer;
    private transient Counter rowsCounter;

    AppendTableFn(WarehouseConfig config, WarehouseTable table, String runId) {
      this.config = config;
      this.table = table;
      this.runId = runId;
    }

    @Setup
    public void setUp() {
      warehouse = new Warehouse(config);
      rowsCounter = Metrics.counter("techpulse", "rows_" + table.tableName());
    }

    @StartBundle
    public void startBundle() {
      buffer = new ArrayList<>();
    }

    @ProcessElement
    public void processElement(@Element WarehouseRow row, OutputReceiver<KV<String, Long>> out)
        throws Exception {
      buffer.add(row);
      if (buffer.size() >= MAX_BUFFERED) {
        out.output(KV.of(table.tableName(), flush()));
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) throws Exception {
      if (!buffer.isEmpty()) {
        context.output(
            KV.of(table.tableName(), flush()),
            org.apache.beam.sdk.transforms.windowing.GlobalWindow.INSTANCE.maxTimestamp(),
            org.apache.beam.sdk.transforms.windowing.GlobalWindow.INSTANCE);
      }
    }

    private long flush() throws Exception {
      long n;
      try (Connection c = warehouse.connect()) {
        n = warehouse.append(c, table, runId, Instant.now(), buffer);
      }
      rowsCounter.inc(n);
      buffer.clear();
      return n;
    }
  }
}
