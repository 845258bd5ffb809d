package dev.techpulse.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/** Rows survive the coder exactly, nulls and microseconds included. */
class WarehouseRowCoderTest {
  static final Instant MICROS = Instant.parse("2024-12-06T16:53:12.123456Z");

  static final List<WarehouseRow> ROWS =
      List.of(
          PypiPackage.create("luigi", "3.6.0", null, "Apache-2.0", null, "", "spotify/luigi", MICROS),
          PypiRelease.create("luigi", "1.0.8", null, false, false, 0, 0, null),
          DownloadCount.create("pandas", LocalDate.parse("2024-01-31"), "total", "", 9L, "bigquery"),
          GithubRepo.create(
              "a/b", MICROS, "d\u00e9j\u00e0 \"vu\"\n", 1L, 2L, null, 3L, null, "MIT", "[]", "main",
              false, MICROS, null),
          Scorecard.create(
              "T", LocalDate.parse("2024-01-31"), null, null, 0L, null, null, null, 0.25, null,
              null, null, null, 1L, 2L, 3L, 4L, 1.5, 0L, MICROS, 8L, 5L, 3L, 1.2, 0.5, 4L, 1L,
              12L, "quiet"),
          PypiVulnerability.create(
              "aiohttp", "GHSA-6mq8-rvhq-8wgg", "[\"CVE-2025-69223\"]", null, "d", "[\"3.13.3\"]",
              "https://osv.dev/vulnerability/GHSA-6mq8-rvhq-8wgg", "osv", null, "3.12.15"),
          Reject.of("pypi", "nope", "unknown package", "x".repeat(3000)));

  @Test
  void everyRowType_roundTripsThroughItsDefaultCoder() throws Exception {
    CoderRegistry registry = CoderRegistry.createDefault();
    for (WarehouseRow row : ROWS) {
      @SuppressWarnings("unchecked")
      Coder<WarehouseRow> coder = (Coder<WarehouseRow>) registry.getCoder(row.getClass().getSuperclass());
      assertTrue(coder instanceof WarehouseRowCoder, coder.toString());
      byte[] bytes = CoderUtils.encodeToByteArray(coder, row);
      assertEquals(row, CoderUtils.decodeFromByteArray(coder, bytes));
      assertArrayEquals(bytes, CoderUtils.encodeToByteArray(coder, CoderUtils.clone(coder, row)));
    }
  }

  @Test
  void rejectPayload_isCutTo2000Characters() {
    Reject r = (Reject) ROWS.get(ROWS.size() - 1);

    assertEquals(2000, r.getPayload().length());
  }
}
