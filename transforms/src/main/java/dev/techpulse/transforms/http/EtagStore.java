package dev.techpulse.transforms.http;

/** Where ETags and the bodies they stand for live between runs, keyed by URL. */
public interface EtagStore {
  /**
   * The stored {@code [etag, body, link]} for a URL, or null. {@code link} is the answer's
   * {@code Link} header (null when none), kept because a 304 need not repeat it.
   */
  String[] get(String url);

  void put(String url, String etag, String body, String link);

  /** Remembers nothing: every request is unconditional. */
  EtagStore NONE =
      new EtagStore() {
        @Override
        public String[] get(String url) {
          return null;
        }

        @Override
        public void put(String url, String etag, String body, String link) {}
      };
}
