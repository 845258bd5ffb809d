package dev.techpulse.testing;

import dev.techpulse.schemas.WarehouseRow;
import dev.techpulse.schemas.WarehouseTable;
import dev.techpulse.transforms.warehouse.Warehouse;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run recorded through the real warehouse code (schema, run row, bulk load, merges, finish)
 * with rows a test chose instead of fetched ones: known contents for report tests and
 * benchmarks.
 */
public final class WarehouseRun {
  private final Map<WarehouseTable, List<WarehouseRow>> rows = new LinkedHashMap<>();

  public WarehouseRun add(WarehouseTable table, WarehouseRow row) {
    rows.computeIfAbsent(table, t -> new ArrayList<>()).add(row);
    return this;
  }

  public WarehouseRun addAll(WarehouseTable table, List<? extends WarehouseRow> more) {
    rows.computeIfAbsent(table, t -> new ArrayList<>()).addAll(more);
    return this;
  }

  /** Records the run as succeeded with {@code options} and {@code notes} (JSON or null). */
  public void commit(
      Warehouse w, String runId, LocalDate start, LocalDate end, String options, String notes)
      throws Exception {
    w.ensureSchema();
    w.startRun(runId, start, end, options);
    long written = 0;
    long rejects = 0;
    try (Connection c = w.connect()) {
      for (Map.Entry<WarehouseTable, List<WarehouseRow>> e : rows.entrySet()) {
        long n = w.append(c, e.getKey(), runId, Instant.now(), e.getValue());
        if (e.getKey() == WarehouseTable.REJECTS) {
          rejects += n;
        } else {
          written += n;
        }
      }
    }
    w.mergeRun(runId);
    w.finishRun(runId, "succeeded", written, rejects, notes);
  }
}
