package dev.techpulse.schemas;

import java.io.Serializable;
import java.util.List;

/**
 * A value that is one row of a {@link WarehouseTable}.
 *
 * <p>Rows travel with {@link WarehouseRowCoder} rather than a Beam schema: Beam 2.71's schema
 * inference turns {@code java.time.Instant} and {@code LocalDate} into empty rows, and the
 * contract needs microsecond timestamps, which Joda's millisecond {@code DATETIME} cannot hold.
 */
public interface WarehouseRow extends Serializable {
  // Serializable still, for the few places Beam java-serializes values (e.g. Create's payload).

  /** Values in the order of {@link WarehouseTable#columns()}. */
  List<Object> columnValues();
}
