package dev.techpulse.transforms.pypistats;

import dev.techpulse.schemas.DownloadCount;
import dev.techpulse.schemas.DownloadsCovered;
import dev.techpulse.schemas.Reject;
import dev.techpulse.transforms.fetch.ConcurrentFetchFn;
import dev.techpulse.transforms.fetch.Pacer;
import dev.techpulse.transforms.fetch.SourceConfig;
import dev.techpulse.transforms.http.BaseUrl;
import dev.techpulse.transforms.http.HttpFetcher;
import dev.techpulse.transforms.http.HttpResult;
import dev.techpulse.transforms.http.MalformedResponseException;
import dev.techpulse.transforms.pypistats.PypistatsResponse.Endpoint;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupIntoBatches;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Package names (already known to PyPI) in; their pypistats.org downloads for the run's range
 * out: {@code total} from {@code overall?mirrors=false}, plus {@code python_minor} and {@code
 * system}. Requests are paced to {@code --pypistatsPerMinute} for the whole job: every name goes
 * through one key ({@link GroupIntoBatches}), so one worker at a time, and one pacer, sends them
 * all; a 429 is backed off and retried. A package whose {@code overall} call succeeded is
 * "covered": the mart's replace-range applies to it.
 */
public class FetchPypistatsDownloads extends PTransform<PCollection<String>, PCollectionTuple> {
  /** Rows within {@code [startDate, endDate]}: what the run loads. */
  public static final TupleTag<DownloadCount> DOWNLOADS = new TupleTag<>() {};
  /** {@code total} rows within the scorecard's 60 days, whatever the load range. */
  public static final TupleTag<DownloadCount> SCORECARD_TOTALS = new TupleTag<>() {};
  public static final TupleTag<DownloadsCovered> COVERED = new TupleTag<>() {};
  public static final TupleTag<Reject> REJECTS = new TupleTag<>() {};

  /** pypistats.org requests in flight at once for the job; its pace is the real limit. */
  public static final int CONCURRENCY = 4;

  /**
   * Names per batch on the one key. A batch leaves as soon as it is full, so pypistats starts on
   * PyPI's first answers; only the last, partial batch waits for PyPI's end.
   */
  static final int BATCH = 25;

  /** The one key every name travels under, so one DoFn instance (and pacer) sends them all. */
  private static final int ONE_PACER = 0;

  private final SourceConfig config;

  public FetchPypistatsDownloads(SourceConfig config) {
    this.config = config;
  }

  @Override
  public PCollectionTuple expand(PCollection<String> packages) {
    // A per-worker pacer would let N workers send N times the pace. One key is processed by one
    // worker at a time, and the fetch below is fused with the batching: one pacer for the job.
    return packages
        .apply(
            "KeyForOnePacer",
            WithKeys.<Integer, String>of(ONE_PACER).withKeyType(TypeDescriptors.integers()))
        .setCoder(KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of()))
        .apply("BatchForOnePacer", GroupIntoBatches.ofSize(BATCH))
        .apply("UnbatchNames", ParDo.of(new UnbatchFn()))
        .setCoder(StringUtf8Coder.of())
        .apply(
            "GetPypistats",
            ParDo.of(new FetchPypistatsFn(config))
                .withOutputTags(
                    DOWNLOADS, TupleTagList.of(SCORECARD_TOTALS).and(COVERED).and(REJECTS)));
  }

  /** A batch's names, one by one, for the fetch fused after it. */
  static class UnbatchFn extends DoFn<KV<Integer, Iterable<String>>, String> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<String>> batch, OutputReceiver<String> out) {
      for (String name : batch.getValue()) {
        out.output(name);
      }
    }
  }

  static class FetchPypistatsFn extends ConcurrentFetchFn<String, DownloadCount> {
    private final SourceConfig config;
    private transient HttpFetcher fetcher;
    private transient Pacer pacer;

    FetchPypistatsFn(SourceConfig config) {
      // Requests in flight above the pace buy nothing; a few keep slow answers overlapped.
      super("pypistats", CONCURRENCY, REJECTS);
      this.config = config;
    }

    @Override
    protected void setUpClients() {
      fetcher = sharedFetcher(config.http());
      pacer = Pacer.forApi("pypistats", config.pypistatsPerMinute());
    }

    @Override
    protected List<Emission> fetch(String packageName) throws InterruptedException {
      List<Emission> out = new ArrayList<>();
      for (Endpoint endpoint : Endpoint.values()) {
        String path = endpoint.path(packageName);
        HttpResult result = null;
        try {
          result = get(path);
          if (!result.isSuccess()) {
            out.add(
                reject(endpoint, packageName, "GET " + path + " returned HTTP " + result.status(),
                    result.body()));
            continue;
          }
          LocalDate scorecardStart = config.endDate().minusDays(59);
          LocalDate earliest = null;
          for (DownloadCount row : PypistatsResponse.parse(packageName, endpoint, result.body())) {
            LocalDate day = row.getDownloadDate();
            if (earliest == null || day.isBefore(earliest)) {
              earliest = day;
            }
            if (!day.isBefore(config.startDate()) && !day.isAfter(config.endDate())) {
              out.add(new Emission(DOWNLOADS, row));
            }
            if (endpoint == Endpoint.OVERALL
                && !day.isBefore(scorecardStart)
                && !day.isAfter(config.endDate())) {
              out.add(new Emission(SCORECARD_TOTALS, row));
            }
          }
          // pypistats keeps 180 days: only the days it still has are replaced in the mart.
          LocalDate kept = earliest != null ? earliest : config.endDate().minusDays(179);
          LocalDate from = kept.isAfter(config.startDate()) ? kept : config.startDate();
          if (!from.isAfter(config.endDate())) {
            out.add(
                new Emission(
                    COVERED,
                    DownloadsCovered.create(
                        packageName,
                        PypistatsResponse.SOURCE,
                        endpoint.dimension(),
                        from,
                        config.endDate())));
          }
        } catch (MalformedResponseException e) {
          out.add(reject(endpoint, packageName, "malformed pypistats answer: " + e.getMessage(),
              result == null ? null : result.body()));
        } catch (IOException e) {
          out.add(reject(endpoint, packageName, "GET " + path + ": " + e.getMessage(), null));
        }
      }
      return out;
    }

    private HttpResult get(String path) throws IOException, InterruptedException {
      pacer.acquire();
      return fetcher.get(
          BaseUrl.resolve(config.pypistatsUrl(), path),
          Map.of("Accept", "application/json"),
          (response, attempt) -> {
            if (response.status() >= 500 || response.status() == 429) {
              // pypistats' 429 carries no Retry-After: wait at least one paced slot and back off.
              return fetcher.backoff(attempt).plusMillis(60_000L / config.pypistatsPerMinute());
            }
            return null;
          });
    }

    private static Emission reject(
        Endpoint endpoint, String packageName, String error, String payload) {
      return new Emission(REJECTS, Reject.of(endpoint.step(), packageName, error, payload));
    }
  }
}
