package dev.techpulse.transforms.pypi;

import dev.techpulse.schemas.PypiPackage;
import dev.techpulse.schemas.PypiRelease;
import dev.techpulse.schemas.Reject;
import dev.techpulse.transforms.fetch.ConcurrentFetchFn;
import dev.techpulse.transforms.fetch.DistinctInBatches;
import dev.techpulse.transforms.fetch.SourceConfig;
import dev.techpulse.transforms.http.BaseUrl;
import dev.techpulse.transforms.http.EtagStore;
import dev.techpulse.transforms.http.HttpFetcher;
import dev.techpulse.transforms.http.HttpResult;
import dev.techpulse.transforms.http.MalformedResponseException;
import dev.techpulse.transforms.warehouse.RunSpool;
import dev.techpulse.transforms.warehouse.WarehouseEtagStore;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Normalized package names in, de-duplicated (in batches, see {@link DistinctInBatches}) before
 * any call; each package's PyPI document ({@code GET /pypi/{package}/json}) out as a {@link
 * PypiPackage} and its {@link PypiRelease}s. A 404, an HTTP failure after
 * retries or a malformed document becomes one {@link Reject} with step {@code pypi}.
 */
public class FetchPypiPackages extends PTransform<PCollection<String>, PCollectionTuple> {
  public static final TupleTag<PypiPackage> PACKAGES = new TupleTag<>() {};
  public static final TupleTag<PypiRelease> RELEASES = new TupleTag<>() {};
  public static final TupleTag<Reject> REJECTS = new TupleTag<>() {};
  public static final String STEP = "pypi";

  private final SourceConfig config;
  private final RunSpool etagCache;

  /**
   * @param etagCache where ETags persist across runs, or null to send no conditional requests
   */
  public FetchPypiPackages(SourceConfig config, RunSpool etagCache) {
    this.config = config;
    this.etagCache = etagCache;
  }

  @Override
  public PCollectionTuple expand(PCollection<String> packages) {
    return packages
        .apply("DeduplicatePackages", DistinctInBatches.create())
        .apply(
            "GetPypiJson",
            ParDo.of(new FetchPypiFn(config, etagCache))
                .withOutputTags(PACKAGES, TupleTagList.of(RELEASES).and(REJECTS)));
  }

  static class FetchPypiFn extends ConcurrentFetchFn<String, PypiPackage> {
    private final SourceConfig config;
    private final RunSpool etagCache;
    private transient HttpFetcher fetcher;
    private transient EtagStore etags;

    FetchPypiFn(SourceConfig config, RunSpool etagCache) {
      super(STEP, config.pypiConcurrency(), REJECTS);
      this.config = config;
      this.etagCache = etagCache;
    }

    @Override
    protected void setUpClients() {
      fetcher = sharedFetcher(config.http());
      etags = etagCache == null ? EtagStore.NONE : new WarehouseEtagStore(etagCache);
    }

    @Override
    protected void finishBundleClients() throws Exception {
      if (etags instanceof WarehouseEtagStore store) {
        store.flush();
      }
    }

    @Override
    protected void tearDownClients() {
      if (etags instanceof WarehouseEtagStore store) {
        store.close();
      }
    }

    @Override
    protected List<Emission> fetch(String packageName) {
      String path = "/pypi/" + packageName + "/json";
      URI uri = BaseUrl.resolve(config.pypiUrl(), path);
      String[] cached = etags.get(uri.toString());
      Map<String, String> headers = new java.util.HashMap<>();
      headers.put("Accept", "application/json");
      if (cached != null) {
        headers.put("If-None-Match", cached[0]);
      }
      HttpResult result;
      try {
        result = fetcher.get(uri, headers);
      } catch (IOException e) {
        return reject(packageName, "GET " + path + ": " + e.getMessage(), null);
      }
      if (result.status() == 304 && cached != null) {
        result = new HttpResult(uri, 200, result.headers(), cached[1]);
      } else if (result.status() == 200 && result.header("etag") != null) {
        etags.put(uri.toString(), result.header("etag"), result.body(), null);
      }
      if (result.status() == 404) {
        return reject(packageName, "unknown package: GET " + path + " returned 404", result.body());
      }
      if (!result.isSuccess()) {
        return reject(
            packageName, "GET " + path + " returned HTTP " + result.status(), result.body());
      }
      PypiDocument doc;
      try {
        doc = PypiDocument.parse(packageName, result.body(), Instant.now());
      } catch (MalformedResponseException e) {
        return reject(packageName, "malformed PyPI document: " + e.getMessage(), result.body());
      }
      List<Emission> out = new ArrayList<>(doc.releases().size() + 1);
      out.add(new Emission(PACKAGES, doc.pkg()));
      for (PypiRelease r : doc.releases()) {
        out.add(new Emission(RELEASES, r));
      }
      return out;
    }

    private static List<Emission> reject(String packageName, String error, String payload) {
      return one(REJECTS, Reject.of(STEP, packageName, error, payload));
    }
  }
}
