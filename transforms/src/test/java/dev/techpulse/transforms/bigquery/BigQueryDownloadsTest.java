package dev.techpulse.transforms.bigquery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.services.bigquery.model.JobStatistics;
import com.google.api.services.bigquery.model.JobStatistics2;
import com.google.api.services.bigquery.model.Table;
import com.google.api.services.bigquery.model.TableFieldSchema;
import com.google.api.services.bigquery.model.TableRow;
import com.google.api.services.bigquery.model.TableSchema;
import dev.techpulse.schemas.DownloadsCovered;
import dev.techpulse.schemas.WarehouseRowCoder;
import dev.techpulse.schemas.WarehouseTable;
import dev.techpulse.testing.Fixtures;
import dev.techpulse.transforms.bigquery.DownloadsQuery.DayRange;
import dev.techpulse.transforms.warehouse.Connections;
import dev.techpulse.transforms.warehouse.RunSpec;
import dev.techpulse.transforms.warehouse.Warehouse;
import dev.techpulse.transforms.warehouse.WarehouseConfig;
import dev.techpulse.transforms.warehouse.WriteWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryOptions;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeDatasetService;
import org.apache.beam.sdk.io.gcp.testing.FakeJobService;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The BigQuery side: the SQL (golden), the chunking, the cost guard and a read through BigQueryIO. */
class BigQueryDownloadsTest {
  static final String PROJECT = "techpulse-test";
  static final LocalDate END = LocalDate.parse("2024-01-31");

  @TempDir Path dir;
  FakeJobService jobs;
  FakeBigQueryServices services;
  BigQueryOptions options;

  @BeforeEach
  void fakes() {
    FakeDatasetService.setUp();
    jobs = new FakeJobService();
    services =
        new FakeBigQueryServices()
            .withDatasetService(new FakeDatasetService())
            .withJobService(jobs);
    options = PipelineOptionsFactory.create().as(BigQueryOptions.class);
    options.setProject(PROJECT);
    options.setTempLocation(dir.resolve("bq-temp").toString());
  }

  @Test
  void dimensionsQuery_matchesGolden_singleScanPrunedAndClustered() {
    String sql =
        DownloadsQuery.dimensions(
            List.of("pandas", "dbt-core"),
            new DayRange(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-01-31")));

    assertEquals(Fixtures.text("../golden/bigquery_downloads_by_dimension.sql").strip(), sql.strip());
    assertTrue(sql.contains("AND project IN ('pandas', 'dbt-core')"), "filters top-level project");
    assertTrue(!sql.contains("file.project"), "never filters on file.project");
    assertEquals(1, sql.split("bigquery-public-data.pypi.file_downloads", -1).length - 1);
  }

  @Test
  void totalsQuery_matchesGolden() {
    String sql =
        DownloadsQuery.totals(
            List.of("pandas"),
            new DayRange(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-01-31")));

    assertEquals(Fixtures.text("../golden/bigquery_downloads_totals.sql").strip(), sql.strip());
  }

  @Test
  void yearLongRange_isReadInTwelveBoundedChunks() {
    var read =
        ReadBigQueryDownloads.forRun(
            List.of("pandas"), LocalDate.parse("2023-01-01"), LocalDate.parse("2023-12-31"), 31);

    assertEquals(12, read.rangeQueries().size());
    assertTrue(read.rangeQueries().get(0).contains("TIMESTAMP('2023-01-01')"));
    assertTrue(read.rangeQueries().get(0).contains("< TIMESTAMP('2023-02-01')"));
    assertTrue(read.rangeQueries().get(11).contains("< TIMESTAMP('2024-01-01')"));
    assertNull(read.totalsQuery(), "a year covers the scorecard's 60 days");
  }

  @Test
  void shortRange_addsOneTotalsQueryForTheScorecardWindows() {
    var read =
        ReadBigQueryDownloads.forRun(
            List.of("pandas"), LocalDate.parse("2024-01-25"), END, 31);

    assertEquals(1, read.rangeQueries().size());
    assertTrue(read.totalsQuery().contains("TIMESTAMP('2023-12-03')"), read.totalsQuery());
  }

  @Test
  void chunks_coverTheRangeExactlyOnce() {
    List<DayRange> chunks =
        DownloadsQuery.chunks(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-03-05"), 31);

    assertEquals(
        List.of(
            new DayRange(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-01-31")),
            new DayRange(LocalDate.parse("2024-02-01"), LocalDate.parse("2024-03-02")),
            new DayRange(LocalDate.parse("2024-03-03"), LocalDate.parse("2024-03-05"))),
        chunks);
  }

  @Test
  void costGuard_estimatesBytesFromDryRuns() throws Exception {
    jobs.expectDryRunQuery(PROJECT, "q1", stats(3L << 30));
    jobs.expectDryRunQuery(PROJECT, "q2", stats(1L << 30));

    CostGuard.Estimate e = CostGuard.estimate(services, options, List.of("q1", "q2"), 100L << 30);

    assertEquals(4L << 30, e.totalBytes());
    assertEquals("2 queries would scan 4.0 GiB (about $0.02 on demand)", e.describe());
  }

  @Test
  void costGuard_refusesAQueryAboveMaxBytesBilled() {
    jobs.expectDryRunQuery(PROJECT, "huge", stats(200L << 30));

    var e =
        assertThrows(
            CostGuard.OverBudgetException.class,
            () -> CostGuard.estimate(services, options, List.of("huge"), 100L << 30));
    assertTrue(e.getMessage().contains("above --maxBytesBilled"), e.getMessage());
  }

  @Test
  void fakeBigQueryRows_landInMartPypiDownloads() throws Exception {
    String query = FakeBigQueryServices.encodeQueryResult(resultTable(), resultRows());
    jobs.expectDryRunQuery(PROJECT, query, stats(1234L));
    WarehouseConfig wh = WarehouseConfig.duckdb(dir.resolve("bq.duckdb").toString());
    Warehouse warehouse = new Warehouse(wh);
    warehouse.ensureSchema();
    warehouse.startRun("run-bq", LocalDate.parse("2024-01-01"), END, "{}");
    Pipeline p = Pipeline.create(options);

    PCollectionTuple bq =
        p.apply("ReadBigQueryDownloads", new ReadBigQueryDownloads(List.of(query), null, END, services));
    PCollectionTuple tables = PCollectionTuple.empty(p);
    tables =
        WriteWarehouse.with(
            tables, WarehouseTable.PYPI_DOWNLOADS, bq.get(ReadBigQueryDownloads.DOWNLOADS));
    tables =
        WriteWarehouse.with(
            tables,
            WarehouseTable.PYPI_DOWNLOADS_COVERED,
            p.apply(
                Create.of(
                        DownloadsCovered.create(
                            "pandas", "bigquery", "total", LocalDate.parse("2024-01-01"), END),
                        DownloadsCovered.create(
                            "pandas", "bigquery", "country", LocalDate.parse("2024-01-01"), END))
                    .withCoder(WarehouseRowCoder.of(DownloadsCovered.class))));
    WriteWarehouse.writeAndCommit(
        tables, wh, new RunSpec("run-bq", LocalDate.parse("2024-01-01"), "bigquery"));
    p.run().waitUntilFinish();

    try (Connection c = warehouse.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT package_name, CAST(download_date AS VARCHAR), dimension, dimension_value,"
                    + " downloads, source FROM mart.pypi_downloads ORDER BY ALL")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(
            rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|"
                + rs.getString(4) + "|" + rs.getLong(5) + "|" + rs.getString(6));
      }
      assertEquals(
          List.of(
              "pandas|2024-01-30|country|US|40|bigquery",
              "pandas|2024-01-30|country|unknown|2|bigquery",
              "pandas|2024-01-30|total||100|bigquery",
              "pandas|2024-01-31|total||90|bigquery"),
          rows);
    } finally {
      Connections.release(wh);
    }
  }

  static JobStatistics stats(long bytes) {
    return new JobStatistics().setQuery(new JobStatistics2().setTotalBytesProcessed(bytes));
  }

  static Table resultTable() {
    return new Table()
        .setSchema(
            new TableSchema()
                .setFields(
                    List.of(
                        new TableFieldSchema().setName("package_name").setType("STRING"),
                        new TableFieldSchema().setName("download_date").setType("DATE"),
                        new TableFieldSchema().setName("dimension").setType("STRING"),
                        new TableFieldSchema().setName("dimension_value").setType("STRING"),
                        new TableFieldSchema().setName("downloads").setType("INTEGER"))));
  }

  static List<TableRow> resultRows() {
    return List.of(
        row("2024-01-30", "total", "", 100L),
        row("2024-01-31", "total", "", 90L),
        row("2024-01-30", "country", "US", 40L),
        row("2024-01-30", "country", "unknown", 2L));
  }

  static TableRow row(String date, String dimension, String value, long downloads) {
    return new TableRow()
        .set("package_name", "pandas")
        .set("download_date", date)
        .set("dimension", dimension)
        .set("dimension_value", value)
        .set("downloads", downloads);
  }
}
