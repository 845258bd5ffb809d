package dev.techpulse.transforms.http;

import dev.techpulse.schemas.HttpCacheEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cached answers of one element's URLs, joined to the element before it is fetched, and the
 * answers it receives for the next run. One per element, used by one thread: no lock, no
 * database round trip per request.
 */
public final class CachedAnswers implements EtagStore {
  private final Map<String, HttpCacheEntry> known = new HashMap<>();
  private final List<HttpCacheEntry> written = new ArrayList<>();

  public CachedAnswers(Iterable<HttpCacheEntry> entries) {
    for (HttpCacheEntry e : entries) {
      known.put(e.getUrl(), e);
    }
  }

  @Override
  public String[] get(String url) {
    HttpCacheEntry e = known.get(url);
    return e == null ? null : new String[] {e.getEtag(), e.getBody(), e.getLink()};
  }

  @Override
  public void put(String url, String etag, String body, String link) {
    HttpCacheEntry e = HttpCacheEntry.create(url, etag, body, link, Instant.now());
    known.put(url, e);
    written.add(e);
  }

  /** Answers with a new ETag, for {@code mart.http_cache}. */
  public List<HttpCacheEntry> written() {
    return written;
  }

  /** The key an answer is joined to its element by: its URL without the query. */
  public static String joinKey(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }
}
