package dev.techpulse.transforms.github;

import dev.techpulse.schemas.GithubRepo;
import dev.techpulse.schemas.HttpCacheEntry;
import dev.techpulse.schemas.Reject;
import dev.techpulse.transforms.fetch.JoinCachedAnswers;
import dev.techpulse.transforms.fetch.SourceConfig;
import dev.techpulse.transforms.http.BaseUrl;
import dev.techpulse.transforms.http.HttpResult;
import dev.techpulse.transforms.http.MalformedResponseException;
import dev.techpulse.transforms.warehouse.ReadHttpCache;
import dev.techpulse.transforms.warehouse.WarehouseConfig;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Repository names ({@code owner/name}, lower-cased) in; a snapshot of each ({@code GET
 * /repos/{owner}/{repo}}, following renames) out, keyed by the name asked for so callers can map
 * it back to their technology. Cached answers ({@code mart.http_cache}) are read once and
 * joined by URL; answers with a new ETag come out under {@link #CACHE}.
 */
public class FetchGithubRepos extends PTransform<PCollection<String>, PCollectionTuple> {
  public static final TupleTag<KV<String, GithubRepo>> REPOS = new TupleTag<>() {};
  public static final TupleTag<Reject> REJECTS = new TupleTag<>() {};
  /** Answers with a new ETag, for {@code mart.http_cache}. */
  public static final TupleTag<HttpCacheEntry> CACHE = new TupleTag<>() {};
  public static final String STEP = "github_repo";

  private final SourceConfig config;
  private final WarehouseConfig cacheWarehouse;

  /**
   * @param cacheWarehouse where {@code mart.http_cache} lives, or null to send no conditional
   *     requests
   */
  public FetchGithubRepos(SourceConfig config, WarehouseConfig cacheWarehouse) {
    this.config = config;
    this.cacheWarehouse = cacheWarehouse;
  }

  @Override
  public PCollectionTuple expand(PCollection<String> repos) {
    String base = config.githubApiUrl();
    PCollection<HttpCacheEntry> cached = null;
    if (cacheWarehouse != null) {
      String prefix = BaseUrl.resolve(base, "/repos/").toString();
      cached =
          repos
              .getPipeline()
              .apply("ReadRepoAnswers", ReadHttpCache.under(cacheWarehouse, prefix))
              .apply(
                  "KeepRepoAnswers",
                  Filter.by(e -> e.getUrl().substring(prefix.length()).split("/").length == 2));
    }
    return repos
        .apply(
            "DeduplicateRepos",
            JoinCachedAnswers.<String>of(r -> BaseUrl.resolve(base, "/repos/" + r).toString(),
                cached))
        .apply(
            "GetGithubRepos",
            ParDo.of(new FetchRepoFn(config))
                .withOutputTags(REPOS, TupleTagList.of(REJECTS).and(CACHE)));
  }

  static class FetchRepoFn extends GithubFetchFn<String, KV<String, GithubRepo>> {
    FetchRepoFn(SourceConfig config) {
      super("github", config, REJECTS, CACHE);
    }

    @Override
    protected List<Emission> fetch(String repo, GithubClient client) {
      String path = "/repos/" + repo;
      HttpResult result;
      try {
        result = client.get(path);
      } catch (IOException e) {
        return reject(repo, "GET " + path + ": " + e.getMessage(), null);
      }
      if (result.status() == 404) {
        return reject(repo, "unknown repository: GET " + path + " returned 404", result.body());
      }
      if (!result.isSuccess()) {
        return reject(repo, "GET " + path + " returned HTTP " + result.status(), result.body());
      }
      try {
        return one(REPOS, KV.of(repo, GithubRepoDocument.parse(result.body(), Instant.now())));
      } catch (MalformedResponseException e) {
        return reject(repo, "malformed repository: " + e.getMessage(), result.body());
      }
    }

    private static List<Emission> reject(String repo, String error, String payload) {
      return one(REJECTS, Reject.of(STEP, repo, error, payload));
    }
  }
}
