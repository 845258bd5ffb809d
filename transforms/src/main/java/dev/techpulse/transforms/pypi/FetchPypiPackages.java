package dev.techpulse.transforms.pypi;

import dev.techpulse.schemas.HttpCacheEntry;
import dev.techpulse.schemas.PypiPackage;
import dev.techpulse.schemas.PypiRelease;
import dev.techpulse.schemas.Reject;
import dev.techpulse.transforms.fetch.ConcurrentFetchFn;
import dev.techpulse.transforms.fetch.JoinCachedAnswers;
import dev.techpulse.transforms.fetch.SourceConfig;
import dev.techpulse.transforms.http.BaseUrl;
import dev.techpulse.transforms.http.CachedAnswers;
import dev.techpulse.transforms.http.HttpFetcher;
import dev.techpulse.transforms.http.HttpResult;
import dev.techpulse.transforms.http.MalformedResponseException;
import dev.techpulse.transforms.warehouse.ReadHttpCache;
import dev.techpulse.transforms.warehouse.WarehouseConfig;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Normalized package names in, de-duplicated (in batches, see {@link JoinCachedAnswers}) before
 * any call and joined to their cached answers; each package's PyPI document ({@code GET
 * /pypi/{package}/json}) out as a {@link PypiPackage} and its {@link PypiRelease}s, and the
 * answers with a new ETag under {@link #CACHE}. A 404, an HTTP failure after retries or a
 * malformed document becomes one {@link Reject} with step {@code pypi}.
 */
public class FetchPypiPackages extends PTransform<PCollection<String>, PCollectionTuple> {
  public static final TupleTag<PypiPackage> PACKAGES = new TupleTag<>() {};
  public static final TupleTag<PypiRelease> RELEASES = new TupleTag<>() {};
  public static final TupleTag<Reject> REJECTS = new TupleTag<>() {};
  /** Answers with a new ETag, for {@code mart.http_cache}. */
  public static final TupleTag<HttpCacheEntry> CACHE = new TupleTag<>() {};
  public static final String STEP = "pypi";

  private final SourceConfig config;
  private final WarehouseConfig cacheWarehouse;

  /**
   * @param cacheWarehouse where {@code mart.http_cache} lives, or null to send no conditional
   *     requests
   */
  public FetchPypiPackages(SourceConfig config, WarehouseConfig cacheWarehouse) {
    this.config = config;
    this.cacheWarehouse = cacheWarehouse;
  }

  @Override
  public PCollectionTuple expand(PCollection<String> packages) {
    String base = config.pypiUrl();
    PCollection<HttpCacheEntry> cached =
        cacheWarehouse == null
            ? null
            : packages
                .getPipeline()
                .apply(
                    "ReadPypiAnswers",
                    ReadHttpCache.under(
                        cacheWarehouse, BaseUrl.resolve(base, "/pypi/").toString()));
    return packages
        .apply("DeduplicatePackages", JoinCachedAnswers.<String>of(n -> url(base, n), cached))
        .apply(
            "GetPypiJson",
            ParDo.of(new FetchPypiFn(config))
                .withOutputTags(PACKAGES, TupleTagList.of(RELEASES).and(REJECTS).and(CACHE)));
  }

  static String url(String base, String packageName) {
    return BaseUrl.resolve(base, "/pypi/" + packageName + "/json").toString();
  }

  static class FetchPypiFn
      extends ConcurrentFetchFn<KV<String, List<HttpCacheEntry>>, PypiPackage> {
    private final SourceConfig config;
    private transient HttpFetcher fetcher;

    FetchPypiFn(SourceConfig config) {
      super(STEP, config.pypiConcurrency(), REJECTS);
      this.config = config;
    }

    @Override
    protected void setUpClients() {
      fetcher = sharedFetcher(config.http());
    }

    @Override
    protected List<Emission> fetch(KV<String, List<HttpCacheEntry>> element) {
      CachedAnswers etags = new CachedAnswers(element.getValue());
      List<Emission> out = fetch(element.getKey(), etags);
      for (HttpCacheEntry written : etags.written()) {
        out.add(new Emission(CACHE, written));
      }
      return out;
    }

    private List<Emission> fetch(String packageName, CachedAnswers etags) {
      String path = "/pypi/" + packageName + "/json";
      URI uri = URI.create(url(config.pypiUrl(), packageName));
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
