package dev.techpulse.transforms.bigquery;

import com.google.api.services.bigquery.model.TableRow;
import dev.techpulse.schemas.DownloadCount;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryIO;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Reads PyPI downloads natively from BigQuery: one query per chunk of the range (each a single
 * GROUPING SETS scan over the six dimensions), flattened, plus a totals-only query for the
 * scorecard's 60 days when the range does not cover them.
 */
public class ReadBigQueryDownloads extends PTransform<PBegin, PCollectionTuple> {
  public static final String SOURCE = "bigquery";
  /** The dimensions one query fills (contract section 4). */
  public static final List<String> DIMENSIONS =
      List.of("total", "version", "country", "installer", "python_minor", "system");
  public static final TupleTag<DownloadCount> DOWNLOADS = new TupleTag<>() {};
  public static final TupleTag<DownloadCount> SCORECARD_TOTALS = new TupleTag<>() {};

  private final List<String> rangeQueries;
  private final String totalsQuery;
  private final LocalDate endDate;
  private final BigQueryServices testServices;

  /**
   * @param rangeQueries one query per chunk of the load range
   * @param totalsQuery the scorecard's totals query, or null when the range covers its windows
   * @param endDate the run's end date, where the scorecard's windows end
   * @param testServices fake BigQuery services for tests, or null
   */
  public ReadBigQueryDownloads(
      List<String> rangeQueries,
      String totalsQuery,
      LocalDate endDate,
      BigQueryServices testServices) {
    this.rangeQueries = List.copyOf(rangeQueries);
    this.totalsQuery = totalsQuery;
    this.endDate = endDate;
    this.testServices = testServices;
  }

  /** The queries for a run: chunks of the range, and totals when the range starts too late. */
  public static ReadBigQueryDownloads forRun(
      List<String> packages, LocalDate start, LocalDate end, int chunkDays) {
    DownloadsQuery.RunQueries queries = DownloadsQuery.forRun(packages, start, end, chunkDays);
    return new ReadBigQueryDownloads(queries.range(), queries.totals(), end, null);
  }

  public List<String> rangeQueries() {
    return rangeQueries;
  }

  public String totalsQuery() {
    return totalsQuery;
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    List<PCollection<DownloadCount>> chunks = new ArrayList<>();
    for (int i = 0; i < rangeQueries.size(); i++) {
      chunks.add(read(begin, "ReadChunk" + (i + 1), rangeQueries.get(i)));
    }
    PCollection<DownloadCount> downloads =
        PCollectionList.of(chunks).apply("FlattenChunks", Flatten.pCollections());
    LocalDate windowStart = endDate.minusDays(59);
    LocalDate end = endDate;
    PCollection<DownloadCount> totals =
        (totalsQuery != null ? read(begin, "ReadScorecardTotals", totalsQuery) : downloads)
            .apply(
                "KeepScorecardTotals",
                Filter.by(
                    (DownloadCount d) ->
                        d.getDimension().equals("total")
                            && !d.getDownloadDate().isBefore(windowStart)
                            && !d.getDownloadDate().isAfter(end)));
    return PCollectionTuple.of(DOWNLOADS, downloads).and(SCORECARD_TOTALS, totals);
  }

  /**
   * Without validation: BigQueryIO would otherwise dry-run each query inside {@code run()}, which
   * needs Google credentials even to translate or template the job; {@code CostGuard} already
   * dry-runs every query in the launcher before a run.
   */
  private PCollection<DownloadCount> read(PBegin begin, String name, String query) {
    BigQueryIO.TypedRead<TableRow> read =
        BigQueryIO.readTableRows().fromQuery(query).usingStandardSql().withoutValidation();
    if (testServices != null) {
      read = read.withTestServices(testServices);
    }
    return begin
        .apply(name, read)
        .apply(
            name + "ToRows",
            MapElements.into(TypeDescriptor.of(DownloadCount.class))
                .via(ReadBigQueryDownloads::toDownloadCount));
  }

  static DownloadCount toDownloadCount(TableRow row) {
    return DownloadCount.create(
        String.valueOf(row.get(DownloadsQuery.PACKAGE_NAME)),
        LocalDate.parse(String.valueOf(row.get(DownloadsQuery.DOWNLOAD_DATE))),
        String.valueOf(row.get(DownloadsQuery.DIMENSION)),
        row.get(DownloadsQuery.DIMENSION_VALUE) == null
            ? ""
            : String.valueOf(row.get(DownloadsQuery.DIMENSION_VALUE)),
        Long.parseLong(String.valueOf(row.get(DownloadsQuery.DOWNLOADS))),
        SOURCE);
  }
}
