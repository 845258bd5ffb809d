package dev.techpulse.transforms.github;

import dev.techpulse.schemas.GithubRepo;
import dev.techpulse.schemas.Reject;
import dev.techpulse.transforms.fetch.DistinctInBatches;
import dev.techpulse.transforms.fetch.SourceConfig;
import dev.techpulse.transforms.http.HttpResult;
import dev.techpulse.transforms.http.MalformedResponseException;
import dev.techpulse.transforms.warehouse.RunSpool;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
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
 * it back to their technology.
 */
public class FetchGithubRepos extends PTransform<PCollection<String>, PCollectionTuple> {
  public static final TupleTag<KV<String, GithubRepo>> REPOS = new TupleTag<>() {};
  public static final TupleTag<Reject> REJECTS = new TupleTag<>() {};
  public static final String STEP = "github_repo";

  private final SourceConfig config;
  private final RunSpool etagCache;

  /**
   * @param etagCache where ETags persist across runs, or null to send no conditional requests
   */
  public FetchGithubRepos(SourceConfig config, RunSpool etagCache) {
    this.config = config;
    this.etagCache = etagCache;
  }

  @Override
  public PCollectionTuple expand(PCollection<String> repos) {
    return repos
        .apply("DeduplicateRepos", DistinctInBatches.create())
        .apply(
            "GetGithubRepos",
            ParDo.of(new FetchRepoFn(config, etagCache))
                .withOutputTags(REPOS, TupleTagList.of(REJECTS)));
  }

  static class FetchRepoFn extends GithubFetchFn<String, KV<String, GithubRepo>> {
    FetchRepoFn(SourceConfig config, RunSpool etagCache) {
      super("github", config, etagCache, REJECTS);
    }

    @Override
    protected List<Emission> fetch(String repo) {
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
