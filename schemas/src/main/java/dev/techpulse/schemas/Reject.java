package dev.techpulse.schemas;

import com.google.auto.value.AutoValue;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/** A failed call after retries: a row of {@code mart.rejects}. */
@DefaultCoder(WarehouseRowCoder.class)
@AutoValue
public abstract class Reject implements WarehouseRow {

  public abstract String getStep();

  public abstract String getRecordKey();

  public abstract String getError();

  public abstract @Nullable String getPayload();

  public abstract Instant getRejectedAt();

  public static Reject create(
      String step,
      String recordKey,
      String error,
      @Nullable String payload,
      Instant rejectedAt) {
    return new AutoValue_Reject(step, recordKey, error, payload, rejectedAt);
  }

  /** Longest payload kept, so one huge body cannot bloat the rejects table. */
  public static final int MAX_PAYLOAD_CHARS = 2000;

  /** A reject stamped now, its payload cut to {@link #MAX_PAYLOAD_CHARS}. */
  public static Reject of(String step, String recordKey, String error, @Nullable String payload) {
    String cut =
        payload == null || payload.length() <= MAX_PAYLOAD_CHARS
            ? payload
            : payload.substring(0, MAX_PAYLOAD_CHARS);
    return create(step, recordKey, error, cut, Instant.now());
  }

  @Override
  public List<Object> columnValues() {
    return Arrays.asList(getStep(), getRecordKey(), getError(), getPayload(), getRejectedAt());
  }
}
