package dev.techpulse.transforms.github;

import dev.techpulse.transforms.fetch.ConcurrentFetchFn;
import dev.techpulse.transforms.fetch.SourceConfig;
import dev.techpulse.transforms.http.EtagStore;
import dev.techpulse.transforms.http.HttpFetcher;
import dev.techpulse.transforms.http.Sleeper;
import dev.techpulse.transforms.warehouse.RunSpool;
import dev.techpulse.transforms.warehouse.WarehouseEtagStore;
import org.apache.beam.sdk.values.TupleTag;

/**
 * A fetching DoFn that calls GitHub: every such stage shares one per-JVM pool of {@code
 * --githubConcurrency} threads, and reads the token on the worker (environment or Secret
 * Manager, see {@link SourceConfig#githubToken()}).
 */
abstract class GithubFetchFn<InputT, MainT> extends ConcurrentFetchFn<InputT, MainT> {
  protected final SourceConfig config;
  private final RunSpool etagCache;
  protected transient GithubClient client;
  private transient WarehouseEtagStore etags;

  GithubFetchFn(
      String stage, SourceConfig config, RunSpool etagCache, TupleTag<?> rejects) {
    super(stage, "github", config.githubConcurrency(), rejects);
    this.config = config;
    this.etagCache = etagCache;
  }

  @Override
  protected void setUpClients() {
    etags = etagCache == null ? null : new WarehouseEtagStore(etagCache);
    client =
        new GithubClient(
            sharedFetcher(config.http()),
            config.githubApiUrl(),
            config.githubToken(),
            config.githubMaxWait(),
            Sleeper.REAL,
            etags == null ? EtagStore.NONE : etags);
  }

  @Override
  protected void finishBundleClients() throws Exception {
    if (etags != null) {
      etags.flush();
    }
  }

  @Override
  protected void tearDownClients() {
    if (etags != null) {
      etags.close();
    }
  }
}
