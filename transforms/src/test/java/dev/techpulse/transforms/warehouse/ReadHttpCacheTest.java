package dev.techpulse.transforms.warehouse;

import dev.techpulse.schemas.HttpCacheEntry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** JdbcIO's read of mart.http_cache, with connections from {@link Connections}. */
@ExtendWith(TestPipelineExtension.class)
class ReadHttpCacheTest {
  @TempDir Path dir;
  private WarehouseConfig config;

  @AfterEach
  void release() {
    Connections.release(config);
  }

  @Test
  void cachedAnswersUnderAPrefix_areReadOnce_andOthersAreNot(TestPipeline p) throws Exception {
    // given: a warehouse whose cache holds answers of two APIs
    config = WarehouseConfig.duckdb(dir.resolve("w.duckdb").toString());
    new Warehouse(config).ensureSchema();
    Instant at = Instant.parse("2025-06-30T12:00:00Z");
    try (Connection c = Connections.open(config);
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO mart.http_cache (url, etag, body, link, fetched_at)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
      Object[][] rows = {
        {"https://pypi.example/pypi/a/json", "\"a1\"", "{\"a\":1}", null},
        {"https://pypi.example/pypi/b/json", "W/\"b1\"", "{\"b\":1}", null},
        {"https://api.github.example/repos/o/r", "\"r1\"", "{}", "<https://x>; rel=\"next\""},
      };
      for (Object[] r : rows) {
        for (int i = 0; i < 4; i++) {
          ps.setObject(i + 1, r[i]);
        }
        ps.setTimestamp(5, Timestamp.from(at));
        ps.addBatch();
      }
      ps.executeBatch();
    }

    // when
    PCollection<HttpCacheEntry> read =
        p.apply(ReadHttpCache.under(config, "https://pypi.example/pypi/"));

    // then
    PAssert.that(
            read.apply(
                MapElements.into(TypeDescriptors.strings())
                    .via(e -> e.getUrl() + " " + e.getEtag() + " " + e.getBody() + " "
                        + e.getLink() + " " + e.getFetchedAt())))
        .containsInAnyOrder(
            "https://pypi.example/pypi/a/json \"a1\" {\"a\":1} null " + at,
            "https://pypi.example/pypi/b/json W/\"b1\" {\"b\":1} null " + at);
    p.run().waitUntilFinish();
  }
}
