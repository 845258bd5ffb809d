package dev.techpulse.transforms.pypi;

import dev.techpulse.schemas.HttpCacheEntry;
import dev.techpulse.schemas.PypiPackage;
import dev.techpulse.schemas.PypiRelease;
import dev.techpulse.schemas.PypiVulnerability;
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
 * Normalized package names in, de-duplicated (see {@link JoinCachedAnswers}) before
 * any call and joined to their cached answers; each package's PyPI document ({@code GET /pypi/{package}/json}) out as a {@link
 * PypiPackage}, its {@link PypiRelease}s and its {@link PypiVulnerability}s. A 404, an HTTP
 * failure after retries or a malformed document becomes one {@link Reject} with step {@code
 * pypi}. A document without {@code releases} takes its releases from the JSON Simple API
 * ({@code GET /simple/{package}/}); that call failing rejects only the releases (step {@code
 * pypi_simple}), the package and its vulnerabilities still go out. Answers with a new ETag leave under {@link
 * #CACHE}.
 */
public class FetchPypiPackages extends PTransform<PCollection<String>, PCollectionTuple> {
  public static final TupleTag<PypiPackage> PACKAGES = new TupleTag<>() {};
  public static final TupleTag<PypiRelease> RELEASES = new TupleTag<>() {};
  public static final TupleTag<PypiVulnerability> VULNERABILITIES = new TupleTag<>() {};

  /**
   * Per package whose document has a {@code vulnerabilities} key: its entries not withdrawn.
   * None for a document without the key, so the scorecard can tell "none" from "not said".
   */
  public static final TupleTag<KV<String, Long>> VULNERABILITY_COUNTS = new TupleTag<>() {};

  public static final TupleTag<Reject> REJECTS = new TupleTag<>() {};
  /** Answers with a new ETag, for {@code mart.http_cache}. */
  public static final TupleTag<HttpCacheEntry> CACHE = new TupleTag<>() {};
  public static final String STEP = "pypi";
  public static final String SIMPLE_STEP = "pypi_simple";

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
                    ReadHttpCache.under(cacheWarehouse, BaseUrl.resolve(base, "/").toString()));
    return packages
        .apply(
            "DeduplicatePackages",
            JoinCachedAnswers.<String>of(n -> n, cached).withAnswerKey(e -> packageOf(base, e)))
        .apply(
            "GetPypiJson",
            ParDo.of(new FetchPypiFn(config))
                .withOutputTags(
                    PACKAGES,
                    TupleTagList.of(RELEASES)
                        .and(VULNERABILITIES)
                        .and(VULNERABILITY_COUNTS)
                        .and(REJECTS)
                        .and(CACHE)));
  }

  /**
   * The package a cached PyPI answer belongs to: its JSON document or its Simple API page; null
   * for any other URL.
   */
  static String packageOf(String base, HttpCacheEntry entry) {
    String url = CachedAnswers.joinKey(entry.getUrl());
    for (String[] shape : new String[][] {{"/pypi/", "/json"}, {"/simple/", "/"}}) {
      String prefix = BaseUrl.resolve(base, shape[0]).toString();
      if (url.startsWith(prefix) && url.endsWith(shape[1])) {
        String name = url.substring(prefix.length(), url.length() - shape[1].length());
        if (!name.isEmpty() && name.indexOf('/') < 0) {
          return name;
        }
      }
    }
    return null;
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
      HttpResult result;
      try {
        result = conditionalGet(etags, path, "application/json");
      } catch (IOException e) {
        return reject(packageName, "GET " + path + ": " + e.getMessage(), null);
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
      List<Emission> out = new ArrayList<>();
      out.add(new Emission(PACKAGES, doc.pkg()));
      if (doc.vulnerabilities() != null) {
        doc.vulnerabilities().forEach(v -> out.add(new Emission(VULNERABILITIES, v)));
        out.add(
            new Emission(VULNERABILITY_COUNTS, KV.of(packageName, doc.activeVulnerabilities())));
      }
      List<PypiRelease> releases = doc.releases();
      if (releases == null) {
        releases = simpleApiReleases(etags, packageName, out);
      }
      for (PypiRelease r : releases) {
        out.add(new Emission(RELEASES, r));
      }
      return out;
    }

    /** Releases from the Simple API; a failure adds its reject to {@code out} and gives none. */
    private List<PypiRelease> simpleApiReleases(
        CachedAnswers etags, String packageName, List<Emission> out) {
      String path = "/simple/" + packageName + "/";
      String error;
      String payload = null;
      try {
        HttpResult index = conditionalGet(etags, path, PypiSimpleIndex.MEDIA_TYPE);
        payload = index.body();
        if (index.isSuccess()) {
          return PypiSimpleIndex.parse(packageName, index.body());
        }
        error = "GET " + path + " returned HTTP " + index.status();
      } catch (MalformedResponseException e) {
        error = "malformed Simple API page: " + e.getMessage();
      } catch (IOException e) {
        error = "GET " + path + ": " + e.getMessage();
      }
      out.add(new Emission(REJECTS, Reject.of(SIMPLE_STEP, packageName, error, payload)));
      return List.of();
    }

    /** GET with {@code If-None-Match} when an ETag is stored; a 304 replays the stored body. */
    private HttpResult conditionalGet(CachedAnswers etags, String path, String accept)
        throws IOException {
      URI uri = BaseUrl.resolve(config.pypiUrl(), path);
      String[] cached = etags.get(uri.toString());
      Map<String, String> headers = new java.util.HashMap<>();
      headers.put("Accept", accept);
      if (cached != null) {
        headers.put("If-None-Match", cached[0]);
      }
      HttpResult result = fetcher.get(uri, headers);
      if (result.status() == 304 && cached != null) {
        return new HttpResult(uri, 200, result.headers(), cached[1]);
      }
      if (result.status() == 200 && result.header("etag") != null) {
        etags.put(uri.toString(), result.header("etag"), result.body(), null);
      }
      return result;
    }

    private static List<Emission> reject(String packageName, String error, String payload) {
      return one(REJECTS, Reject.of(STEP, packageName, error, payload));
    }
  }
}
