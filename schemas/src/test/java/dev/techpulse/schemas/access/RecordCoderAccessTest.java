package dev.techpulse.schemas.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.techpulse.schemas.RecordCoder;
import java.time.LocalDate;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/** From another package, as a transform's own join values are: their records are not public. */
class RecordCoderAccessTest {
  private record Side(String repo, LocalDate day, long count) {}

  @Test
  void privateRecordOfAnotherPackage_roundTrips() throws Exception {
    RecordCoder<Side> coder = RecordCoder.of(Side.class);
    Side side = new Side("apache/beam", LocalDate.parse("2024-02-29"), 42L);

    assertEquals(side, CoderUtils.clone(coder, side));
  }
}
