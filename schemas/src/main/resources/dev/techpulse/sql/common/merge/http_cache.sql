-- mart.http_cache: the latest 200 answer (ETag, body, Link) of each URL this run fetched, sent
-- back as If-None-Match next run. The run's staged copies are then dropped: bodies are large
-- and only the latest per URL is ever read. A dated window (since=, which moves with --endDate)
-- fetched again under a new date replaces its older window rather than adding a body per run.
DELETE FROM mart.http_cache
WHERE url LIKE '%since=%'
  AND split_part(url, '?', 1) IN (
    SELECT split_part(url, '?', 1) FROM staging.http_cache
    WHERE run_id = :run_id AND url LIKE '%since=%'
  )
  AND url NOT IN (SELECT url FROM staging.http_cache WHERE run_id = :run_id)
;
MERGE INTO mart.http_cache AS m
USING (
  SELECT url, etag, body, link, fetched_at
  FROM staging.http_cache
  WHERE run_id = :run_id
  QUALIFY row_number() OVER (PARTITION BY url ORDER BY fetched_at DESC, loaded_at DESC) = 1
) AS s
ON m.url = s.url
WHEN MATCHED THEN UPDATE SET
  etag = s.etag, body = s.body, link = s.link, fetched_at = s.fetched_at
WHEN NOT MATCHED THEN INSERT (url, etag, body, link, fetched_at)
  VALUES (s.url, s.etag, s.body, s.link, s.fetched_at)
;
DELETE FROM staging.http_cache WHERE run_id = :run_id
