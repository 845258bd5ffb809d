package dev.techpulse.schemas;

import com.google.auto.value.AutoValue;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One answer kept for conditional requests: a row of {@code mart.http_cache}. Read into a run to
 * send {@code If-None-Match} (and replay the body on a 304), and written by the fetches for the
 * next run.
 */
@DefaultCoder(WarehouseRowCoder.class)
@AutoValue
public abstract class HttpCacheEntry implements WarehouseRow {

  public abstract String getUrl();

  public abstract String getEtag();

  public abstract String getBody();

  /** The answer's {@code Link} header: a 304 need not repeat it. */
  public abstract @Nullable String getLink();

  public abstract Instant getFetchedAt();

  public static HttpCacheEntry create(
      String url, String etag, String body, @Nullable String link, Instant fetchedAt) {
    return new AutoValue_HttpCacheEntry(url, etag, body, link, fetchedAt);
  }

  @Override
  public List<Object> columnValues() {
    return Arrays.asList(getUrl(), getEtag(), getBody(), getLink(), getFetchedAt());
  }
}
