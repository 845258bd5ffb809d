package dev.techpulse.transforms.github;

import dev.techpulse.schemas.HttpCacheEntry;
import dev.techpulse.transforms.fetch.ConcurrentFetchFn;
import dev.techpulse.transforms.fetch.SourceConfig;
import dev.techpulse.transforms.http.CachedAnswers;
import dev.techpulse.transforms.http.HttpFetcher;
import dev.techpulse.transforms.http.Sleeper;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * A fetching DoFn that calls GitHub: every such stage shares one per-JVM pool of {@code
 * --githubConcurrency} threads, and reads the token on the worker (environment or Secret
 * Manager, see {@link SourceConfig#githubToken()}). Each element arrives with the cached answers
 * of its URLs ({@code If-None-Match}); answers with a new ETag leave on the {@code cache} output
 * for {@code mart.http_cache}.
 */
abstract class GithubFetchFn<InputT, MainT>
    extends ConcurrentFetchFn<KV<InputT, List<HttpCacheEntry>>, MainT> {
  protected final SourceConfig config;
  private final TupleTag<HttpCacheEntry> cache;
  private transient HttpFetcher fetcher;
  private transient String token;

  GithubFetchFn(
      String stage, SourceConfig config, TupleTag<?> rejects, TupleTag<HttpCacheEntry> cache) {
    super(stage, "github", config.githubConcurrency(), rejects);
    this.config = config;
    this.cache = cache;
  }

  @Override
  protected void setUpClients() {
    fetcher = sharedFetcher(config.http());
    token = config.githubToken();
  }

  @Override
  protected final List<Emission> fetch(KV<InputT, List<HttpCacheEntry>> element)
      throws Exception {
    CachedAnswers answers = new CachedAnswers(element.getValue());
    GithubClient client =
        new GithubClient(
            fetcher, config.githubApiUrl(), token, config.githubMaxWait(), Sleeper.REAL, answers);
    List<Emission> out = new ArrayList<>(fetch(element.getKey(), client));
    for (HttpCacheEntry written : answers.written()) {
      out.add(new Emission(cache, written));
    }
    return out;
  }

  /** Fetches one element with a client that knows the element's cached answers. */
  protected abstract List<Emission> fetch(InputT element, GithubClient client) throws Exception;
}
