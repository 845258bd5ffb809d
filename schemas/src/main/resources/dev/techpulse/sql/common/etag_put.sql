-- The last 200 answer of a URL with its ETag (and Link), sent back as If-None-Match next run.
MERGE INTO mart.http_cache AS m
USING (
  SELECT CAST(:url AS VARCHAR) AS url, CAST(:etag AS VARCHAR) AS etag,
         CAST(:body AS VARCHAR) AS body, CAST(:link AS VARCHAR) AS link
) AS s
ON m.url = s.url
WHEN MATCHED THEN UPDATE SET
  etag = s.etag, body = s.body, link = s.link, fetched_at = CURRENT_TIMESTAMP
WHEN NOT MATCHED THEN INSERT (url, etag, body, link, fetched_at)
  VALUES (s.url, s.etag, s.body, s.link, CURRENT_TIMESTAMP)
